@model:basic-internal-inbound-call @source:GenEM/BasicCallModels @severity:critical
Feature: Connection-establishing phase, internal/inbound call
  When one extension calls another, T-Server reports the dialing to the caller, the ringing to the
  called party, and the connection to both once the called party answers. Both parties see the same
  ConnID and their own role in the call. The model has three interruption points: the caller gives
  up before the called party is alerted (*), the called party is busy (**), and the caller hangs up
  while the called party is ringing (***). This is the building block "Call-Establishing Phase" that
  the other models reuse.

  Source: Genesys Events and Models Reference, Basic Call Models, "Connection-establishing phase for
  an internal/inbound call" (the Simple Call Model), per-DN table read in the Voice Microservices copy
  of GenEM. CallType follows from the attribute's meaning (Event Attributes, CallType: an internal
  call between two extensions is Internal; EventDialing's may be Unknown). Not checked here:
  timestamps, attributes GenEM marks optional unless a row names them.

  Uncertain: the inbound variant (an outside caller, who gets no events) is reconstructed from the
  model's title and the rule that non-monitored parties get no events; its CallType Inbound and the
  OtherDN Bob sees are inferred. The CallState of EventDestinationBusy is given by GenEM only as "the
  reason, e.g. SitInvalidNum", so any busy reason is accepted (Busy, as the Genesys QA model of SIP
  Server expects for a busy extension, all trunks busy, or a special information tone).

  Background:
    Given Alice is on extension 7001
    And Bob is on extension 7002
    And Carol is on extension 7003

  Rule: The called party is alerted after the caller dials, and both are connected when it answers

    Scenario: Alice calls Bob, and Bob's phone rings after Alice's dialing is reported
      When Alice calls Bob
      Then the switch reports, in order:
        | dn    | event        | ConnID | ThisDN | ThisDNRole  | OtherDN   | OtherDNRole       | CallType            | CallState |
        | Alice | EventDialing | $call1 | Alice  | Origination | Bob *DIAL | Destination *DIAL | Internal or Unknown |           |
        | Bob   | EventRinging | $call1 | Bob    | Destination | Alice     | Origination       | Internal            | Ok        |

    Scenario: Bob answers, and both parties are connected on the same call
      Given Alice is calling Bob
      When Bob answers
      Then each DN receives, in order:
        | dn    | event            | ConnID | ThisDN | ThisDNRole  | OtherDN | OtherDNRole |
        | Alice | EventEstablished | $call1 | Alice  | Origination | Bob     | Destination |
        | Bob   | EventEstablished | $call1 | Bob    | Destination | Alice   | Origination |

  Rule: A call from outside reaches the called party as an inbound call; the outside caller gets no events

    @inferred @requires:external-parties
    Scenario: An outside caller calls Bob, and only Bob is told
      Given Olivia is an outside caller at 5550100
      When Olivia calls Bob
      Then Bob receives, in order:
        | event        | ConnID | ThisDN | ThisDNRole  | OtherDN          | OtherDNRole           | CallType | CallState |
        | EventRinging | $call1 | Bob    | Destination | Olivia or absent | Origination or absent | Inbound  | Ok        |

    @inferred @requires:external-parties
    Scenario: Bob answers the inbound call, and only Bob is told
      Given Olivia is an outside caller at 5550100
      And Olivia is calling Bob
      When Bob answers
      Then Bob receives, in order:
        | event            | ConnID | ThisDN | ThisDNRole  | CallType |
        | EventEstablished | $call1 | Bob    | Destination | Inbound  |

  Rule: Interruption point * — the caller gives up before the called party is alerted

    @requires:alerting-control
    Scenario: Alice hangs up before the call reaches Bob's phone, and Bob is never told
      Given Alice has dialled Bob, whose phone is not yet alerted
      When Alice hangs up
      Then Alice receives, in order:
        | event         | ConnID | ThisDN | ThisDNRole  | CallState |
        | EventReleased | $call1 | Alice  | Origination | Ok        |

  Rule: Interruption point ** — the called party is busy

    Scenario: Alice calls Bob while Bob is talking to Carol, and Alice hears busy
      Given Bob is talking to Carol
      When Alice calls Bob
      Then Alice receives, in order:
        | event                | ConnID | ThisDN | ThisDNRole  | OtherDN   | OtherDNRole       | CallState   |
        | EventDialing         | $call2 | Alice  | Origination | Bob *DIAL | Destination *DIAL |             |
        | EventDestinationBusy | $call2 | Alice  | Origination |           |                   | busy reason |

    Scenario: Alice hangs up after hearing busy, and only Alice's call is released
      Given Bob is talking to Carol
      And Alice has called Bob, who is busy
      When Alice hangs up
      Then Alice receives, in order:
        | event         | ConnID | ThisDN | ThisDNRole  | CallState |
        | EventReleased | $call2 | Alice  | Origination | Ok        |

  Rule: Interruption point *** — the caller hangs up while the called party is ringing

    Scenario: Alice hangs up while Bob's phone rings, and Bob's call is abandoned
      Given Alice is calling Bob
      When Alice hangs up
      Then each DN receives, in order:
        | dn    | event          | ConnID | ThisDN | ThisDNRole  | OtherDN  | OtherDNRole      | CallState |
        | Alice | EventReleased  | $call1 | Alice  | Origination | Bob *OPT | Destination *OPT | Ok        |
        | Bob   | EventAbandoned | $call1 | Bob    |             | Alice    |                  | Ok        |
