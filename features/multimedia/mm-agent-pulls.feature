@model:mm-agent-pulls @source:GenEM/BasicInteractionModels @requires:interaction-server
Feature: An agent pulls an interaction
  Anna's application pulls interaction 42 out of a queue, or out of a workbin. Interaction Server
  hands it over, reports that Anna joined it and that it left the queue (and the workbin), and
  starts a timer. Every Interaction Management request from Anna's application resets the timer;
  if it runs out, Interaction Server revokes the interaction.

  Source: Genesys Events and Models Reference, Basic Interaction Models, "Agent Pulls Interaction":
  from a queue EventPartyAdded (Reporting), EventPulledInteractions (Interaction Management),
  EventTakenFromQueue (Reporting); from a workbin also EventTakenFromWorkbin (Reporting) and
  EventWorkbinContentChanged (Interaction Management); on expiry EventPartyRemoved (Reporting) and
  EventRevoked (Interaction Management). Matched in any order. Not checked: the keep-alive phase,
  which sends no message of its own (its effect is only that the expiry comes later).

  Uncertain: the model was read as the names of each phase's messages with their protocol; it
  prints no attribute table, so the attribute cells are reconstructed to tie the messages together:
  InteractionId ties every other message to interaction 42, and ReferenceID ties
  EventPulledInteractions to Anna's request. EventPulledInteractions itself names the interactions
  it hands over in a list keyed by their ids (the Platform SDK's Interactions, as client code reads
  it), not in a single InteractionId, so which interaction it hands over is not checked. Which agent, queue or workbin the messages name is not checked.

  Background:
    Given Anna is an agent application on Interaction Server
    And the reporting engine Stat listens to Interaction Server

  Scenario: Anna pulls an interaction from a queue
    Given Anna has logged in to Interaction Server
    And interaction 42 waits in queue Inbound
    When Anna pulls interaction 42 from queue Inbound
    Then the participants receive, in any order:
      | dn   | event                   | protocol               | sender             | InteractionId | ReferenceID |
      | Stat | EventPartyAdded         | Reporting              | Interaction Server | 42            |             |
      | Anna | EventPulledInteractions | Interaction Management | Interaction Server |               | $request    |
      | Stat | EventTakenFromQueue     | Reporting              | Interaction Server | 42            |             |

  Scenario: Anna pulls an interaction from her workbin
    Given Anna has logged in to Interaction Server
    And interaction 42 waits in the workbin Drafts of Anna
    When Anna pulls interaction 42 from the workbin Drafts
    Then the participants receive, in any order:
      | dn   | event                      | protocol               | InteractionId |
      | Stat | EventPartyAdded            | Reporting              | 42            |
      | Anna | EventPulledInteractions    | Interaction Management |               |
      | Stat | EventTakenFromQueue        | Reporting              | 42            |
      | Stat | EventTakenFromWorkbin      | Reporting              | 42            |
      | Anna | EventWorkbinContentChanged | Interaction Management | 42            |

  @requires:timeout-control
  Scenario: The pull timer expires, and Interaction Server revokes the interaction
    Given Anna has logged in to Interaction Server
    And Anna has pulled interaction 42 from queue Inbound
    When the pull timer for Anna expires
    Then the participants receive, in any order:
      | dn   | event             | protocol               | InteractionId |
      | Stat | EventPartyRemoved | Reporting              | 42            |
      | Anna | EventRevoked      | Interaction Management | 42            |
