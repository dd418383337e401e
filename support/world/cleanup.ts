/**
 * After a scenario on a real system (a lab profile with `cleanup`): bring every DN the scenario used
 * back to idle, so no scenario depends on what ran before it. Releases the calls the call view still
 * shows and logs out the agents the scenario logged in, each bounded in time, and returns one line
 * per thing it had to clean (a "leak"), which the After hook attaches to the scenario. Never throws:
 * a clean-up that fails is itself reported as a leak.
 */
import type { AdapterSession } from '../adapter/session';
import type { CleanupPlan } from '../config/profile';
import type { ObservedEvent, TRequest } from '../model/event';
import { formatEvent } from '../report/diff';
import type { CallState, CallView } from './callView';
import type { Parties } from './parties';

export interface CleanupContext {
  readonly session: AdapterSession;
  readonly calls: CallView;
  readonly parties: Parties;
  /** Apply newly observed events to the call view. */
  readonly refresh: () => void;
  readonly timeoutMs: number;
}

/** Releasing the active side first also clears the other side's ringing or queued call. */
const RELEASE_ORDER: readonly CallState[] = ['Dialing', 'Established', 'Held', 'Busy', 'Ringing', 'Queued'];
/** A bound on clean-up requests per scenario (a misbehaving system must not loop forever). */
const MAX_ACTIONS = 32;
const AGENT_EVENTS = ['EventAgentLogin', 'EventAgentLogout', 'EventAgentReady', 'EventAgentNotReady'];

function label(ctx: CleanupContext, dn: string): string {
  const name = ctx.parties.nameOf(dn);
  return `DN ${dn}${name ? ` (${name})` : ''}`;
}

/** The DNs of the scenario's own parties (outside numbers and participants are not the harness's to clean). */
function ownDns(parties: Parties): string[] {
  return parties.topology().parties.filter((p) => p.type !== 'External' && p.configured && !p.participant).map((p) => p.dn);
}

/** Send one clean-up request and wait (bounded) until `done` or an EventError; undefined = it worked. */
async function act(ctx: CleanupContext, request: TRequest, done: (fresh: readonly ObservedEvent[]) => boolean): Promise<string | undefined> {
  const since = ctx.session.events.length;
  try {
    await ctx.session.send(request);
    const result = await ctx.session.waitFor(() => {
      ctx.refresh();
      const fresh = ctx.session.events.slice(since);
      const error = fresh.find((e) => e.name === 'EventError');
      if (error) return `refused (${formatEvent(error, ['ErrorCode', 'ErrorMessage'])})`;
      return done(fresh) ? 'ok' : undefined;
    }, Math.min(ctx.timeoutMs, 2000));
    if (result.kind !== 'done') return 'no effect in time';
    return result.value === 'ok' ? undefined : result.value;
  } catch (e) {
    return (e as Error).message;
  }
}

function nextCall(ctx: CleanupContext, dns: readonly string[], tried: Set<string>): { dn: string; connId: string; state: CallState } | undefined {
  for (const state of RELEASE_ORDER) {
    for (const dn of dns) {
      const call = ctx.calls.find(dn, { states: [state] }).find((c) => !tried.has(`${dn} ${c.connId}`));
      if (call) return { dn, connId: call.connId, state };
    }
  }
  return undefined;
}

/**
 * A call waiting on a queue or routing point cannot be released there; when its other party is an
 * outside caller and the adapter can act for outside parties, that caller hangs up instead.
 */
function releaseOf(ctx: CleanupContext, call: { dn: string; connId: string }): { request: TRequest; how: string } {
  const parties = ctx.parties.topology().parties;
  const at = parties.find((p) => p.dn === call.dn);
  const other = ctx.calls.find(call.dn).find((c) => c.connId === call.connId)?.otherDn;
  const caller = parties.find((p) => p.dn === other && p.type === 'External' && !p.participant);
  const canHangUp = ctx.session.adapter.capabilities.features.includes('external-parties');
  if (caller && canHangUp && (at?.type === 'ACDQueue' || at?.type === 'RoutingPoint')) {
    return { request: { name: 'Party.HangsUp', attributes: { ThisDN: caller.dn } }, how: `the outside caller ${caller.name} hung up` };
  }
  return { request: { name: 'RequestReleaseCall', attributes: { ThisDN: call.dn, ConnID: call.connId } }, how: 'released' };
}

async function releaseCalls(ctx: CleanupContext, dns: readonly string[], leaks: string[]): Promise<void> {
  const tried = new Set<string>();
  for (let i = 0; i < MAX_ACTIONS; i += 1) {
    ctx.refresh();
    const call = nextCall(ctx, dns, tried);
    if (!call) return;
    tried.add(`${call.dn} ${call.connId}`);
    const gone = (): boolean => !ctx.calls.find(call.dn).some((c) => c.connId === call.connId);
    const { request, how } = releaseOf(ctx, call);
    const problem = await act(ctx, request, gone);
    leaks.push(`${label(ctx, call.dn)}: call ${call.connId} was left ${call.state}: ${how}${problem ? ` — failed: ${problem}` : ''}`);
  }
}

/** DNs whose last agent event is not a logout: the scenario logged an agent in and left it there. */
function loggedIn(events: readonly ObservedEvent[], dns: readonly string[]): Map<string, string | undefined> {
  const last = new Map<string, ObservedEvent>();
  for (const e of events) if (AGENT_EVENTS.includes(e.name) && dns.includes(e.dn)) last.set(e.dn, e);
  const agents = new Map<string, string | undefined>();
  for (const [dn, e] of last) if (e.name !== 'EventAgentLogout') agents.set(dn, typeof e.attributes.AgentID === 'string' ? e.attributes.AgentID : undefined);
  return agents;
}

async function logoutAgents(ctx: CleanupContext, dns: readonly string[], leaks: string[]): Promise<void> {
  for (const [dn, agentId] of loggedIn(ctx.session.events, dns)) {
    const request: TRequest = { name: 'RequestAgentLogout', attributes: { ThisDN: dn, ...(agentId ? { AgentID: agentId } : {}) } };
    const problem = await act(ctx, request, (fresh) => fresh.some((e) => e.name === 'EventAgentLogout' && e.dn === dn));
    leaks.push(`${label(ctx, dn)}: agent ${agentId ?? '(unknown AgentID)'} was left logged in: logged out${problem ? ` — failed: ${problem}` : ''}`);
  }
}

/** Return the scenario's DNs to idle as `plan` says; one line per leak found. */
export async function returnToIdle(ctx: CleanupContext, plan: CleanupPlan): Promise<string[]> {
  const leaks: string[] = [];
  const dns = ownDns(ctx.parties);
  try {
    await ctx.session.settle();
    if (plan.releaseCalls) await releaseCalls(ctx, dns, leaks);
    if (plan.logoutAgents) await logoutAgents(ctx, dns, leaks);
    ctx.refresh();
    for (const dn of dns) for (const c of ctx.calls.find(dn)) leaks.push(`${label(ctx, dn)}: call ${c.connId} is still ${c.state} after the clean-up`);
  } catch (e) {
    leaks.push(`could not clean up: ${(e as Error).message}`);
  }
  return leaks;
}
