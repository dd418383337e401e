@model:mm-deliver-to-agent @source:GenEM/BasicInteractionModels @requires:interaction-server
Feature: Deliver an interaction to an agent
  The routing server (URS) asks Interaction Server to deliver interaction 42 to Anna's agent
  application. Interaction Server invites Anna and starts a timer. If Anna accepts, the server
  confirms the delivery to URS and reports that Anna joined the interaction; if she rejects it,
  she is acknowledged, the rejection is reported and URS is told; if she does not answer in time,
  the invitation is revoked.

  Source: Genesys Events and Models Reference, Basic Interaction Models, "Deliver Interaction to
  Agent": phase 1 EventAgentInvited (Reporting), EventInvite (Interaction Management),
  EventPartyRemoved (Reporting), EventRouteUsed (T-Library); 2a accept: EventPartyAdded
  (Reporting); 2b reject: EventAck (Interaction Management), EventRejected (Reporting). The text of
  2a and 2b adds that Interaction Server sends EventRouteUsed to URS when Anna answers. Messages of
  a phase are matched in any order.

  Uncertain: the printed table lists EventRouteUsed in phase 1, while the text has Interaction
  Server send it to URS when Anna accepts or rejects. URS's EventRouteUsed is therefore required in
  no phase: it may arrive in phase 1 or when Anna answers, and if it arrives it must come from
  Interaction Server (naming interaction 42, if it names one: T-Library's EventRouteUsed table, as
  far as it was read, has no InteractionId). The
  timeout branch (2c) was not read: EventRevoked to Anna and EventPartyRemoved to the reporting
  engine are reconstructed from the pull-expiry phase of "Agent Pulls Interaction". The model was
  read as the names of each phase's messages with their protocol; it prints no attribute table, so
  the attribute cells are reconstructed to tie the messages together: InteractionId ties the
  messages about interaction 42 to it (EventRouteUsed included), and ReferenceID ties EventAck to
  Anna's request instead. The AgentID naming Anna in phase 1's EventAgentInvited is reconstructed
  too, and asserted only in the reconstructed twin of phase 1; the reports of 2a and 2b are not
  checked for the agent they name.

  Background:
    Given Anna is an agent application on Interaction Server
    And the reporting engine Stat listens to Interaction Server
    And Ursula is the routing server of Interaction Server

  Scenario: URS asks for delivery, and Anna is invited (1)
    Given Anna has logged in to Interaction Server
    And interaction 42 is being routed
    When Ursula delivers interaction 42 to Anna
    Then the participants receive, in any order:
      | dn   | event             | protocol               | sender             | InteractionId |
      | Stat | EventAgentInvited | Reporting              | Interaction Server | 42            |
      | Anna | EventInvite       | Interaction Management | Interaction Server | 42            |
      | Stat | EventPartyRemoved | Reporting              | Interaction Server | 42            |
    And Ursula may also receive, in order:
      | event          | protocol  | sender             | InteractionId |
      | EventRouteUsed | T-Library | Interaction Server | 42 or absent  |

  @inferred
  Scenario: URS asks for delivery, and the report of the invitation names Anna
    Given Anna has logged in to Interaction Server
    And interaction 42 is being routed
    When Ursula delivers interaction 42 to Anna
    Then the participants receive, in any order:
      | dn   | event             | protocol               | sender             | InteractionId | AgentID |
      | Stat | EventAgentInvited | Reporting              | Interaction Server | 42            | Anna    |
      | Anna | EventInvite       | Interaction Management | Interaction Server | 42            |         |
      | Stat | EventPartyRemoved | Reporting              | Interaction Server | 42            |         |
    And Ursula may also receive, in order:
      | event          | protocol  | sender             | InteractionId |
      | EventRouteUsed | T-Library | Interaction Server | 42 or absent  |

  Scenario: Anna accepts the interaction (2a)
    Given Anna has logged in to Interaction Server
    And Anna has been invited to interaction 42
    When Anna accepts interaction 42
    Then the participants receive, in any order:
      | dn   | event           | protocol  | sender             | InteractionId |
      | Stat | EventPartyAdded | Reporting | Interaction Server | 42            |
    And Ursula may also receive, in order:
      | event          | protocol  | sender             | InteractionId |
      | EventRouteUsed | T-Library | Interaction Server | 42 or absent  |

  Scenario: Anna rejects the interaction (2b)
    Given Anna has logged in to Interaction Server
    And Anna has been invited to interaction 42
    When Anna rejects interaction 42
    Then the participants receive, in any order:
      | dn   | event         | protocol               | sender             | InteractionId | ReferenceID |
      | Anna | EventAck      | Interaction Management | Interaction Server |               | $request    |
      | Stat | EventRejected | Reporting              | Interaction Server | 42            |             |
    And Ursula may also receive, in order:
      | event          | protocol  | sender             | InteractionId |
      | EventRouteUsed | T-Library | Interaction Server | 42 or absent  |

  @inferred @requires:timeout-control
  Scenario: Anna does not answer in time, and the invitation is revoked (2c)
    Given Anna has logged in to Interaction Server
    And Anna has been invited to interaction 42
    When the invitation timer for Anna expires
    Then the participants receive, in any order:
      | dn   | event             | protocol               | InteractionId |
      | Anna | EventRevoked      | Interaction Management | 42            |
      | Stat | EventPartyRemoved | Reporting              | 42            |
