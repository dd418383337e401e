@model:service-observing-agent-initiated @source:GenEM/MonitoringCalls @source:GenEM/BasicCallModels
Feature: Service observing for an agent-initiated call
  A supervisor observes an agent who places a call himself. The call is established as usual; once
  it is answered, both parties learn by EventPartyAdded that the observer joins, while the observer's
  leg rings and is connected. The call is then a conference with an observer, released as in
  "Service observing on agent".

  Source: Genesys Events and Models Reference, Monitoring Calls, "Service observing for an
  agent-initiated call" — event names and their rows read, attributes not shown in the rendering
  read. Row 1: EventRinging at the called party and EventDialing at the agent; row 2: EventEstablished
  at both; row 3: EventPartyAdded at both and EventRinging at the observer; row 4: EventEstablished at
  the observer. Not checked here: timestamps, attributes GenEM marks optional.

  The scenarios that assert only the events, their ConnID and their rows are the documented part
  (the observer's EventEstablished of row 4 is allowed there: the table shows the observer answering,
  without saying whether its phone does so by itself).

  Uncertain: the attributes are reconstructed (the scenarios that assert them are marked so) — the dialing and ringing rows from the Basic Call
  Models, the observer rows from "Service observing on agent" (role Observer, CallState Bridged,
  OtherDN the agent's other party). Row 4 shows the observer answering; the table read does not say
  whether its phone answers by itself, and here the observer's leg is connected without a request
  (as in "Service observing on agent"). The release scenarios apply the release rules of that model
  to a call whose other party is internal.

  Background:
    Given Alice is on extension 7001
    And Bob is an agent on extension 7002
    And Carol is on extension 7003

  Rule: The agent's call is established as usual while the supervisor observes him

    Scenario: Bob calls Alice while Carol observes him, and the call rings as usual (1)
      Given Carol is observing Bob's calls
      When Bob calls Alice
      Then the switch reports, in order:
        | step | dn    | event        | ConnID |
        | 1    | Bob   | EventDialing | $call1 |
        | 1    | Alice | EventRinging | $call1 |

    @inferred
    Scenario: Bob calls Alice while Carol observes him
      Given Carol is observing Bob's calls
      When Bob calls Alice
      Then the switch reports, in order:
        | step | dn    | event        | ConnID | ThisDN | ThisDNRole  | OtherDN     | OtherDNRole       | CallState |
        | 1    | Bob   | EventDialing | $call1 | Bob    | Origination | Alice *DIAL | Destination *DIAL |           |
        | 1    | Alice | EventRinging | $call1 | Alice  | Destination | Bob         | Origination       | Ok        |

  Rule: When the call is answered, both parties learn that the observer joins, and the observer is connected

    Scenario: Alice answers; both parties learn that an observer joins, whose phone rings (2, 3)
      Given Carol is observing Bob's calls
      And Bob is calling Alice
      When Alice answers
      Then the switch reports, in order:
        | step | dn    | event            | ConnID |
        | 2    | Alice | EventEstablished | $call1 |
        | 2    | Bob   | EventEstablished | $call1 |
        | 3    | Alice | EventPartyAdded  | $call1 |
        | 3    | Bob   | EventPartyAdded  | $call1 |
        | 3    | Carol | EventRinging     | $call1 |
      And Carol may also receive, in order:
        | event            | ConnID |
        | EventEstablished | $call1 |

    @inferred
    Scenario: Alice answers, and Carol is bridged into Bob's call
      Given Carol is observing Bob's calls
      And Bob is calling Alice
      When Alice answers
      Then the switch reports, in order:
        | step | dn    | event            | ConnID | ThisDN | ThisDNRole  | OtherDN | OtherDNRole | CallState |
        | 2    | Alice | EventEstablished | $call1 | Alice  | Destination | Bob     | Origination | Ok        |
        | 2    | Bob   | EventEstablished | $call1 | Bob    | Origination | Alice   | Destination | Ok        |
        | 3    | Alice | EventPartyAdded  | $call1 | Alice  | Destination | Carol   | Observer    | Bridged   |
        | 3    | Bob   | EventPartyAdded  | $call1 | Bob    | Origination | Carol   | Observer    | Bridged   |
        | 3    | Carol | EventRinging     | $call1 | Carol  | Observer    | Alice   | Destination | Bridged   |
        | 4    | Carol | EventEstablished | $call1 | Carol  | Observer    | Alice   | Destination | Bridged   |

  Rule: The call is released as in service observing on an agent

    @inferred
    Scenario: Bob hangs up first, and Alice and Carol are told, then released
      Given Carol is observing Bob's calls
      And Bob is talking to Alice
      When Bob hangs up
      Then the switch reports, in order:
        | step | dn    | event             | ConnID | ThisDN | OtherDN | OtherDNRole  | CallState |
        | 1    | Bob   | EventReleased     | $call1 | Bob    |         |              | Ok        |
        | 1    | Alice | EventPartyDeleted | $call1 | Alice  | Bob     | DeletedParty | Ok        |
        | 1    | Carol | EventPartyDeleted | $call1 | Carol  | Bob     | DeletedParty | Ok        |
        | 2    | Alice | EventReleased     | $call1 | Alice  |         |              | Ok        |
        | 2    | Carol | EventReleased     | $call1 | Carol  |         |              | Ok        |

    @inferred
    Scenario: Alice hangs up first, and Bob and Carol are told, then released
      Given Carol is observing Bob's calls
      And Bob is talking to Alice
      When Alice hangs up
      Then the switch reports, in order:
        | step | dn    | event             | ConnID | ThisDN | OtherDN    | OtherDNRole  | ThirdPartyDN | ThirdPartyDNRole | CallState |
        | 1    | Alice | EventReleased     | $call1 | Alice  |            |              |              |                  | Ok        |
        | 1    | Bob   | EventPartyDeleted | $call1 | Bob    | Alice      | DeletedParty | Carol        | Observer         |           |
        | 1    | Carol | EventPartyDeleted | $call1 | Carol  | Alice      | DeletedParty |              |                  | Ok        |
        | 2    | Bob   | EventReleased     | $call1 | Bob    | Carol *OPT |              |              |                  | Ok        |
        | 2    | Carol | EventReleased     | $call1 | Carol  |            |              |              |                  |           |
