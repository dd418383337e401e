@model:sca-inbound-alerting @source:GenEM/SCA @severity:critical
Feature: Shared call appearance, inbound call alerting
  A line can appear on several phones (SIP Server shared call appearance). When someone calls the
  line, every appearance is alerted at once: each gets EventRinging with CallState Covered and the
  index of the call appearance the call takes on the line, while the caller sees the line itself as
  the other party. Nobody has answered yet.

  Source: Genesys Events and Models Reference, Shared Call Appearance (SIP Server 8.1.101.57 and
  later), "Inbound call alerting", read with attributes for the caller (60972 in the manual, Alice
  here) and the two appearances 60970 and 60970_2 (Sam and Tess); the appearances' CallType is
  printed "Internal/Inbound", so either is accepted. A SIP phone that was on-hook
  reports EventOffHook before EventDialing; a switch that does not is checked by the other Rule.
  Not checked here: the call-based notifications of the model (EventCallCreated,
  EventCallPartyAdded, EventCallPartyState), which go to call-monitoring clients, not to DNs.

  Uncertain: the model prints CallState Ok on the caller's EventDialing, which the EventDialing
  attribute table of GenEM does not list; it is accepted as Ok or absent. The caller giving up while
  the appearances ring is reconstructed from the Basic Call Models (interruption point ***).

  Background:
    Given Alice is on extension 60972
    And Sam is on extension 60970
    And Tess is on 60970_2, an appearance of Sam's shared line

  Rule: Every appearance of the shared line is alerted, as covered (caller's phone does not report off-hook)

    @requires:off-hook:not-reported
    Scenario: Alice calls the shared line, and both appearances ring
      When Alice calls Sam
      Then each DN receives, in order:
        | dn    | event        | ConnID | ThisDN | ThisDNRole  | OtherDN   | OtherDNRole       | CallType            | CallState    | Extensions        |
        | Alice | EventDialing | $call1 | Alice  | Origination | Sam *DIAL | Destination *DIAL |                     | Ok or absent |                   |
        | Sam   | EventRinging | $call1 | Sam    | Destination | Alice     | Origination       | Internal or Inbound | Covered      | AppearanceIndex=1 |
        | Tess  | EventRinging | $call1 | Tess   | Destination | Alice     | Origination       | Internal or Inbound | Covered      | AppearanceIndex=1 |

  Rule: Every appearance of the shared line is alerted, as covered (caller's SIP phone reports going off-hook)

    @requires:off-hook:reported
    Scenario: Alice picks up her phone and calls the shared line, and both appearances ring
      When Alice calls Sam
      Then each DN receives, in order:
        | dn    | event        | ConnID | ThisDN | ThisDNRole  | OtherDN   | OtherDNRole       | CallType            | CallState    | Extensions        |
        | Alice | EventOffHook |        | Alice  |             |           |                   |                     |              |                   |
        | Alice | EventDialing | $call1 | Alice  | Origination | Sam *DIAL | Destination *DIAL |                     | Ok or absent |                   |
        | Sam   | EventRinging | $call1 | Sam    | Destination | Alice     | Origination       | Internal or Inbound | Covered      | AppearanceIndex=1 |
        | Tess  | EventRinging | $call1 | Tess   | Destination | Alice     | Origination       | Internal or Inbound | Covered      | AppearanceIndex=1 |

  Rule: The caller gives up while the appearances ring

    @inferred
    Scenario: Alice hangs up before anyone answers, and both appearances are abandoned
      Given Alice is calling Sam
      When Alice hangs up
      Then each DN receives, in order:
        | dn    | event          | ConnID | ThisDN | OtherDN  | CallState |
        | Alice | EventReleased  | $call1 | Alice  | Sam *OPT | Ok        |
        | Sam   | EventAbandoned | $call1 | Sam    | Alice    | Ok        |
        | Tess  | EventAbandoned | $call1 | Tess   | Alice    | Ok        |
