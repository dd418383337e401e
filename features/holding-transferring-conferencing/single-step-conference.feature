@model:single-step-conference @source:GenEM/HoldingTransferringandConferencing
Feature: Single-Step Conference
  Alice and Bob are in a call, and Bob adds Carol to it in one step, without a consultation call.
  Carol's phone rings on the same call, as a conference member. Alice and Bob are told at once, while
  Carol still rings, that Carol was added by Bob; Bob's event answers his request. From then on the
  call is a conference on the same ConnID and every party is a conference member.

  Source: Genesys Events and Models Reference, Holding, Transferring, and Conferencing, "Single-Step
  Conference"; the GenEM table was not readable, the expectations are the Genesys QA model of SIP
  Server (its SingleStepConference handler, plain variant), which checks each DN's events on its own. The requester may be talking, dialling or
  still ringing. Not checked: UserData in the request (servers ≥ 8.0.4), the supervisor-assist,
  intrusion and bridged-transfer variants (Monitoring Calls), auto-answering devices such as
  gcti::record (EventEstablished Conferenced before the EventPartyAdded).

  Uncertain: what Carol gets when she answers is generic in the QA model; it is reconstructed as the
  basic model's EventEstablished (CallState Ok or Conferenced), with nothing to the others.

  Background:
    Given Alice is on extension 7001
    And Bob is on extension 7002
    And Carol is on extension 7003

  Rule: The new party rings on the same call and the others are told while it rings

    Scenario: Bob conferences Carol into his call with Alice
      Given Alice is talking to Bob
      When Bob conferences Carol in
      Then each DN receives, in order:
        | dn    | event           | step | ConnID | ThisDN | ThisDNRole       | OtherDN | OtherDNRole | ThirdPartyDN | ThirdPartyDNRole | CallState   | ReferenceID |
        | Carol | EventRinging    | 1    | $call1 | Carol  | ConferenceMember |         |             |              |                  | Ok          |             |
        | Alice | EventPartyAdded | 2    | $call1 | Alice  | ConferenceMember | Carol   | NewParty    | Bob          | AddedBy          | Conferenced | absent      |
        | Bob   | EventPartyAdded | 2    | $call1 | Bob    | ConferenceMember | Carol   | NewParty    | Bob          | AddedBy          | Conferenced | $request    |

    Scenario: Alice conferences Carol in while Bob's phone is still ringing
      Given Alice is calling Bob
      When Alice conferences Carol in
      Then each DN receives, in order:
        | dn    | event           | step | ConnID | ThisDN | ThisDNRole       | OtherDN | OtherDNRole | ThirdPartyDN | ThirdPartyDNRole | CallState   | ReferenceID |
        | Carol | EventRinging    | 1    | $call1 | Carol  | ConferenceMember |         |             |              |                  | Ok          |             |
        | Alice | EventPartyAdded | 2    | $call1 | Alice  | ConferenceMember | Carol   | NewParty    | Alice        | AddedBy          | Conferenced | $request    |
        | Bob   | EventPartyAdded | 2    | $call1 | Bob    | ConferenceMember | Carol   | NewParty    | Alice        | AddedBy          | Conferenced | absent      |

    @inferred
    Scenario: Carol answers and joins the conference
      Given Alice is talking to Bob
      And Bob has conferenced Carol in with a single step
      When Carol answers
      Then Carol receives, in order:
        | event            | ConnID | ThisDN | ThisDNRole       | OtherDN | CallState         |
        | EventEstablished | $call1 | Carol  | ConferenceMember | absent  | Ok or Conferenced |
