@model:mute-transfer @source:GenEM/HoldingTransferringandConferencing
Feature: Mute Transfer
  Alice and Bob are talking, and Bob makes a mute transfer to Carol: in one request the switch starts
  a consultation with Carol and completes the transfer without waiting for Carol to answer. Bob's
  call with Alice is held, the consultation is dialled, and Bob leaves both calls. Alice is told that
  the party at the other end is now Carol; Carol, ringing on the consultation call, is told that her
  call is now the main call. Carol then answers on the main call's ConnID.

  Source: Genesys Events and Models Reference, Holding, Transferring, and Conferencing, "Mute
  Transfer"; the GenEM table was not readable. The semantics of TMuteTransfer (transfer and complete
  without waiting for pickup; the requester is released) are READ from the T-Library reference; the
  Genesys QA model of SIP Server completes a mute transfer through the two-step transfer completion,
  where the consulted party's EventPartyChanged is optional when the transfer ends on a trunk. Not checked: the ConsultUserData extension, a mute transfer to a
  routing point (the completion is then tied to the routing point's first event).

  The completion is read: the QA model completes a mute transfer with the two-step transfer's
  EventPartyChanged (PreviousConnID = the main call for the party that stayed, = the consultation
  for the party that moved in, OtherDN the party at the other end as exactly one party stayed);
  the scenario that asserts only those judges nothing Bob receives and allows Carol's ringing.

  Uncertain: the event sequence is reconstructed as the consultation start followed at once by the
  two-step transfer completion (EventHeld, EventDialing with the request's ReferenceID, the
  destination's EventRinging, then Bob's EventReleased for both calls, CallState Transferred, and the
  EventPartyChanged of Alice and Carol). Bob's own completion events are not in any readable source.
  Carol's answer is the basic model's EventEstablished, which has no CallState: after a transfer
  its CallState (Ok or Transferred) is not asserted.

  Background:
    Given Alice is on extension 7001
    And Bob is on extension 7002
    And Carol is on extension 7003

  Rule: The consultation starts and completes in one request

    @qa-model @extras-allowed:Bob
    Scenario: Bob makes a mute transfer of Alice's call to Carol, and Alice and Carol are told
      Given Alice is talking to Bob
      When Bob makes a mute transfer to Carol
      Then Carol may also receive, in order:
        | event        | ConnID |
        | EventRinging | $call2 |
      And each DN receives, in order:
        | dn    | event             | ConnID | ThisDN | OtherDN | ThirdPartyDN | ThirdPartyDNRole | PreviousConnID | CallState   |
        | Alice | EventPartyChanged | $call1 | Alice  | Carol   | Bob          | TransferredBy    | $call1         | Transferred |
        | Carol | EventPartyChanged | $call1 | Carol  | Alice   | Bob          | TransferredBy    | $call2         | Transferred |

    @inferred
    Scenario: Bob makes a mute transfer of Alice's call to Carol
      Given Alice is talking to Bob
      When Bob makes a mute transfer to Carol
      Then each DN receives, in order:
        | dn    | step | event             | ConnID | ThisDN | ThisDNRole  | OtherDN     | OtherDNRole       | ThirdPartyDN | ThirdPartyDNRole | PreviousConnID | CallState   | ReferenceID |
        | Bob   | 1    | EventHeld         | $call1 | Bob    |             | Alice       |                   |              |                  |                |             |             |
        | Bob   | 2    | EventDialing      | $call2 | Bob    | Origination | Carol *DIAL | Destination *DIAL |              |                  |                |             | $request    |
        | Bob   | 3    | EventReleased     | $call2 | Bob    |             |             |                   |              |                  |                | Transferred |             |
        | Bob   | 3    | EventReleased     | $call1 | Bob    |             |             |                   |              |                  |                | Transferred |             |
        | Carol | 1    | EventRinging      | $call2 | Carol  | Destination | Bob         | Origination       |              |                  |                | Ok          |             |
        | Carol | 2    | EventPartyChanged | $call1 | Carol  | Destination | Alice       | Origination       | Bob          | TransferredBy    | $call2         | Transferred |             |
        | Alice | 1    | EventPartyChanged | $call1 | Alice  | Origination | Carol       | Destination       | Bob          | TransferredBy    | $call1         | Transferred |             |

    @inferred @requires:external-parties
    Scenario: Bob makes a mute transfer to an outside number, which gets no events
      Given Olivia is an outside caller at 5550100
      And Alice is talking to Bob
      When Bob makes a mute transfer to Olivia
      Then each DN receives, in order:
        | dn    | step | event             | ConnID | ThisDN | OtherDN          | ThirdPartyDN | ThirdPartyDNRole | PreviousConnID | CallState   | ReferenceID |
        | Bob   | 1    | EventHeld         | $call1 | Bob    | Alice            |              |                  |                |             |             |
        | Bob   | 2    | EventDialing      | $call2 | Bob    | Olivia *DIAL     |              |                  |                |             | $request    |
        | Bob   | 3    | EventReleased     | $call2 | Bob    |                  |              |                  |                | Transferred |             |
        | Bob   | 3    | EventReleased     | $call1 | Bob    |                  |              |                  |                | Transferred |             |
        | Alice | 1    | EventPartyChanged | $call1 | Alice  | Olivia or absent | Bob          | TransferredBy    | $call1         | Transferred |             |

  Rule: The destination answers on the main call

    @inferred
    Scenario: Carol answers the mute-transferred call
      Given Alice is talking to Bob
      And Bob has made a mute transfer to Carol
      When Carol answers
      Then Carol receives, in order:
        | event            | ConnID | ThisDN | ThisDNRole  | OtherDN |
        | EventEstablished | $call1 | Carol  | Destination | Alice   |
