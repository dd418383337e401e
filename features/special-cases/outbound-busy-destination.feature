@model:outbound-busy-destination @source:GenEM/SpecialCases @source:GenEM/BasicCallModels
Feature: Outbound call to a busy destination
  An extension calls an outside number whose line is busy. T-Server reports the dialing, then that
  the destination is busy, on the same ConnID; the caller then hangs up and the call is released.
  The outside party gets no events. The model has two interruption points, both ending with the
  caller's EventReleased. Some switches also report that the call reached the network before the
  busy indication; each variant has its Rule.

  Source: Genesys Events and Models Reference, Special Cases, "Outbound call to a busy destination"
  (event names and their order read: EventDialing, EventDestinationBusy, Release Phase; the
  interruption points * and ** each give the caller EventReleased; the attributes were not shown in
  the rendering read). The attributes asserted are those of the same events in the Basic Call Models
  (EventDialing, and the busy interruption point ** of the connection-establishing phase: ThisDN the
  caller, role Origination, CallState the busy reason) and the Release Phase of Releasing Calls. Not
  checked here: timestamps.

  Uncertain: GenEM gives the CallState of EventDestinationBusy only as "the reason, e.g.
  SitInvalidNum", so any busy reason is accepted. Where the interruption points * and ** sit in the
  table was not read: * is placed right after the dialing (before the network reports anything), **
  while the caller hears the busy indication, where it coincides with the Release Phase (the outside
  party gets no events, so only the caller's EventReleased is reported). EventNetworkReached between
  the dialing and the busy indication is reconstructed from the outbound call model (its meaning is
  inferred), so that variant is tagged @inferred.

  Background:
    Given Alice is on extension 7001
    And Otto is an outside party at 5550199

  Rule: The destination's line is busy; the caller is told after the dialing

    @requires:external-parties @requires:network-reached:not-reported
    Scenario: Alice calls Otto, whose line is busy, and hears busy
      Given Otto's line is busy
      When Alice calls Otto
      Then Alice receives, in order:
        | event                | ConnID | ThisDN | ThisDNRole  | OtherDN    | OtherDNRole       | CallState   |
        | EventDialing         | $call1 | Alice  | Origination | Otto *DIAL | Destination *DIAL |             |
        | EventDestinationBusy | $call1 | Alice  | Origination |            |                   | busy reason |

  Rule: The destination's line is busy; a switch that reports reaching the network does so before the busy indication

    @inferred @requires:external-parties @requires:network-reached:reported
    Scenario: Alice calls Otto, whose line is busy; the network is reached, then Alice hears busy
      Given Otto's line is busy
      When Alice calls Otto
      Then Alice receives, in order:
        | event                | ConnID | ThisDN | OtherDN        | CallState   |
        | EventDialing         | $call1 | Alice  | Otto *DIAL     |             |
        | EventNetworkReached  | $call1 | Alice  | Otto or absent |             |
        | EventDestinationBusy | $call1 | Alice  | Otto or absent | busy reason |

  Rule: Interruption point ** — the caller hangs up while hearing busy (the Release Phase)

    @requires:external-parties
    Scenario: Alice hangs up after hearing busy, and her call is released
      Given Otto's line is busy
      And Alice has called Otto, who is busy
      When Alice hangs up
      Then Alice receives, in order:
        | event         | ConnID | ThisDN | CallState | ReferenceID |
        | EventReleased | $call1 | Alice  | Ok        | $request    |

  Rule: Interruption point * — the caller hangs up before the network reports anything

    @inferred
    Scenario: Alice hangs up right after dialing Otto, and only her call is released
      Given Alice has dialled Otto
      When Alice hangs up
      Then Alice receives, in order:
        | event         | ConnID | ThisDN | ThisDNRole  | CallState |
        | EventReleased | $call1 | Alice  | Origination | Ok        |
