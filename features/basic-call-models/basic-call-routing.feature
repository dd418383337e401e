@model:basic-call-routing @source:GenEM/BasicCallModels @source:GenEM/CallRoutingEvents
Feature: Connection-establishing phase, call with routing
  Alice calls the routing point Entry. The routing point reports the call as queued and asks the
  router for a destination (EventRouteRequest); the router answers with a route (TRouteCall), the
  routing point reports the route used and the call diverted, and the destination rings with
  ThisQueue naming the routing point. A routing point configured not to divert on ringing keeps the
  call until the destination answers, and reports the route only then; if the destination releases
  first, the router is told with EventError.

  Source: Genesys Events and Models Reference, Basic Call Models, "Connection-establishing phase …
  with routing" (known by its title), and the EventRouteRequest / EventRouteUsed attribute tables of
  T-Library Events, Call-Routing Events (ThisDN = ThisQueue = the routing point; ThirdPartyDN = the
  destination, role Destination). The sequence is the Genesys QA model of SIP Server (its routing
  point model), which checks each DN's events on its own, so no order across DNs is asserted:
  a non-virtual routing point reports EventQueued and EventRouteRequest (either order), TRouteCall
  gives EventRouteUsed and EventDiverted (their order is left to a module that was not read, so
  either order is accepted; a switch that reports only the route used is the other variant, whose
  scenarios are reconstructed), the destination rings with ThisQueue = the routing point,
  divert-on-ringing defaults to true; with false, the routing point's events come when the
  destination answers, before its EventEstablished, and a destination that releases first leaves
  the caller alone with the router getting EventError with the TRouteCall's ReferenceID.
  The caller at the routing point's events is OtherDN when it is there: the attribute tables make it
  optional on EventRouteRequest and EventRouteUsed, as they make ThirdPartyDNRole on EventRouteUsed. Not checked: timestamps, a virtual routing point
  (EventRouteRequest only).

  Uncertain: the caller's EventEstablished naming the destination, the roles on the routing point's
  events, and the caller abandoning at the routing point are reconstructed; the QA model leaves
  them to modules that were not read, so its scenarios assert neither the roles at the routing point
  nor the caller's OtherDN on answer (the @inferred scenarios do). The caller's EventDialing is the
  Basic Call Models' dialing.

  Background:
    Given the switch is configured with these parties:
      | party   | kind          | DN   | options                 |
      | Alice   | extension     | 7001 |                         |
      | Entry   | routing point | 9001 |                         |
      | Delayed | routing point | 9002 | divert-on-ringing=false |
      | Bob     | extension     | 7002 |                         |

  Rule: A call to a routing point is queued there and waits for the router

    Scenario: Alice calls Entry; Entry reports the call queued and asks for a route
      When Alice calls Entry
      Then each DN receives, in order:
        | step | dn    | event             | ConnID | ThisDN | ThisDNRole  | ThisQueue | OtherDN         | OtherDNRole       | CallType            |
        | 1    | Alice | EventDialing      | $call1 | Alice  | Origination |           | Entry *DIAL     | Destination *DIAL | Internal or Unknown |
        | 2    | Entry | EventQueued       | $call1 | Entry  |             | Entry     | Alice or absent |                   | Internal            |
        | 2    | Entry | EventRouteRequest | $call1 | Entry  |             | Entry     | Alice or absent |                   | Internal            |

    @inferred @requires:external-parties
    Scenario: An outside caller calls Entry; only the routing point is told, and the call is inbound
      Given Olivia is an outside caller at 5550100
      When Olivia calls Entry
      Then Entry receives, in any order:
        | event             | ConnID | ThisDN | ThisQueue | OtherDN          | CallType |
        | EventQueued       | $call1 | Entry  | Entry     | Olivia or absent | Inbound  |
        | EventRouteRequest | $call1 | Entry  | Entry     | Olivia or absent | Inbound  |

  Rule: The router's route is reported at once, and the destination rings with ThisQueue = the routing point

    @requires:routing:diverted-after-route-used
    Scenario: The router routes the call to Bob; Entry reports the route used and the call diverted, Bob's phone rings
      Given Alice is waiting in Entry
      When the router routes the call to Bob
      Then each DN receives, in order:
        | step | dn    | event          | ConnID | ThisDN | ThisQueue | OtherDN         | ThirdPartyDN | ThirdPartyDNRole      | ReferenceID | CallState |
        | 1    | Entry | EventRouteUsed | $call1 | Entry  | Entry     | Alice or absent | Bob          | Destination or absent | $request    |           |
        | 1    | Entry | EventDiverted  | $call1 | Entry  | Entry     | Alice or absent | Bob          | Destination or absent |             |           |
        | 2    | Bob   | EventRinging   | $call1 | Bob    | Entry     | Alice           |              |                       |             | Ok        |

    @inferred @requires:routing:route-used-only
    Scenario: The router routes the call to Bob; Entry reports only the route used, Bob's phone rings
      Given Alice is waiting in Entry
      When the router routes the call to Bob
      Then each DN receives, in order:
        | dn    | event          | ConnID | ThisDN | ThisQueue | OtherDN         | ThirdPartyDN | ThirdPartyDNRole      | ReferenceID | CallState |
        | Entry | EventRouteUsed | $call1 | Entry  | Entry     | Alice or absent | Bob          | Destination or absent | $request    |           |
        | Bob   | EventRinging   | $call1 | Bob    | Entry     | Alice           |              |                       |             | Ok        |

    @inferred
    Scenario: Bob answers the routed call, and Alice and Bob are connected
      Given Alice is waiting in Entry
      And the router has routed the call to Bob
      When Bob answers
      Then each DN receives, in order:
        | dn    | event            | ConnID | ThisDN | ThisQueue | OtherDN | CallState |
        | Alice | EventEstablished | $call1 | Alice  | absent    | Bob     | Ok        |
        | Bob   | EventEstablished | $call1 | Bob    | Entry     | Alice   | Ok        |

    @inferred
    Scenario: Alice hangs up while Entry waits for a route, and Entry reports the call abandoned
      Given Alice is waiting in Entry
      When Alice hangs up
      Then each DN receives, in order:
        | dn    | event          | ConnID | ThisDN | ThisQueue | OtherDN    | CallState |
        | Alice | EventReleased  | $call1 | Alice  |           | Entry *OPT | Ok        |
        | Entry | EventAbandoned | $call1 | Entry  | Entry     | Alice      | Ok        |

  Rule: A routing point that does not divert on ringing reports the route only when the destination answers

    @requires:routing:divert-on-ringing
    Scenario: The router routes the call to Bob; only Bob's phone rings, Delayed keeps the call
      Given Alice is waiting in Delayed
      When the router routes the call to Bob
      Then Bob receives, in order:
        | event        | ConnID | ThisDN | ThisQueue | OtherDN | CallState |
        | EventRinging | $call1 | Bob    | Delayed   | Alice   | Ok        |

    @requires:routing:divert-on-ringing @requires:routing:diverted-after-route-used
    Scenario: Bob answers; Delayed reports the route used and the call diverted, and Bob is connected
      Given Alice is waiting in Delayed
      And the router has routed the call to Bob
      When Bob answers
      Then each DN receives, in order:
        | step | dn      | event            | ConnID | ThisDN  | ThisQueue | OtherDN | ThirdPartyDN | ReferenceID |
        | 1    | Delayed | EventRouteUsed   | $call1 | Delayed | Delayed   |         | Bob          | any         |
        | 1    | Delayed | EventDiverted    | $call1 | Delayed | Delayed   |         | Bob          |             |
        | 2    | Bob     | EventEstablished | $call1 | Bob     | Delayed   | Alice   |              | $request    |
        | 2    | Alice   | EventEstablished | $call1 | Alice   |           |         |              |             |

    @inferred @requires:routing:divert-on-ringing @requires:routing:route-used-only
    Scenario: Bob answers; Delayed reports only the route used, and Bob is connected
      Given Alice is waiting in Delayed
      And the router has routed the call to Bob
      When Bob answers
      Then each DN receives, in order:
        | step | dn      | event            | ConnID | ThisDN  | ThisQueue | OtherDN | ThirdPartyDN | ReferenceID |
        | 1    | Delayed | EventRouteUsed   | $call1 | Delayed | Delayed   |         | Bob          | any         |
        | 2    | Bob     | EventEstablished | $call1 | Bob     | Delayed   | Alice   |              | $request    |
        | 2    | Alice   | EventEstablished | $call1 | Alice   |           |         |              |             |

    @requires:routing:divert-on-ringing
    Scenario: Bob releases the call before answering; the router is told with EventError, Alice stays at Delayed
      Given Alice is waiting in Delayed
      And the router has routed the call to Bob
      When Bob hangs up
      Then each DN receives, in order:
        | dn      | event         | ConnID | ThisDN | ReferenceID | ErrorCode |
        | Bob     | EventReleased | $call1 | Bob    | $request    |           |
        | Delayed | EventError    |        |        | any         | any       |
