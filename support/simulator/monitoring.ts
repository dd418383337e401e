/**
 * Monitoring family: TMonitorNextCall / TCancelMonitoring and the supervisor's (observer's) legs.
 *
 * Models: Service observing on agent, with its release variants (GenEM Monitoring Calls, digest 1
 * §3.7a/b), monitor next call (digest 2 §3.9, digest 3 §5.17) and the release rules for a call with a
 * supervisor on it (digest 3 §5.3, §5.32). The simulator follows SIP Server where GenEM is
 * switch-dependent: the observer's OtherDN is the customer (footnotes a/b of §3.7a), the observer's
 * leg is answered automatically, and `sip-enable-call-info` is off (no EventPrivateInfo 4024).
 */
import type { AttrValue, TRequest } from '../model/event';
import type { KVList } from '../model/kvlist';
import { releaseParty } from './callControl';
import { hasActiveCall } from './delivery';
import { callEvent, partyOf, referenceOf, reject, requireDn, toInternalParties } from './events';
import { findCall, kv, str, type Call, type Handler, type Party, type SimEvent, type SimState, type Supervision } from './state';

/** The value of `key` in a KV list, as a string. */
export function kvString(list: KVList | undefined, key: string): string | undefined {
  const value = list?.find((p) => p.key === key)?.value;
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

const sessionsOf = (state: SimState): Supervision[] => (state.supervisions ??= []);

/** The mute state a supervisor's leg starts in (digest 3 §5.17): coach → half-muted, connect → unmuted, else muted. */
export function muteForMode(mode: string): 'Connect' | 'Muted' | 'Coach' {
  if (mode === 'coach') return 'Coach';
  return mode === 'connect' ? 'Connect' : 'Muted';
}

function sessionExtensions(session: Supervision): KVList {
  return [{ key: 'MonitorScope', value: session.scope }, { key: 'MonitorMode', value: session.mode }];
}

/** EventMonitoringNextCall / EventMonitoringCancelled at the observer, then at the agent (digest 2 §3.9). */
function sessionEvents(session: Supervision, name: string, observerExtra: Record<string, AttrValue>, withExtensions: boolean): SimEvent[] {
  const ext: Record<string, AttrValue> = withExtensions ? { Extensions: sessionExtensions(session) } : {};
  return [
    {
      dn: session.observer,
      name,
      attributes: {
        ThisDN: session.observer, ThisDNRole: 'Observer', OtherDN: session.agent, OtherDNRole: 'Destination',
        MonitorNextCallType: session.type, ...ext, ...observerExtra,
      },
    },
    {
      dn: session.agent,
      name,
      attributes: { ThisDN: session.agent, OtherDN: session.observer, OtherDNRole: 'Observer', MonitorNextCallType: session.type, ...ext },
    },
  ];
}

const monitorNextCall: Handler = (state, request) => {
  const observer = requireDn(state, request);
  const agent = str(request, 'OtherDN');
  if (!agent || !state.dns[agent] || agent === observer) reject('InvalidAttribute');
  const type = str(request, 'MonitorNextCallType') ?? 'MonitorOneCall';
  if (type !== 'MonitorOneCall' && type !== 'MonitorAllCalls') reject('InvalidAttribute');
  const extensions = kv(request, 'Extensions');
  const sessions = sessionsOf(state);
  const existing = sessions.find((s) => s.observer === observer);
  // digest 3 §5.17: refused when S already supervises someone else, or S is on a call.
  if (existing && (existing.agent !== agent || hasActiveCall(state, observer))) reject('InvalidState');
  const session: Supervision = {
    observer, agent, type,
    mode: kvString(extensions, 'MonitorMode') ?? 'normal',
    scope: kvString(extensions, 'MonitorScope') ?? 'agent',
  };
  state.supervisions = [...sessions.filter((s) => s !== existing), session];
  return sessionEvents(session, 'EventMonitoringNextCall', referenceOf(request), true);
};

const cancelMonitoring: Handler = (state, request) => {
  const observer = requireDn(state, request);
  const session = sessionsOf(state).find((s) => s.observer === observer);
  if (!session) reject('InvalidState');
  state.supervisions = sessionsOf(state).filter((s) => s !== session);
  return sessionEvents(session, 'EventMonitoringCancelled', referenceOf(request), false);
};

/** The agent's established call that the free observer of `session` may join, if any. */
function callToObserve(state: SimState, session: Supervision): Call | undefined {
  if (session.connId !== undefined || session.cancelPending || hasActiveCall(state, session.observer)) return undefined;
  return findCall(state, (call) => {
    if (session.left?.includes(call.connId)) return false;
    const agent = partyOf(call, session.agent);
    const others = call.parties.filter((p) => p !== agent && p.role !== 'Observer');
    return agent?.status === 'Established' && others.length === 1 && others[0]?.status === 'Established';
  });
}

/**
 * The observer is bridged into the agent's call (GenEM §3.7a steps 2–3): its leg rings as Observer
 * with CallState Bridged, every other internal party learns of it by EventPartyAdded, and the leg is
 * answered (Bridged).
 */
export function intrude(state: SimState, session: Supervision, call: Call): SimEvent[] {
  const leg: Party = { dn: session.observer, role: 'Observer', status: 'Ringing', observes: session.agent, mute: muteForMode(session.mode) };
  call.parties.push(leg);
  session.connId = call.connId;
  const ringing = callEvent(call, leg, 'EventRinging', { CallState: 'Bridged' });
  const added = toInternalParties(state, call, (p) => callEvent(call, p, 'EventPartyAdded', {
    OtherDN: leg.dn, OtherDNRole: 'Observer', CallState: 'Bridged',
  }), leg.dn);
  leg.status = 'Established';
  return [ringing, ...added, callEvent(call, leg, 'EventEstablished', { CallState: 'Bridged' })];
}

/**
 * digest 3 §5.3, "exactly two left, one of them a supervisor": with the customer gone, a muted (or
 * still ringing) supervisor leaves; with the agent gone, it also leaves when coaching.
 */
function supervisorLeaves(call: Call, leg: Party, session: Supervision): boolean {
  const real = call.parties.filter((p) => p !== leg);
  if (real.length > 1) return false;
  if (leg.status === 'Ringing' || leg.mute === 'Muted') return true;
  const agentLeft = !real.some((p) => p.dn === session.agent);
  return agentLeft && leg.mute === 'Coach';
}

/** The events of this batch that name the supervisor as ThirdPartyDN (GenEM §3.7a; digest 3 §5.3). */
function markObserver(events: readonly SimEvent[], session: Supervision, connId: string): SimEvent[] {
  return events.map((e) => (e.name === 'EventPartyDeleted' && e.attributes.ConnID === connId
    ? { ...e, attributes: { ...e.attributes, ThirdPartyDN: session.observer, ThirdPartyDNRole: 'Observer' } }
    : e));
}

function cancelledAt(session: Supervision, dn: string): SimEvent {
  const [atObserver, atAgent] = sessionEvents(session, 'EventMonitoringCancelled', {}, false);
  return (dn === session.observer ? atObserver : atAgent) as SimEvent;
}

/** Insert `extra` right after the last event of `dn` in `events` (a set with that DN's release). */
function after(events: SimEvent[], dn: string, extra: SimEvent): SimEvent[] {
  const index = events.map((e) => e.dn).lastIndexOf(dn);
  return index < 0 ? [...events, extra] : [...events.slice(0, index + 1), extra, ...events.slice(index + 1)];
}

/**
 * A one-call session ends when the supervisor's leg leaves (digest 3 §5.3, §9): the supervisor's
 * EventMonitoringCancelled comes with its release; the agent's comes with the agent's own release,
 * or right after its EventPartyDeleted, and is postponed while the agent stays on the call.
 */
function endOfOneCallSession(state: SimState, session: Supervision, events: SimEvent[]): SimEvent[] {
  const out = after(events, session.observer, cancelledAt(session, session.observer));
  const agentStillOn = findCall(state, (c) => c.connId === session.connId && partyOf(c, session.agent)) !== undefined;
  const agentNoticed = out.some((e) => e.dn === session.agent && e.attributes.ConnID === session.connId
    && (e.name === 'EventReleased' || e.name === 'EventPartyDeleted'));
  session.connId = undefined;
  if (agentNoticed || !agentStillOn) {
    state.supervisions = sessionsOf(state).filter((s) => s !== session);
    return after(out, session.agent, cancelledAt(session, session.agent));
  }
  session.cancelPending = true;
  return out;
}

/** Apply the release rules of one observed call after a request; returns the new event list. */
function followObservedCall(state: SimState, session: Supervision, events: SimEvent[]): SimEvent[] {
  const connId = session.connId;
  if (connId === undefined) return events;
  let out = markObserver(events, session, connId);
  const call = state.calls[connId];
  const leg = call ? partyOf(call, session.observer) : undefined;
  if (call && leg && supervisorLeaves(call, leg, session)) out = [...out, ...releaseParty(state, call, leg)];
  const stillOn = state.calls[connId] && partyOf(state.calls[connId], session.observer);
  if (stillOn) return out;
  session.left = [...(session.left ?? []), connId];
  if (session.type === 'MonitorAllCalls') {
    session.connId = undefined;
    return out;
  }
  return endOfOneCallSession(state, session, out);
}

/** A postponed agent EventMonitoringCancelled, delivered with the agent's release of that call. */
function deliverPostponed(state: SimState, session: Supervision, events: SimEvent[]): SimEvent[] {
  if (!session.cancelPending) return events;
  const released = events.some((e) => e.dn === session.agent && e.name === 'EventReleased');
  if (!released) return events;
  state.supervisions = sessionsOf(state).filter((s) => s !== session);
  return after(events, session.agent, cancelledAt(session, session.agent));
}

/**
 * Service observing on a queue or routing point (digest 3 §5.25): when the supervised device sends a
 * call to a destination while its supervisor is free, the session moves to that destination, with
 * the same supervisor, type, scope and mode; the supervisor then joins as for an agent.
 */
function followDistribution(state: SimState, events: readonly SimEvent[]): void {
  for (const e of events) {
    if (e.name !== 'EventDiverted' && e.name !== 'EventRouteUsed') continue;
    const destination = e.attributes.ThirdPartyDN;
    const session = sessionsOf(state).find((s) => s.agent === e.dn && s.connId === undefined);
    if (!session || typeof destination !== 'string' || !state.dns[destination]) continue;
    state.supervisions = sessionsOf(state).map((s) => (s === session ? { ...session, agent: destination } : s));
  }
}

/** After every request: supervisors join their agents' new calls and follow the release rules. */
function superviseCalls(state: SimState, _request: TRequest, events: readonly SimEvent[]): SimEvent[] {
  followDistribution(state, events);
  let out = [...events];
  for (const session of [...sessionsOf(state)]) {
    out = deliverPostponed(state, session, followObservedCall(state, session, out));
    const call = sessionsOf(state).includes(session) ? callToObserve(state, session) : undefined;
    if (call) out = [...out, ...intrude(state, session, call)];
  }
  return out;
}

export const monitoringHandlers: Readonly<Record<string, Handler>> = {
  RequestMonitorNextCall: monitorNextCall,
  RequestCancelMonitoring: cancelMonitoring,
};

export const monitoringFamily = {
  handlers: monitoringHandlers,
  reactions: [superviseCalls],
  capabilities: ['monitoring:observer-sees-customer', 'mute:no-private-info'],
} as const;
