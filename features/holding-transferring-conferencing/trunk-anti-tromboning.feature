@model:trunk-anti-tromboning @source:GenEM/HoldingTransferringandConferencing @source:GenEM/MultiSiteCallScenarios @inferred @requires:external-parties
Feature: Trunk optimization: anti-tromboning
  A call from another site reaches Bob through a trunk, and Bob transfers it to a party that is
  reached through a trunk again. After the transfer both remaining parties of the call are trunks,
  so the switch takes itself out of the call: the trunk legs leave without anybody on this site being
  told, and the two remote sides are linked directly (anti-tromboning when both trunks lead to the
  same remote site, trunk optimization otherwise). On this site only Bob, who transferred, gets
  events. When only one remaining party is a trunk, nothing is optimized and the local party is told
  as in any transfer.

  Source: Genesys Events and Models Reference, Holding, Transferring, and Conferencing, "Trunk
  optimization: anti-tromboning", and Multi-Site Call Scenarios; the GenEM table was not readable. The
  expectations are the Genesys QA model of SIP Server (its trunk optimization and anti-tromboning
  rules and its trunk model): the decision (exactly two parties remain, both optimized trunks), the trunk legs leaving without
  notifying, and the EventPartyChanged the remote parties get (ThirdPartyDN Bob as Location::DN,
  TransferredBy, Transferred; with ConnID equalization the remote ConnID becomes the local one and
  PreviousConnID the remote call's old ConnID). The harness observes one switch, so the remote
  site's events are not checked here; parties behind trunks are outside parties of this switch.

  Uncertain: Bob's own events at completion are not in any readable source; they are reconstructed
  as in the two-step transfer (EventReleased for both calls, CallState Transferred). That nothing
  else reaches this site when both sides are trunks follows from the outside parties getting no
  events and the trunk legs leaving silently.

  Background:
    Given Bob is on extension 7002
    And Olivia is an outside caller at 5550100
    And Oscar is an outside caller at 5550199

  Rule: Both remaining parties are trunks: the switch leaves the call and only the transferring party is told

    Scenario: Bob transfers a call from another site back out to another site
      Given Olivia is talking to Bob
      And Bob has started a consultation with Oscar for a transfer
      And Oscar has answered the consultation call
      When Bob completes the transfer
      Then Bob receives, in any order:
        | event         | ConnID | ThisDN | CallState   | ReferenceID        |
        | EventReleased | $call2 | Bob    | Transferred | $request or absent |
        | EventReleased | $call1 | Bob    | Transferred | $request or absent |

  Rule: Only one remaining party is a trunk: no optimization, the local party is told

    Scenario: Bob transfers Alice to a party on another site
      Given Alice is on extension 7001
      And Alice is talking to Bob
      And Bob has started a consultation with Oscar for a transfer
      And Oscar has answered the consultation call
      When Bob completes the transfer
      Then Alice receives, in order:
        | event             | ConnID | ThisDN | ThirdPartyDN | ThirdPartyDNRole | PreviousConnID | CallState   |
        | EventPartyChanged | $call1 | Alice  | Bob          | TransferredBy    | $call1         | Transferred |
      And Bob receives, in any order:
        | event         | ConnID | ThisDN | CallState   |
        | EventReleased | $call2 | Bob    | Transferred |
        | EventReleased | $call1 | Bob    | Transferred |
