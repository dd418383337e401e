@model:iscc-transaction-types @source:GenEM/MultiSiteCallScenarios @requires:multi-site @inferred
Feature: ISCC transaction types
  Alice at the Paris site calls Bob at the London site. Each site has its own T-Server; the call
  leaves Paris on a trunk and T-Server London makes an inbound call to Bob, and ISCC passes the
  call's identity between the two T-Servers. How the two halves are matched is the transaction
  type (route, direct-callid, direct-ani, direct-uui, direct-notoken, dnis-pool, direct-digits,
  pullback, reroute, route-uui, direct-network-callid). Whatever the type, Alice hears that the
  remote connection succeeded and Bob rings with the ConnID that Paris gave the call.

  Source: Genesys Events and Models Reference, Multi-Site Call Scenarios (the transaction types by
  name, AttributeXRouteType values) and the multi-site rules of the T-Library Call-Based
  Notifications page; the Genesys QA model of SIP Server for what crosses a trunk (its trunk model):
  the remote call is inbound and gets the call's own ConnID, LastTransferConnID is the call's
  ConnID except for reroute (none), and the requesting DN of a TMakeCall with a location gets
  EventRemoteConnectionSuccess with the request's ReferenceID.

  Uncertain: the transaction types are known by name only; their call flows were not read. Every
  scenario is reconstructed from the trunk model above: the DNs see the same events whatever the
  type, except LastTransferConnID for reroute. What each type adds inside the network (an external
  routing point at London for route and route-uui, a DNIS from a pool for dnis-pool, a pulled-back
  leg for pullback) is not observable at Alice's and Bob's DNs and is not checked. Alice's
  CallType Outbound and the order of Bob's ringing and Alice's success report are reconstructed.
  Each site's T-Server does not monitor the other site's party, so a reference to it (OtherDN) may
  be absent (GenEM's global rule); Alice's dialled OtherDN is not checked (the QA model writes
  "Trunk" there for a call through an external router).

  Background:
    Given the sites Paris and London are linked by ISCC
    And Alice is on extension 7001 at Paris
    And Bob is on extension 8001 at London

  Scenario Outline: Alice calls Bob at the other site with the <type> transaction
    When Alice calls Bob at the other site using the <type> transaction
    Then each DN receives, in order:
      | dn    | event                        | site   | sender          | ConnID | ThisDN | ThisDNRole  | OtherDN         | OtherDNRole      | CallType            | LastTransferConnID | ReferenceID |
      | Alice | EventDialing                 | Paris  | T-Server Paris  | $call1 | Alice  | Origination |                 |                  | Outbound or Unknown |                    | $request    |
      | Alice | EventRemoteConnectionSuccess | Paris  | T-Server Paris  | $call1 | Alice  |             |                 |                  |                     |                    | $request    |
      | Bob   | EventRinging                 | London | T-Server London | $call1 | Bob    | Destination | Alice or absent | Origination *OPT | Inbound             | <last transfer>    |             |

    Examples:
      | type                  | last transfer |
      | route                 | $call1        |
      | direct-callid         | $call1        |
      | direct-ani            | $call1        |
      | direct-uui            | $call1        |
      | direct-notoken        | $call1        |
      | dnis-pool             | $call1        |
      | direct-digits         | $call1        |
      | pullback              | $call1        |
      | reroute               | absent        |
      | route-uui             | $call1        |
      | direct-network-callid | $call1        |

  Scenario: Bob answers, and both sites report the call established
    Given Alice is calling Bob at the other site
    When Bob answers
    Then each DN receives, in order:
      | dn    | event            | site   | ConnID | ThisDN | OtherDN         | ReferenceID |
      | Bob   | EventEstablished | London | $call1 | Bob    | Alice or absent | $request    |
      | Alice | EventEstablished | Paris  | $call1 | Alice  | Bob or absent   |             |

  Scenario: Bob hangs up, and both sites release the call
    Given Alice is talking to Bob at the other site
    When Bob hangs up
    Then each DN receives, in order:
      | dn    | event         | site   | ConnID | ThisDN | CallState |
      | Bob   | EventReleased | London | $call1 | Bob    | Ok        |
      | Alice | EventReleased | Paris  | $call1 | Alice  | Ok        |
