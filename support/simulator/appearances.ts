/**
 * Lines with several appearances (PartyConfig.appearanceOf):
 *
 * - **Shared call appearance** (SIP Server SCA, digest 1 §3.8, READ first model): a call to the line
 *   rings every appearance with CallState Covered and Extensions AppearanceIndex; the caller sees the
 *   line as OtherDN. When one appearance answers, the others leave the call (reconstructed, after
 *   the hunt-group losers of digest 3 §5.21: EventReleased, not EventAbandoned).
 * - **Outbound call from a shared line** (digest 4 §3c, event order READ): the appearance that
 *   dials is told the line is in use, EventPrivateInfo 4026 with ThisDN the line (before its
 *   EventDialing, reconstructed), and the called party rings with the line as OtherDN.
 * - **Retrieve and barge-in from another appearance** (GenEM SCA: "any phone from this group can
 *   answer the call, barge-in to the active call, or retrieve the call placed on hold"; the tables
 *   were not read, reconstructed): phone actions, not T-Library requests (GenEM: a client must not
 *   send 3pcc requests for calls of another shared-line user). Retrieving moves the held call to the
 *   retrieving appearance (EventRetrieved there, EventReleased at the holder); barging in makes a
 *   conference (EventEstablished Conferenced at the appearance, EventPartyAdded at the others).
 * - **Bridged appearance** (GenEM Special Cases, digest 3 §5.26): the appearance follows the calls of
 *   its principal's line. Every call event at the principal is repeated at each bridged appearance
 *   (and the other way round for a call made from the appearance), ThisDN being the appearance. N1
 *   READs this for EventHeld (consultation) and EventRetrieved (conference); the rest is
 *   reconstructed by the same rule.
 */
import type { AttrValue, TRequest } from '../model/event';
import { hasActiveCall, type OfferRule } from './delivery';
import { callEvent, reject } from './events';
import { str, type Call, type Handler, type Party, type SimEvent, type SimState } from './state';

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

/** The shared line `dn` belongs to (its own DN when it is the line), or undefined. */
function sharedLineOf(state: SimState, dn: string): string | undefined {
  const own = state.dns[dn]?.appearanceOf;
  if (own?.kind === 'shared') return own.line;
  return appearancesOf(state, dn, 'shared').length > 0 ? dn : undefined;
}

/** EventPrivateInfo 4026 (the line is in use, digest 4 §3c) — the PrivateEvent id GenEM prints as "ServiceId 4026". */
export const LINE_IN_USE = 4026;

/** A call dialled from a shared line: the dialling appearance is told, before its EventDialing, that the line is in use. */
function announceSharedLineCall(state: SimState, request: TRequest, events: readonly SimEvent[]): SimEvent[] {
  if (!state.hasAppearances || request.name !== 'RequestMakeCall') return [...events];
  const dn = str(request, 'ThisDN') ?? '';
  const line = sharedLineOf(state, dn);
  const at = events.findIndex((e) => e.name === 'EventDialing' && e.dn === dn);
  if (!line || at < 0) return [...events];
  const inUse: SimEvent = { dn, name: 'EventPrivateInfo', attributes: { ThisDN: line, PrivateEvent: LINE_IN_USE } };
  return [...events.slice(0, at), inUse, ...events.slice(at)];
}

/** The call on `dn`'s shared line with a party of the line in `status` (not `dn` itself). */
function lineCall(state: SimState, dn: string, status: Party['status']): { call: Call; holder: Party } {
  const line = sharedLineOf(state, dn);
  for (const call of Object.values(state.calls)) {
    const holder = call.parties.find((p) => p.dn !== dn && p.status === status && (p.line ?? sharedLineOf(state, p.dn)) === line);
    if (line && holder && !call.parties.some((p) => p.dn === dn)) return { call, holder };
  }
  return reject('InvalidState');
}

/** Another appearance picks up the call held on the line: the call moves to it. */
const retrievesOnLine: Handler = (state, request) => {
  const dn = str(request, 'ThisDN') ?? '';
  const { call, holder } = lineCall(state, dn, 'Held');
  const released = callEvent(call, holder, 'EventReleased', { CallState: 'Ok' });
  call.parties = call.parties.filter((p) => p !== holder);
  const taker: Party = { dn, role: holder.role, status: 'Established', line: holder.line ?? sharedLineOf(state, dn) ?? dn };
  call.parties.push(taker);
  return [released, callEvent(call, taker, 'EventRetrieved', { CallState: 'Ok' })];
};

/** Another appearance barges in on the line's active call: a conference. */
const bargesIn: Handler = (state, request) => {
  const dn = str(request, 'ThisDN') ?? '';
  const { call } = lineCall(state, dn, 'Established');
  const others = call.parties.filter((p) => state.dns[p.dn] !== undefined);
  const joined: Party = { dn, role: 'ConferenceMember', status: 'Established', line: sharedLineOf(state, dn) ?? dn };
  call.parties.push(joined);
  for (const p of call.parties) if (p.role !== 'Observer') p.role = 'ConferenceMember';
  const added = others.map((p) => callEvent(call, p, 'EventPartyAdded', { OtherDN: dn, OtherDNRole: 'NewParty', CallState: 'Conferenced' }));
  return [callEvent(call, joined, 'EventEstablished', { CallState: 'Conferenced' }), ...added];
};

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
  handlers: { 'Phone.RetrievesOnSharedLine': retrievesOnLine, 'Phone.BargesInOnSharedLine': bargesIn },
  offerRules: [alertSharedLine],
  reactions: [settleSharedLines, announceSharedLineCall, mirrorBridgedAppearances],
  capabilities: ['shared-line-phone'],
} as const;
