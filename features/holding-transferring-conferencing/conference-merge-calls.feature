@model:conference-merge-calls @source:GenEM/HoldingTransferringandConferencing @inferred
Feature: Conference with two incoming calls using TMergeCalls
  Alice calls Bob and Bob puts her on hold; then Carol calls Bob and he answers. Bob merges the two
  calls into a conference. The held call's ConnID survives: Bob leaves Carol's call and is back on
  Alice's, Alice and Bob are told that Carol was added, and Carol is told that her call is now the
  held call. The same request can merge the calls as a transfer instead: Bob then leaves both calls
  and Alice and Carol are connected.

  Source: Genesys Events and Models Reference, Holding, Transferring, and Conferencing, "Conference
  with two incoming calls using TMergeCalls"; the GenEM table was not readable. The semantics (merge
  the held and the current call as a transfer or a conference; the result keeps the held call's
  ConnID) are read in the Platform SDK T-Library reference (TMergeCalls), the PSDK fields (ConnID =
  held call, TransferConnID = current call, MergeType) in a working PSDK client. The Genesys QA model
  of SIP Server runs a merge through its conference and transfer completions, with the ReferenceID
  on Bob's first completion event.

  Uncertain: the events are reconstructed as the conference completion (conference) and the two-step
  transfer completion (two-step-transfer-after-answer) applied to two ordinary calls. Bob's own
  events for the transfer merge are not in any readable source (EventReleased for both calls,
  CallState Transferred).

  Background:
    Given Alice is on extension 7001
    And Bob is on extension 7002
    And Carol is on extension 7003

  Rule: Merged as a conference, the held call's ConnID survives and the second caller joins it

    Scenario: Bob merges his held call with Alice and his call with Carol into a conference
      Given Alice is talking to Bob
      And Bob has put the call on hold
      And Carol is talking to Bob
      When Bob merges the calls into a conference
      Then each DN receives, in order:
        | dn    | event             | step | ConnID | ThisDN | ThisDNRole       | OtherDN | OtherDNRole | ThirdPartyDN | ThirdPartyDNRole | PreviousConnID | CallState   | ReferenceID        |
        | Bob   | EventReleased     | 1    | $call2 | Bob    |                  |         |             |              |                  |                | Conferenced | $request or absent |
        | Bob   | EventRetrieved    | 1    | $call1 | Bob    |                  |         |             |              |                  |                | Conferenced | $request or absent |
        | Alice | EventPartyAdded   | 2    | $call1 | Alice  | ConferenceMember | Carol   | NewParty    | Bob          | AddedBy          |                | Conferenced |                    |
        | Bob   | EventPartyAdded   | 2    | $call1 | Bob    | ConferenceMember | Carol   | NewParty    | Bob          | AddedBy          |                | Conferenced |                    |
        | Carol | EventPartyChanged | 3    | $call1 | Carol  | ConferenceMember |         |             | Bob          | ConferencedBy    | $call2         | Conferenced |                    |

  Rule: Merged as a transfer, the two callers are connected on the held call's ConnID

    Scenario: Bob merges his held call with Alice and his call with Carol into a transfer
      Given Alice is talking to Bob
      And Bob has put the call on hold
      And Carol is talking to Bob
      When Bob merges the calls into a transfer
      Then each DN receives, in order:
        | dn    | event             | ConnID | ThisDN | ThisDNRole  | OtherDN | OtherDNRole | ThirdPartyDN | ThirdPartyDNRole | PreviousConnID | CallState   |
        | Alice | EventPartyChanged | $call1 | Alice  | Origination | Carol   | Origination | Bob          | TransferredBy    | $call1         | Transferred |
        | Carol | EventPartyChanged | $call1 | Carol  | Origination | Alice   | Origination | Bob          | TransferredBy    | $call2         | Transferred |
      And Bob receives, in any order:
        | event         | ConnID | ThisDN | CallState   | ReferenceID        |
        | EventReleased | $call2 | Bob    | Transferred | $request or absent |
        | EventReleased | $call1 | Bob    | Transferred | $request or absent |
