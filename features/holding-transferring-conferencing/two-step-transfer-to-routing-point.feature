@model:two-step-transfer-to-routing-point @source:GenEM/HoldingTransferringandConferencing @source:GenEM/CallRoutingEvents @inferred
Feature: Two-step transfer to a routing point
  Alice and Bob are talking. Bob puts Alice on hold and makes a consultation call to the routing
  point Entry, which reports it queued and asks the router for a route; the request carries
  PreviousConnID because the call is a consultation. The router routes it to Carol, whose phone
  rings with ThisQueue Entry. Carol answers, and Bob completes the transfer: Alice and Carol are
  connected on Alice's call.

  Source: Genesys Events and Models Reference, Holding, Transferring, and Conferencing, "Two-Step
  Transfer to a Routing Point" — known by title only. It combines the consultation start and the
  routing-point model of the Genesys QA model of SIP Server (EventQueued and EventRouteRequest, then
  EventRouteUsed and EventDiverted), the EventRouteRequest table of T-Library Events (PreviousConnID
  must appear when CallType is Consult) and the QA model's transfer completion.

  Uncertain: the whole model is reconstructed. Not restated: completing the transfer while the
  consultation still waits at the routing point (the reference simulator does not implement it).
  The transferring party's own EventReleased pair is not read anywhere: it is asserted as a pair, in
  either order (the conference completion's analogy); so are the routing point's EventQueued and
  EventRouteRequest, whose order the QA model leaves open.

  Background:
    Given Alice is on extension 7001
    And Bob is on extension 7002
    And Entry is the routing point 9001

  Rule: The consultation call waits at the routing point for a route, like any call

    Scenario: Bob consults Entry; Entry reports the consultation queued and asks for a route
      Given Carol is on extension 7003
      And Alice is talking to Bob
      When Bob starts a consultation with Entry for a transfer
      Then each DN receives, in order:
        | dn    | step | event             | ConnID | ThisDN | ThisQueue | OtherDN     | CallType           | PreviousConnID | ReferenceID |
        | Bob   | 1    | EventHeld         | $call1 | Bob    |           | Alice       |                    |                |             |
        | Bob   | 2    | EventDialing      | $call2 | Bob    |           | Entry *DIAL | Consult or Unknown | $call1         | $request    |
        | Entry | 1    | EventQueued       | $call2 | Entry  | Entry     | Bob         | Consult            | $call1         |             |
        | Entry | 1    | EventRouteRequest | $call2 | Entry  | Entry     | Bob         | Consult            | $call1         |             |

    Scenario: The router routes the consultation to Carol
      Given Carol is on extension 7003
      And Alice is talking to Bob
      And Bob has started a consultation with Entry for a transfer, which waits there
      When the router routes the call to Carol
      Then each DN receives, in order:
        | dn    | event          | ConnID | ThisDN | ThisQueue | OtherDN | ThirdPartyDN | PreviousConnID | ReferenceID |
        | Entry | EventRouteUsed | $call2 | Entry  | Entry     | Bob     | Carol        | any            | $request    |
        | Entry | EventDiverted  | $call2 | Entry  | Entry     | Bob     | Carol        | any            |             |
        | Carol | EventRinging   | $call2 | Carol  | Entry     | Bob     |              | any            |             |

  Rule: Once the destination has answered, completing the transfer connects the caller and the destination

    Scenario: Carol answered the consultation; Bob completes the transfer and Alice and Carol are connected
      Given Carol is on extension 7003
      And Alice is talking to Bob
      And Bob has started a consultation with Entry for a transfer, which waits there
      And the router has routed the call to Carol
      And Carol has answered the call
      When Bob completes the transfer
      Then each DN receives, in order:
        | dn    | step | event             | ConnID | ThisDN | OtherDN | ThirdPartyDN | ThirdPartyDNRole | PreviousConnID | CallState   |
        | Bob   | 1    | EventReleased     | $call2 | Bob    |         |              |                  |                | Transferred |
        | Bob   | 1    | EventReleased     | $call1 | Bob    |         |              |                  |                | Transferred |
        | Alice | 1    | EventPartyChanged | $call1 | Alice  | Carol   | Bob          | TransferredBy    | $call1         | Transferred |
        | Carol | 1    | EventPartyChanged | $call1 | Carol  | Alice   | Bob          | TransferredBy    | $call2         | Transferred |
