@model:dnd-destination @source:GenEM/SpecialCases @source:GenEM/BasicCallModels @inferred
Feature: Internal call to a destination with do-not-disturb activated
  An extension calls another extension that has do-not-disturb on. The called phone is not alerted
  and its DN gets no event; the caller is told after the dialing that the destination is busy, and
  the call is released when the caller hangs up.

  Source: Genesys Events and Models Reference, Special Cases, "Internal call to destination with DND
  activated" — known by title only. The shape is that of the busy interruption point (**) of the
  Basic Call Models' connection-establishing phase, and the Release Phase of Releasing Calls.

  Uncertain: the whole sequence is reconstructed: that DND makes the destination answer busy
  (EventDestinationBusy with a busy reason as CallState) rather than, for example, forwarding the call or refusing it
  with another CallState; and that the destination gets no event at all.

  Background:
    Given Alice is on extension 7001
    And Bob is on extension 7002

  Rule: The caller hears busy; the destination is not alerted

    Scenario: Alice calls Bob, who has do-not-disturb on, and hears busy
      Given Bob has turned on do-not-disturb
      When Alice calls Bob
      Then Alice receives, in order:
        | event                | ConnID | ThisDN | ThisDNRole  | OtherDN       | OtherDNRole           | CallState   |
        | EventDialing         | $call1 | Alice  | Origination | Bob *DIAL     | Destination *DIAL     |             |
        | EventDestinationBusy | $call1 | Alice  | Origination | Bob or absent | Destination or absent | busy reason |

  Rule: The caller hangs up and the call is released (Release Phase)

    Scenario: Alice hangs up after hearing busy
      Given Bob has turned on do-not-disturb
      And Alice has called Bob, who is busy
      When Alice hangs up
      Then Alice receives, in order:
        | event         | ConnID | ThisDN | ThisDNRole  | CallState |
        | EventReleased | $call1 | Alice  | Origination | Ok        |
