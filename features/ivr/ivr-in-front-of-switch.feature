@model:ivr-in-front-of-switch @source:GenEM/IVRCallFlows @source:GenEM/IVRProtocolMessages @inferred @requires:ivr-server @requires:external-parties
Feature: IVR in front of the switch
  The IVR answers calls from the network before any switch sees them. To have a call routed, the
  IVR hands it to IVR Server, which plays the T-Server towards the routing server: the IVR's
  routing point reports the call waiting for a route, with IVR Server as the sender. The routing
  server's answers come back to the IVR as IVR-protocol messages: a treatment becomes TreatCall,
  a route becomes RouteResponse (with Cancel first if a treatment is still running), and the IVR
  then delivers the call to the destination.

  Source: Genesys Events and Models Reference, IVR Call Flows, "IVR in front of the switch" (known by
  its title only); IVR Protocol Messages (read): RouteResponse (IVR Server → IVR:
  route the call to a destination; Dest, RouteType only if URS supplied it), TreatCall (run a
  treatment; CallId and Type required), Cancel (cancel a running treatment). The routing point's
  events follow T-Library Events, Call-Routing Events. Not checked: the CallID values, the XML framing,
  the IVR's delivery of the call beyond the destination's ringing.

  Uncertain: the call flow is reconstructed, since the IVR Call Flows pages could not be read: that
  IVR Server reports the IVR's routing point like a non-virtual routing point of a switch
  (EventQueued and EventRouteRequest, EventRouteUsed and EventDiverted, EventTreatmentApplied,
  EventAbandoned, each with sender IVR Server), that RouteResponse follows EventRouteUsed and
  TreatCall follows EventTreatmentApplied, that Cancel comes just before the RouteResponse, that
  the IVR is told nothing when the caller hangs up, and that the destination rings with ThisQueue =
  the IVR's routing point. RouteResponse's RouteType is not asserted (the simulator's router does
  not supply one).

  Background:
    Given Olivia is an outside caller at 5550100
    And Ivy is an IVR connected to IVR Server
    And Front is the routing point 9101 of Ivy, in front of the switch

  Scenario: The IVR hands a call to IVR Server for routing; the routing point asks for a route
    When Olivia calls Front
    Then Front receives, in order:
      | event             | protocol  | sender     | ConnID | ThisDN | ThisQueue | CallType |
      | EventQueued       | T-Library | IVR Server | $call1 | Front  | Front     | Inbound  |
      | EventRouteRequest | T-Library | IVR Server | $call1 | Front  | Front     | Inbound  |

  Scenario: The router routes the call to Bob; the IVR gets a RouteResponse naming Bob, and Bob's phone rings
    Given Bob is on extension 7002
    And Olivia is waiting in Front
    When the router routes the call to Bob
    Then the switch reports, in order:
      | step | dn    | event          | protocol  | sender     | ConnID | ThisDN | ThisQueue | ThirdPartyDN | Dest |
      | 1    | Front | EventRouteUsed | T-Library | IVR Server | $call1 | Front  | Front     | Bob          |      |
      | 2    | Ivy   | RouteResponse  | IVR       | IVR Server |        |        |           |              | 7002 |
      | 2    | Front | EventDiverted  | T-Library | IVR Server | $call1 | Front  | Front     | Bob          |      |
      | 2    | Bob   | EventRinging   | T-Library |            | $call1 | Bob    | Front     |              |      |

  Scenario: The router applies a treatment; the IVR is asked to run it with TreatCall
    Given Olivia is waiting in Front
    When the router collects digits from the caller
    Then the switch reports, in order:
      | step | dn    | event                 | protocol  | sender     | ConnID | ThisDN | TreatmentType | CallID | Type          |
      | 1    | Front | EventTreatmentApplied | T-Library | IVR Server | $call1 | Front  | CollectDigits |        |               |
      | 2    | Ivy   | TreatCall             | IVR       | IVR Server |        |        |               | any    | CollectDigits |

  Scenario: The router routes the call while the treatment runs; the IVR gets Cancel, then the RouteResponse
    Given Bob is on extension 7002
    And Olivia is waiting in Front
    And the router is collecting digits from the caller
    When the router routes the call to Bob
    Then the switch reports, in order:
      | step | dn    | event          | protocol  | sender     | ConnID | ThisDN | ThirdPartyDN | Dest |
      | 1    | Front | EventRouteUsed | T-Library | IVR Server | $call1 | Front  | Bob          |      |
      | 2    | Ivy   | Cancel         | IVR       | IVR Server |        |        |              |      |
      | 3    | Ivy   | RouteResponse  | IVR       | IVR Server |        |        |              | 7002 |
      | 3    | Front | EventDiverted  | T-Library | IVR Server | $call1 | Front  | Bob          |      |
      | 3    | Bob   | EventRinging   | T-Library |            | $call1 | Bob    |              |      |

  Scenario: The caller hangs up while the call waits for a route; only the routing point reports it
    Given Olivia is waiting in Front
    When Olivia hangs up
    Then Front receives, in order:
      | event          | protocol  | sender     | ConnID | ThisDN | ThisQueue |
      | EventAbandoned | T-Library | IVR Server | $call1 | Front  | Front     |
