@model:predictive-call-with-routing @source:GenEM/PredictiveDialing @source:GenEM/CallRoutingEvents
Feature: Predictive call with routing
  The dialer asks the switch to call a customer on behalf of a routing point instead of an ACD
  group. The routing point reports the dialing; when the customer answers, the call is queued at the
  routing point, which asks the router for a destination. The router routes it to an agent: the
  routing point reports the route used, and the agent's phone rings. As in the plain predictive
  call, the agent's role is Origination.

  Source: Genesys Events and Models Reference, Predictive Dialing, "Predictive call with routing":
  the event order was read, not the attributes: EventDialing, EventQueued,
  EventRouteRequest, EventRouteUsed (the Voice Microservices copy also lists EventDiverted in that
  cell; when a cell holds more than one event, their order may vary), the agent's EventRinging and
  EventEstablished, then the release phase. The Genesys QA model of SIP Server reports EventRouteUsed
  and EventDiverted at the routing point, both with ThirdPartyDNRole Destination for a predictive
  call. Whether EventDiverted is reported at all is switch-dependent (GenEM page vs VM copy and SIP
  Server): one Rule per variant. The abnormal branches of this model were not read.

  The scenarios that assert only the routing point's events, their ConnID and their order are the
  documented part.

  Uncertain: the attributes are assumed to be those of the plain predictive call ("Predictive call"):
  ThisDN = ThisQueue = the routing point with ThisDNRole Origination, the agent's ThisDNRole
  Origination, the customer as OtherDN with role Destination; there the group's EventDiverted names
  the agent as ThirdPartyDN only optionally, so the routing point's EventDiverted may leave it out.
  The variant with EventRouteUsed only is the GenEM page's rendering of the cell, with these assumed
  attributes; the QA model does not have it.

  Background:
    Given Bob is on extension 7002
    And Campaign is the routing point 9001
    And Olivia is an outside caller at 5550100

  Rule: The routing point dials for the dialer, and asks for a route once the customer answers

    Scenario: The dialer calls Olivia through Campaign, and Campaign reports the dialing (1)
      When the dialer calls Olivia through the routing point Campaign
      Then Campaign receives, in order:
        | event        | ConnID |
        | EventDialing | $call1 |

    @requires:external-parties
    Scenario: Olivia answers; Campaign reports the call queued, then asks for a route (2, 3)
      Given the dialer has called Olivia through the routing point Campaign
      When Olivia answers
      Then Campaign receives, in order:
        | event             | ConnID |
        | EventQueued       | $call1 |
        | EventRouteRequest | $call1 |

    @inferred
    Scenario: The dialer calls Olivia through Campaign, and Campaign reports the dialing
      When the dialer calls Olivia through the routing point Campaign
      Then Campaign receives, in order:
        | event        | ConnID | ThisDN   | ThisQueue | ThisDNRole  | OtherDN      | ReferenceID |
        | EventDialing | $call1 | Campaign | Campaign  | Origination | Olivia *DIAL | $request    |

    @inferred @requires:external-parties
    Scenario: Olivia answers; Campaign reports the call queued and asks for a route
      Given the dialer has called Olivia through the routing point Campaign
      When Olivia answers
      Then Campaign receives, in order:
        | event             | ConnID | ThisDN   | ThisQueue | ThisDNRole  | OtherDN          | CallState |
        | EventQueued       | $call1 | Campaign | Campaign  | Origination | Olivia or absent | Ok        |
        | EventRouteRequest | $call1 | Campaign | Campaign  |             | Olivia or absent |           |

  Rule: Where the switch also reports the call diverted, the route used and the diversion come in one step, in either order

    @qa-model @requires:external-parties @requires:routing:diverted-after-route-used
    Scenario: The router routes the call to Bob; Campaign reports the route used and the call diverted, Bob's phone rings
      Given the dialer has called Olivia through the routing point Campaign
      And Olivia has answered the dialer's call
      When the router routes the call to Bob
      Then each DN receives, in order:
        | step | dn       | event          | ConnID | ThisDN   | ThisQueue | ThisDNRole | OtherDN          | ThirdPartyDN  | ThirdPartyDNRole      | ReferenceID |
        | 4    | Campaign | EventRouteUsed | $call1 | Campaign | Campaign  |            | Olivia or absent | Bob           | Destination           | $request    |
        | 4    | Campaign | EventDiverted  | $call1 | Campaign | Campaign  |            | Olivia or absent | Bob or absent | Destination or absent |             |
        | 5    | Bob      | EventRinging   | $call1 | Bob      | Campaign  |            | Olivia or absent |               |                       |             |

  Rule: Where the switch reports only the route used, no EventDiverted comes

    @inferred @requires:external-parties @requires:routing:route-used-only
    Scenario: The router routes the call to Bob; Campaign reports only the route used, Bob's phone rings
      Given the dialer has called Olivia through the routing point Campaign
      And Olivia has answered the dialer's call
      When the router routes the call to Bob
      Then each DN receives, in order:
        | dn       | event          | ConnID | ThisDN   | ThisQueue | ThisDNRole | OtherDN          | ThirdPartyDN | ThirdPartyDNRole | ReferenceID |
        | Campaign | EventRouteUsed | $call1 | Campaign | Campaign  |            | Olivia or absent | Bob          | Destination      | $request    |
        | Bob      | EventRinging   | $call1 | Bob      | Campaign  |            | Olivia or absent |              |                  |             |

  Rule: The agent answers, and the call ends with the release phase

    @inferred @requires:external-parties
    Scenario: Bob answers, and only Bob is told
      Given the dialer has called Olivia through the routing point Campaign
      And Olivia has answered the dialer's call
      And the router has routed the call to Bob
      When Bob answers
      Then Bob receives, in order:
        | event            | ConnID | ThisDN | ThisQueue | ThisDNRole  | OtherDN          | OtherDNRole           |
        | EventEstablished | $call1 | Bob    | Campaign  | Origination | Olivia or absent | Destination or absent |

    @inferred @requires:external-parties
    Scenario: Bob hangs up, and only Bob is told
      Given the dialer has called Olivia through the routing point Campaign
      And Olivia has answered the dialer's call
      And the router has routed the call to Bob
      And Bob has answered the call
      When Bob hangs up
      Then Bob receives, in order:
        | event         | ConnID | ThisDN | OtherDN     | CallState |
        | EventReleased | $call1 | Bob    | Olivia *OPT | Ok        |
