@model:conference @source:GenEM/HoldingTransferringandConferencing
Feature: Conference
  Alice and Bob are talking. Bob starts a consultation with Carol for a conference: his call with
  Alice is put on hold and a consultation call to Carol is dialled. When Carol has answered, Bob
  completes the conference. Bob leaves the consultation call and is back on the main call; Alice and
  Bob are told that Carol was added; Carol is told that her call is now the main call (her ConnID
  changes to the main call's). Everybody is then a conference member on the main call's ConnID.

  Source: Genesys Events and Models Reference, Holding, Transferring, and Conferencing, "Conference";
  the GenEM table was not readable, the expectations are the Genesys QA model of SIP Server
  ("copied from model_dn"): its consultation dialling and its conference completion, which check
  each DN's events on its own (no order across DNs). In the completion, Bob's two events are one step and may
  arrive in either order; the request's ReferenceID is on whichever comes first, so each cell accepts
  it or its absence, and one of the two must carry it. SIP Server sends each old party one EventPartyAdded per new party. Later
  departures follow Releasing Calls (release-from-conference, delete-from-conference). Not checked:
  UserData of the consultation (the use-data-from option), bridged appearances, supervisors, and
  CallState on the answered consultation's EventEstablished (the Call-Establishing Phase lists none).

  Uncertain: CallType Consult and PreviousConnID (= the main call) on the consultation call's
  events are not in the QA model; they are reconstructed from GenEM's rule that PreviousConnID must
  be present when CallType is Consult. Carol's EventRinging is generic in the QA model: its role,
  OtherDN and CallState (a basic call's ringing, by analogy) are asserted only in that inferred
  scenario.

  Background:
    Given Alice is on extension 7001
    And Bob is on extension 7002
    And Carol is on extension 7003

  Rule: A consultation for a conference holds the main call and dials the consulted party

    Scenario: Bob starts a consultation with Carol for a conference
      Given Alice is talking to Bob
      When Bob starts a consultation with Carol for a conference
      Then each DN receives, in order:
        | dn    | event        | ConnID | ThisDN | ThisDNRole  | OtherDN     | OtherDNRole       | CallState | ReferenceID |
        | Bob   | EventHeld    | $call1 | Bob    | Destination | Alice       |                   |           |             |
        | Bob   | EventDialing | $call2 | Bob    | Origination | Carol *DIAL | Destination *DIAL |           | $request    |
        | Carol | EventRinging | $call2 | Carol  |             |             |                   |           |             |

    @inferred
    Scenario: The consultation call is a consult call of the main call
      Given Alice is talking to Bob
      When Bob starts a consultation with Carol for a conference
      Then each DN receives, in order:
        | dn    | event        | ConnID | CallType           | PreviousConnID | ThisDNRole  | OtherDN | OtherDNRole | CallState |
        | Bob   | EventHeld    | $call1 |                    |                |             |         |             |           |
        | Bob   | EventDialing | $call2 | Consult or Unknown | $call1         |             |         |             |           |
        | Carol | EventRinging | $call2 | Consult            | $call1         | Destination | Bob     | Origination | Ok        |

    Scenario: Carol answers the consultation call
      Given Alice is talking to Bob
      And Bob has started a consultation with Carol for a conference
      When Carol answers
      Then each DN receives, in order:
        | dn    | event            | ConnID | ThisDN | ThisDNRole  | OtherDN | OtherDNRole |
        | Carol | EventEstablished | $call2 | Carol  | Destination | Bob     | Origination |
        | Bob   | EventEstablished | $call2 | Bob    | Origination | Carol   | Destination |

  Rule: Completing the conference merges the consultation into the main call, whose ConnID survives

    Scenario: Bob completes the conference
      Given Alice is talking to Bob
      And Bob has started a consultation with Carol for a conference
      And Carol has answered the consultation call
      When Bob completes the conference
      Then each DN receives, in order:
        | dn    | event             | step | ConnID | ThisDN | ThisDNRole       | OtherDN | OtherDNRole | ThirdPartyDN | ThirdPartyDNRole | PreviousConnID | CallState   | ReferenceID        |
        | Bob   | EventReleased     | 1    | $call2 | Bob    |                  |         |             |              |                  |                | Conferenced | $request or absent |
        | Bob   | EventRetrieved    | 1    | $call1 | Bob    |                  |         |             |              |                  |                | Conferenced | $request or absent |
        | Alice | EventPartyAdded   | 2    | $call1 | Alice  | ConferenceMember | Carol   | NewParty    | Bob          | AddedBy          |                | Conferenced |                    |
        | Bob   | EventPartyAdded   | 2    | $call1 | Bob    | ConferenceMember | Carol   | NewParty    | Bob          | AddedBy          |                | Conferenced |                    |
        | Carol | EventPartyChanged | 3    | $call1 | Carol  | ConferenceMember |         |             | Bob          | ConferencedBy    | $call2         | Conferenced |                    |
      And at least one of these is reported:
        | dn  | event          | ConnID | ReferenceID |
        | Bob | EventReleased  | $call2 | $request    |
        | Bob | EventRetrieved | $call1 | $request    |

    Scenario: Bob completes the conference after going back to Alice, so the main call is not on hold
      Given Alice is talking to Bob
      And Bob has started a consultation with Carol for a conference
      And Carol has answered the consultation call
      And Bob has alternated between the calls
      When Bob completes the conference
      Then each DN receives, in order:
        | dn    | event             | step | ConnID | ThisDN | ThisDNRole       | OtherDN | OtherDNRole | ThirdPartyDN | ThirdPartyDNRole | PreviousConnID | CallState   | ReferenceID |
        | Bob   | EventReleased     | 1    | $call2 | Bob    |                  |         |             |              |                  |                | Conferenced | $request    |
        | Alice | EventPartyAdded   | 2    | $call1 | Alice  | ConferenceMember | Carol   | NewParty    | Bob          | AddedBy          |                | Conferenced |             |
        | Bob   | EventPartyAdded   | 2    | $call1 | Bob    | ConferenceMember | Carol   | NewParty    | Bob          | AddedBy          |                | Conferenced |             |
        | Carol | EventPartyChanged | 3    | $call1 | Carol  | ConferenceMember |         |             | Bob          | ConferencedBy    | $call2         | Conferenced |             |

    @requires:external-parties
    Scenario: An outside caller in the conference gets no events
      Given Olivia is an outside caller at 5550100
      And Olivia is talking to Bob
      And Bob has started a consultation with Carol for a conference
      And Carol has answered the consultation call
      When Bob completes the conference
      Then each DN receives, in order:
        | dn    | event             | step | ConnID | ThisDN | ThisDNRole       | OtherDN | OtherDNRole | ThirdPartyDN | ThirdPartyDNRole | PreviousConnID | CallState   | ReferenceID        |
        | Bob   | EventReleased     | 1    | $call2 | Bob    |                  |         |             |              |                  |                | Conferenced | $request or absent |
        | Bob   | EventRetrieved    | 1    | $call1 | Bob    |                  |         |             |              |                  |                | Conferenced | $request or absent |
        | Bob   | EventPartyAdded   | 2    | $call1 | Bob    | ConferenceMember | Carol   | NewParty    | Bob          | AddedBy          |                | Conferenced |                    |
        | Carol | EventPartyChanged | 3    | $call1 | Carol  | ConferenceMember |         |             | Bob          | ConferencedBy    | $call2         | Conferenced |                    |
      And at least one of these is reported:
        | dn  | event          | ConnID | ReferenceID |
        | Bob | EventReleased  | $call2 | $request    |
        | Bob | EventRetrieved | $call1 | $request    |
