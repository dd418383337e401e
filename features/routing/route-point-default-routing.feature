@model:route-point-default-routing @source:GenEM/CallRoutingEvents
Feature: Default routing by the switch after the routing timeout
  A call waits at a routing point for the router's answer. When the routing strategy does not
  answer before the routing timeout, the switch routes the call itself to the routing point's
  configured default destination and reports EventRouteUsed naming that destination, as if the
  router had asked for it. The call then leaves the routing point and the default destination is
  offered the call like any routed call.

  Source: Genesys Events and Models Reference, T-Library Events, Call-Routing Events, EventRouteUsed:
  "call routed as requested by TRouteCall, or default-routed by the switch after the routing
  timeout"; ThisDN = ThisQueue = the routing point, ThirdPartyDN = the destination DN or dialled
  number with ThirdPartyDNRole Destination. The Genesys QA model of SIP Server adds that
  a route the switch makes by default carries ReferenceID 0 (no client request), and that the
  completion (EventRouteUsed, then EventDiverted) and the destination's ringing with ThisQueue =
  the routing point are the same as for a TRouteCall. Not checked: timestamps, the value
  of the timeout.

  The scenario that asserts only the routing point's EventRouteUsed (the table's mandatory ThisDN =
  ThisQueue = the routing point, and the destination where it is named: the table makes ThirdPartyDN
  mandatory only in a case its truncated row does not show) is the documented part; it judges nothing
  else the parties receive.

  Uncertain: the attribute table of EventRouteUsed was read only up to the truncated ThirdPartyDN
  row, so ReferenceID 0 (or no ReferenceID), the EventDiverted that follows and the destination's
  EventRinging are reconstructed from the QA model of a TRouteCall, not from a default-routing
  table. A routing point that does not divert on ringing is assumed to keep the default-routed call
  until the destination answers, as it does for a routed one.

  Background:
    Given the switch is configured with these parties:
      | party   | kind           | DN      | options                                     |
      | Olivia  | outside number | 5550100 |                                             |
      | Entry   | routing point  | 9001    | default-route=7002                          |
      | Away    | routing point  | 9002    | default-route=5550199                       |
      | Delayed | routing point  | 9003    | default-route=7002; divert-on-ringing=false |

  Rule: The switch routes the call to the routing point's default destination

    @requires:external-parties @requires:timeout-control @extras-allowed
    Scenario: The strategy does not answer in time, and Entry reports the route used, naming the default destination
      Given Bob is on extension 7002
      And Olivia is waiting in Entry
      When the routing point's strategy does not answer in time
      Then Entry receives, in order:
        | event          | ConnID | ThisDN | ThisQueue | ThirdPartyDN  |
        | EventRouteUsed | $call1 | Entry  | Entry     | Bob or absent |

    @inferred @requires:external-parties @requires:timeout-control @requires:routing:diverted-after-route-used
    Scenario: The strategy does not answer in time; Entry reports the default route used and Bob's phone rings
      Given Bob is on extension 7002
      And Olivia is waiting in Entry
      When the routing point's strategy does not answer in time
      Then the switch reports, in order:
        | step | dn    | event          | ConnID | ThisDN | ThisQueue | OtherDN | ThirdPartyDN | ThirdPartyDNRole | ReferenceID | CallType | CallState |
        | 1    | Entry | EventRouteUsed | $call1 | Entry  | Entry     | Olivia  | Bob          | Destination      | 0 or absent | Inbound  |           |
        | 2    | Entry | EventDiverted  | $call1 | Entry  | Entry     | Olivia  | Bob          | Destination      |             | Inbound  |           |
        | 2    | Bob   | EventRinging   | $call1 | Bob    | Entry     | Olivia  |              |                  |             | Inbound  | Ok        |

    @inferred @requires:external-parties @requires:timeout-control @requires:routing:diverted-after-route-used
    Scenario: The default destination is an outside number; only the routing point is told
      Given Olivia is waiting in Away
      When the routing point's strategy does not answer in time
      Then Away receives, in order:
        | event          | ConnID | ThisDN | ThisQueue | ThirdPartyDN | ThirdPartyDNRole | ReferenceID | CallType |
        | EventRouteUsed | $call1 | Away   | Away      | 5550199      | Destination      | 0 or absent | Inbound  |
        | EventDiverted  | $call1 | Away   | Away      | 5550199      | Destination      |             | Inbound  |

    @inferred @requires:external-parties @requires:timeout-control
    Scenario: Bob answers the default-routed call and is connected to Olivia
      Given Bob is on extension 7002
      And Olivia is waiting in Entry
      And the routing point's strategy has not answered in time
      When Bob answers
      Then Bob receives, in order:
        | event            | ConnID | ThisDN | ThisQueue | OtherDN | CallState |
        | EventEstablished | $call1 | Bob    | Entry     | Olivia  | Ok        |

  Rule: A routing point that does not divert on ringing reports the default route when the destination answers

    @inferred @requires:external-parties @requires:timeout-control @requires:routing:divert-on-ringing
    Scenario: The strategy does not answer in time at Delayed; only Bob's phone rings
      Given Bob is on extension 7002
      And Olivia is waiting in Delayed
      When the routing point's strategy does not answer in time
      Then Bob receives, in order:
        | event        | ConnID | ThisDN | ThisQueue | OtherDN | CallState |
        | EventRinging | $call1 | Bob    | Delayed   | Olivia  | Ok        |

    @inferred @requires:external-parties @requires:timeout-control @requires:routing:divert-on-ringing @requires:routing:diverted-after-route-used
    Scenario: Bob answers; Delayed reports the default route used and the call diverted before Bob is connected
      Given Bob is on extension 7002
      And Olivia is waiting in Delayed
      And the routing point's strategy has not answered in time
      When Bob answers
      Then the switch reports, in order:
        | step | dn      | event            | ConnID | ThisDN  | ThisQueue | ThirdPartyDN | ReferenceID |
        | 1    | Delayed | EventRouteUsed   | $call1 | Delayed | Delayed   | Bob          | 0 or absent |
        | 2    | Delayed | EventDiverted    | $call1 | Delayed | Delayed   | Bob          |             |
        | 3    | Bob     | EventEstablished | $call1 | Bob     | Delayed   |              | $request    |
