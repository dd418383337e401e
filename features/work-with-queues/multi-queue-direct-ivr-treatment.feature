@model:multi-queue-direct-ivr-treatment @source:GenEM/WorkWithQueues
Feature: Multiple-queue call treated at an IVR port, with direct treatment at the IVR port
  Alice calls the ACD queue Sales; the call is queued at Sales and at a second queue, Service. With
  no agent ready, the call is placed directly at the IVR port Ivy for treatment (no IVR queue in
  between), and stays queued at both queues. When an agent becomes ready, both queues divert the
  call to the agent and Ivy lets the call go, in one row of the table; the agent answers.

  Source: Genesys Events and Models Reference, Work with Queues, "Multiple-Queue, Call Treated at an
  IVR Port: Direct Treatment at IVR Port" (columns External party, Q1, Q2, IVR, Agent). Its rows were
  read as event names in order, without attributes: EventDialing; EventQueued; "Call Placed in
  Second Queue", EventQueued; "Call Placed Directly to IVR Port", EventRinging; "Answer",
  EventEstablished; "Agent Ready", EventDiverted, EventDiverted, EventReleased (footnote a),
  EventRinging; "Answer", then the page copy ends. The documented scenarios assert only that:
  which DN gets which event, in which row, on the one call. The attributes are not read for this
  model: the @inferred scenarios give them as GenEM gives the same events in the model just before
  it on the same page ("… treatment at an IVR queue", read with attributes): the queues' events
  carry ThisQueue = the queue and OtherDN the caller, their EventDiverted ThirdPartyDN the agent,
  the agent rings with ThisQueue the first queue. Footnote b of that model (the caller may be told
  EventEstablished together with the IVR port, in some deployments) is a Rule per variant, as there;
  this model's row shows only the IVR port's EventEstablished, so the other variant is @inferred.

  Uncertain: the page drops a row's empty leading cells, so the column of each event is placed by
  the model before it (the first EventQueued at Sales, the second at Service, the ringing and
  answer at the IVR port). The IVR port's ThisQueue and CallState are not asserted: with no IVR queue
  there is no queue to name and no reason read for ConverseOn. The agent's answer (after the cut) is
  not restated; the interruption point * is reconstructed as in the model before it.

  Background:
    Given the switch is configured with these parties:
      | party   | kind         | DN   | agent | queue | options                          |
      | Alice   | extension    | 7001 |       |       |                                  |
      | Sales   | ACD queue    | 8001 |       |       | also-queue=Service; ivr-port=Ivy |
      | Service | ACD queue    | 8002 |       |       |                                  |
      | Ivy     | extension    | 7101 |       |       |                                  |
      | Bob     | ACD position | 7002 | 1002  | Sales |                                  |

  Rule: With no agent ready, the call is queued at both queues and placed directly at the IVR port

    @documented
    Scenario: Alice calls Sales; the call is queued at Sales and Service and rings at Ivy
      When Alice calls Sales
      Then the switch reports, in order:
        | step | dn      | event        | ConnID | ThisDN  |
        | 1    | Alice   | EventDialing | $call1 | Alice   |
        | 2    | Sales   | EventQueued  | $call1 | Sales   |
        | 3    | Service | EventQueued  | $call1 | Service |
        | 4    | Ivy     | EventRinging | $call1 | Ivy     |

    @inferred
    Scenario: Alice calls Sales; each queue's EventQueued names the queue and Alice, as in the model before it
      When Alice calls Sales
      Then each DN receives, in order:
        | dn      | event        | ConnID | ThisDN  | ThisQueue | OtherDN     |
        | Alice   | EventDialing | $call1 | Alice   |           | Sales *DIAL |
        | Sales   | EventQueued  | $call1 | Sales   | Sales     | Alice       |
        | Service | EventQueued  | $call1 | Service | Service   | Alice       |
        | Ivy     | EventRinging | $call1 | Ivy     |           |             |

  Rule: The IVR port answers; how the caller is told depends on the deployment (footnote b of the model before it)

    @requires:ivr:caller-connected-to-agent-only
    Scenario: Ivy answers, and only Ivy is told
      Given Alice's call to Sales is ringing at Ivy
      When Ivy answers
      Then Ivy receives, in order:
        | event            | ConnID | ThisDN |
        | EventEstablished | $call1 | Ivy    |

    @inferred @requires:ivr:caller-connected-at-ivr-answer
    Scenario: Ivy answers, and Alice's EventEstablished arrives together with Ivy's
      Given Alice's call to Sales is ringing at Ivy
      When Ivy answers
      Then the switch reports, in any order:
        | dn    | event            | ConnID | ThisDN |
        | Ivy   | EventEstablished | $call1 | Ivy    |
        | Alice | EventEstablished | $call1 | Alice  |

  Rule: An agent who becomes ready gets the call from both queues, and the IVR port lets it go (one row)

    @documented
    Scenario: Bob becomes ready while Ivy treats the call
      Given Bob is logged in
      And Alice is waiting in Sales while Ivy treats the call
      When Bob becomes ready
      Then each DN receives, in order:
        | dn      | event           | ConnID | ThisDN  | ReferenceID |
        | Bob     | EventAgentReady |        | Bob     | $request    |
        | Sales   | EventDiverted   | $call1 | Sales   |             |
        | Service | EventDiverted   | $call1 | Service |             |
        | Ivy     | EventReleased   | $call1 | Ivy     |             |
        | Bob     | EventRinging    | $call1 | Bob     |             |

    @inferred
    Scenario: Bob becomes ready; both queues divert the call to him and he rings with Sales as ThisQueue, as in the model before it
      Given Bob is logged in
      And Alice is waiting in Sales while Ivy treats the call
      When Bob becomes ready
      Then each DN receives, in order:
        | dn      | event           | ConnID | ThisDN  | ThisQueue | OtherDN | ThirdPartyDN | ReferenceID |
        | Bob     | EventAgentReady |        | Bob     |           |         |              | $request    |
        | Sales   | EventDiverted   | $call1 | Sales   | Sales     | Alice   | Bob          |             |
        | Service | EventDiverted   | $call1 | Service | Service   | Alice   | Bob          |             |
        | Ivy     | EventReleased   | $call1 | Ivy     |           |         |              |             |
        | Bob     | EventRinging    | $call1 | Bob     | Sales     | Alice   |              |             |

  Rule: Interruption point * — Alice hangs up while Ivy treats the call

    @inferred
    Scenario: Alice hangs up; both queues report the call abandoned and Ivy releases it
      Given Alice is waiting in Sales while Ivy treats the call
      When Alice hangs up
      Then each DN receives, in order:
        | dn      | event          | ConnID | ThisDN  | ThisQueue | OtherDN    |
        | Alice   | EventReleased  | $call1 | Alice   |           | Sales *OPT |
        | Sales   | EventAbandoned | $call1 | Sales   | Sales     |            |
        | Service | EventAbandoned | $call1 | Service | Service   |            |
        | Ivy     | EventReleased  | $call1 | Ivy     |           |            |
