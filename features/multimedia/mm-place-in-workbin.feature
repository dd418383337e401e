@model:mm-place-in-workbin @source:GenEM/BasicInteractionModels @requires:interaction-server
Feature: Place an interaction in a workbin
  The routing server places an interaction in Anna's workbin (RequestRouteCall standing in for
  RequestPlaceInWorkbin). The reporting engine is told that it left where it was, was placed in the
  workbin's queue and in the workbin; URS gets EventRouteUsed; Anna's application is told that her
  workbin's content changed.

  Source: Genesys Events and Models Reference, Basic Interaction Models, "Place Interaction in
  Workbin": EventPartyRemoved, EventPlacedInQueue, EventPlacedInWorkbin (Reporting), EventRouteUsed
  (T-Library), EventWorkbinContentChanged (Interaction Management). Matched in any order.

  Uncertain: the agent application placing an interaction in its own workbin is reconstructed by
  analogy with "Place Interaction in Queue" (EventAck instead of EventRouteUsed). The model was read
  as the names of the messages with their protocol; it prints no attribute table, so the attribute
  cells are reconstructed to tie the messages together: InteractionId ties every message to
  interaction 42, and ReferenceID ties EventAck to the agent application's request. Which queue the
  messages name is not checked, and which workbin only in the reconstructed scenario.

  Background:
    Given Anna is an agent application on Interaction Server
    And the reporting engine Stat listens to Interaction Server
    And Ursula is the routing server of Interaction Server

  Scenario: URS places the interaction in Anna's workbin
    Given interaction 42 is being routed
    When Ursula routes interaction 42 to the workbin Drafts of Anna
    Then the participants receive, in any order:
      | dn     | event                      | protocol               | sender             | InteractionId |
      | Stat   | EventPartyRemoved          | Reporting              | Interaction Server | 42            |
      | Stat   | EventPlacedInQueue         | Reporting              | Interaction Server | 42            |
      | Stat   | EventPlacedInWorkbin       | Reporting              | Interaction Server | 42            |
      | Ursula | EventRouteUsed             | T-Library              | Interaction Server | 42 or absent  |
      | Anna   | EventWorkbinContentChanged | Interaction Management | Interaction Server | 42            |

  @inferred
  Scenario: Anna's application places the interaction it handles in her workbin
    Given Anna is handling interaction 42
    When Anna places interaction 42 in its workbin Drafts
    Then the participants receive, in any order:
      | dn   | event                      | protocol               | InteractionId | Workbin | ReferenceID |
      | Anna | EventAck                   | Interaction Management | 42            |         | $request    |
      | Stat | EventPartyRemoved          | Reporting              | 42            |         |             |
      | Stat | EventPlacedInQueue         | Reporting              | 42            |         |             |
      | Stat | EventPlacedInWorkbin       | Reporting              | 42            | Drafts  |             |
      | Anna | EventWorkbinContentChanged | Interaction Management | 42            | Drafts  |             |
