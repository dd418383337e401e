@model:bridged-appearance-outbound @source:GenEM/SpecialCases @inferred
Feature: Outbound call from a bridged appearance
  A phone with a bridged appearance of another extension's line places a call on that line. The
  dialing, the connection and the release are reported at the appearance that placed the call and,
  repeated, at the principal whose line it uses.

  Source: Genesys Events and Models Reference, Special Cases, "Outbound call from bridged
  appearance" — known by title only. The Genesys QA model of SIP Server shows bridged appearances
  repeating their party's call events (EventHeld, EventRetrieved) on their own DN.

  Uncertain: the whole sequence is reconstructed by applying that rule the other way round (the
  appearance's events repeated at the principal) to the Basic Call Models. Which DN the called party
  sees as OtherDN — the appearance that dialled or the principal's line — is not known; both are
  accepted. CallType Outbound for an outside number is inferred.

  Background:
    Given Bob is on extension 7002
    And Carol is on extension 7003
    And Dave is on 7012, a bridged appearance of Bob's line

  Rule: The call placed on the bridged appearance is reported there and at the principal

    Scenario: Dave calls Carol on Bob's line
      When Dave calls Carol on Bob's line
      Then each DN receives, in order:
        | dn    | event        | ConnID | ThisDN | ThisDNRole  | OtherDN     | OtherDNRole       | CallState |
        | Dave  | EventDialing | $call1 | Dave   | Origination | Carol *DIAL | Destination *DIAL |           |
        | Bob   | EventDialing | $call1 | Bob    | Origination | Carol *DIAL | Destination *DIAL |           |
        | Carol | EventRinging | $call1 | Carol  | Destination | Dave or Bob | Origination       | Ok        |

    Scenario: Carol answers, and the call is connected at the appearance and at the principal
      Given Dave is calling Carol
      When Carol answers
      Then each DN receives, in order:
        | dn    | event            | ConnID | ThisDN | ThisDNRole  | OtherDN     |
        | Carol | EventEstablished | $call1 | Carol  | Destination | Dave or Bob |
        | Dave  | EventEstablished | $call1 | Dave   | Origination | Carol       |
        | Bob   | EventEstablished | $call1 | Bob    | Origination | Carol       |

    Scenario: Dave hangs up, and the call is released everywhere
      Given Dave is talking to Carol
      When Dave hangs up
      Then each DN receives, in order:
        | dn    | event         | ConnID | ThisDN | CallState |
        | Dave  | EventReleased | $call1 | Dave   | Ok        |
        | Bob   | EventReleased | $call1 | Bob    | Ok        |
        | Carol | EventReleased | $call1 | Carol  | Ok        |

  Rule: An outside number called from the bridged appearance

    @requires:network-reached:not-reported
    Scenario: Dave calls an outside number on Bob's line
      Given Otto is an outside party at 5550199
      When Dave calls Otto on Bob's line
      Then each DN receives, in order:
        | dn   | event        | ConnID | ThisDN | ThisDNRole  | OtherDN    | CallType            |
        | Dave | EventDialing | $call1 | Dave   | Origination | Otto *DIAL | Outbound or Unknown |
        | Bob  | EventDialing | $call1 | Bob    | Origination | Otto *DIAL | Outbound or Unknown |
