@model:multi-queue-direct-ivr-treatment @source:GenEM/WorkWithQueues @inferred
Feature: Multiple-queue call treated at an IVR port, with direct treatment at the IVR port
  Alice calls the ACD queue Sales; the call is queued at Sales and at a second queue, Service. With
  no agent ready, Sales sends the call straight to its IVR port Ivy for treatment in converse mode
  (no IVR queue in between), and the call stays queued at both queues. When an agent becomes ready,
  both queues divert the call to the agent and Ivy lets the call go.

  Source: Genesys Events and Models Reference, Work with Queues (Voice Microservices copy): only the
  header of this model was read, right after the model with treatment at an IVR queue (digest 1
  §3.1b). Everything below restates that sibling model without the IVR queue.

  Uncertain: the whole table is reconstructed. In particular: that no queue reports EventDiverted
  when the call is sent to the IVR port; that Ivy's events name Sales as ThisQueue and carry
  CallState ConverseOn while ringing; that Alice is not told when Ivy answers; and the events of the
  abnormal branch (as in the sibling model).

  Background:
    Given the switch is configured with these parties:
      | party   | kind         | DN   | agent | queue | options                          |
      | Alice   | extension    | 7001 |       |       |                                  |
      | Sales   | ACD queue    | 8001 |       |       | also-queue=Service; ivr-port=Ivy |
      | Service | ACD queue    | 8002 |       |       |                                  |
      | Ivy     | extension    | 7101 |       |       |                                  |
      | Bob     | ACD position | 7002 | 1002  | Sales |                                  |

  Rule: With no agent ready, the queue sends the call directly to its IVR port while it stays queued

    Scenario: Alice calls Sales; the call is queued at Sales and Service and offered to Ivy in converse mode
      When Alice calls Sales
      Then the switch reports, in order:
        | step | dn      | event        | ConnID | ThisDN  | ThisQueue | OtherDN     | CallState  |
        | 1    | Alice   | EventDialing | $call1 | Alice   |           | Sales *DIAL |            |
        | 2    | Sales   | EventQueued  | $call1 | Sales   | Sales     | Alice       |            |
        | 3    | Service | EventQueued  | $call1 | Service | Service   | Alice       |            |
        | 4    | Ivy     | EventRinging | $call1 | Ivy     | Sales     | Alice       | ConverseOn |

    Scenario: Ivy answers, and only Ivy is told
      Given Alice's call to Sales is ringing at Ivy
      When Ivy answers
      Then Ivy receives, in order:
        | event            | ConnID | ThisDN | ThisQueue | OtherDN |
        | EventEstablished | $call1 | Ivy    | Sales     | Alice   |

  Rule: An agent who becomes ready gets the call from both queues, and the IVR port lets it go

    Scenario: Bob becomes ready while Ivy treats the call
      Given Bob is logged in
      And Alice is waiting in Sales while Ivy treats the call
      When Bob becomes ready
      Then each DN receives, in order:
        | dn      | event           | ConnID | ThisDN  | ThisQueue | OtherDN    | ThirdPartyDN | ReferenceID |
        | Bob     | EventAgentReady |        | Bob     |           |            |              | $request    |
        | Sales   | EventDiverted   | $call1 | Sales   | Sales     | Alice      | Bob          |             |
        | Service | EventDiverted   | $call1 | Service | Service   | Alice      | Bob          |             |
        | Ivy     | EventReleased   | $call1 | Ivy     | Sales     | Alice *OPT |              |             |
        | Bob     | EventRinging    | $call1 | Bob     | Sales     | Alice      |              |             |

  Rule: Interruption point * — Alice hangs up while Ivy treats the call

    Scenario: Alice hangs up; both queues report the call abandoned and Ivy releases it
      Given Alice is waiting in Sales while Ivy treats the call
      When Alice hangs up
      Then each DN receives, in order:
        | dn      | event          | ConnID | ThisDN  | ThisQueue | OtherDN    |
        | Alice   | EventReleased  | $call1 | Alice   |           | Sales *OPT |
        | Sales   | EventAbandoned | $call1 | Sales   | Sales     |            |
        | Service | EventAbandoned | $call1 | Service | Service   |            |
        | Ivy     | EventReleased  | $call1 | Ivy     | Sales     |            |
