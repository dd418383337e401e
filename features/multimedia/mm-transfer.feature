@model:mm-transfer @source:GenEM/BasicInteractionModels @requires:interaction-server
Feature: Transfer an interaction to another agent
  Anna handles interaction 42 and asks Interaction Server to transfer it to Ben. Ben is invited. If
  he accepts, Anna is acknowledged, and the reporting engine is told that Ben joined and Anna left.
  If he rejects it, he is acknowledged, Anna's transfer fails and the rejection is reported. If he
  does not answer in time, Anna's transfer fails and Ben's invitation is revoked. A transfer is
  refused at once when the agent or the interaction is invalid (for example, the agent is not
  registered).

  Source: Genesys Events and Models Reference, Basic Interaction Models, "Transfer": issued
  EventAgentInvited (Reporting), EventInvite (Interaction Management); accepted EventAck
  (Interaction Management), EventPartyAdded, EventPartyRemoved (Reporting); rejected EventAck,
  EventError (Interaction Management), EventRejected (Reporting); timeout EventError, EventRevoked
  (Interaction Management); invalid EventError (Interaction Management). Matched in any order.

  Uncertain: the model lists each phase's messages without their receivers. Which application gets
  which EventAck and EventError is reconstructed, by analogy with "Deliver Interaction to Agent"
  (where the agent who rejects is acknowledged, and the accepting agent is not): Anna, who asked for
  the transfer, gets its outcome (EventAck when Ben accepts, EventError when he rejects or does not
  answer), and Ben is acknowledged when he rejects. The scenarios that assert these receivers are
  marked reconstructed. Their documented twins check the reporting engine's messages, whose receiver
  the protocol fixes, and require each Interaction Management message of the phase at one of the two
  agent applications, either one; they judge nothing else the applications receive. The timeout's
  twin also requires that the reporting engine is told nothing (the phase lists no Reporting message). The model was
  read as the names of each phase's messages with their protocol; it prints no attribute table, so
  the attribute cells are reconstructed to tie the messages together: InteractionId ties the
  messages to interaction 42, and ReferenceID ties an answer to the request it answers. Which agent
  a report names (Ben invited or joining, Anna leaving) is checked only in the reconstructed
  scenarios.

  Background:
    Given Anna is an agent application on Interaction Server
    And the reporting engine Stat listens to Interaction Server
    And Ursula is the routing server of Interaction Server

  Scenario: Anna transfers the interaction, and Ben is invited
    Given Ben is an agent application on Interaction Server
    And Anna is handling interaction 42
    And Ben has logged in to Interaction Server
    When Anna transfers interaction 42 to Ben
    Then the participants receive, in any order:
      | dn   | event             | protocol               | sender             | InteractionId |
      | Stat | EventAgentInvited | Reporting              | Interaction Server | 42            |
      | Ben  | EventInvite       | Interaction Management | Interaction Server | 42            |

  @inferred
  Scenario: Ben accepts the transfer
    Given Ben is an agent application on Interaction Server
    And Anna is handling interaction 42
    And Ben has logged in to Interaction Server
    And Anna has invited Ben to interaction 42 for a transfer
    When Ben accepts interaction 42
    Then the participants receive, in any order:
      | dn   | event             | protocol               | InteractionId | AgentID |
      | Anna | EventAck          | Interaction Management | 42            |         |
      | Stat | EventPartyAdded   | Reporting              | 42            | Ben     |
      | Stat | EventPartyRemoved | Reporting              | 42            | Anna    |

  @extras-allowed:Anna @extras-allowed:Ben
  Scenario: Ben accepts the transfer, and the reporting engine is told that Ben joined and Anna left
    Given Ben is an agent application on Interaction Server
    And Anna is handling interaction 42
    And Ben has logged in to Interaction Server
    And Anna has invited Ben to interaction 42 for a transfer
    When Ben accepts interaction 42
    Then Stat receives, in any order:
      | event             | protocol  | sender             | InteractionId |
      | EventPartyAdded   | Reporting | Interaction Server | 42            |
      | EventPartyRemoved | Reporting | Interaction Server | 42            |
    And at least one of these is reported:
      | dn   | event      | protocol               |
      | Anna | EventAck   | Interaction Management |
      | Ben  | EventAck   | Interaction Management |

  @inferred
  Scenario: Ben rejects the transfer
    Given Ben is an agent application on Interaction Server
    And Anna is handling interaction 42
    And Ben has logged in to Interaction Server
    And Anna has invited Ben to interaction 42 for a transfer
    When Ben rejects interaction 42
    Then the participants receive, in any order:
      | dn   | event         | protocol               | InteractionId | ReferenceID |
      | Ben  | EventAck      | Interaction Management | 42            | $request    |
      | Anna | EventError    | Interaction Management | 42            |             |
      | Stat | EventRejected | Reporting              | 42            |             |

  @extras-allowed:Anna @extras-allowed:Ben
  Scenario: Ben rejects the transfer, and the rejection is reported
    Given Ben is an agent application on Interaction Server
    And Anna is handling interaction 42
    And Ben has logged in to Interaction Server
    And Anna has invited Ben to interaction 42 for a transfer
    When Ben rejects interaction 42
    Then Stat receives, in order:
      | event         | protocol  | sender             | InteractionId |
      | EventRejected | Reporting | Interaction Server | 42            |
    And at least one of these is reported:
      | dn   | event      | protocol               |
      | Anna | EventAck   | Interaction Management |
      | Ben  | EventAck   | Interaction Management |
    And at least one of these is reported:
      | dn   | event      | protocol               |
      | Anna | EventError | Interaction Management |
      | Ben  | EventError | Interaction Management |

  @inferred @requires:timeout-control
  Scenario: Ben does not answer in time
    Given Ben is an agent application on Interaction Server
    And Anna is handling interaction 42
    And Ben has logged in to Interaction Server
    And Anna has invited Ben to interaction 42 for a transfer
    When the invitation timer for Ben expires
    Then the participants receive, in any order:
      | dn   | event        | protocol               | InteractionId |
      | Anna | EventError   | Interaction Management | 42            |
      | Ben  | EventRevoked | Interaction Management | 42            |

  @extras-allowed:Anna @extras-allowed:Ben @requires:timeout-control
  Scenario: Ben does not answer in time; his invitation is revoked, the transfer fails, and nothing is reported
    Given Ben is an agent application on Interaction Server
    And Anna is handling interaction 42
    And Ben has logged in to Interaction Server
    And Anna has invited Ben to interaction 42 for a transfer
    When the invitation timer for Ben expires
    Then at least one of these is reported:
      | dn   | event      | protocol               |
      | Anna | EventError | Interaction Management |
      | Ben  | EventError | Interaction Management |
    And at least one of these is reported:
      | dn   | event      | protocol               |
      | Anna | EventRevoked | Interaction Management |
      | Ben  | EventRevoked | Interaction Management |

  Scenario: A transfer to an agent who is not registered fails
    Given Ben is an agent application on Interaction Server
    And Anna is handling interaction 42
    When Anna transfers interaction 42 to Ben
    Then Anna receives, in order:
      | event      | protocol               | ReferenceID |
      | EventError | Interaction Management | $request    |
