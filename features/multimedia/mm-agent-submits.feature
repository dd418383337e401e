@model:mm-agent-submits @source:GenEM/BasicInteractionModels @requires:interaction-server
Feature: An agent submits an interaction
  Anna's application submits a new interaction (an outgoing e-mail, say) to Interaction Server. A
  valid application is acknowledged, and the reporting engine is told that an interaction was
  submitted and that Anna is a party to it. An application Interaction Server does not know is
  refused.

  Source: Genesys Events and Models Reference, Basic Interaction Models, "Agent Submits
  Interaction": success EventAck (Interaction Management), EventInteractionSubmitted and
  EventPartyAdded (Reporting); failure EventError (Interaction Management). Matched in any order.

  Uncertain: the model was read as the names of each phase's messages with their protocol; it
  prints no attribute table, so the attribute cells are reconstructed to tie the messages together:
  ReferenceID ties EventAck and EventError to the application's request, and InteractionId ties the
  two reports to one new interaction. The model does not say who chooses the new interaction's id:
  here the application proposes 77, and the messages are not required to keep it, only to name the
  same interaction; EventAck need not name it at all, but if it does, it names that same
  interaction. Which agent EventPartyAdded names is not checked.

  Background:
    Given Anna is an agent application on Interaction Server
    And Zed is an agent application that Interaction Server does not know
    And the reporting engine Stat listens to Interaction Server

  Scenario: Anna submits an interaction
    Given Anna has logged in to Interaction Server
    When Anna submits interaction 77 to queue Outbound
    Then the participants receive, in any order:
      | dn   | event                     | protocol               | sender             | InteractionId        | ReferenceID |
      | Anna | EventAck                  | Interaction Management | Interaction Server | $submitted or absent | $request    |
      | Stat | EventInteractionSubmitted | Reporting              | Interaction Server | $submitted           |             |
      | Stat | EventPartyAdded           | Reporting              | Interaction Server | $submitted           |             |

  Scenario: An application Interaction Server does not know cannot submit
    When Zed submits interaction 77 to queue Outbound
    Then Zed receives, in order:
      | event      | protocol               | sender             | ReferenceID |
      | EventError | Interaction Management | Interaction Server | $request    |
