@model:reconnect-call @source:GenEM/SpecialCases @inferred
Feature: Reconnect-call service
  Bob has a call on hold with Alice and a current call, typically a consultation with Carol. He
  reconnects to Alice: he is released from the current call and the held call is retrieved. This is
  how a consultation is cancelled, whether Carol answered, is still ringing, or was busy. Carol is
  released from the consultation (or her phone stops ringing); Alice sees no change.

  Source: Genesys Events and Models Reference, Special Cases, "Reconnect-call service"; the GenEM
  table was not readable. The semantics (release the DN from the current call and retrieve the held
  one; used to go back to a held call or to cancel a consult call after no answer, busy...) are READ
  in the Platform SDK T-Library reference (TReconnectCall); the PSDK field mapping (ConnID = the
  current call, PreviousConnID = the held call) in a working PSDK client. The Genesys QA model of SIP
  Server only models the supervisor's side effects, not checked here.

  Uncertain: the events are reconstructed as the Release Phase of the current call (EventReleased at
  Bob with the request's ReferenceID; EventReleased at Carol, or EventAbandoned if she still rings;
  nothing when she was busy) followed by EventRetrieved(CallState Ok) of the held call at Bob.

  Background:
    Given Alice is on extension 7001
    And Bob is on extension 7002
    And Carol is on extension 7003

  Rule: The current call is released and the held call is retrieved

    Scenario: Bob reconnects to Alice after talking to Carol
      Given Alice is talking to Bob
      And Bob has started a consultation with Carol for a transfer
      And Carol has answered the consultation call
      When Bob reconnects to Alice
      Then each DN receives, in order:
        | dn    | event          | ConnID | ThisDN | OtherDN    | CallState | ReferenceID |
        | Bob   | EventReleased  | $call2 | Bob    | Carol *OPT | Ok        | $request    |
        | Bob   | EventRetrieved | $call1 | Bob    | Alice      | Ok        |             |
        | Carol | EventReleased  | $call2 | Carol  | Bob *OPT   | Ok        |             |

    Scenario: Bob cancels the consultation while Carol's phone still rings
      Given Alice is talking to Bob
      And Bob has started a consultation with Carol for a transfer
      When Bob reconnects to Alice
      Then each DN receives, in order:
        | dn    | event          | ConnID | ThisDN | OtherDN       | CallState | ReferenceID |
        | Bob   | EventReleased  | $call2 | Bob    | Carol *OPT    | Ok        | $request    |
        | Bob   | EventRetrieved | $call1 | Bob    | Alice         | Ok        |             |
        | Carol | EventAbandoned | $call2 | Carol  | Bob or absent | Ok        |             |

    Scenario: Bob cancels the consultation because Carol is busy
      Given Dave is on extension 7004
      And Carol is talking to Dave
      And Alice is talking to Bob
      And Bob has started a consultation with Carol for a transfer
      When Bob reconnects to Alice
      Then Bob receives, in order:
        | event          | ConnID | ThisDN | OtherDN    | CallState | ReferenceID |
        | EventReleased  | $call3 | Bob    | Carol *OPT | Ok        | $request    |
        | EventRetrieved | $call2 | Bob    | Alice      | Ok        |             |

    Scenario: Bob drops a second call and goes back to the call he held
      Given Alice is talking to Bob
      And Bob has put the call on hold
      And Carol is talking to Bob
      When Bob reconnects to Alice
      Then each DN receives, in order:
        | dn    | event          | ConnID | ThisDN | OtherDN    | CallState | ReferenceID |
        | Bob   | EventReleased  | $call2 | Bob    | Carol *OPT | Ok        | $request    |
        | Bob   | EventRetrieved | $call1 | Bob    | Alice      | Ok        |             |
        | Carol | EventReleased  | $call2 | Carol  | Bob *OPT   | Ok        |             |
