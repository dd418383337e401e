@model:two-step-transfer-to-acd @source:GenEM/HoldingTransferringandConferencing @source:GenEM/WorkWithQueues @inferred
Feature: Two-step transfer to ACD
  Alice and Bob are talking. Bob puts Alice on hold and makes a consultation call to the ACD queue
  Sales; the queue reports the consultation queued and diverts it to a ready agent, Carol, whose
  phone rings with ThisQueue Sales. Carol answers, and Bob completes the transfer: Bob leaves both
  calls and Alice and Carol are connected on Alice's call.

  Source: Genesys Events and Models Reference, Holding, Transferring, and Conferencing, "Two-Step
  Transfer to ACD" — known by title only. It combines the consultation start of the Genesys QA model
  of SIP Server (EventHeld then EventDialing at the transferring party), the ACD distribution of
  Work with Queues' multiple-queue model (EventQueued → EventDiverted while the agent rings with
  ThisQueue), the rule of the T-Library event tables that a consultation's events carry
  PreviousConnID, and the QA model's transfer completion (EventPartyChanged with PreviousConnID,
  ThirdPartyDN = the transferring party, role TransferredBy, CallState Transferred).

  Uncertain: the whole model is reconstructed. Not restated: completing the transfer while the
  consultation still waits in the queue (the reference simulator does not implement it). The
  transferring party's own EventReleased pair is not read anywhere: it is asserted as a pair, in
  either order (the conference completion's analogy).

  Background:
    Given the switch is configured with these parties:
      | party | kind         | DN   | agent | queue |
      | Alice | extension    | 7001 |       |       |
      | Bob   | extension    | 7002 |       |       |
      | Sales | ACD queue    | 8001 |       |       |
      | Carol | ACD position | 7003 | 1003  | Sales |

  Rule: The consultation call to the queue is queued and distributed like any ACD call

    Scenario: Bob consults Sales; the consultation is queued and diverted to Carol, whose phone rings
      Given Alice is talking to Bob
      And Carol is ready
      When Bob starts a consultation with Sales for a transfer
      Then each DN receives, in order:
        | dn    | event         | ConnID | ThisDN | ThisQueue | OtherDN     | ThirdPartyDN | CallType           | PreviousConnID | ReferenceID |
        | Bob   | EventHeld     | $call1 | Bob    |           | Alice       |              |                    |                |             |
        | Bob   | EventDialing  | $call2 | Bob    |           | Sales *DIAL |              | Consult or Unknown | $call1         | $request    |
        | Sales | EventQueued   | $call2 | Sales  | Sales     | Bob         |              | Consult            | $call1         |             |
        | Sales | EventDiverted | $call2 | Sales  | Sales     | Bob         | Carol        | Consult            | $call1         |             |
        | Carol | EventRinging  | $call2 | Carol  | Sales     | Bob         |              | Consult            | $call1         |             |

  Rule: Once the agent has answered, completing the transfer connects the caller and the agent

    Scenario: Carol answered the consultation; Bob completes the transfer and Alice and Carol are connected
      Given Alice is talking to Bob
      And Carol is ready
      And Bob has started a consultation with Sales for a transfer, which rings at Carol
      And Carol has answered the call
      When Bob completes the transfer
      Then each DN receives, in order:
        | dn    | step | event             | ConnID | ThisDN | OtherDN | ThirdPartyDN | ThirdPartyDNRole | PreviousConnID | CallState   |
        | Bob   | 1    | EventReleased     | $call2 | Bob    |         |              |                  |                | Transferred |
        | Bob   | 1    | EventReleased     | $call1 | Bob    |         |              |                  |                | Transferred |
        | Alice | 1    | EventPartyChanged | $call1 | Alice  | Carol   | Bob          | TransferredBy    | $call1         | Transferred |
        | Carol | 1    | EventPartyChanged | $call1 | Carol  | Alice   | Bob          | TransferredBy    | $call2         | Transferred |
