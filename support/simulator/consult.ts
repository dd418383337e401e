/**
 * Consultation calls and the building blocks the transfer and conference handlers share:
 * TInitiateTransfer / TInitiateConference (digest 2 §3.1, digest 3 §5.1), TAlternateCall (§5.5) and
 * TReconnectCall (§5.6), plus how a request names "the held call and the current call" and how a
 * call is offered to a destination on behalf of a transfer, a conference or a redirect.
 *
 * Provenance: B's EventHeld then EventDialing for a consultation is READ (N1). CallType Consult and
 * PreviousConnID = the main call on the consult leg are INFERRED (GenEM only says PreviousConnID is
 * mandatory when CallType is Consult). The alternate/reconnect events are INFERRED (digest 2 §3.14).
 */
import type { AttrValue, TRequest } from '../model/event';
import { releaseParty } from './callControl';
import { deliver, hasActiveCall } from './delivery';
import { callAttributes, callEvent, callOfRequest, newCall, partyOf, referenceOf, reject, requireDn } from './events';
import { cloneState, kv, str, type Call, type Handler, type Party, type SimEnv, type SimEvent, type SimState } from './state';

/** The requester's two calls of a two-step operation: the main (held) call and the consultation. */
export interface CallPair {
  readonly main: Call;
  readonly onMain: Party;
  readonly consult: Call;
  readonly onConsult: Party;
}

/**
 * The pair named by a request: `ConnID` = the held (main) call, `second` (TransferConnID for
 * TCompleteTransfer/TCompleteConference/TMergeCalls, PreviousConnID for TAlternateCall/
 * TReconnectCall) = the other one. When the "held" call is in fact the consultation of the other
 * (the agent alternated), the calls are swapped: the original main call always survives (N1).
 */
export function pairOf(state: SimState, request: TRequest, second: 'TransferConnID' | 'PreviousConnID'): CallPair {
  const dn = requireDn(state, request);
  const first = state.calls[str(request, 'ConnID') ?? ''];
  const other = state.calls[str(request, second) ?? ''];
  if (!first || !other || first === other) reject('InvalidConnID');
  const [main, consult] = first.consultOf === other.connId ? [other, first] : [first, other];
  const onMain = partyOf(main, dn);
  const onConsult = partyOf(consult, dn);
  if (!onMain || !onConsult) reject('InvalidConnID');
  return { main, onMain, consult, onConsult };
}

/** One of the requester's two calls is on hold and the other is not: what every two-step request needs. */
export function requireHeldAndActive(pair: CallPair, active: readonly string[]): void {
  const statuses = [pair.onMain.status, pair.onConsult.status];
  const held = statuses.filter((s) => s === 'Held').length;
  const live = statuses.filter((s) => active.includes(s)).length;
  if (held !== 1 || live !== 1) reject('InvalidState');
}

/** The attributes of a call event about `party` with OtherDN set explicitly (or left out). */
export function partyAttributes(call: Call, party: Party, other: Party | undefined, extra: Record<string, AttrValue>): Record<string, AttrValue> {
  const base = callAttributes(call, party);
  Reflect.deleteProperty(base, 'OtherDN');
  Reflect.deleteProperty(base, 'OtherDNRole');
  return { ...base, ...(other ? { OtherDN: other.dn, OtherDNRole: other.role } : {}), ...extra };
}

export const isInternal = (state: SimState, p: Party): boolean => state.dns[p.dn] !== undefined;

/** How the party that a transfer, a conference or a redirect brings in appears on the call. */
export interface JoinAs {
  readonly role: string;
  readonly callState: string;
  readonly queue?: string;
}

/**
 * Offer `call` to `to` on behalf of a transfer, conference or redirect: as a new call, except that
 * the joining party takes `as.role` (and ThisQueue), and its EventRinging has `as.callState`
 * (N1: Transferred for SST, Redirected for a redirect, Ok with role ConferenceMember for SSC).
 * A busy extension refuses the request up front: no model shows a transfer to a busy DN.
 */
