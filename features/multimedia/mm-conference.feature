@model:mm-conference @source:GenEM/BasicInteractionModels @requires:interaction-server
Feature: Conference another agent into an interaction
  Anna handles interaction 42 and invites Ben to a conference on it. The phases are those of a
  transfer, except that when Ben accepts nobody leaves: Anna is acknowledged, and the reporting
  engine and every party's application are told that Ben joined. When Ben leaves, he is
  acknowledged; when the last party leaves, Interaction Server returns the interaction to where it
  was and tells the reporting engine.

  Source: Genesys Events and Models Reference, Basic Interaction Models, "Conference": the phases
  issued / accepted / rejected / timeout / invalid as for "Transfer", except that on accept
  EventPartyAdded goes to Reporting and to Interaction Management (all parties informed) and there
  is no EventPartyRemoved; on leave EventAck (Interaction Management). Matched in any order.

  Uncertain: as for the transfer, the model lists each phase's messages without their receivers.
  Which application gets which EventAck and EventError is reconstructed: Anna, who invited Ben, gets
  the outcome (EventAck when Ben accepts, EventError when he rejects or does not answer), and Ben is
  acknowledged when he rejects. Whether "all parties informed" includes Ben himself is reconstructed
  too. The rest of the leave phase was not read: EventPartyRemoved to the reporting engine and to
  the remaining party's application is reconstructed. The scenarios that assert these are marked
  reconstructed. Their documented twins check the messages whose receiver is clear and require each
  other Interaction Management message of the phase at one of the two agent applications, either
  one; they judge nothing else the applications receive: on accept, the reporting engine's
  EventPartyAdded and Anna's (she is a party of the interaction, and "all parties" are informed),
  and the phase's EventAck at Anna or Ben (its receiver is not printed); on reject, the reporting
  engine's EventRejected, and EventAck and EventError at Anna or Ben; on timeout, EventError and
  EventRevoked at Anna or Ben, and nothing to the reporting engine (the phase lists no Reporting
  message); on leave, the EventAck, which answers the request of Ben, who asked to leave. The model was read as the
  names of each phase's messages with their protocol; it prints no attribute table, so the
  attribute cells are reconstructed to tie the messages together: InteractionId ties the messages
  to interaction 42, and ReferenceID ties an answer to the request it answers. Which agent a
  message names (Ben invited, joining or leaving) is checked only in the reconstructed scenarios.

  Background:
    Given Anna is an agent application on Interaction Server
    And the reporting engine Stat listens to Interaction Server
    And Ursula is the routing server of Interaction Server

  Scenario: Anna invites Ben to a conference
    Given Ben is an agent application on Interaction Server
    And Anna is handling interaction 42
    And Ben has logged in to Interaction Server
    When Anna invites Ben to a conference on interaction 42
    Then the participants receive, in any order:
      | dn   | event             | protocol               | InteractionId |
      | Stat | EventAgentInvited | Reporting              | 42            |
      | Ben  | EventInvite       | Interaction Management | 42            |

  @inferred
  Scenario: Ben accepts, and every party is told that he joined
    Given Ben is an agent application on Interaction Server
    And Anna is handling interaction 42
    And Ben has logged in to Interaction Server
    And Anna has invited Ben to interaction 42 for a conference
    When Ben accepts interaction 42
    Then the participants receive, in any order:
      | dn   | event           | protocol               | InteractionId | AgentID |
      | Anna | EventAck        | Interaction Management | 42            |         |
      | Stat | EventPartyAdded | Reporting              | 42            | Ben     |
      | Anna | EventPartyAdded | Interaction Management | 42            | Ben     |
      | Ben  | EventPartyAdded | Interaction Management | 42            | Ben     |

  @extras-allowed:Ben
  Scenario: Ben accepts, and the reporting engine and Anna are told that a party joined
    Given Ben is an agent application on Interaction Server
    And Anna is handling interaction 42
    And Ben has logged in to Interaction Server
    And Anna has invited Ben to interaction 42 for a conference
    When Ben accepts interaction 42
    Then Anna may also receive, in order:
      | event    | protocol               |
      | EventAck | Interaction Management |
    And the participants receive, in any order:
      | dn   | event           | protocol               | sender             | InteractionId |
      | Stat | EventPartyAdded | Reporting              | Interaction Server | 42            |
      | Anna | EventPartyAdded | Interaction Management | Interaction Server | 42            |
    And at least one of these is reported:
      | dn   | event        | protocol               |
      | Anna | EventAck     | Interaction Management |
      | Ben  | EventAck     | Interaction Management |

  @inferred
  Scenario: Ben rejects the conference
    Given Ben is an agent application on Interaction Server
    And Anna is handling interaction 42
    And Ben has logged in to Interaction Server
    And Anna has invited Ben to interaction 42 for a conference
    When Ben rejects interaction 42
    Then the participants receive, in any order:
      | dn   | event         | protocol               | InteractionId |
      | Ben  | EventAck      | Interaction Management | 42            |
      | Anna | EventError    | Interaction Management | 42            |
      | Stat | EventRejected | Reporting              | 42            |

  @inferred @requires:timeout-control
  Scenario: Ben does not answer in time
    Given Ben is an agent application on Interaction Server
    And Anna is handling interaction 42
    And Ben has logged in to Interaction Server
    And Anna has invited Ben to interaction 42 for a conference
    When the invitation timer for Ben expires
    Then the participants receive, in any order:
      | dn   | event        | protocol               | InteractionId |
      | Anna | EventError   | Interaction Management | 42            |
      | Ben  | EventRevoked | Interaction Management | 42            |

  @extras-allowed:Anna @extras-allowed:Ben
  Scenario: Ben rejects the conference, and the rejection is reported
    Given Ben is an agent application on Interaction Server
    And Anna is handling interaction 42
    And Ben has logged in to Interaction Server
    And Anna has invited Ben to interaction 42 for a conference
    When Ben rejects interaction 42
    Then Stat receives, in order:
      | event         | protocol  | sender             | InteractionId |
      | EventRejected | Reporting | Interaction Server | 42            |
    And at least one of these is reported:
      | dn   | event        | protocol               |
      | Anna | EventAck     | Interaction Management |
      | Ben  | EventAck     | Interaction Management |
    And at least one of these is reported:
      | dn   | event        | protocol               |
      | Anna | EventError   | Interaction Management |
      | Ben  | EventError   | Interaction Management |

  @extras-allowed:Anna @extras-allowed:Ben @requires:timeout-control
  Scenario: Ben does not answer in time; his invitation is revoked, the conference fails, and nothing is reported
    Given Ben is an agent application on Interaction Server
    And Anna is handling interaction 42
    And Ben has logged in to Interaction Server
    And Anna has invited Ben to interaction 42 for a conference
    When the invitation timer for Ben expires
    Then at least one of these is reported:
      | dn   | event        | protocol               |
      | Anna | EventError   | Interaction Management |
      | Ben  | EventError   | Interaction Management |
    And at least one of these is reported:
      | dn   | event        | protocol               |
      | Anna | EventRevoked | Interaction Management |
      | Ben  | EventRevoked | Interaction Management |

  Scenario: A conference with an agent who is not registered fails
    Given Ben is an agent application on Interaction Server
    And Anna is handling interaction 42
    When Anna invites Ben to a conference on interaction 42
    Then Anna receives, in order:
      | event      | protocol               | ReferenceID |
      | EventError | Interaction Management | $request    |

  @inferred
  Scenario: Ben leaves the conference
    Given Ben is an agent application on Interaction Server
    And Anna is handling interaction 42
    And Ben has logged in to Interaction Server
    And Ben has joined Anna on interaction 42 in a conference
    When Ben leaves interaction 42
    Then the participants receive, in any order:
      | dn   | event             | protocol               | InteractionId | AgentID | ReferenceID |
      | Ben  | EventAck          | Interaction Management | 42            |         | $request    |
      | Stat | EventPartyRemoved | Reporting              | 42            | Ben     |             |
      | Anna | EventPartyRemoved | Interaction Management | 42            | Ben     |             |

  @extras-allowed
  Scenario: Ben leaves the conference, and is acknowledged
    Given Ben is an agent application on Interaction Server
    And Anna is handling interaction 42
    And Ben has logged in to Interaction Server
    And Ben has joined Anna on interaction 42 in a conference
    When Ben leaves interaction 42
    Then Ben receives, in order:
      | event    | protocol               | ReferenceID |
      | EventAck | Interaction Management | $request    |
