@model:two-step-transfer-blind @source:GenEM/HoldingTransferringandConferencing
Feature: Two-Step Transfer, complete before the consulted party answers
  Alice and Bob are talking. Bob starts a consultation with Carol for a transfer and completes the
  transfer while Carol's phone is still ringing (a "blind" transfer). Bob leaves both calls. Alice is
  told that the party at the other end is now Carol; Carol, still ringing, is told that her call is
  now the main call. When Carol answers, she answers on the main call's ConnID.

  Source: Genesys Events and Models Reference, Holding, Transferring, and Conferencing, "Two-Step
  Transfer, complete before consulted party answers"; only the title could be read. The Genesys QA
  model of SIP Server has no separate code for it: it expects the same EventPartyChanged at the
  consulted party while it still rings (its transfer completion). The
  consultation start is the same as in two-step-transfer-after-answer. Not checked: Cause.

  Uncertain: GenEM's table was not read. Two reconstructions of the completion are possible: the
  ringing party is told by EventPartyChanged, or its EventRinging is reported again with the main
  call's ConnID. The QA model's choice, EventPartyChanged, is asserted (as its completion gives it:
  no ThisDNRole); a switch that re-reports the ringing deviates from the reconstruction. That Bob is
  released from both calls is the T-Library reference's TCompleteTransfer; the attributes of his
  releases (CallState Transferred) are reconstructed as in the transfer after answer. That Carol's
  later EventEstablished carries the main call's ConnID, that Alice gets no event when Carol
  answers, and that Carol gets EventAbandoned when Alice hangs up first are reconstructions; the
  CallState of Carol's EventEstablished after the transfer (Ok or Transferred) is not asserted.

  Background:
    Given Alice is on extension 7001
    And Bob is on extension 7002
    And Carol is on extension 7003

  Rule: The consulted party is told while its phone still rings

    @qa-model
    Scenario: Bob completes the transfer while Carol's phone is still ringing
      Given Alice is talking to Bob
      And Bob has started a consultation with Carol for a transfer
      When Bob completes the transfer
      Then each DN receives, in order:
        | dn    | event             | ConnID | ThisDN | OtherDN | OtherDNRole | ThirdPartyDN | ThirdPartyDNRole | PreviousConnID | CallState   |
        | Alice | EventPartyChanged | $call1 | Alice  | Carol   | Destination | Bob          | TransferredBy    | $call1         | Transferred |
        | Carol | EventPartyChanged | $call1 | Carol  | Alice   | Origination | Bob          | TransferredBy    | $call2         | Transferred |
      And Bob receives, in any order:
        | event         | ConnID | ThisDN |
        | EventReleased | $call2 | Bob    |
        | EventReleased | $call1 | Bob    |

    @inferred
    Scenario: Bob's own releases at the blind completion say the call was transferred
      Given Alice is talking to Bob
      And Bob has started a consultation with Carol for a transfer
      When Bob completes the transfer
      Then Bob receives, in any order:
        | event         | ConnID | ThisDN | CallState   | ReferenceID        |
        | EventReleased | $call2 | Bob    | Transferred | $request or absent |
        | EventReleased | $call1 | Bob    | Transferred | $request or absent |
      And each DN receives, in order:
        | dn    | event             | ConnID |
        | Alice | EventPartyChanged | $call1 |
        | Carol | EventPartyChanged | $call1 |

  Rule: The consulted party then answers, or the caller gives up, on the main call

    @inferred
    Scenario: Carol answers the transferred call
      Given Alice is talking to Bob
      And Bob has started a consultation with Carol for a transfer
      And Bob has completed the transfer
      When Carol answers
      Then Carol receives, in order:
        | event            | ConnID | ThisDN | ThisDNRole  | OtherDN |
        | EventEstablished | $call1 | Carol  | Destination | Alice   |

    @inferred
    Scenario: Alice hangs up before Carol answers
      Given Alice is talking to Bob
      And Bob has started a consultation with Carol for a transfer
      And Bob has completed the transfer
      When Alice hangs up
      Then each DN receives, in order:
        | dn    | event          | ConnID | ThisDN | OtherDN    | CallState |
        | Alice | EventReleased  | $call1 | Alice  | Carol *OPT | Ok        |
        | Carol | EventAbandoned | $call1 | Carol  |            | Ok        |
