@model:alternate-call @source:GenEM/SpecialCases @inferred
Feature: Alternate-call service
  Bob has two calls: one on hold and one he is talking on. He alternates between them: the call he
  is talking on is put on hold and the held call is connected again. Only Bob is told; the parties
  on the two calls see no change. Alternating again swaps the calls back.

  Source: Genesys Events and Models Reference, Special Cases, "Alternate-call service"; the GenEM
  table was not readable. The semantics (on behalf of the DN, hold the current call and connect the
  held one) are read in the Platform SDK T-Library reference (TAlternateCall). The Genesys QA model
  of SIP Server only models the supervisor's side effects, which are not checked here. The two events form one step and may arrive in either order.

  Uncertain: Bob's events are reconstructed as EventHeld for the current call and EventRetrieved
  (CallState Ok) for the held call, with no event to the other parties. Which of the two carries the
  request's ReferenceID is not known, and which PSDK field holds which call is not settled (the
  harness sends the current call as ConnID and the held call as PreviousConnID).

  Background:
    Given Alice is on extension 7001
    And Bob is on extension 7002
    And Carol is on extension 7003

  Rule: The current call is held and the held call is connected; only the requester is told

    Scenario: Bob alternates from his consultation with Carol back to Alice
      Given Alice is talking to Bob
      And Bob has started a consultation with Carol for a transfer
      And Carol has answered the consultation call
      When Bob alternates between the calls
      Then Bob receives, in order:
        | event          | step | ConnID | ThisDN | OtherDN | CallState |
        | EventHeld      | 1    | $call2 | Bob    | Carol   |           |
        | EventRetrieved | 1    | $call1 | Bob    | Alice   | Ok        |

    Scenario: Bob alternates back to Carol
      Given Alice is talking to Bob
      And Bob has started a consultation with Carol for a transfer
      And Carol has answered the consultation call
      And Bob has alternated between the calls
      When Bob alternates between the calls
      Then Bob receives, in order:
        | event          | step | ConnID | ThisDN | OtherDN | CallState |
        | EventHeld      | 1    | $call1 | Bob    | Alice   |           |
        | EventRetrieved | 1    | $call2 | Bob    | Carol   | Ok        |

    Scenario: Bob alternates between two calls that are not a consultation
      Given Alice is talking to Bob
      And Bob has put the call on hold
      And Carol is talking to Bob
      When Bob alternates between the calls
      Then Bob receives, in order:
        | event          | step | ConnID | ThisDN | OtherDN | CallState |
        | EventHeld      | 1    | $call2 | Bob    | Carol   |           |
        | EventRetrieved | 1    | $call1 | Bob    | Alice   | Ok        |
