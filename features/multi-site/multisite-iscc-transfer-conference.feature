@model:multisite-iscc-transfer-conference @source:GenEM/HoldingTransferringandConferencing @source:GenEM/MultiSiteCallScenarios @requires:multi-site @inferred
Feature: Multi-site ISCC transfers and conferences
  Bob, at the Paris site, passes a call to Carol at the London site, which has its own T-Server:
  ISCC carries the call across the trunk. In a single-step transfer Bob leaves at once and London
  makes an inbound call to Carol with the call's own ConnID; Alice stays on Paris's call, whose
  other end is now the trunk. In a conference Bob consults Carol across the sites, then completes the
  conference: Paris adds Carol (through the trunk) to Alice's call, and London tells Carol, through
  the trunk, that Bob at Paris conferenced her into the call, whose ConnID her call takes.

  Source: Genesys Events and Models Reference, Holding, Transferring, and Conferencing, "Special
  case: Multi-site ISCC Transfers and Conferences" — known by its title only (the section's 15th
  model). What crosses a trunk is the Genesys QA model of SIP Server (its trunk model): the remote
  call is inbound and gets the call's own ConnID (the consultation's for a consultation) with
  LastTransferConnID; a completion at one site reaches the remote parties as EventPartyChanged with
  ThirdPartyDN written Location::DN and, with ConnID equalization, the main call's ConnID and
  PreviousConnID the remote call's old one. Paris's own events are those of the single-step transfer
  to an outside number and of the conference (see single-step-transfer-outbound and conference).

  Uncertain: the model's table was not read, so every scenario is reconstructed and asserts only the
  ConnIDs, the sites, the DNs and what the trunk model names. That London's party gets, at a
  conference completion, EventPartyChanged with role ConferencedBy and CallState Conferenced (as the
  QA model's conference completion gives the party that joins) is inferred from the transfer case;
  so are Carol's OtherDN (the party at the other end, as a number) and that Paris's parties are not
  told when Carol answers a transferred call. Paris's EventNetworkReached after a single-step
  transfer to another site depends on the switch (see single-step-transfer-outbound): where the
  adapter declares that its switch may send it, it is allowed, not required. The QA model postpones Bob's
  EventRemoteConnectionSuccess for the transfer (with the request's ReferenceID) and accepts it
  then or later: it may come with the transfer or when Carol answers.

  Background:
    Given the sites Paris and London are linked by ISCC
    And Alice is on extension 7001 at Paris
    And Bob is on extension 7002 at Paris

  Rule: A single-step transfer to another site leaves Alice on Paris's call and rings Carol at London with the same ConnID

    @requires:sst:network-reached
    Scenario: Bob transfers Alice's call in one step to Carol at London
      Given Carol is on extension 8003 at London
      And Alice is talking to Bob
      When Bob transfers the call to Carol at the other site
      Then each DN receives, in order:
        | dn    | event               | site   | ConnID | ThisDN | OtherDN         | ThirdPartyDN | ThirdPartyDNRole | CallState   | LastTransferConnID | ReferenceID |
        | Bob   | EventReleased       | Paris  | $call1 | Bob    |                 | any          | Destination      | Transferred |                    | $request    |
        | Alice | EventPartyChanged   | Paris  | $call1 | Alice  |                 | Bob          | TransferredBy    | Transferred |                    |             |
        | Carol | EventRinging        | London | $call1 | Carol  | Alice or absent |              |                  |             | $call1             |             |
      And Alice may also receive, in order:
        | event               | site  | ConnID | ThisDN | CallState   |
        | EventNetworkReached | Paris | $call1 | Alice  | Transferred |
      And Bob may also receive, in order:
        | event                        | ReferenceID |
        | EventRemoteConnectionSuccess | $request    |

    Scenario: Carol answers the transferred call at London, and only Carol is told
      Given Carol is on extension 8003 at London
      And Alice is talking to Bob
      And Bob has transferred the call to Carol at the other site
      When Carol answers
      Then Carol receives, in order:
        | event            | site   | ConnID | ThisDN |
        | EventEstablished | London | $call1 | Carol  |
      And Bob may also receive, in order:
        | event                        |
        | EventRemoteConnectionSuccess |

  Rule: A conference with a party at another site: the consultation crosses the trunk, the completion is relayed to London

    Scenario: Bob consults Carol at London for a conference, and London rings Carol with the consultation's ConnID
      Given Carol is on extension 8003 at London
      And Alice is talking to Bob
      When Bob starts a conference consultation with Carol at the other site
      Then each DN receives, in order:
        | dn    | event        | site   | ConnID | ThisDN | OtherDN     | LastTransferConnID |
        | Bob   | EventHeld    | Paris  | $call1 | Bob    | Alice       |                    |
        | Bob   | EventDialing | Paris  | $call2 | Bob    | Carol *DIAL |                    |
        | Carol | EventRinging | London | $call2 | Carol  |             | $call2             |

    Scenario: Bob completes the conference; Paris adds Carol and London tells Carol she joined Alice's call
      Given Carol is on extension 8003 at London
      And Alice is talking to Bob
      And Bob has started a conference consultation with Carol at the other site
      And Carol has answered the consultation call
      When Bob completes the conference
      Then each DN receives, in order:
        | dn    | event             | step | site   | ConnID | PreviousConnID | ThisDN | OtherDN         | ThirdPartyDN | ThirdPartyDNRole | CallState   |
        | Bob   | EventReleased     | 1    | Paris  | $call2 |                | Bob    |                 |              |                  | Conferenced |
        | Bob   | EventRetrieved    | 1    | Paris  | $call1 |                | Bob    |                 |              |                  | Conferenced |
        | Bob   | EventPartyAdded   | 2    | Paris  | $call1 |                | Bob    | Carol or absent | Bob          | AddedBy          | Conferenced |
        | Alice | EventPartyAdded   | 2    | Paris  | $call1 |                | Alice  | Carol or absent | Bob          | AddedBy          | Conferenced |
        | Carol | EventPartyChanged | 3    | London | $call1 | $call2         | Carol  | absent          | Paris::7002  | ConferencedBy    | Conferenced |
