@model:mm-disconnection-failover @source:GenEM/BasicInteractionModels @requires:interaction-server
Feature: Disconnection and failover of an agent application
  Anna's application loses its connection to Interaction Server (a failure or a shutdown). If Anna
  was logged in, the primary Interaction Server tells the reporting engine that she logged out; if
  she was not, nobody is told anything. When the application comes back it registers and logs in
  again, and then tells the server again that Anna is available.

  Source: Genesys Events and Models Reference, Basic Interaction Models, "Disconnection and
  Failover": phase 1 EventAgentLogout (Reporting) only if the agent was known to be logged in;
  phase 2 EventAck (Interaction Management) and EventAgentLogin (Reporting); phase 3 EventAck
  (Interaction Management).

  Uncertain: the text of phases 2 and 3 was not read. Phase 2 is reconstructed as a new
  registration and login; as in "Login-Logout", the server may also relay EventCurrentAgentStatus
  to the agent, but phase 2's printed list does not name it, so it is allowed and not required;
  phase 3 as the availability announcement of the login model (RequestAgentAvailable).
  The model was read as the names of each phase's messages with their protocol; it prints no
  attribute table, so the attribute cells are reconstructed to tie the messages together: the
  AgentID that ties EventAgentLogout (and EventAgentLogin) to Anna, and the ReferenceID that ties
  EventAck to Anna's request. As in "Login-Logout", the protocol in which EventCurrentAgentStatus is
  relayed to the agent is not stated, and is not checked.

  Background:
    Given Anna is an agent application on Interaction Server
    And the reporting engine Stat listens to Interaction Server

  Scenario: A logged-in agent's application disconnects, and the agent is logged out
    Given Anna has logged in to Interaction Server
    When the application of Anna disconnects from Interaction Server
    Then Stat receives, in order:
      | event            | protocol  | sender             | AgentID |
      | EventAgentLogout | Reporting | Interaction Server | Anna    |

  Scenario: An application whose agent was not logged in disconnects, and nothing is reported
    Given Anna has registered with Interaction Server
    When the application of Anna disconnects from Interaction Server
    Then Interaction Server reports nothing

  @inferred
  Scenario: The application reconnects and logs the agent in again
    Given Anna has logged in to Interaction Server
    And the application of Anna has disconnected from Interaction Server
    And Anna has registered with Interaction Server
    When Anna logs in to Interaction Server
    Then the participants receive, in any order:
      | dn   | event                   | protocol               | AgentID | ReferenceID |
      | Anna | EventAck                | Interaction Management |         | $request    |
      | Stat | EventAgentLogin         | Reporting              | Anna    |             |
    And Anna may also receive, in order:
      | event                   |
      | EventCurrentAgentStatus |

  @inferred
  Scenario: After logging in again, the application announces the agent's availability
    Given Anna has logged in to Interaction Server
    And the application of Anna has disconnected from Interaction Server
    And Anna has logged in to Interaction Server
    When Anna tells Interaction Server that it is available
    Then Anna receives, in order:
      | event    | protocol               | ReferenceID |
      | EventAck | Interaction Management | $request    |
