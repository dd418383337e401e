@model:basic-call-to-acd @source:GenEM/BasicCallModels @source:GenEM/WorkWithQueues
Feature: Connection-establishing phase, internal/inbound call to ACD
  Alice calls the ACD queue Sales. The queue reports the call as queued and, as soon as an agent of
  Sales is ready, diverts it to the agent, whose phone rings with ThisQueue Sales; the call is
  connected when the agent answers. With no agent ready the call waits in the queue until an agent
  becomes ready, the caller gives up (the queue reports the call abandoned), or the queue's overflow
  time runs out and the call overflows to another destination.

  Source: Genesys Events and Models Reference, Basic Call Models, "Connection-establishing phase
  (internal/inbound call to ACD)": the first rows of its table were read with their attributes —
  party A (the caller) EventDialing (ConnID 1, ThisDN A, ThisDNRole Origination, OtherDN B *DIAL,
  OtherDNRole Destination *DIAL), party B (the ACD group) EventQueued (ConnID 1, ThisDN B, ThisQueue B,
  ThisDNRole Destination, OtherDN A), then the action "Diverts call to C" and an EventDiverted; the
  rest of the table was cut. The distribution is the row of Work with Queues, "Multiple-queue call
  treated at an IVR port", where the queue diverts the call (ThirdPartyDN the agent) while the agent
  rings with ThisQueue the queue; EventAbandoned must carry ThisQueue for an ACD call (EventAbandoned
  table). In that model a caller who hangs up gets EventReleased naming the queue it dialled, so
  while the agent rings the caller's OtherDN may be the queue or the agent. The overflow is the
  Genesys QA model of SIP Server (its queue model): the overflow destination rings (the model
  passes no ThisQueue to a ringing check it leaves to a module that was not read, so ThisQueue is
  not asserted there); the queue's EventDiverted is optional there (accepted if it comes within 3 s, its
  absence no error), and when it comes it names the literal ThirdPartyDN "Trunk"; that model checks
  each DN's events on its own. Not checked: timestamps, the agent's state.

  Uncertain: the rows after the cut are reconstructed from the multiple-queue model: EventDiverted
  at the queue in the same row as the agent's EventRinging, and the agent's and the caller's
  EventEstablished; so is the inbound variant. The QA model leaves plain agent distribution to a
  generic module that was not read.

  Background:
    Given the switch is configured with these parties:
      | party | kind         | DN   | agent | queue | options        |
      | Alice | extension    | 7001 |       |       |                |
      | Sales | ACD queue    | 8001 |       |       | overflow=Carol |
      | Bob   | ACD position | 7002 | 1002  | Sales |                |
      | Carol | extension    | 7003 |       |       |                |

  Rule: With an agent ready, the call is queued and diverted to the agent at once

    @inferred
    Scenario: Alice calls Sales while Bob is ready; Sales queues the call and diverts it to Bob, whose phone rings
      Given Bob is ready
      When Alice calls Sales
      Then the switch reports, in order:
        | step | dn    | event         | ConnID | ThisDN | ThisDNRole  | ThisQueue | OtherDN     | OtherDNRole       | ThirdPartyDN | ThirdPartyDNRole | CallState |
        | 1    | Alice | EventDialing  | $call1 | Alice  | Origination |           | Sales *DIAL | Destination *DIAL |              |                  |           |
        | 2    | Sales | EventQueued   | $call1 | Sales  | Destination | Sales     | Alice       | Origination       |              |                  |           |
        | 3    | Sales | EventDiverted | $call1 | Sales  | Destination | Sales     | Alice       | Origination       | Bob          | Destination      |           |
        | 3    | Bob   | EventRinging  | $call1 | Bob    | Destination | Sales     | Alice       | Origination       |              |                  | Ok        |

    @inferred
    Scenario: Bob answers, and Alice and Bob are connected; Bob's event names the queue
      Given Bob is ready
      And Alice's call to Sales is ringing at Bob
      When Bob answers
      Then each DN receives, in order:
        | dn    | event            | ConnID | ThisDN | ThisDNRole  | ThisQueue | OtherDN | CallState |
        | Alice | EventEstablished | $call1 | Alice  | Origination | absent    | Bob     | Ok        |
        | Bob   | EventEstablished | $call1 | Bob    | Destination | Sales     | Alice   | Ok        |

    @inferred @requires:external-parties
    Scenario: An outside caller calls Sales; only the queue and the agent are told, and the call is inbound
      Given Olivia is an outside caller at 5550100
      And Bob is ready
      When Olivia calls Sales
      Then each DN receives, in order:
        | dn    | event         | ConnID | ThisDN | ThisQueue | OtherDN          | ThirdPartyDN | CallType |
        | Sales | EventQueued   | $call1 | Sales  | Sales     | Olivia or absent |              | Inbound  |
        | Sales | EventDiverted | $call1 | Sales  | Sales     | Olivia or absent | Bob          | Inbound  |
        | Bob   | EventRinging  | $call1 | Bob    | Sales     | Olivia or absent |              | Inbound  |

  Rule: With no agent ready, the call waits in the queue until an agent becomes ready

    @documented
    Scenario: Alice calls Sales while no agent is ready, and the call waits queued
      When Alice calls Sales
      Then the switch reports, in order:
        | dn    | event        | ConnID | ThisDN | ThisDNRole  | ThisQueue | OtherDN     | OtherDNRole       | CallType            |
        | Alice | EventDialing | $call1 | Alice  | Origination |           | Sales *DIAL | Destination *DIAL | Internal or Unknown |
        | Sales | EventQueued  | $call1 | Sales  | Destination | Sales     | Alice       |                   | Internal            |

    @inferred
    Scenario: Bob becomes ready, and Sales diverts the waiting call to him
      Given Bob is logged in
      And Alice is waiting in Sales
      When Bob becomes ready
      Then each DN receives, in order:
        | dn    | event           | ConnID | ThisDN | ThisQueue | OtherDN | ThirdPartyDN | ReferenceID |
        | Bob   | EventAgentReady |        | Bob    |           |         |              | $request    |
        | Sales | EventDiverted   | $call1 | Sales  | Sales     | Alice   | Bob          |             |
        | Bob   | EventRinging    | $call1 | Bob    | Sales     | Alice   |              |             |

  Rule: The caller can give up while the call is queued or while the agent's phone rings

    @inferred
    Scenario: Alice hangs up while her call waits in Sales, and Sales reports it abandoned
      Given Alice is waiting in Sales
      When Alice hangs up
      Then each DN receives, in order:
        | dn    | event          | ConnID | ThisDN | ThisQueue | OtherDN    | CallState |
        | Alice | EventReleased  | $call1 | Alice  |           | Sales *OPT | Ok        |
        | Sales | EventAbandoned | $call1 | Sales  | Sales     | Alice      | Ok        |

    @documented
    Scenario: Alice hangs up while Bob's phone rings; Bob's call is abandoned and still names the queue
      Given Bob is ready
      And Alice's call to Sales is ringing at Bob
      When Alice hangs up
      Then each DN receives, in order:
        | dn    | event          | ConnID | ThisDN | ThisQueue | OtherDN           | CallState |
        | Alice | EventReleased  | $call1 | Alice  |           | Bob or Sales *OPT | Ok        |
        | Bob   | EventAbandoned | $call1 | Bob    | Sales     | Alice             | Ok        |

  Rule: A call that waits longer than the queue's overflow time overflows; if the queue reports it, it names the destination "Trunk"

    @requires:timeout-control
    Scenario: The call waits in Sales longer than the overflow time and overflows to Carol
      Given Alice is waiting in Sales
      When the call waits in the queue longer than the overflow time
      Then Carol receives, in order:
        | event        | ConnID | ThisDN | OtherDN |
        | EventRinging | $call1 | Carol  | Alice   |
      And Sales may also receive, in order:
        | event         | ConnID | ThisDN | ThisQueue | OtherDN | ThirdPartyDN | ThirdPartyDNRole |
        | EventDiverted | $call1 | Sales  | Sales     | Alice   | Trunk        | Destination      |
