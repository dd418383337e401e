@model:hold-retrieve-consulted-no-answer @source:GenEM/HoldingTransferringandConferencing @source:GenEM/BasicCallModels
Feature: Hold/Retrieve, the consulted party does not answer
  Alice and Bob are talking. Bob puts Alice on hold and calls Carol, but Carol does not answer: Bob
  gives up while Carol's phone is still ringing (the building block "Unsuccessful Internal Call",
  which is the Simple Call Model's interruption point ***), and retrieves Alice.

  Source: Genesys Events and Models Reference, Holding, Transferring, and Conferencing,
  "Hold/Retrieve: consulted party does not answer" (first steps read: EventHeld, then the building
  block "Unsuccessful Internal Call (Party Does Not Answer)" on ConnID 2: the dialing and ringing of
  the Call-Establishing Phase, then its interruption point ***).

  Uncertain: the last step of the table (Bob's TRetrieveCall and its EventRetrieved) was not in the
  part of the page that could be read; it is restated as in "Hold/Retrieve: consulted party
  answers", and that scenario is tagged @inferred.

  Background:
    Given Alice is on extension 7001
    And Bob is on extension 7002
    And Carol is on extension 7003

  Rule: The unanswered consultation is abandoned at the consulted party

    Scenario: Bob puts Alice on hold before consulting
      Given Alice is talking to Bob
      When Bob puts the call on hold
      Then Bob receives, in order:
        | event     | ConnID | ThisDN | OtherDN |
        | EventHeld | $call1 | Bob    | Alice   |

    Scenario: Bob calls Carol while Alice is on hold, and Carol's phone rings
      Given Alice is talking to Bob
      And Bob has put the call on hold
      When Bob calls Carol
      Then the switch reports, in order:
        | dn    | event        | ConnID | ThisDN | ThisDNRole  | OtherDN     | OtherDNRole       | CallState |
        | Bob   | EventDialing | $call2 | Bob    | Origination | Carol *DIAL | Destination *DIAL |           |
        | Carol | EventRinging | $call2 | Carol  | Destination | Bob         | Origination       | Ok        |

    Scenario: Bob gives up while Carol's phone is ringing
      Given Alice is talking to Bob
      And Bob has put the call on hold
      And Bob is calling Carol
      When Bob hangs up
      Then each DN receives, in order:
        | dn    | event          | ConnID | ThisDN | ThisDNRole  | OtherDN    | OtherDNRole      | CallState |
        | Bob   | EventReleased  | $call2 | Bob    | Origination | Carol *OPT | Destination *OPT | Ok        |
        | Carol | EventAbandoned | $call2 | Carol  |             | Bob        |                  | Ok        |

  Rule: Bob then takes Alice off hold

    @inferred
    Scenario: Bob retrieves Alice after the unanswered consultation
      Given Alice is talking to Bob
      And Bob has put the call on hold
      And Bob is calling Carol
      And Bob has given up on the consultation call
      When Bob retrieves the held call
      Then Bob receives, in order:
        | event          | ConnID | ThisDN | ThisDNRole  | OtherDN | CallState |
        | EventRetrieved | $call1 | Bob    | Destination | Alice   | Ok        |
