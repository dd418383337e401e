@model:basic-call-parking @source:GenEM/BasicCallModels @inferred
Feature: Connection-establishing phase with call parking
  An extension calls the switch's call parking place. The parking place answers at once: the caller
  is told that the call is dialled and then connected, without the call ever ringing, and the
  parking place itself, not being a monitored DN, gets no events. The parked call is released like
  any other call.

  Source: Genesys Events and Models Reference, Basic Call Models, "Connection-establishing phase for
  an internal/inbound call with call parking" — known by its title only. The behaviour restated here
  is the Genesys QA model of SIP Server's special DN gcti::park: when a call rings there, the call's
  first party gets EventEstablished at once.

  Uncertain: GenEM's own table was not read, so the whole model is reconstructed from SIP Server's
  parking DN. That the parking place gets no events and that the caller's attributes are those of
  the Simple Call Model (Origination, OtherDN the parking place, which GenEM's rule for parties
  T-Server does not monitor lets be absent) is inferred; on switches where parking is a feature of
  an ACD or a parking queue the events may differ, so the scenarios require the capability
  call-parking.

  Background:
    Given Alice is on extension 7001
    And Park is the call parking place

  Rule: The parking place answers at once; only the caller is told

    @requires:call-parking
    Scenario: Alice parks a call, and the call is connected without ringing
      When Alice parks a call at Park
      Then Alice receives, in order:
        | event            | ConnID | ThisDN | ThisDNRole  | OtherDN        | OtherDNRole           | CallState | ReferenceID |
        | EventDialing     | $call1 | Alice  | Origination | Park *DIAL     | Destination *DIAL     |           | $request    |
        | EventEstablished | $call1 | Alice  | Origination | Park or absent | Destination or absent | Ok        |             |

  Rule: The parked call is released like any other call

    @requires:call-parking
    Scenario: Alice hangs up the parked call
      Given Alice has parked a call at Park
      When Alice hangs up
      Then Alice receives, in order:
        | event         | ConnID | ThisDN | OtherDN   | CallState |
        | EventReleased | $call1 | Alice  | Park *OPT | Ok        |
