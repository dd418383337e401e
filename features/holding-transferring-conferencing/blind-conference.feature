@model:blind-conference @source:GenEM/HoldingTransferringandConferencing @inferred
Feature: Blind Conference
  Alice and Bob are talking. Bob starts a consultation with Carol for a conference and completes the
  conference while Carol's phone is still ringing. Bob leaves the consultation call and is back on
  the main call; Alice and Bob are told that Carol was added; Carol, still ringing, is told that her
  call is now the main call. When Carol answers, she answers on the main call's ConnID as a
  conference member.

  Source: Genesys Events and Models Reference, Holding, Transferring, and Conferencing, "Blind
  Conference"; only the title could be read. The completion events are those of the Genesys QA model
  of SIP Server for TCompleteConference (its conference completion, "copied from model_dn"), which
  allows the consultation to be dialling when it completes.

  Uncertain: the whole model is reconstructed from the QA model's conference completion, applied
  while Carol still rings; that Carol's later EventEstablished carries the main call's ConnID (CallState
  Ok or Conferenced) and that nobody else is told when she answers are reconstructions.

  Background:
    Given Alice is on extension 7001
    And Bob is on extension 7002
    And Carol is on extension 7003

  Rule: The conference is completed while the new party still rings

    Scenario: Bob completes the conference while Carol's phone is still ringing
      Given Alice is talking to Bob
      And Bob has started a consultation with Carol for a conference
      When Bob completes the conference
      Then each DN receives, in order:
        | dn    | event             | step | ConnID | ThisDN | ThisDNRole       | OtherDN | OtherDNRole | ThirdPartyDN | ThirdPartyDNRole | PreviousConnID | CallState   | ReferenceID        |
        | Bob   | EventReleased     | 1    | $call2 | Bob    |                  |         |             |              |                  |                | Conferenced | $request or absent |
        | Bob   | EventRetrieved    | 1    | $call1 | Bob    |                  |         |             |              |                  |                | Conferenced | $request or absent |
        | Alice | EventPartyAdded   | 2    | $call1 | Alice  | ConferenceMember | Carol   | NewParty    | Bob          | AddedBy          |                | Conferenced |                    |
        | Bob   | EventPartyAdded   | 2    | $call1 | Bob    | ConferenceMember | Carol   | NewParty    | Bob          | AddedBy          |                | Conferenced |                    |
        | Carol | EventPartyChanged | 3    | $call1 | Carol  | ConferenceMember |         |             | Bob          | ConferencedBy    | $call2         | Conferenced |                    |

    Scenario: Carol answers and joins the conference
      Given Alice is talking to Bob
      And Bob has started a consultation with Carol for a conference
      And Bob has completed the conference
      When Carol answers
      Then Carol receives, in order:
        | event            | ConnID | ThisDN | ThisDNRole       | OtherDN | CallState         |
        | EventEstablished | $call1 | Carol  | ConferenceMember | absent  | Ok or Conferenced |
