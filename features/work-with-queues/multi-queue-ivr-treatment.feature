@model:multi-queue-ivr-treatment @source:GenEM/WorkWithQueues
Feature: Multiple-queue call treated at an IVR port, with treatment at an IVR queue
  Alice calls the ACD queue Sales. The switch places the call in Sales and also in a second queue,
  Service; with no agent ready it places the call in the IVR queue Voice as well, which diverts it
  to the IVR port Ivy in converse mode (CallState ConverseOn): the call stays queued at Sales and
  Service while Ivy treats it. When an agent of Sales becomes ready, both queues divert the call to
  the agent, Ivy lets the call go, and the agent's phone rings with ThisQueue Sales. Alice is
  connected only when the agent answers.

  Source: Genesys Events and Models Reference, Work with Queues (Voice Microservices copy),
  "Multiple-queue call treated at an IVR port, with treatment at an IVR queue": the per-DN table
  with attributes, its footnotes a and b, and the abnormal branch `*` were read.
  The table prints "ThisDN Q2 / ThisQueue Q2" for the IVR queue's EventQueued and "RQ2" for the
  first queue's ThisQueue in step 7; both are read here as the obvious typos (Voice, Sales). The
  agent's EventAgentReady is the answer to its own request (agent model), not part of the table.
  Not checked: timestamps, attributes the table does not list for an event.

  Uncertain: once Ivy has finished the treatment early (footnote a), the table does not say what
  the agent's distribution looks like; that scenario assumes step 7 without Ivy's EventReleased.
  How the switch is told to queue the call in Service and in Voice is the lab's ACD program; here
  it is the DN options of Sales. Where the caller is told of the connection at the IVR's answer
  (footnote b), the table does not say whether she is told again when the agent answers: there her
  EventEstablished is allowed, not required, while the agent's (read) is required; her ThisQueue
  on it is not checked.

  Background:
    Given the switch is configured with these parties:
      | party   | kind         | DN   | agent | queue | options                             |
      | Alice   | extension    | 7001 |       |       |                                     |
      | Sales   | ACD queue    | 8001 |       |       | also-queue=Service; ivr-queue=Voice |
      | Service | ACD queue    | 8002 |       |       |                                     |
      | Voice   | ACD queue    | 8003 |       |       | ivr-ports=Ivy                       |
      | Ivy     | extension    | 7101 |       |       |                                     |
      | Bob     | ACD position | 7002 | 1002  | Sales |                                     |

  Rule: With no agent ready, the call is queued at both queues and treated at an IVR port through the IVR queue

    Scenario: Alice calls Sales; the call is queued at Sales and Service, then at Voice, which diverts it to Ivy
      When Alice calls Sales
      Then the switch reports, in order:
        | step | dn      | event         | ConnID | ThisDN  | ThisDNRole  | ThisQueue | OtherDN     | OtherDNRole       | ThirdPartyDN | CallState  |
        | 1    | Alice   | EventDialing  | $call1 | Alice   | Origination |           | Sales *DIAL | Destination *DIAL |              |            |
        | 2    | Sales   | EventQueued   | $call1 | Sales   |             | Sales     | Alice       |                   |              |            |
        | 3    | Service | EventQueued   | $call1 | Service |             | Service   | Alice       |                   |              |            |
        | 4    | Voice   | EventQueued   | $call1 | Voice   |             | Voice     | Alice       |                   |              |            |
        | 5    | Voice   | EventDiverted | $call1 | Voice   |             | Voice     | Alice       |                   | Ivy          | ConverseOn |
        | 5    | Ivy     | EventRinging  | $call1 | Ivy     |             | Voice     | Alice       |                   |              | ConverseOn |

  Rule: The IVR port answers in converse mode; how the caller is told depends on the deployment (footnote b)

    @requires:ivr:caller-connected-to-agent-only
    Scenario: Ivy answers and only Ivy is told; Alice stays unconnected
      Given Alice's call to Sales is ringing at Ivy
      When Ivy answers
      Then Ivy receives, in order:
        | event            | ConnID | ThisDN | ThisQueue | OtherDN |
        | EventEstablished | $call1 | Ivy    | Voice     | Alice   |

    @requires:ivr:caller-connected-at-ivr-answer
    Scenario: Ivy answers, and Alice's EventEstablished arrives together with Ivy's (some deployments, especially through PSTN)
      Given Alice's call to Sales is ringing at Ivy
      When Ivy answers
      Then the switch reports, in any order:
        | dn    | event            | ConnID | ThisDN | ThisQueue | OtherDN |
        | Ivy   | EventEstablished | $call1 | Ivy    | Voice     | Alice   |
        | Alice | EventEstablished | $call1 | Alice  |           |         |

  Rule: An agent who becomes ready gets the call from every queue, and the IVR port lets the call go

    Scenario: Bob becomes ready while Ivy treats the call; Sales and Service divert the call to Bob, Ivy releases it, Bob rings
      Given Bob is logged in
      And Alice is waiting in Sales while Ivy treats the call
      When Bob becomes ready
      Then each DN receives, in order:
        | dn      | event           | ConnID | ThisDN  | ThisQueue | OtherDN    | ThirdPartyDN | ReferenceID |
        | Bob     | EventAgentReady |        | Bob     |           |            |              | $request    |
        | Sales   | EventDiverted   | $call1 | Sales   | Sales     | Alice      | Bob          |             |
        | Service | EventDiverted   | $call1 | Service | Service   | Alice      | Bob          |             |
        | Ivy     | EventReleased   | $call1 | Ivy     | Voice     | Alice *OPT |              |             |
        | Bob     | EventRinging    | $call1 | Bob     | Sales     | Alice      |              |             |

    @requires:ivr:caller-connected-to-agent-only
    Scenario: Bob answers, and Alice and Bob are connected
      Given Bob is logged in
      And Alice is waiting in Sales while Ivy treats the call
      And Bob is ready
      When Bob answers
      Then each DN receives, in order:
        | dn    | event            | ConnID | ThisDN | ThisQueue | OtherDN | CallState |
        | Alice | EventEstablished | $call1 | Alice  |           | Bob     | Ok        |
        | Bob   | EventEstablished | $call1 | Bob    | Sales     | Alice   | Ok        |

    @requires:ivr:caller-connected-at-ivr-answer
    Scenario: Bob answers, and Bob is connected to Alice, who was told of the connection at the IVR's answer
      Given Bob is logged in
      And Alice is waiting in Sales while Ivy treats the call
      And Bob is ready
      When Bob answers
      Then Alice may also receive, in order:
        | event            | ConnID | OtherDN |
        | EventEstablished | $call1 | Bob     |
      And Bob receives, in order:
        | event            | ConnID | ThisDN | ThisQueue | OtherDN | CallState |
        | EventEstablished | $call1 | Bob    | Sales     | Alice   | Ok        |

  Rule: The IVR port can release the call before an agent is available, when it finishes the treatment first (footnote a)

    Scenario: Ivy finishes the treatment while no agent is ready, and only Ivy is told
      Given Alice is waiting in Sales while Ivy treats the call
      When Ivy finishes the treatment
      Then Ivy receives, in order:
        | event         | ConnID | ThisDN | ThisQueue | OtherDN    | ReferenceID |
        | EventReleased | $call1 | Ivy    | Voice     | Alice *OPT | $request    |

    @inferred
    Scenario: Bob becomes ready after Ivy finished the treatment; the queues divert the call to Bob
      Given Bob is logged in
      And Alice is waiting in Sales, and Ivy has finished the treatment
      When Bob becomes ready
      Then each DN receives, in order:
        | dn      | event           | ConnID | ThisDN  | ThisQueue | OtherDN | ThirdPartyDN | ReferenceID |
        | Bob     | EventAgentReady |        | Bob     |           |         |              | $request    |
        | Sales   | EventDiverted   | $call1 | Sales   | Sales     | Alice   | Bob          |             |
        | Service | EventDiverted   | $call1 | Service | Service   | Alice   | Bob          |             |
        | Bob     | EventRinging    | $call1 | Bob     | Sales     | Alice   |              |             |

  Rule: Interruption point * — Alice hangs up while the call is queued and treated

    Scenario: Alice hangs up while Ivy treats the call; every queue reports the call abandoned and Ivy releases it
      Given Alice is waiting in Sales while Ivy treats the call
      When Alice hangs up
      Then each DN receives, in order:
        | dn      | event          | ConnID | ThisDN  | ThisQueue | OtherDN    |
        | Alice   | EventReleased  | $call1 | Alice   |           | Sales *OPT |
        | Sales   | EventAbandoned | $call1 | Sales   | Sales     |            |
        | Service | EventAbandoned | $call1 | Service | Service   |            |
        | Voice   | EventAbandoned | $call1 | Voice   | Voice     |            |
        | Ivy     | EventReleased  | $call1 | Ivy     | Voice     |            |
