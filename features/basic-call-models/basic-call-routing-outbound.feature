@model:basic-call-routing-outbound @source:GenEM/BasicCallModels @source:GenEM/CallRoutingEvents @inferred
Feature: Connection-establishing phase, call with routing, outbound
  Alice calls the routing point Entry, and the router routes the call to an outside number. The
  routing point reports the route used and the call diverted to the dialled number; the outside
  party gets no events, and Alice is told when the network is reached and when the outside party
  answers.

  Source: Genesys Events and Models Reference, Basic Call Models, "Connection-establishing phase …
  with routing, outbound" — known by its title only. The routing events are those of T-Library
  Events, Call-Routing Events (EventRouteUsed: ThirdPartyDN is the destination DN or the dialled
  number). The Genesys QA model of SIP Server flags a routing point's outbound route with
  "NetworkReached on calling party"; outside parties get no events, and T-Server may not know them
  (Call Models and Flows, general rules).

  Uncertain: the whole sequence is reconstructed: Alice's EventNetworkReached after the route (read
  from the flag's name only) and her EventEstablished naming the outside number when it answers.

  Background:
    Given Alice is on extension 7001
    And Entry is the routing point 9001
    And Olivia is an outside caller at 5550100

  Rule: A route to an outside number is reported at the routing point; the caller hears the network

    @requires:routing:diverted-after-route-used
    Scenario: The router routes Alice's call to Olivia's number
      Given Alice is waiting in Entry
      When the router routes the call to Olivia
      Then each DN receives, in order:
        | step | dn    | event               | ConnID | ThisDN | ThisQueue | OtherDN          | ThirdPartyDN     | ThirdPartyDNRole      | ReferenceID |
        | 1    | Entry | EventRouteUsed      | $call1 | Entry  | Entry     | Alice            | Olivia or absent | Destination or absent | $request    |
        | 1    | Entry | EventDiverted       | $call1 | Entry  | Entry     | Alice            | Olivia or absent | Destination or absent |             |
        | 2    | Alice | EventNetworkReached | $call1 | Alice  |           | Olivia or absent |                  |                       |             |

    @requires:external-parties
    Scenario: Olivia answers, and only Alice is told
      Given Alice is waiting in Entry
      And the router has routed the call to Olivia
      When Olivia answers
      Then Alice receives, in order:
        | event            | ConnID | ThisDN | ThisDNRole  | OtherDN          | CallState |
        | EventEstablished | $call1 | Alice  | Origination | Olivia or absent | Ok        |
