@model:mm-place-in-workbin @source:GenEM/BasicInteractionModels @requires:interaction-server
Feature: Place an interaction in a workbin
  The routing server places an interaction in Anna's workbin (RequestRouteCall standing in for
  RequestPlaceInWorkbin). The reporting engine is told that it left where it was, was placed in the
  workbin's queue and in the workbin; URS gets EventRouteUsed; Anna's application is told that her
  workbin's content changed.

  Source: Genesys Events and Models Reference, Basic Interaction Models, "Place Interaction in
  Workbin": EventPartyRemoved, EventPlacedInQueue, EventPlacedInWorkbin (Reporting), EventRouteUsed
  (T-Library), EventWorkbinContentChanged (Interaction Management). Matched in any order.

  Uncertain: the model names no receiver for EventWorkbinContentChanged. That the workbin owner's
  application gets it is reconstructed, and only a registered application has a session to get it
  in (client code of the Platform SDK also subscribes to a workbin's notifications first, a request
  this model does not list): the documented scenario, where Anna's application has not registered,
  judges nothing Anna receives; its reconstructed twin, with Anna logged in, requires the
  notification at her application. The agent application placing an interaction in its own workbin
  is reconstructed by analogy with "Place Interaction in Queue" (EventAck instead of EventRouteUsed). The model was read
  as the names of the messages with their protocol; it prints no attribute table, so the attribute
  cells are reconstructed to tie the messages together: InteractionId ties every message to
  interaction 42, and ReferenceID ties EventAck to the agent application's request. Which queue the
  messages name is not checked, and which workbin only in the reconstructed scenario.

  Background:
    Given Anna is an agent application on Interaction Server
    And the reporting engine Stat listens to Interaction Server
    And Ursula is the routing server of Interaction Server

  @extras-allowed:Anna
  Scenario: URS places the interaction in Anna's workbin
    Given interaction 42 is being routed
    When Ursula routes interaction 42 to the workbin Drafts of Anna
    Then the participants receive, in any order:
      | dn     | event                | protocol  | sender             | InteractionId |
      | Stat   | EventPartyRemoved    | Reporting | Interaction Server | 42            |
      | Stat   | EventPlacedInQueue   | Reporting | Interaction Server | 42            |
      | Stat   | EventPlacedInWorkbin | Reporting | Interaction Server | 42            |
      | Ursula | EventRouteUsed       | T-Library | Interaction Server | 42 or absent  |

  @inferred
  Scenario: URS places the interaction in Anna's workbin, and her logged-in application is told
    Given Anna has logged in to Interaction Server
    And interaction 42 is being routed
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
