/**
 * Agent-state events: what an agent does at a DN (logs in, becomes ready, not ready, does after-call
 * work), GenEM's agent-state models (Agent States and Work Modes; Agent-State and DN Events). They
 * carry no ConnID: they are about the agent, not a call. A contact center's DNs mostly have agents at
 * them, and SIP Server reports after-call work (EventAgentNotReady, AgentWorkMode AfterCallWork) on
 * the agent's DN as the call is released: a call model that does not cast its party as an agent says
 * nothing about them.
 */
const AGENT_STATE_EVENTS: ReadonlySet<string> = new Set(['EventAgentLogin', 'EventAgentLogout', 'EventAgentReady', 'EventAgentNotReady', 'EventAgentAfterCallWork']);

/** Is `e` an agent-state event (one of those names, and about no call)? */
export function isAgentStateEvent(e: { readonly name: string; readonly attributes: Readonly<Record<string, unknown>> }): boolean {
  return AGENT_STATE_EVENTS.has(e.name) && e.attributes.ConnID === undefined;
}
