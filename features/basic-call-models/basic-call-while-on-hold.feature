@model:basic-call-while-on-hold @source:GenEM/BasicCallModels @source:GenEM/HoldingTransferringandConferencing @inferred
Feature: Connection-establishing phase while on hold
  A party that has a call on hold places a new call, to an extension (internal) or an outside
  number (outbound). The new call gets its own ConnID and is established exactly as a first call
  would be; the held call is not touched and its other party gets no event.

  Source: Genesys Events and Models Reference, Basic Call Models, "Connection-establishing phase
  while on hold" (internal/outbound) — known by title only. The steps are those of the Call-
  Establishing Phase (internal call model, read with attributes) on a second ConnID, after the Hold
  of "Hold/Retrieve: consulted party answers", whose step 3 is such a call.

  Uncertain: the sequence is reconstructed from those two models. CallType of the new call
  (Internal, or Outbound for an outside number) is inferred: a call placed with TMakeCall from a
  holding DN is not a Consult call in the models read.

  Background:
    Given Alice is on extension 7001
    And Bob is on extension 7002
    And Carol is on extension 7003

  Rule: An internal call placed while another call is on hold

    Scenario: Alice, with Bob on hold, calls Carol on a new ConnID
      Given Alice is talking to Bob
      And Alice has put the call on hold
      When Alice calls Carol
      Then the switch reports, in order:
        | dn    | event        | ConnID | ThisDN | ThisDNRole  | OtherDN     | OtherDNRole       | CallType            | CallState |
        | Alice | EventDialing | $call2 | Alice  | Origination | Carol *DIAL | Destination *DIAL | Internal or Unknown |           |
        | Carol | EventRinging | $call2 | Carol  | Destination | Alice       | Origination       | Internal            | Ok        |

    Scenario: Carol answers, and the new call is established while Bob stays on hold
      Given Alice is talking to Bob
      And Alice has put the call on hold
      And Alice is calling Carol
      When Carol answers
      Then each DN receives, in order:
        | dn    | event            | ConnID | ThisDN | ThisDNRole  | OtherDN | OtherDNRole |
        | Alice | EventEstablished | $call2 | Alice  | Origination | Carol   | Destination |
        | Carol | EventEstablished | $call2 | Carol  | Destination | Alice   | Origination |

    Scenario: Alice gives up on the new call while Carol's phone rings, and Bob stays on hold
      Given Alice is talking to Bob
      And Alice has put the call on hold
      And Alice is calling Carol
      When Alice hangs up
      Then each DN receives, in order:
        | dn    | event          | ConnID | ThisDN | OtherDN    | CallState |
        | Alice | EventReleased  | $call2 | Alice  | Carol *OPT | Ok        |
        | Carol | EventAbandoned | $call2 | Carol  | Alice      | Ok        |

  Rule: An outbound call placed while another call is on hold

    @requires:network-reached:not-reported
    Scenario: Alice, with Bob on hold, calls an outside number
      Given Otto is an outside party at 5550199
      And Alice is talking to Bob
      And Alice has put the call on hold
      When Alice calls Otto
      Then Alice receives, in order:
        | event        | ConnID | ThisDN | ThisDNRole  | OtherDN    | OtherDNRole       | CallType            |
        | EventDialing | $call2 | Alice  | Origination | Otto *DIAL | Destination *DIAL | Outbound or Unknown |

    @requires:external-parties
    Scenario: Otto answers, and Alice's outbound call is established while Bob stays on hold
      Given Otto is an outside party at 5550199
      And Alice is talking to Bob
      And Alice has put the call on hold
      And Alice is calling Otto
      When Otto answers
      Then Alice receives, in order:
        | event            | ConnID | ThisDN | ThisDNRole  | OtherDN        | OtherDNRole           | CallState |
        | EventEstablished | $call2 | Alice  | Origination | Otto or absent | Destination or absent | Ok        |
