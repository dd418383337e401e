@model:mm-place-in-queue @source:GenEM/BasicInteractionModels @requires:interaction-server
Feature: Place an interaction in a queue
  An interaction is placed in an interaction queue, either by the routing server (RequestRouteCall,
  which stands in for Interaction Management's RequestPlaceInQueue) or by the agent application
  handling it. The reporting engine is told that the interaction left where it was and was placed
  in the queue; the requester gets EventRouteUsed (URS) or EventAck (agent application).

  Source: Genesys Events and Models Reference, Basic Interaction Models, "Place Interaction in
  Queue": EventPartyRemoved and EventPlacedInQueue (Reporting), EventRouteUsed (T-Library) to URS;
  when an agent application asks, EventAck (Interaction Management) replaces EventRouteUsed.
  Matched in any order.

  Uncertain: the model was read as the names of the messages with their protocol; it prints no
  attribute table, so the attribute cells are reconstructed to tie the messages together:
  InteractionId ties the reports and EventRouteUsed to interaction 42, and ReferenceID ties
  EventAck to the agent application's request. EventRouteUsed is a T-Library message, and its
  table in T-Library Events makes ReferenceID optional: it may echo URS's request or be absent.
  Which queue the reports name is not checked.

  Background:
    Given Anna is an agent application on Interaction Server
    And the reporting engine Stat listens to Interaction Server
    And Ursula is the routing server of Interaction Server

  Scenario: URS places the interaction in a queue
    Given interaction 42 is being routed
    When Ursula routes interaction 42 to queue Inbound
    Then the participants receive, in any order:
      | dn     | event              | protocol  | sender             | InteractionId | ReferenceID   |
      | Stat   | EventPartyRemoved  | Reporting | Interaction Server | 42            |               |
      | Stat   | EventPlacedInQueue | Reporting | Interaction Server | 42            |               |
      | Ursula | EventRouteUsed     | T-Library | Interaction Server | 42 or absent  | $request *OPT |

  Scenario: Anna's application places the interaction it handles in a queue
    Given Anna is handling interaction 42
    When Anna places interaction 42 in queue Followup
    Then the participants receive, in any order:
      | dn   | event              | protocol               | sender             | InteractionId | ReferenceID |
      | Anna | EventAck           | Interaction Management | Interaction Server |               | $request    |
      | Stat | EventPartyRemoved  | Reporting              | Interaction Server | 42            |             |
      | Stat | EventPlacedInQueue | Reporting              | Interaction Server | 42            |             |