export function offerAs(state: SimState, call: Call, caller: Party, to: string, env: SimEnv, as: JoinAs): SimEvent[] {
  if (!to || call.parties.some((p) => p.dn === to)) reject('InvalidAttribute');
  if (state.dns[to] && hasActiveCall(state, to)) reject('DNBusy');
  const before = new Set(call.parties);
  const events = deliver(state, call, caller, to, env);
  const joined = call.parties.find((p) => !before.has(p));
  if (joined) {
    joined.role = as.role;
    if (as.queue) joined.queue = as.queue;
  }
  const extra = { ThisDNRole: as.role, CallState: as.callState, ...(as.queue ? { ThisQueue: as.queue } : {}) };
  return events.map((e) => (e.dn === to && e.name === 'EventRinging' ? { ...e, attributes: { ...e.attributes, ...extra } } : e));
}

/**
 * B (Established on the main call) starts a consultation to `to`: EventHeld(main) first, then
 * EventDialing(consult, ReferenceID), then whatever the destination does (rings, busy, outside).
 */
export function startConsultation(state: SimState, request: TRequest, env: SimEnv): { pair: CallPair; events: SimEvent[] } {
  const { call: main, party: onMain } = callOfRequest(state, request);
  const to = str(request, 'OtherDN');
  if (onMain.status !== 'Established') reject('InvalidState');
  if (!to || to === onMain.dn) reject('InvalidAttribute');
  onMain.status = 'Held';
  const held = callEvent(main, onMain, 'EventHeld');
  const consult = newCall(state, env.connId, 'Consult');
  consult.consultOf = main.connId;
  consult.userData = kv(request, 'UserData') ?? cloneState(main.userData);
  const onConsult: Party = { dn: onMain.dn, role: 'Origination', status: 'Dialing' };
  consult.parties.push(onConsult);
  const dialing: SimEvent = {
    dn: onMain.dn,
    name: 'EventDialing',
    attributes: callAttributes(consult, onConsult, { OtherDN: to, OtherDNRole: 'Destination', ...referenceOf(request) }),
  };
  const events = [held, dialing, ...deliver(state, consult, onConsult, to, env)];
  return { pair: { main, onMain, consult, onConsult }, events };
}

const initiate: Handler = (state, request, env) => startConsultation(state, request, env).events;

/** TAlternateCall: hold the current call, connect the held one. Only the requester is told (INFERRED). */
const alternate: Handler = (state, request) => {
  const pair = pairOf(state, request, 'PreviousConnID');
  requireHeldAndActive(pair, ['Established']);
  const [toHold, toRetrieve] = pair.onMain.status === 'Held'
    ? [{ call: pair.consult, party: pair.onConsult }, { call: pair.main, party: pair.onMain }]
    : [{ call: pair.main, party: pair.onMain }, { call: pair.consult, party: pair.onConsult }];
  toHold.party.status = 'Held';
  toRetrieve.party.status = 'Established';
  return [
    callEvent(toHold.call, toHold.party, 'EventHeld', referenceOf(request)),
    callEvent(toRetrieve.call, toRetrieve.party, 'EventRetrieved', { CallState: 'Ok' }),
  ];
};

/**
 * TReconnectCall: release the requester from the current call (the consulted party is released, or
 * abandoned if it still rings) and retrieve the held call. Also cancels a busy consultation.
 */
const reconnect: Handler = (state, request) => {
  const pair = pairOf(state, request, 'PreviousConnID');
  const held = [pair.onMain, pair.onConsult].find((p) => p.status === 'Held');
  if (!held) reject('InvalidState');
  const [heldCall, current, onCurrent] = held === pair.onMain
    ? [pair.main, pair.consult, pair.onConsult]
    : [pair.consult, pair.main, pair.onMain];
  if (onCurrent.status === 'Held') reject('InvalidState');
  const released = releaseParty(state, current, onCurrent, request);
  held.status = 'Established';
  return [...released, callEvent(heldCall, held, 'EventRetrieved', { CallState: 'Ok' })];
};

export const consultHandlers: Readonly<Record<string, Handler>> = {
  RequestInitiateTransfer: initiate,
  RequestInitiateConference: initiate,
  RequestAlternateCall: alternate,
  RequestReconnectCall: reconnect,
};
