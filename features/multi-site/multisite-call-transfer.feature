@model:multisite-call-transfer @source:GenEM/MultiSiteCallScenarios @requires:multi-site
Feature: Multi-site call transfer
  Alice talks to Bob at the Paris site. Bob puts her on hold and consults Carol at the London site,
  which has its own T-Server: the consultation leaves Paris on a trunk and London makes an inbound
  call to Carol that carries the consultation's ConnID. When Bob completes the transfer, Paris
  merges the consultation into Alice's call and the trunk relays the change to London: Carol's call
  takes Alice's ConnID (ConnID equalization) and Carol is told that Bob, at Paris, transferred the
  call to her.

  Source: Genesys Events and Models Reference, Multi-Site Call Scenarios and the IS-Link rules of
  T-Library Call-Based Notifications (the link always attaches to the consultation call), with the
  trunk model of the Genesys QA model of SIP Server (ISCC ring parameters, ConnID equalization): for a consultation with
  the default use-data-from the remote call gets the consultation's ConnID and LastTransferConnID;
  the remote T-Server makes an inbound call; a completed transfer reaches the remote parties as
  EventPartyChanged with ThirdPartyDN written Location::DN, role TransferredBy, CallState
  Transferred, no OtherDN, and — with equalization — the main call's ConnID and PreviousConnID =
  the remote call's old ConnID. Paris's own events are those of the two-step transfer model.

  Uncertain: the GenEM diagrams of the multi-site scenarios were not readable. CallType Inbound
  on Carol's ringing, Carol's OtherDN (Bob's DN, as the calling number), and the release of both
  sites' calls when Carol hangs up after the transfer are reconstructed. Paris's own events follow
  the reconstructed two-step transfer model (see that feature).

  Background:
    Given the sites Paris and London are linked by ISCC
    And Alice is on extension 7001 at Paris
    And Bob is on extension 7002 at Paris

  @inferred
  Scenario: Bob consults Carol at London, and London rings Carol with the consultation's ConnID
    Given Carol is on extension 8003 at London
    And Alice is talking to Bob
    When Bob starts a consultation with Carol at the other site
    Then each DN receives, in order:
      | dn    | event        | site   | ConnID | ThisDN | OtherDN     | CallType           | PreviousConnID | LastTransferConnID |
      | Bob   | EventHeld    | Paris  | $call1 | Bob    | Alice       |                    |                |                    |
      | Bob   | EventDialing | Paris  | $call2 | Bob    | Carol *DIAL | Consult or Unknown | $call1         |                    |
      | Carol | EventRinging | London | $call2 | Carol  | Bob         | Inbound            |                | $call2             |

  @inferred
  Scenario: Carol answers the consultation at London
    Given Carol is on extension 8003 at London
    And Alice is talking to Bob
    And Bob has started a consultation with Carol at the other site
    When Carol answers
    Then each DN receives, in order:
      | dn    | event            | site   | ConnID | ThisDN | OtherDN |
      | Carol | EventEstablished | London | $call2 | Carol  | Bob     |
      | Bob   | EventEstablished | Paris  | $call2 | Bob    | Carol   |

  @qa-model
  Scenario: Bob completes the transfer, and London equalizes Carol's call with Alice's ConnID
    Given Carol is on extension 8003 at London
    And Alice is talking to Bob
    And Bob has started a consultation with Carol at the other site
    And Carol has answered the consultation call
    When Bob completes the transfer
    Then each DN receives, in order:
      | dn    | event             | site   | ConnID | PreviousConnID | ThisDN | OtherDN | ThirdPartyDN | ThirdPartyDNRole | CallState   |
      | Bob   | EventReleased     | Paris  | $call2 |                | Bob    |         |              |                  |             |
      | Bob   | EventReleased     | Paris  | $call1 |                | Bob    |         |              |                  |             |
      | Alice | EventPartyChanged | Paris  | $call1 |                | Alice  | Carol   | Bob          | TransferredBy    | Transferred |
      | Carol | EventPartyChanged | London | $call1 | $call2         | Carol  | absent  | Paris::7002  | TransferredBy    | Transferred |

  @inferred
  Scenario: After the transfer Carol hangs up, and both sites release the call
    Given Carol is on extension 8003 at London
    And Alice is talking to Bob
    And Bob has started a consultation with Carol at the other site
    And Carol has answered the consultation call
    And Bob has completed the transfer
    When Carol hangs up
    Then each DN receives, in order:
      | dn    | event         | site   | ConnID | ThisDN | CallState |
      | Carol | EventReleased | London | $call1 | Carol  | Ok        |
      | Alice | EventReleased | Paris  | $call1 | Alice  | Ok        |
