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

/**
 * Handset events: a phone going off or on hook. A switch whose phones report them (SIP Server:
 * capability `off-hook:reported`) sends them beside the call's events — the QA model of SIP Server
 * has "EventDialing, or the set {EventOffHook ∥ EventDialing} when the phone was on-hook", and
 * {EventOnHook, EventReleased} as the last party leaves a DN (digest 3 §4, READ N1; GenEM's shared
 * line flow shows the caller's EventOffHook before EventDialing). They are the device's, not the
 * call model's: a model judges them only where a table names them.
 */
export const HANDSET_EVENTS: ReadonlySet<string> = new Set(['EventOffHook', 'EventOnHook']);

/** The capability of a system whose phones report them. */
export const HANDSET_REPORTED = 'off-hook:reported';
