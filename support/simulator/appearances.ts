/**
 * Lines with several appearances (PartyConfig.appearanceOf):
 *
 * - **Shared call appearance** (SIP Server SCA, digest 1 §3.8, READ first model): a call to the line
 *   rings every appearance with CallState Covered and Extensions AppearanceIndex; the caller sees the
 *   line as OtherDN. When one appearance answers, the others leave the call (reconstructed, after
 *   the hunt-group losers of digest 3 §5.21: EventReleased, not EventAbandoned).
 * - **Bridged appearance** (GenEM Special Cases, digest 3 §5.26): the appearance follows the calls of
 *   its principal's line. Every call event at the principal is repeated at each bridged appearance
 *   (and the other way round for a call made from the appearance), ThisDN being the appearance. N1
 *   READs this for EventHeld (consultation) and EventRetrieved (conference); the rest is
 *   reconstructed by the same rule.
 */
import type { AttrValue, TRequest } from '../model/event';
import { hasActiveCall, type OfferRule } from './delivery';
import { callEvent } from './events';
import type { Call, Party, SimEvent, SimState } from './state';

/** The appearances of `line` of one kind (not the line's own DN). */
export function appearancesOf(state: SimState, line: string, kind: 'shared' | 'bridged'): string[] {
  return Object.values(state.dns)
    .filter((d) => d.appearanceOf?.line === line && d.appearanceOf.kind === kind)
    .map((d) => d.dn);
}

/** Calls already on the line + 1: the call appearance the new call takes (AppearanceIndex). */
function appearanceIndex(state: SimState, line: string, call: Call): number {
  return Object.values(state.calls).filter((c) => c !== call && c.parties.some((p) => p.line === line)).length + 1;
}

/** A call to a shared line rings every appearance, CallState Covered (digest 1 §3.8). */
const alertSharedLine: OfferRule = ({ state, call, to }) => {
  if (!state.hasAppearances) return undefined;
  const shared = appearancesOf(state, to, 'shared');
  if (shared.length === 0 || [to, ...shared].some((dn) => hasActiveCall(state, dn))) return undefined;
  const index = appearanceIndex(state, to, call);
  const ringing: Party[] = [to, ...shared].map((dn) => ({ dn, role: 'Destination', status: 'Ringing', line: to }));
  call.parties.push(...ringing);
  return ringing.map((p) => callEvent(call, p, 'EventRinging', { CallState: 'Covered', Extensions: [{ key: 'AppearanceIndex', value: index }] }));
};

/**
 * Once one appearance of a shared line answers, the appearances still ringing leave the call; when
 * only one line's appearances are left on a call (the caller hung up), they are all released.
 */
function settleSharedLines(state: SimState, _request: TRequest, events: readonly SimEvent[]): SimEvent[] {
  if (!state.hasAppearances) return [...events];
  const out = [...events];
  const closed = new Set<string>();
  for (const call of Object.values(state.calls)) {
    const onLine = call.parties.filter((p) => p.line !== undefined);
    if (onLine.length === 0) continue;
    const alone = onLine.length === call.parties.length && onLine.length > 1;
    const answered = onLine.some((p) => p.status === 'Established');
    const leaving = alone ? onLine : answered ? onLine.filter((p) => p.status === 'Ringing') : [];
    const departed = alone ? out.find((e) => e.name === 'EventPartyDeleted' && e.attributes.ConnID === call.connId)?.attributes.OtherDN : undefined;
    out.push(...leave(call, leaving, alone, departed));
    if (alone) {
      closed.add(call.connId);
      Reflect.deleteProperty(state.calls, call.connId);
    }
  }
  // The line's appearances were told the caller left as if from a conference; they are released instead.
  return out.filter((e) => !(e.name === 'EventPartyDeleted' && closed.has(e.attributes.ConnID as string)));
}

/**
 * `leaving` leave `call`: released, or abandoned while still ringing when the call closes; then
 * their OtherDN is the party that just left (`departed`), as in a two-party release.
 */
function leave(call: Call, leaving: readonly Party[], closeCall: boolean, departed: AttrValue | undefined): SimEvent[] {
  const events = leaving.map((p) => {
    const event = callEvent(call, p, closeCall && p.status === 'Ringing' ? 'EventAbandoned' : 'EventReleased', { CallState: 'Ok' });
    if (departed === undefined) return event;
    const attributes: Record<string, AttrValue> = { ...event.attributes, OtherDN: departed };
    Reflect.deleteProperty(attributes, 'OtherDNRole');
    return { ...event, attributes };
  });
  call.parties = call.parties.filter((p) => !leaving.includes(p));
  return events;
}

/** The DNs that repeat the call events of `dn`: its principal's other appearances, or its bridged appearances. */
function mirrorsOf(state: SimState, dn: string): string[] {
  const own = state.dns[dn]?.appearanceOf;
  if (own?.kind === 'bridged') return [own.line, ...appearancesOf(state, own.line, 'bridged')].filter((d) => d !== dn);
  return appearancesOf(state, dn, 'bridged');
}

/** The call-state events a bridged appearance repeats (not mute, user data or errors). */
const REPEATED = new Set([
  'EventDialing', 'EventRinging', 'EventEstablished', 'EventHeld', 'EventRetrieved', 'EventReleased', 'EventAbandoned',
  'EventDestinationBusy', 'EventPartyAdded', 'EventPartyChanged', 'EventPartyDeleted',
]);

/** Bridged appearances repeat every call-state event of their line (digest 3 §5.26). */
function mirrorBridgedAppearances(state: SimState, _request: TRequest, events: readonly SimEvent[]): SimEvent[] {
  // Runs after every request: nothing to do when no DN is an appearance.
  if (!state.hasAppearances) return [...events];
  return events.flatMap((e) => {
    const connId = e.attributes.ConnID;
    if (typeof connId !== 'string' || !REPEATED.has(e.name)) return [e];
    const call = state.calls[connId];
    const copies = mirrorsOf(state, e.dn)
      .filter((dn) => !call?.parties.some((p) => p.dn === dn))
      .map((dn) => ({ ...e, dn, attributes: { ...e.attributes, ThisDN: dn } }));
    return [e, ...copies];
  });
}

export const appearancesFamily = {
  handlers: {},
  offerRules: [alertSharedLine],
  reactions: [settleSharedLines, mirrorBridgedAppearances],
} as const;
