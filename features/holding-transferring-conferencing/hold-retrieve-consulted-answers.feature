@model:hold-retrieve-consulted-answers @source:GenEM/HoldingTransferringandConferencing @source:GenEM/BasicCallModels
Feature: Hold/Retrieve, the consulted party answers
  Alice and Bob are talking. Bob puts Alice on hold, makes a consultation call to Carol (an ordinary
  TMakeCall, not a transfer), Carol answers, the consultation is released, and Bob retrieves Alice.
  Only Bob is told about the hold and the retrieve; Alice's line stays connected. If Alice hangs up
  while she is on hold (interruption points *, ** and ***), both Alice and Bob are released from
  the held call.

  Source: Genesys Events and Models Reference, Holding, Transferring, and Conferencing,
  "Hold/Retrieve: consulted party answers" (table read complete, with its abnormal flow). The
  call-establishing and release phases of the consultation and of the main call after the retrieve
  (the table's last row, "Release Phase (ConnID 1)") are the building blocks of the Basic Call Models
  and Releasing Calls.
  EventRetrieved carries the same ThisDNRole as Bob's earlier events and no ThisQueue for a non-ACD
  call (footnote of the model). Not checked here: the value of the consultation call's CallType (the
  model does not say whether a consultation by TMakeCall is Internal or Consult; that it is a
  CallType is checked for every event).

  Background:
    Given Alice is on extension 7001
    And Bob is on extension 7002
    And Carol is on extension 7003

  Rule: Holding and retrieving are reported only to the DN that holds

    Scenario: Bob puts Alice on hold
      Given Alice is talking to Bob
      When Bob puts the call on hold
      Then Bob receives, in order:
        | event     | ConnID | ThisDN | OtherDN | ReferenceID |
        | EventHeld | $call1 | Bob    | Alice   | $request    |

    Scenario: Bob consults Carol while Alice is on hold
      Given Alice is talking to Bob
      And Bob has put the call on hold
      When Bob calls Carol
      Then the switch reports, in order:
        | dn    | event        | ConnID | ThisDN | ThisDNRole  | OtherDN     | OtherDNRole       | CallState |
        | Bob   | EventDialing | $call2 | Bob    | Origination | Carol *DIAL | Destination *DIAL |           |
        | Carol | EventRinging | $call2 | Carol  | Destination | Bob         | Origination       | Ok        |

    Scenario: Carol answers the consultation call
      Given Alice is talking to Bob
      And Bob has put the call on hold
      And Bob is calling Carol
      When Carol answers
      Then each DN receives, in order:
        | dn    | event            | ConnID | ThisDN | ThisDNRole  | OtherDN | OtherDNRole |
        | Bob   | EventEstablished | $call2 | Bob    | Origination | Carol   | Destination |
        | Carol | EventEstablished | $call2 | Carol  | Destination | Bob     | Origination |

    Scenario: Bob ends the consultation, and Alice stays on hold
      Given Alice is talking to Bob
      And Bob has put the call on hold
      And Bob is talking to Carol
      When Bob hangs up
      Then each DN receives, in order:
        | dn    | event         | ConnID | ThisDN | OtherDN    | CallState |
        | Bob   | EventReleased | $call2 | Bob    | Carol *OPT | Ok        |
        | Carol | EventReleased | $call2 | Carol  | Bob *OPT   | Ok        |

    Scenario: Bob retrieves Alice after the consultation
      Given Alice is talking to Bob
      And Bob has put the call on hold
      And Bob has talked to Carol and hung up
      When Bob retrieves the held call
      Then Bob receives, in order:
        | event          | ConnID | ThisDN | ThisDNRole  | ThisQueue | OtherDN | CallState | ReferenceID |
        | EventRetrieved | $call1 | Bob    | Destination | absent    | Alice   | Ok        | $request    |

  Rule: After the retrieve the call ends with the Release Phase

    Scenario: Bob hangs up after retrieving Alice, and both are released from the main call
      Given Alice is talking to Bob
      And Bob has put the call on hold
      And Bob has talked to Carol and hung up
      And Bob has retrieved the held call
      When Bob hangs up
      Then each DN receives, in order:
        | dn    | event         | step | ConnID | ThisDN | OtherDN    | CallState | ReferenceID |
        | Bob   | EventReleased | 1    | $call1 | Bob    | Alice *OPT | Ok        | $request    |
        | Alice | EventReleased | 1    | $call1 | Alice  | Bob *OPT   | Ok        |             |

  Rule: Interruption points *, ** and *** — Alice hangs up while she is on hold

    Scenario: Alice hangs up while on hold, before Bob consults anyone (*)
      Given Alice is talking to Bob
      And Bob has put the call on hold
      When Alice hangs up
      Then each DN receives, in order:
        | dn    | event         | ConnID | ThisDN | OtherDN    | CallState |
        | Alice | EventReleased | $call1 | Alice  | Bob *OPT   | Ok        |
        | Bob   | EventReleased | $call1 | Bob    | Alice *OPT | Ok        |

    Scenario: Alice hangs up while Bob talks to Carol (**), and the consultation goes on
      Given Alice is talking to Bob
      And Bob has put the call on hold
      And Bob is talking to Carol
      When Alice hangs up
      Then each DN receives, in order:
        | dn    | event         | ConnID | ThisDN | OtherDN    | CallState |
        | Alice | EventReleased | $call1 | Alice  | Bob *OPT   | Ok        |
        | Bob   | EventReleased | $call1 | Bob    | Alice *OPT | Ok        |

    Scenario: Alice hangs up after the consultation, before Bob retrieves her (***)
      Given Alice is talking to Bob
      And Bob has put the call on hold
      And Bob has talked to Carol and hung up
      When Alice hangs up
      Then each DN receives, in order:
        | dn    | event         | ConnID | ThisDN | OtherDN    | CallState |
        | Alice | EventReleased | $call1 | Alice  | Bob *OPT   | Ok        |
        | Bob   | EventReleased | $call1 | Bob    | Alice *OPT | Ok        |
