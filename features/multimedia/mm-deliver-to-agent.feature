@model:mm-deliver-to-agent @source:GenEM/BasicInteractionModels @requires:interaction-server
Feature: Deliver an interaction to an agent
  The routing server (URS) asks Interaction Server to deliver interaction 42 to Anna's agent
  application. Interaction Server invites Anna and starts a timer. If Anna accepts, the server
  confirms the delivery to URS and reports that Anna joined the interaction; if she rejects it,
  she is acknowledged, the rejection is reported and URS is told; if she does not answer in time,
  the invitation is revoked.

  Source: Genesys Events and Models Reference, Basic Interaction Models, "Deliver Interaction to
  Agent": phase 1 EventAgentInvited (Reporting), EventInvite (Interaction Management),
  EventPartyRemoved (Reporting); 2a accept: EventRouteUsed to URS and EventPartyAdded (Reporting);
  2b reject: EventAck (Interaction Management), EventRejected (Reporting), EventRouteUsed to URS.
  EventRouteUsed is a T-Library message. Messages of a phase are matched in any order.

  Uncertain: the printed table also lists EventRouteUsed in phase 1, while the text has Interaction
  Server send it when Anna answers; this feature follows the text. The timeout branch (2c) was not
  read: EventRevoked to Anna and EventPartyRemoved to the reporting engine are reconstructed from
  the pull-expiry phase of "Agent Pulls Interaction".

  Background:
    Given Anna is an agent application on Interaction Server
    And the reporting engine Stat listens to Interaction Server
    And Ursula is the routing server of Interaction Server

  @inferred
  Scenario: URS asks for delivery, and Anna is invited
    Given Anna has logged in to Interaction Server
    And interaction 42 is being routed
    When Ursula delivers interaction 42 to Anna
    Then the participants receive, in any order:
      | dn   | event             | protocol               | sender             | InteractionId | AgentID |
      | Stat | EventAgentInvited | Reporting              | Interaction Server | 42            | Anna    |
      | Anna | EventInvite       | Interaction Management | Interaction Server | 42            |         |
      | Stat | EventPartyRemoved | Reporting              | Interaction Server | 42            |         |

  Scenario: Anna accepts the interaction (2a)
    Given Anna has logged in to Interaction Server
    And Anna has been invited to interaction 42
    When Anna accepts interaction 42
    Then the participants receive, in any order:
      | dn     | event           | protocol  | sender             | InteractionId | AgentID |
      | Ursula | EventRouteUsed  | T-Library | Interaction Server | 42            |         |
      | Stat   | EventPartyAdded | Reporting | Interaction Server | 42            | Anna    |

  Scenario: Anna rejects the interaction (2b)
    Given Anna has logged in to Interaction Server
    And Anna has been invited to interaction 42
    When Anna rejects interaction 42
    Then the participants receive, in any order:
      | dn     | event          | protocol               | sender             | InteractionId | ReferenceID |
      | Anna   | EventAck       | Interaction Management | Interaction Server | 42            | $request    |
      | Stat   | EventRejected  | Reporting              | Interaction Server | 42            |             |
      | Ursula | EventRouteUsed | T-Library              | Interaction Server | 42            |             |

  @inferred @requires:timeout-control
  Scenario: Anna does not answer in time, and the invitation is revoked (2c)
    Given Anna has logged in to Interaction Server
    And Anna has been invited to interaction 42
    When the invitation timer for Anna expires
    Then the participants receive, in any order:
      | dn   | event             | protocol               | InteractionId |
      | Anna | EventRevoked      | Interaction Management | 42            |
      | Stat | EventPartyRemoved | Reporting              | 42            |
