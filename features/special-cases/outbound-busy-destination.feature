@model:outbound-busy-destination @source:GenEM/SpecialCases @source:GenEM/BasicCallModels
Feature: Outbound call to a busy destination
  An extension calls an outside number whose line is busy. T-Server reports the dialing, then that
  the destination is busy, on the same ConnID; the caller then hangs up and the call is released.
  The outside party gets no events. The model has two interruption points, both ending with the
  caller's EventReleased.

  Source: Genesys Events and Models Reference, Special Cases, "Outbound call to a busy destination"
  (event names and their order read; the attributes were not shown in the rendering read). The
  attributes asserted are those of the same events in the Basic Call Models (EventDialing, and the
  busy interruption point ** of the connection-establishing phase: ThisDN the caller, role
  Origination), and the Release Phase of Releasing Calls. Not checked here: timestamps,
  EventNetworkReached (see basic-outbound-call).

  Uncertain: GenEM gives the CallState of EventDestinationBusy only as "the reason, e.g.
  SitInvalidNum"; Busy for a busy line comes from the Genesys QA model of SIP Server, so Busy and the
  SIT values are accepted. Where the interruption points * and ** sit in the table was not read;
  the scenario for * assumes the caller hangs up after dialing, before the network reports busy.
  CallType Outbound is inferred from the model's title.

  Background:
    Given Alice is on extension 7001
    And Otto is an outside party at 5550199

  Rule: The destination's line is busy; the caller is told after the dialing

    @requires:external-parties
    Scenario: Alice calls Otto, whose line is busy, and hears busy
      Given Otto's line is busy
      When Alice calls Otto
      Then Alice receives, in order:
        | event                | ConnID | ThisDN | ThisDNRole  | OtherDN        | OtherDNRole           | CallState   |
        | EventDialing         | $call1 | Alice  | Origination | Otto *DIAL     | Destination *DIAL     |             |
        | EventDestinationBusy | $call1 | Alice  | Origination | Otto or absent | Destination or absent | busy reason |

  Rule: The busy call is released when the caller hangs up (Release Phase)

    @requires:external-parties
    Scenario: Alice hangs up after hearing busy, and her call is released
      Given Otto's line is busy
      And Alice has called Otto, who is busy
      When Alice hangs up
      Then Alice receives, in order:
        | event         | ConnID | ThisDN | ThisDNRole  | CallState | ReferenceID |
        | EventReleased | $call1 | Alice  | Origination | Ok        | $request    |

  Rule: Interruption point * — the caller hangs up before the network reports anything

    @inferred
    Scenario: Alice hangs up right after dialing Otto, and only her call is released
      Given Alice has dialled Otto
      When Alice hangs up
      Then Alice receives, in order:
        | event         | ConnID | ThisDN | ThisDNRole  | CallState |
        | EventReleased | $call1 | Alice  | Origination | Ok        |
