@model:single-step-transfer-outbound @source:GenEM/HoldingTransferringandConferencing @requires:external-parties
Feature: Single-Step Transfer (outbound)
  A single-step transfer that involves the outside network. Bob transfers his call with Alice to an
  outside number in one step: Bob leaves at once, naming the outside number as the destination,
  and Alice is told that Bob transferred the call; the outside party gets no events. SIP Server also
  tells Alice that the network was reached. Bob can likewise transfer an outbound call he made to an
  outside number to Carol, whose phone rings on the same outbound call with Bob's role.

  Source: Genesys Events and Models Reference, Holding, Transferring, and Conferencing, "Single-Step
  Transfer (outbound)"; only part of it could be read. The expectations are the Genesys QA model of
  SIP Server for TSingleStepTransfer to an external destination (its SingleStepTransfer handler):
  EventNetworkReached(CallState Transferred) to the parties left on the call may come when the
  model's networkReached_on_ssx flag is on (the SIP default), within 2 s after the transfer's
  events; the model marks it optional (its absence is no error), so it is allowed and not required.
  With the flag off the model does not expect it (one rule per variant). ThirdPartyDN on Bob's EventReleased is the destination as the switch knows it
  (SIP: its inbound prefix followed by the number), so only its presence is checked; the OtherDN
  Alice gets may be the trunk, so it is not checked. Not checked: the UK trunk-reset PartyChanged
  options, the multi-site EventRemoteConnectionSuccess.

  Uncertain: the transfer of an outbound call to an internal destination is reconstructed from the
  internal single-step transfer (the destination takes Bob's role, Origination, on the outbound
  call).

  Background:
    Given Alice is on extension 7001
    And Bob is on extension 7002
    And Olivia is an outside caller at 5550100

  Rule: SIP Server may tell the parties left on the call that the outside network was reached

    @qa-model @requires:sst:network-reached
    Scenario: Bob transfers Alice's call to an outside number
      Given Alice is talking to Bob
      When Bob transfers the call to Olivia
      Then each DN receives, in order:
        | dn    | event             | ConnID | ThisDN | ThirdPartyDN | ThirdPartyDNRole | PreviousConnID | CallState   | Cause              | ReferenceID |
        | Bob   | EventReleased     | $call1 | Bob    | any          | Destination      |                | Transferred | Cause1stepTransfer | $request    |
        | Alice | EventPartyChanged | $call1 | Alice  | Bob          | TransferredBy    | $call1         | Transferred |                    |             |
      And Alice may also receive, in order:
        | event               | ConnID | ThisDN | CallState   |
        | EventNetworkReached | $call1 | Alice  | Transferred |

  Rule: Other switches report the transfer only

    @qa-model @requires:sst:no-network-reached
    Scenario: Bob transfers Alice's call to an outside number, without a network-reached report
      Given Alice is talking to Bob
      When Bob transfers the call to Olivia
      Then each DN receives, in order:
        | dn    | event             | ConnID | ThisDN | ThirdPartyDN | ThirdPartyDNRole | PreviousConnID | CallState   | Cause              | ReferenceID |
        | Bob   | EventReleased     | $call1 | Bob    | any          | Destination      |                | Transferred | Cause1stepTransfer | $request    |
        | Alice | EventPartyChanged | $call1 | Alice  | Bob          | TransferredBy    | $call1         | Transferred |                    |             |

  Rule: An outbound call is transferred to an internal destination like any other call

    @inferred
    Scenario: Bob transfers the outbound call he made to Olivia to Alice
      Given Bob is talking to Olivia
      When Bob transfers the call to Alice
      Then the switch reports, in order:
        | dn    | event         | ConnID | ThisDN | ThisDNRole  | OtherDN          | ThirdPartyDN | ThirdPartyDNRole | CallType | CallState   | ReferenceID |
        | Bob   | EventReleased | $call1 | Bob    |             |                  | Alice        | Destination      | Outbound | Transferred | $request    |
        | Alice | EventRinging  | $call1 | Alice  | Origination | Olivia or absent |              |                  | Outbound | Transferred |             |
