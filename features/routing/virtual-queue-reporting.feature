@model:virtual-queue-reporting @source:GenEM/CallRoutingEvents @requires:virtual-queues @requires:external-parties
Feature: Virtual queue events distributed by the routing server
  A call waits at a routing point while the routing server's strategy looks for an agent through a
  virtual queue. The switch never queues the call on the virtual queue: the routing server asks
  T-Server to distribute the virtual queue's events, which reach the virtual queue's DN like any
  queue event. EventQueued when the strategy targets the virtual queue; after the router's route
  and the routing point's EventRouteUsed, EventDiverted naming the destination; if the caller
  hangs up first, EventAbandoned instead.

  Source: Genesys Events and Models Reference, T-Library Events, Call-Routing Events and Special
  Events (EventUserEvent), with a real URS / T-Server log published in the blog post "How Virtual
  Queue works?" (RP 9001, VQ_Sales, agent DN 6001): URS sends RequestDistributeEvent with
  AttributeUserEvent EventQueued, EventDiverted or EventAbandoned; the VQ events carry ThisDN =
  ThisQueue = the VQ, ThisDNRole 2 (Destination), OtherDN the caller with OtherDNRole 1
  (Origination), CallType 2 (Inbound), and EventDiverted ThirdPartyDN = the agent's DN with
  ThirdPartyDNRole 2 (Destination). The routing point's own events follow the routing model
  (features/basic-call-models/basic-call-routing.feature): the log shows its EventRouteUsed (whose
  ThirdPartyDNRole the attribute table makes optional); its EventDiverted, which only some switches
  report, is allowed and not required here. Not checked: the URS UserData
  keys (RVQID…), whatever T-Server answers URS itself.

  Uncertain: the log shows the events one by one, not their relative timing: that the VQ's
  EventDiverted comes after the routing point's EventRouteUsed is read from the order of the steps,
  that it may interleave with the routing point's EventDiverted and the destination's ringing, and
  that the VQ's EventAbandoned follows the routing point's, are reconstructed (the abandon scenario
  is marked inferred for it). The destination's ringing is not ordered against the routing point's
  events: the routing model asserts no order across DNs. Whether the VQ's events echo the
  ReferenceID of the router's request to distribute them is not asserted.

  Background:
    Given Olivia is an outside caller at 5550100
    And Entry is the routing point 9001
    And Ursula is the routing server of the switch

  Scenario: The strategy targets VQ_Sales; the virtual queue reports the call queued
    Given VQ_Sales is a virtual queue
    And Olivia is waiting in Entry
    When Ursula places the call in the virtual queue VQ_Sales
    Then VQ_Sales receives, in order:
      | event       | ConnID | ThisDN   | ThisQueue | ThisDNRole  | OtherDN          | OtherDNRole           | CallType |
      | EventQueued | $call1 | VQ_Sales | VQ_Sales  | Destination | Olivia or absent | Origination or absent | Inbound  |

  Scenario: The router routes the call to Bob; after the routing point's EventRouteUsed, the virtual queue reports the call diverted to Bob
    Given VQ_Sales is a virtual queue
    And Bob is on extension 6001
    And Olivia is waiting in Entry
    And Ursula has placed the call in the virtual queue VQ_Sales
    When the router routes the call to Bob
    Then the switch reports, in order:
      | step | dn       | event          | ConnID | ThisDN   | ThisQueue | ThisDNRole  | OtherDN          | OtherDNRole           | ThirdPartyDN | ThirdPartyDNRole      | CallType |
      | 1    | Entry    | EventRouteUsed | $call1 | Entry    | Entry     |             | Olivia or absent |                       | Bob          | Destination or absent | Inbound  |
      | 2    | VQ_Sales | EventDiverted  | $call1 | VQ_Sales | VQ_Sales  | Destination | Olivia or absent | Origination or absent | Bob          | Destination           | Inbound  |
    And Entry may also receive, in order:
      | event         | ConnID | ThisDN | ThisQueue | ThirdPartyDN  |
      | EventDiverted | $call1 | Entry  | Entry     | Bob or absent |
    And Bob receives, in order:
      | event        | ConnID | ThisDN | ThisQueue | OtherDN          | CallType |
      | EventRinging | $call1 | Bob    | Entry     | Olivia or absent | Inbound  |

  @inferred
  Scenario: Olivia hangs up while the strategy waits; the virtual queue reports the call abandoned
    Given VQ_Sales is a virtual queue
    And Olivia is waiting in Entry
    And Ursula has placed the call in the virtual queue VQ_Sales
    When Olivia hangs up
    Then the switch reports, in order:
      | step | dn       | event          | ConnID | ThisDN   | ThisQueue | ThisDNRole  | OtherDN          | OtherDNRole           | CallType |
      | 1    | Entry    | EventAbandoned | $call1 | Entry    | Entry     |             |                  |                       | Inbound  |
      | 2    | VQ_Sales | EventAbandoned | $call1 | VQ_Sales | VQ_Sales  | Destination | Olivia or absent | Origination or absent | Inbound  |
