@model:two-step-transfer-after-answer @source:GenEM/HoldingTransferringandConferencing
Feature: Two-Step Transfer, complete after the consulted party answers
  Alice and Bob are talking. Bob starts a consultation with Carol for a transfer: his call with Alice
  is put on hold and a consultation call to Carol is dialled. Carol answers, and Bob completes the
  transfer. Bob leaves both calls. The main call's ConnID survives: Alice is told that the party at
  the other end is now Carol; Carol is told that her call is now the main call (her ConnID changes
  from the consultation's to the main call's). Both are told that Bob transferred the call.

  Source: Genesys Events and Models Reference, Holding, Transferring, and Conferencing, "Two-Step
  Transfer" (complete after the consulted party answers); the GenEM table was not readable. The
  consultation start is the Genesys QA model of SIP Server (its consultation dialling: EventHeld,
  then EventDialing with the request's ReferenceID); Carol's answer is the Call-Establishing Phase
  on the consultation call, as in GenEM's Hold/Retrieve model. The events of Alice and Carol at
  completion are the QA model's (its transfer completion, partyChangedEventsCompleteTransfer):
  EventPartyChanged with PreviousConnID = the main call for the parties that stayed and = the
  consultation for the parties that moved in; OtherDN for a party that stayed is always the party
  that joined, and for a party that moved in only when exactly one party stayed (GenEM's "complex
  party" rule for conferences). Across DNs the order is free. That Bob is released from both calls
  is the T-Library reference's TCompleteTransfer ("releases dn from both calls"). Not checked: the
  consultation's UserData, supervisors, trunk optimization (trunk-anti-tromboning), Cause, and
  CallState on the answered consultation's EventEstablished (the Call-Establishing Phase lists none).

  Uncertain: the attributes of Bob's own events at completion are not in any source that could be
  read (GenEM's table, or the QA model's generic code). They are reconstructed by analogy with the
  conference completion: CallState Transferred, either order, the request's ReferenceID on the
  first; a separate scenario asserts them, and the transfer of a conference judges Bob's events
  only in its reconstructed twin. CallType Consult and PreviousConnID on the consultation
  call's events are reconstructed from GenEM's rule that PreviousConnID must be present when
  CallType is Consult; so are the consulted party's ringing attributes (role, OtherDN, CallState, by
  analogy with a basic call's ringing: the QA model's ringing is generic), asserted in that
  scenario only.

  Background:
    Given Alice is on extension 7001
    And Bob is on extension 7002
    And Carol is on extension 7003

  Rule: A consultation for a transfer holds the main call and dials the consulted party

    @qa-model
    Scenario: Bob starts a consultation with Carol for a transfer
      Given Alice is talking to Bob
      When Bob starts a consultation with Carol for a transfer
      Then each DN receives, in order:
        | dn    | event        | ConnID | ThisDN | ThisDNRole  | OtherDN     | OtherDNRole       | CallState | ReferenceID |
        | Bob   | EventHeld    | $call1 | Bob    | Destination | Alice       |                   |           |             |
        | Bob   | EventDialing | $call2 | Bob    | Origination | Carol *DIAL | Destination *DIAL |           | $request    |
        | Carol | EventRinging | $call2 | Carol  |             |             |                   |           |             |

    @inferred
    Scenario: The consultation call is a consult call of the main call
      Given Alice is talking to Bob
      When Bob starts a consultation with Carol for a transfer
      Then each DN receives, in order:
        | dn    | event        | ConnID | CallType           | PreviousConnID | ThisDNRole  | OtherDN | OtherDNRole | CallState |
        | Bob   | EventHeld    | $call1 |                    |                |             |         |             |           |
        | Bob   | EventDialing | $call2 | Consult or Unknown | $call1         |             |         |             |           |
        | Carol | EventRinging | $call2 | Consult            | $call1         | Destination | Bob     | Origination | Ok        |

    Scenario: Carol answers the consultation call
      Given Alice is talking to Bob
      And Bob has started a consultation with Carol for a transfer
      When Carol answers
      Then each DN receives, in order:
        | dn    | event            | ConnID | ThisDN | ThisDNRole  | OtherDN | OtherDNRole |
        | Carol | EventEstablished | $call2 | Carol  | Destination | Bob     | Origination |
        | Bob   | EventEstablished | $call2 | Bob    | Origination | Carol   | Destination |

  Rule: Completing the transfer moves the consulted party into the main call, whose ConnID survives

    @qa-model
    Scenario: Bob completes the transfer after Carol answered
      Given Alice is talking to Bob
      And Bob has started a consultation with Carol for a transfer
      And Carol has answered the consultation call
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
    Scenario: Bob's own releases at completion say the call was transferred
      Given Alice is talking to Bob
      And Bob has started a consultation with Carol for a transfer
      And Carol has answered the consultation call
      When Bob completes the transfer
      Then Bob receives, in any order:
        | event         | ConnID | ThisDN | CallState   | ReferenceID        |
        | EventReleased | $call2 | Bob    | Transferred | $request or absent |
        | EventReleased | $call1 | Bob    | Transferred | $request or absent |
      And each DN receives, in order:
        | dn    | event             | ConnID |
        | Alice | EventPartyChanged | $call1 |
        | Carol | EventPartyChanged | $call1 |

    @inferred @requires:external-parties
    Scenario: Bob transfers an outside caller, who gets no events
      Given Olivia is an outside caller at 5550100
      And Olivia is talking to Bob
      And Bob has started a consultation with Carol for a transfer
      And Carol has answered the consultation call
      When Bob completes the transfer
      Then Carol receives, in order:
        | event             | ConnID | ThisDN | ThisDNRole  | OtherDN          | OtherDNRole           | ThirdPartyDN | ThirdPartyDNRole | PreviousConnID | CallState   |
        | EventPartyChanged | $call1 | Carol  | Destination | Olivia or absent | Origination or absent | Bob          | TransferredBy    | $call2         | Transferred |
      And Bob receives, in any order:
        | event         | ConnID | ThisDN | CallState   |
        | EventReleased | $call2 | Bob    | Transferred |
        | EventReleased | $call1 | Bob    | Transferred |

  Rule: A conference is transferred as one complex party: every member is told, the new party without OtherDN

    @qa-model @extras-allowed:Bob
    Scenario: Bob transfers his conference with Alice and Carol to Dave, and every party is told
      Given Dave is on extension 7004
      And Alice, Bob and Carol are in a conference
      And Bob has started a consultation with Dave for a transfer
      And Dave has answered the consultation call
      When Bob completes the transfer
      Then each DN receives, in order:
        | dn    | event             | ConnID | ThisDN | ThisDNRole       | OtherDN | ThirdPartyDN | ThirdPartyDNRole | PreviousConnID | CallState   |
        | Alice | EventPartyChanged | $call1 | Alice  | ConferenceMember | Dave    | Bob          | TransferredBy    | $call1         | Transferred |
        | Carol | EventPartyChanged | $call1 | Carol  | ConferenceMember | Dave    | Bob          | TransferredBy    | $call1         | Transferred |
        | Dave  | EventPartyChanged | $call1 | Dave   | ConferenceMember | absent  | Bob          | TransferredBy    | $call3         | Transferred |

    @inferred
    Scenario: Bob transfers his conference with Alice and Carol to Dave, and leaves both calls
      Given Dave is on extension 7004
      And Alice, Bob and Carol are in a conference
      And Bob has started a consultation with Dave for a transfer
      And Dave has answered the consultation call
      When Bob completes the transfer
      Then each DN receives, in order:
        | dn    | event             | ConnID | ThisDN | ThisDNRole       | OtherDN | ThirdPartyDN | ThirdPartyDNRole | PreviousConnID | CallState   |
        | Alice | EventPartyChanged | $call1 | Alice  | ConferenceMember | Dave    | Bob          | TransferredBy    | $call1         | Transferred |
        | Carol | EventPartyChanged | $call1 | Carol  | ConferenceMember | Dave    | Bob          | TransferredBy    | $call1         | Transferred |
        | Dave  | EventPartyChanged | $call1 | Dave   | ConferenceMember | absent  | Bob          | TransferredBy    | $call3         | Transferred |
      And Bob receives, in any order:
        | event         | ConnID | ThisDN | CallState   |
        | EventReleased | $call3 | Bob    | Transferred |
        | EventReleased | $call1 | Bob    | Transferred |
