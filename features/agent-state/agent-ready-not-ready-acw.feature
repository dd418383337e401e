@model:agent-ready-not-ready-acw @source:GenEM/AgentStatesandWorkModes @source:GenEM/AgentStateandDNEvents @qa-model
Feature: Agent ready, not ready and after-call work
  A logged-in agent becomes Ready to take calls, Not Ready (with a work mode that says why: auxiliary
  work, walk-away...), or enters after-call work. T-Server answers each request on the agent's DN.
  After-call work is a Not-Ready work mode: some switches report it as EventAgentNotReady with
  AgentWorkMode AfterCallWork (SIP Server does), others with EventAgentAfterCallWork; each variant is
  a rule, gated by the capability the adapter declares.

  Source: Genesys Events and Models Reference, Agent States and Work Modes (Ready, Not Ready, After
  Call Work; work modes and their meanings from the T-Library reference), the agent events of the
  Agent-State and DN Events page, and the Genesys QA model of SIP Server for the requests' answers.

  Uncertain: the attribute tables of EventAgentReady, EventAgentNotReady and EventAgentAfterCallWork
  were not read; they are assumed to mirror EventAgentLogin (ThisDN, AgentID, optional AgentWorkMode,
  ReferenceID); AgentID is asserted only where it was read (EventAgentNotReady). Whether
  AgentWorkMode echoes the requested mode is inferred, so the work mode is asserted only where it
  distinguishes the state (after-call work, walk-away), in scenarios marked inferred. The
  EventAgentAfterCallWork variant is reconstructed from the event's existence alone.

  Background:
    Given Alice is agent 1001 on extension 7001

  Rule: Ready and Not Ready answer the request on the agent's DN

    Scenario: Alice becomes ready
      Given Alice is logged in
      When Alice becomes ready
      Then Alice receives, in order:
        | event           | ThisDN | AgentID | ReferenceID |
        | EventAgentReady | Alice  |         | $request    |

    Scenario: Alice becomes not ready
      Given Alice is ready
      When Alice becomes not ready
      Then Alice receives, in order:
        | event              | ThisDN | AgentID | ReferenceID |
        | EventAgentNotReady | Alice  | 1001    | $request    |

    @inferred
    Scenario: Alice walks away; the work mode says why she is not ready
      Given Alice is ready
      When Alice starts walk-away
      Then Alice receives, in order:
        | event              | ThisDN | AgentID | AgentWorkMode | ReferenceID |
        | EventAgentNotReady | Alice  | 1001    | WalkAway      | $request    |

    Scenario: Alice becomes ready again after after-call work
      Given Alice is in after-call work
      When Alice becomes ready
      Then Alice receives, in order:
        | event           | ThisDN | AgentID | ReferenceID |
        | EventAgentReady | Alice  |         | $request    |

  Rule: After-call work reported as a Not-Ready work mode (SIP Server)

    @requires:agent:acw-as-not-ready @inferred
    Scenario: Alice starts after-call work
      Given Alice is ready
      When Alice starts after-call work
      Then Alice receives, in order:
        | event              | ThisDN | AgentID | AgentWorkMode | ReferenceID |
        | EventAgentNotReady | Alice  | 1001    | AfterCallWork | $request    |

  Rule: After-call work reported with its own event

    @requires:agent:acw-event @inferred
    Scenario: Alice starts after-call work and the switch reports EventAgentAfterCallWork
      Given Alice is ready
      When Alice starts after-call work
      Then Alice receives, in order:
        | event                   | ThisDN | AgentID | ReferenceID |
        | EventAgentAfterCallWork | Alice  | 1001    | $request    |
