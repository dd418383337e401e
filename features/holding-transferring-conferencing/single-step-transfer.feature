@model:single-step-transfer @source:GenEM/HoldingTransferringandConferencing
Feature: Single-Step Transfer
  Alice and Bob are talking, and Bob transfers the call to Carol in one step, without a
  consultation call. Bob leaves the call at once, without the others being told that he left. Carol's
  phone rings on the same call (the ConnID does not change), taking over Bob's role. Alice is told
  that the party at the other end changed, and that Bob transferred the call.

  Source: Genesys Events and Models Reference, Holding, Transferring, and Conferencing, "Single-Step
  Transfer"; the GenEM table was not readable, the expectations are the Genesys QA model of SIP
  Server's SingleStepTransfer handler, "copied fully from model_dn.py". The QA model expects the
  three events Bob, Carol, Alice, but checks each DN's events on its own, so no order across DNs is
  asserted. The roles asserted are the ones it names: Carol rings with Bob's role on the call (he
  answered Alice's call: Destination). ThirdPartyDN on Bob's EventReleased is sent by
  servers from 7.0 and Cause 1stepTransfer from 7.2; older servers are not covered. In a conference
  OtherDN is only set when exactly two parties remain. Not checked: a transfer to an ACD queue (the
  OtherDN then depends on the partyAfterSSxtoQueue setting), supervisors, the DNIS change, the
  transfer to an outside number (single-step-transfer-outbound).

  Uncertain: what happens when Carol answers is generic in the QA model; it is reconstructed as the
  basic model's EventEstablished at Carol on the same ConnID, with nothing to Alice, who is already
  connected. The basic model's EventEstablished has no CallState, and Carol's ringing was
  Transferred: the CallState of her EventEstablished (Ok or Transferred) is not asserted. The transfer of an outside caller is reconstructed from the rule that a party the
  switch does not monitor gets no events (the QA model reads only the internal caller's case).

  Background:
    Given Alice is on extension 7001
    And Bob is on extension 7002
    And Carol is on extension 7003

  Rule: The transferring party leaves silently; the destination rings on the same call; the others are told

    Scenario: Bob transfers his call with Alice to Carol
      Given Alice is talking to Bob
      When Bob transfers the call to Carol
      Then each DN receives, in order:
        | dn    | event             | ConnID | ThisDN | ThisDNRole  | OtherDN | OtherDNRole | ThirdPartyDN | ThirdPartyDNRole | PreviousConnID | CallState   | Cause              | ReferenceID |
        | Bob   | EventReleased     | $call1 | Bob    |             |         |             | Carol        | Destination      |                | Transferred | Cause1stepTransfer | $request    |
        | Carol | EventRinging      | $call1 | Carol  | Destination |         |             |              |                  |                | Transferred |                    |             |
        | Alice | EventPartyChanged | $call1 | Alice  |             | Carol   |             | Bob          | TransferredBy    | $call1         | Transferred |                    |             |

    @inferred @requires:external-parties
    Scenario: Bob transfers a call from an outside caller, who gets no events
      Given Olivia is an outside caller at 5550100
      And Olivia is talking to Bob
      When Bob transfers the call to Carol
      Then each DN receives, in order:
        | dn    | event         | ConnID | ThisDN | ThisDNRole  | OtherDN          | ThirdPartyDN | ThirdPartyDNRole | CallType | CallState   | Cause              | ReferenceID |
        | Bob   | EventReleased | $call1 | Bob    |             |                  | Carol        | Destination      |          | Transferred | Cause1stepTransfer | $request    |
        | Carol | EventRinging  | $call1 | Carol  | Destination | Olivia or absent |              |                  | Inbound  | Transferred |                    |             |

    Scenario: Bob transfers his place in a conference to Dave
      Given Dave is on extension 7004
      And Alice, Bob and Carol are in a conference
      When Bob transfers the call to Dave
      Then each DN receives, in order:
        | dn    | event             | step | ConnID | ThisDN | ThisDNRole       | OtherDN        | ThirdPartyDN | ThirdPartyDNRole | PreviousConnID | CallState   | ReferenceID |
        | Bob   | EventReleased     | 1    | $call1 | Bob    |                  |                | Dave         | Destination      |                | Transferred | $request    |
        | Dave  | EventRinging      | 2    | $call1 | Dave   | ConferenceMember |                |              |                  |                | Transferred |             |
        | Alice | EventPartyChanged | 3    | $call1 | Alice  | ConferenceMember | Dave or absent | Bob          | TransferredBy    | $call1         | Transferred |             |
        | Carol | EventPartyChanged | 3    | $call1 | Carol  | ConferenceMember | Dave or absent | Bob          | TransferredBy    | $call1         | Transferred |             |

  Rule: The destination answers on the same call

    @inferred
    Scenario: Carol answers the transferred call
      Given Alice is talking to Bob
      And Bob has transferred the call to Carol
      When Carol answers
      Then Carol receives, in order:
        | event            | ConnID | ThisDN | ThisDNRole  | OtherDN         |
        | EventEstablished | $call1 | Carol  | Destination | Alice or absent |
