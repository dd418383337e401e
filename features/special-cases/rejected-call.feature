@model:rejected-call @source:GenEM/SpecialCases @source:GenEM/CallRoutingEvents
Feature: Rejected call (routing point and route queue)
  A call from the network waits at a routing point (or a route queue) and the router rejects it:
  either it asks the switch for its configured default route (RouteType Default with no
  destination), which for inbound calls is mainly used to re-route the call in the network, or it
  drops the call (RouteType CallDisconnect). RouteType Reject does the same on some switches but is
  deprecated and switch-specific. In every case the routing point reports the route used.

  Source: Genesys Events and Models Reference, Special Cases, "Rejected call" — the introduction and
  the start of the routing-point variant were read: an external party calls the
  routing point, which reports EventRouteRequest; TRouteCall with RouteType Default and an empty
  destination, or CallDisconnect; the routing point reports EventRouteUsed. The route-queue variant
  was not read beyond its title. EventQueued before EventRouteRequest at a non-virtual routing point
  is read from the Genesys QA model of SIP Server (its routing-point model).

  The two scenarios that assert only the routing point's EventRouteUsed (ThisDN = ThisQueue = the
  routing point, the Call-Routing Events table) are the documented part; they judge nothing else
  the routing point receives after it.

  Uncertain: everything after EventRouteUsed is reconstructed (those scenarios are marked so): for the default route, EventDiverted
  naming the default destination (here an outside number, so nobody else is told); for
  CallDisconnect, no further event at the routing point; the route-queue variant mirrors the
  routing-point one. The RouteType Reject scenarios are skipped unless the adapter declares the
  capability routing:route-type-reject (the simulator refuses the deprecated route type).

  Background:
    Given the switch is configured with these parties:
      | party  | kind           | DN      | options                                 |
      | Olivia | outside number | 5550100 |                                         |
      | Entry  | routing point  | 9001    | default-route=5550199                   |
      | Sales  | ACD queue      | 8001    | route-queue=true; default-route=5550199 |

  Rule: At a routing point, the router rejects the call with the default route, a disconnect or (deprecated) a reject

    @requires:external-parties @extras-allowed:Entry
    Scenario: The router rejects Olivia's call at Entry with the default route, and Entry reports the route used
      Given Olivia is waiting in Entry
      When the router routes the call to the default destination
      Then Entry receives, in order:
        | event          | ConnID | ThisDN | ThisQueue |
        | EventRouteUsed | $call1 | Entry  | Entry     |

    @requires:external-parties @extras-allowed:Entry
    Scenario: The router drops Olivia's call at Entry, and Entry reports the route used
      Given Olivia is waiting in Entry
      When the router disconnects the call
      Then Entry receives, in order:
        | event          | ConnID | ThisDN | ThisQueue |
        | EventRouteUsed | $call1 | Entry  | Entry     |

    @inferred @requires:external-parties
    Scenario: The router rejects Olivia's call at Entry with the default route, and the switch re-routes it
      Given Olivia is waiting in Entry
      When the router routes the call to the default destination
      Then Entry receives, in order:
        | event          | ConnID | ThisDN | ThisQueue | ThirdPartyDN | ReferenceID |
        | EventRouteUsed | $call1 | Entry  | Entry     | 5550199      | $request    |
        | EventDiverted  | $call1 | Entry  | Entry     | 5550199      |             |

    @inferred @requires:external-parties
    Scenario: The router drops Olivia's call at Entry
      Given Olivia is waiting in Entry
      When the router disconnects the call
      Then Entry receives, in order:
        | event          | ConnID | ThisDN | ThisQueue | ReferenceID |
        | EventRouteUsed | $call1 | Entry  | Entry     | $request    |

    @inferred @requires:external-parties @requires:routing:route-type-reject
    Scenario: The router rejects Olivia's call at Entry with the deprecated reject route type
      Given Olivia is waiting in Entry
      When the router rejects the call
      Then Entry receives, in order:
        | event          | ConnID | ThisDN | ThisQueue | ReferenceID |
        | EventRouteUsed | $call1 | Entry  | Entry     | $request    |

  Rule: At a route queue, the router rejects the call the same way

    @inferred @requires:external-parties
    Scenario: The router rejects Olivia's call at Sales with the default route
      Given Olivia is waiting in Sales
      When the router routes the call to the default destination
      Then Sales receives, in order:
        | event          | ConnID | ThisDN | ThisQueue | ThirdPartyDN | ReferenceID |
        | EventRouteUsed | $call1 | Sales  | Sales     | 5550199      | $request    |
        | EventDiverted  | $call1 | Sales  | Sales     | 5550199      |             |

    @inferred @requires:external-parties
    Scenario: The router drops Olivia's call at Sales
      Given Olivia is waiting in Sales
      When the router disconnects the call
      Then Sales receives, in order:
        | event          | ConnID | ThisDN | ThisQueue | ReferenceID |
        | EventRouteUsed | $call1 | Sales  | Sales     | $request    |

    @inferred @requires:external-parties @requires:routing:route-type-reject
    Scenario: The router rejects Olivia's call at Sales with the deprecated reject route type
      Given Olivia is waiting in Sales
      When the router rejects the call
      Then Sales receives, in order:
        | event          | ConnID | ThisDN | ThisQueue | ReferenceID |
        | EventRouteUsed | $call1 | Sales  | Sales     | $request    |
