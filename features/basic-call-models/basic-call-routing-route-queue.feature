@model:basic-call-routing-route-queue @source:GenEM/BasicCallModels @source:GenEM/CallRoutingEvents @inferred
Feature: Connection-establishing phase, call with routing (route queue case)
  Alice calls Sales, an ACD queue that is used as a route queue: the call is queued there and the
  router is asked for a destination, as at a routing point. The router's route is reported at the
  queue (route used, call diverted) and the destination rings with ThisQueue naming the queue.

  Source: Genesys Events and Models Reference, Basic Call Models, "Connection-establishing phase …
  with routing (RouteQueue case)" — known by its title only. The routing events and their
  attributes are those of a routing point (T-Library Events, Call-Routing Events: ThisDN =
  ThisQueue), the order of a non-virtual routing point's events that of the Genesys QA model of SIP
  Server. AddressType RouteQueue exists in T-Library (TAddressType).

  Uncertain: the whole sequence is reconstructed from the routing-point model: that a route queue
  reports EventQueued and EventRouteRequest like a non-virtual routing point, EventRouteUsed then
  EventDiverted on TRouteCall, and EventAbandoned when the caller gives up.

  Background:
    Given the switch is configured with these parties:
      | party | kind      | DN   | options          |
      | Alice | extension | 7001 |                  |
      | Sales | ACD queue | 8001 | route-queue=true |
      | Bob   | extension | 7002 |                  |

  Rule: The route queue queues the call and asks the router for a destination

    Scenario: Alice calls Sales; Sales reports the call queued and asks for a route
      When Alice calls Sales
      Then the switch reports, in order:
        | step | dn    | event             | ConnID | ThisDN | ThisQueue | OtherDN     |
        | 1    | Alice | EventDialing      | $call1 | Alice  |           | Sales *DIAL |
        | 2    | Sales | EventQueued       | $call1 | Sales  | Sales     | Alice       |
        | 2    | Sales | EventRouteRequest | $call1 | Sales  | Sales     | Alice       |

    @requires:routing:diverted-after-route-used
    Scenario: The router routes the call to Bob; Sales reports the route, Bob's phone rings
      Given Alice is waiting in Sales
      When the router routes the call to Bob
      Then each DN receives, in order:
        | dn    | event          | ConnID | ThisDN | ThisQueue | OtherDN | ThirdPartyDN | ThirdPartyDNRole | ReferenceID |
        | Sales | EventRouteUsed | $call1 | Sales  | Sales     | Alice   | Bob          | Destination      | $request    |
        | Sales | EventDiverted  | $call1 | Sales  | Sales     | Alice   | Bob          | Destination      |             |
        | Bob   | EventRinging   | $call1 | Bob    | Sales     | Alice   |              |                  |             |

    Scenario: Bob answers, and Alice and Bob are connected
      Given Alice is waiting in Sales
      And the router has routed the call to Bob
      When Bob answers
      Then each DN receives, in order:
        | dn    | event            | ConnID | ThisDN | ThisQueue | OtherDN |
        | Alice | EventEstablished | $call1 | Alice  | absent    | Bob     |
        | Bob   | EventEstablished | $call1 | Bob    | Sales     | Alice   |

    Scenario: Alice hangs up while Sales waits for a route, and Sales reports the call abandoned
      Given Alice is waiting in Sales
      When Alice hangs up
      Then each DN receives, in order:
        | dn    | event          | ConnID | ThisDN | ThisQueue | OtherDN    |
        | Alice | EventReleased  | $call1 | Alice  |           | Sales *OPT |
        | Sales | EventAbandoned | $call1 | Sales  | Sales     | Alice      |
