@model:agent-login-logout @source:GenEM/AgentStatesandWorkModes @source:GenEM/AgentStateandDNEvents
Feature: Agent login and logout
  An agent logs in on an extension and later logs out. T-Server answers the login with
  EventAgentLogin, which on its own is not a change of agent state; SIP Server then reports the state
  the agent is in: Not Ready after a first login, Ready when an agent who was Ready logs in again.
  Only one agent may be logged in on a DN: a second agent's login is refused with EventError.

  Source: Genesys Events and Models Reference, Agent States and Work Modes, and the
  EventAgentLogin/EventAgentLogout attribute tables of the Voice Microservices copy (AgentID must be
  present when the agent logged in through the server; ThisQueue optional). The state reported after
  the login, the ReferenceID 0 on that unsolicited state event, and the refusal of a second agent are
  read from the Genesys QA model of SIP Server, so those scenarios require the capability
  agent:login-reports-state; other switches may report the state differently. Not checked: AgentID
  on that EventAgentReady (the QA model gives it a ReferenceID only, and its attribute table was not
  read; EventAgentNotReady's AgentID was).

  Background:
    Given Alice is agent 1001 on extension 7001

  Rule: Login and logout answer the request on the agent's DN

    @extras-allowed
    Scenario: Alice logs in; the state the switch reports next is not checked here
      When Alice logs in
      Then Alice receives, in order:
        | event           | ThisDN | AgentID | ReferenceID |
        | EventAgentLogin | Alice  | 1001    | $request    |

    @documented
    Scenario: Alice logs out
      Given Alice is logged in
      When Alice logs out
      Then Alice receives, in order:
        | event            | ThisDN | AgentID | ReferenceID |
        | EventAgentLogout | Alice  | 1001    | $request    |

  Rule: SIP Server reports the agent's state right after the login, unsolicited

    @requires:agent:login-reports-state
    Scenario: A first login leaves Alice not ready
      When Alice logs in
      Then Alice receives, in order:
        | event              | ThisDN | AgentID | ReferenceID |
        | EventAgentLogin    | Alice  | 1001    | $request    |
        | EventAgentNotReady | Alice  | 1001    | 0           |

    @requires:agent:login-reports-state
    Scenario: Logging in again while ready keeps Alice ready
      Given Alice is ready
      When Alice logs in
      Then Alice receives, in order:
        | event           | ThisDN | AgentID | ReferenceID |
        | EventAgentLogin | Alice  | 1001    | $request    |
        | EventAgentReady | Alice  |         | 0           |

    @requires:agent:login-reports-state
    Scenario: A second agent cannot log in on Alice's extension
      Given Alice is logged in
      When Alice logs in as agent 2002
      Then Alice receives, in order:
        | event      | ReferenceID | ErrorCode |
        | EventError | $request    | any       |
