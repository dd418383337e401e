@model:bridged-appearance-inbound @source:GenEM/SpecialCases @inferred
Feature: Internal/inbound call with bridged appearance
  An extension's line also appears, bridged, on another phone. A call to the extension is alerted at
  the principal and at the bridged appearance; when the principal answers, both are connected, and
  when the call ends both are released. The caller sees only the principal's DN.

  Source: Genesys Events and Models Reference, Special Cases, "Internal/inbound call with bridged
  appearance" — known by title only. The Genesys QA model of SIP Server shows that each bridged
  appearance of a party gets the party's own EventHeld when it starts a consultation, and its
  EventRetrieved when it completes a conference: a bridged appearance repeats the principal's call
  events on its own DN.

  Uncertain: the sequence is reconstructed by applying that rule (the principal's events, repeated
  at the bridged appearance with ThisDN the appearance) to the Basic Call Models and the Release
  Phase. The CallState of the bridged appearance's EventRinging is not known and not checked.

  Background:
    Given Alice is on extension 7001
    And Bob is on extension 7002
    And Dave is on 7012, a bridged appearance of Bob's line

  Rule: The principal and its bridged appearance are alerted together

    Scenario: Alice calls Bob, and Bob's phone and the bridged appearance ring
      When Alice calls Bob
      Then each DN receives, in order:
        | dn    | event        | ConnID | ThisDN | ThisDNRole  | OtherDN   | OtherDNRole       | CallState |
        | Alice | EventDialing | $call1 | Alice  | Origination | Bob *DIAL | Destination *DIAL |           |
        | Bob   | EventRinging | $call1 | Bob    | Destination | Alice     | Origination       | Ok        |
        | Dave  | EventRinging | $call1 | Dave   | Destination | Alice     | Origination       |           |

    Scenario: Bob answers, and the bridged appearance shows the call connected
      Given Alice is calling Bob
      When Bob answers
      Then each DN receives, in order:
        | dn    | event            | ConnID | ThisDN | ThisDNRole  | OtherDN | OtherDNRole |
        | Alice | EventEstablished | $call1 | Alice  | Origination | Bob     | Destination |
        | Bob   | EventEstablished | $call1 | Bob    | Destination | Alice   | Origination |
        | Dave  | EventEstablished | $call1 | Dave   | Destination | Alice   | Origination |

  Rule: The call ends at the principal and its bridged appearance together

    Scenario: Alice hangs up, and Bob and the bridged appearance are released
      Given Alice is talking to Bob
      When Alice hangs up
      Then each DN receives, in order:
        | dn    | event         | ConnID | ThisDN | CallState |
        | Alice | EventReleased | $call1 | Alice  | Ok        |
        | Bob   | EventReleased | $call1 | Bob    | Ok        |
        | Dave  | EventReleased | $call1 | Dave   | Ok        |

    Scenario: Alice hangs up while the call rings, and the call is abandoned at both appearances
      Given Alice is calling Bob
      When Alice hangs up
      Then each DN receives, in order:
        | dn    | event          | ConnID | ThisDN | OtherDN  | CallState |
        | Alice | EventReleased  | $call1 | Alice  | Bob *OPT | Ok        |
        | Bob   | EventAbandoned | $call1 | Bob    | Alice    | Ok        |
        | Dave  | EventAbandoned | $call1 | Dave   | Alice    | Ok        |
