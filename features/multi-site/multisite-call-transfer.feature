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
  the remote T-Server makes an inbound call. At completion the QA model tells the parties that were
  on the main call (Alice) that Bob transferred it (EventPartyChanged, ThirdPartyDN Bob,
  TransferredBy, Transferred); a party that came from the consultation behind a trunk (Carol) gets
  no such notice: with equalization the trunk relays only the ConnID change, EventPartyChanged with
  the main call's ConnID and PreviousConnID = the remote call's old ConnID, no ThirdPartyDN. (The
  Location::DN form of ThirdPartyDN is for remote parties behind a trunk that was on the main call.)
  Not checked there: Alice's OtherDN (the QA model names the party that joined last, at Paris the
  trunk), and what Carol's notice may carry beyond the ConnID change.

  Uncertain: the GenEM diagrams of the multi-site scenarios were not readable. CallType Inbound
  on Carol's ringing, Carol's OtherDN (Bob's DN, as the calling number), and the release of both
  sites' calls when Carol hangs up after the transfer are reconstructed. Bob's own events at
  completion are not in the QA model: they follow the reconstructed two-step transfer model (both
  calls released, in either order), in a scenario of their own. Each site's T-Server does not
  monitor the other site's party, so a reference to it (OtherDN) may be absent (GenEM's global
  rule); Bob's dialled OtherDN is not checked (the QA model writes "Trunk" there for a call through
  an external router).

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
      | dn    | event        | site   | ConnID | ThisDN | OtherDN       | CallType           | PreviousConnID | LastTransferConnID |
      | Bob   | EventHeld    | Paris  | $call1 | Bob    | Alice         |                    |                |                    |
      | Bob   | EventDialing | Paris  | $call2 | Bob    |               | Consult or Unknown | $call1         |                    |
      | Carol | EventRinging | London | $call2 | Carol  | Bob or absent | Inbound            |                | $call2             |

  @inferred
  Scenario: Carol answers the consultation at London
    Given Carol is on extension 8003 at London
    And Alice is talking to Bob
    And Bob has started a consultation with Carol at the other site
    When Carol answers
    Then each DN receives, in order:
      | dn    | event            | site   | ConnID | ThisDN | OtherDN         |
      | Carol | EventEstablished | London | $call2 | Carol  | Bob or absent   |
      | Bob   | EventEstablished | Paris  | $call2 | Bob    | Carol or absent |

  @qa-model @extras-allowed:Bob
  Scenario: Bob completes the transfer, and London equalizes Carol's call with Alice's ConnID
    Given Carol is on extension 8003 at London
    And Alice is talking to Bob
    And Bob has started a consultation with Carol at the other site
    And Carol has answered the consultation call
    When Bob completes the transfer
    Then each DN receives, in order:
      | dn    | event             | site   | ConnID | PreviousConnID | ThisDN | ThirdPartyDN | ThirdPartyDNRole | CallState   |
      | Alice | EventPartyChanged | Paris  | $call1 | $call1         | Alice  | Bob          | TransferredBy    | Transferred |
      | Carol | EventPartyChanged | London | $call1 | $call2         | Carol  |              |                  |             |

  @inferred
  Scenario: Bob completes the transfer and leaves both calls, in either order
    Given Carol is on extension 8003 at London
    And Alice is talking to Bob
    And Bob has started a consultation with Carol at the other site
    And Carol has answered the consultation call
    When Bob completes the transfer
    Then each DN receives, in order:
      | dn    | step | event             | site   | ConnID | PreviousConnID | ThisDN |
      | Bob   | 1    | EventReleased     | Paris  | $call2 |                | Bob    |
      | Bob   | 1    | EventReleased     | Paris  | $call1 |                | Bob    |
      | Alice | 2    | EventPartyChanged | Paris  | $call1 |                | Alice  |
      | Carol | 2    | EventPartyChanged | London | $call1 | $call2         | Carol  |

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
