@model:basic-call-routing-outbound @source:GenEM/BasicCallModels @source:GenEM/CallRoutingEvents @inferred
Feature: Connection-establishing phase, call with routing, outbound
  Alice calls the routing point Entry, and the router routes the call to an outside number. The
  routing point reports the route used and the call diverted to the dialled number; the outside
  party gets no events, and Alice is told when the network is reached and when the outside party
  answers.

  Source: Genesys Events and Models Reference, Basic Call Models, "… with routing outbound" — known
  by title only (digest 1 §4). The routing events are those of Call Routing Events (digest 1 §2.3:
  ThirdPartyDN of EventRouteUsed is the destination DN or the dialled number). The QA model of SIP
  Server flags a routing point's outbound route with "NetworkReached on calling party" (digest 3
  §5.19); outside parties get no events (GenEM rule 1).

  Uncertain: the whole sequence is reconstructed: Alice's EventNetworkReached after the route (read
  from the flag's name only) and her EventEstablished naming the outside number when it answers.

  Background:
    Given Alice is on extension 7001
    And Entry is the routing point 9001
    And Olivia is an outside caller at 5550100

  Rule: A route to an outside number is reported at the routing point; the caller hears the network

    Scenario: The router routes Alice's call to Olivia's number
      Given Alice is waiting in Entry
      When the router routes the call to Olivia
      Then each DN receives, in order:
        | dn    | event               | ConnID | ThisDN | ThisQueue | OtherDN | ThirdPartyDN | ThirdPartyDNRole | ReferenceID |
        | Entry | EventRouteUsed      | $call1 | Entry  | Entry     | Alice   | Olivia       | Destination      | $request    |
        | Entry | EventDiverted       | $call1 | Entry  | Entry     | Alice   | Olivia       | Destination      |             |
        | Alice | EventNetworkReached | $call1 | Alice  |           | Olivia  |              |                  |             |

    @requires:external-parties
    Scenario: Olivia answers, and only Alice is told
      Given Alice is waiting in Entry
      And the router has routed the call to Olivia
      When Olivia answers
      Then Alice receives, in order:
        | event            | ConnID | ThisDN | ThisDNRole  | OtherDN | CallState |
        | EventEstablished | $call1 | Alice  | Origination | Olivia  | Ok        |
