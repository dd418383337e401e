@model:mm-agent-submits @source:GenEM/BasicInteractionModels @requires:interaction-server
Feature: An agent submits an interaction
  Anna's application submits a new interaction (an outgoing e-mail, say) to Interaction Server. A
  valid application is acknowledged, and the reporting engine is told that an interaction was
  submitted and that Anna is a party to it. An application Interaction Server does not know is
  refused.

  Source: Genesys Events and Models Reference, Basic Interaction Models, "Agent Submits
  Interaction": success EventAck (Interaction Management), EventInteractionSubmitted and
  EventPartyAdded (Reporting); failure EventError (Interaction Management). Matched in any order.

  Background:
    Given Anna is an agent application on Interaction Server
    And Zed is an agent application that Interaction Server does not know
    And the reporting engine Stat listens to Interaction Server

  Scenario: Anna submits an interaction
    Given Anna has logged in to Interaction Server
    When Anna submits interaction 77 to queue Outbound
    Then the participants receive, in any order:
      | dn   | event                     | protocol               | sender             | InteractionId | AgentID | ReferenceID |
      | Anna | EventAck                  | Interaction Management | Interaction Server | 77            |         | $request    |
      | Stat | EventInteractionSubmitted | Reporting              | Interaction Server | 77            |         |             |
      | Stat | EventPartyAdded           | Reporting              | Interaction Server | 77            | Anna    |             |

  Scenario: An application Interaction Server does not know cannot submit
    When Zed submits interaction 77 to queue Outbound
    Then Zed receives, in order:
      | event      | protocol               | sender             | ReferenceID |
      | EventError | Interaction Management | Interaction Server | $request    |
