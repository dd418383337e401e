@model:basic-call-multiple-acds @source:GenEM/BasicCallModels @source:GenEM/WorkWithQueues
Feature: Connection-establishing phase, call queued to multiple ACDs
  Alice calls the ACD queue Sales, and the switch places the call in a second queue, Service, as
  well. The call stays queued at both until an agent of either queue takes it: then both queues
  divert the call to that agent, whose phone rings with ThisQueue naming the queue the agent was
  chosen through. If Alice hangs up first, both queues report the call abandoned.

  Source: Genesys Events and Models Reference, Basic Call Models, "Connection-establishing phase …
  queued to multiple ACDs" — known by its title only. The events are those of the table read in Work
  with Queues (Voice Microservices copy), "Multiple-queue call treated at an IVR port": its rows 1–3
  (the dialing, EventQueued at each queue), row 7 (every queue diverts the call to the agent while
  the agent rings) and row 8, and its interruption point `*`, without the IVR treatment. Not
  checked: timestamps.

  Rows 7 and 8 are restated as read with Dana, an agent of the first queue (her own EventAgentReady,
  which the read row does not list, is allowed there, not required).

  Uncertain: that an agent of the second queue (Bob) gets the call the same way, and that its
  EventRinging then names the second queue as ThisQueue, is reconstructed (the read table has the
  agent in the first queue).

  Background:
    Given the switch is configured with these parties:
      | party   | kind         | DN   | agent | queue   | options            |
      | Alice   | extension    | 7001 |       |         |                    |
      | Sales   | ACD queue    | 8001 |       |         | also-queue=Service |
      | Service | ACD queue    | 8002 |       |         |                    |
      | Bob     | ACD position | 7002 | 1002  | Service |                    |
      | Dana    | ACD position | 7004 | 1004  | Sales   |                    |

  Rule: The call is queued at every queue and taken by the first agent of any of them

    Scenario: Alice calls Sales, and the call is queued at Sales and at Service
      When Alice calls Sales
      Then the switch reports, in order:
        | step | dn      | event        | ConnID | ThisDN  | ThisDNRole  | ThisQueue | OtherDN     | OtherDNRole       |
        | 1    | Alice   | EventDialing | $call1 | Alice   | Origination |           | Sales *DIAL | Destination *DIAL |
        | 2    | Sales   | EventQueued  | $call1 | Sales   |             | Sales     | Alice       |                   |
        | 3    | Service | EventQueued  | $call1 | Service |             | Service   | Alice       |                   |

    Scenario: Dana of Sales becomes ready; both queues divert the call to her and her phone rings, naming Sales (7)
      Given Dana is logged in
      And Alice is waiting in Sales
      When Dana becomes ready
      Then Dana may also receive, in order:
        | event           |
        | EventAgentReady |
      And each DN receives, in order:
        | dn      | event         | ConnID | ThisDN  | ThisQueue | OtherDN | ThirdPartyDN |
        | Sales   | EventDiverted | $call1 | Sales   | Sales     | Alice   | Dana         |
        | Service | EventDiverted | $call1 | Service | Service   | Alice   | Dana         |
        | Dana    | EventRinging  | $call1 | Dana    | Sales     | Alice   |              |

    @inferred
    Scenario: Bob of Service becomes ready; both queues divert the call to him and his phone rings
      Given Bob is logged in
      And Alice is waiting in Sales
      When Bob becomes ready
      Then each DN receives, in order:
        | dn      | event           | ConnID | ThisDN  | ThisQueue | OtherDN | ThirdPartyDN | ReferenceID |
        | Bob     | EventAgentReady |        | Bob     |           |         |              | $request    |
        | Sales   | EventDiverted   | $call1 | Sales   | Sales     | Alice   | Bob          |             |
        | Service | EventDiverted   | $call1 | Service | Service   | Alice   | Bob          |             |
        | Bob     | EventRinging    | $call1 | Bob     | Service   | Alice   |              |             |

    Scenario: Bob answers, and Alice and Bob are connected
      Given Bob is ready
      And Alice's call to Sales is ringing at Bob
      When Bob answers
      Then each DN receives, in order:
        | dn    | event            | ConnID | ThisDN | OtherDN | CallState |
        | Alice | EventEstablished | $call1 | Alice  | Bob     | Ok        |
        | Bob   | EventEstablished | $call1 | Bob    | Alice   | Ok        |

    Scenario: Dana of Sales answers, and Alice and Dana are connected, Dana's call naming Sales (8)
      Given Dana is ready
      And Alice's call to Sales is ringing at Dana
      When Dana answers
      Then each DN receives, in order:
        | dn    | event            | ConnID | ThisDN | ThisQueue | OtherDN | CallState |
        | Alice | EventEstablished | $call1 | Alice  |           | Dana    | Ok        |
        | Dana  | EventEstablished | $call1 | Dana   | Sales     | Alice   | Ok        |

  Rule: Interruption point * — Alice hangs up while the call is queued

    Scenario: Alice hangs up, and both queues report the call abandoned
      Given Alice is waiting in Sales
      When Alice hangs up
      Then each DN receives, in order:
        | dn      | event          | ConnID | ThisDN  | ThisQueue | OtherDN    |
        | Alice   | EventReleased  | $call1 | Alice   |           | Sales *OPT |
        | Sales   | EventAbandoned | $call1 | Sales   | Sales     |            |
        | Service | EventAbandoned | $call1 | Service | Service   |            |
