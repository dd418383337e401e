@model:mm-login-logout @source:GenEM/BasicInteractionModels @requires:interaction-server
Feature: Interaction Server agent login and logout
  A registered agent application logs its agent in at the primary Interaction Server. The server
  acknowledges, tells the reporting engine that the agent logged in, and relays to the agent the
  agent status the reporting engine answers with. Logging out is acknowledged and reported too.
  After login (and after logout) the application tells every other Interaction Server that the
  agent is available (or not).

  Source: Genesys Events and Models Reference, Basic Interaction Models, "Login-Logout": login gives
  EventAck (Interaction Management), EventAgentLogin and EventCurrentAgentStatus (Reporting);
  logout gives EventAck (Interaction Management) and EventAgentLogout (Reporting). The docs list
  the messages of a phase as a set, so they are matched in any order.

  Uncertain: this cast has one Interaction Server, so the secondary servers' part (RequestAgentAvailable
  answered by EventAck) is reconstructed as an exchange with the one server. The model was read as
  the names of each phase's messages with their protocol; it prints no attribute table, so the
  attribute cells are reconstructed to tie the messages together: the ReferenceID that ties EventAck
  to Anna's request, and the AgentID that ties the login and logout reports to Anna. The model names
  Reporting, the protocol between Interaction Server and the reporting engine, for
  EventCurrentAgentStatus, and does not say in which protocol the primary server relays it to the
  agent: neither the protocol nor the attributes of the relayed status are checked.

  Background:
    Given Anna is an agent application on Interaction Server
    And the reporting engine Stat listens to Interaction Server

  Scenario: Anna logs in: acknowledged, reported, and her status relayed to her
    Given Anna has registered with Interaction Server
    When Anna logs in to Interaction Server
    Then the participants receive, in any order:
      | dn   | event                   | protocol               | sender             | AgentID | ReferenceID |
      | Anna | EventAck                | Interaction Management | Interaction Server |         | $request    |
      | Stat | EventAgentLogin         | Reporting              | Interaction Server | Anna    |             |
      | Anna | EventCurrentAgentStatus |                        | Interaction Server |         |             |

  @inferred
  Scenario: After login, Anna tells Interaction Server that she is available
    Given Anna has logged in to Interaction Server
    When Anna tells Interaction Server that it is available
    Then Anna receives, in order:
      | event    | protocol               | ReferenceID |
      | EventAck | Interaction Management | $request    |

  Scenario: Anna logs out: acknowledged and reported
    Given Anna has logged in to Interaction Server
    When Anna logs out of Interaction Server
    Then the participants receive, in any order:
      | dn   | event            | protocol               | sender             | AgentID | ReferenceID |
      | Anna | EventAck         | Interaction Management | Interaction Server |         | $request    |
      | Stat | EventAgentLogout | Reporting              | Interaction Server | Anna    |             |
