/**
 * DN feature family: TSetDNDOn/Off, TCallSetForward/TCallCancelForward, TSetMessageWaitingOn/Off,
 * TSetMuteOn/Off, and how DND and forwarding change the offer of a call.
 *
 * Models: Agent-State and DN events (EventDNDOn/Off, EventForwardSet/Cancel,
 * EventMessageWaitingOn/Off — attribute digest §3.14, §4; no model was read, so the events carry
 * only ThisDN and the ReferenceID), mute on/off (digest 3 §5.18), Special Cases "internal call to a
 * destination with DND activated" and "call forwarding on no answer" (titles only, digest 1 §4).
 * Reconstructions: DND makes the destination answer busy; a forwarded call leaves the forwarding DN
 * with EventReleased(CallState Forwarded) and rings the destination with CallState Forwarded — the
 * shape of the READ redirect model (digest 3 §5.15), with Forwarded for Redirected (N1 sees incoming
 * forwarded calls with CallState Forwarded, §5.19).
 */
import type { AttrValue } from '../model/event';
import { hasActiveCall, type Offer, type OfferRule } from './delivery';
import { callAttributes, callEvent, callOfRequest, partyOf, referenceOf, reject, requireDn } from './events';
import { kvString } from './monitoring';
import { findCall, kv, str, type Call, type DnState, type Handler, type Party, type SimEvent, type SimState } from './state';

function dnEvent(dn: string, name: string, extra: Record<string, AttrValue>): SimEvent {
  return { dn, name, attributes: { ThisDN: dn, ...extra } };
}

function dnOfRequest(state: SimState, dn: string): DnState {
  return state.dns[dn] as DnState;
}

/** A DN feature switched on or off: the matching event answers the request (attribute digest §3.14). */
function toggle(name: string, apply: (dn: DnState) => void): Handler {
  return (state, request) => {
    const dn = requireDn(state, request);
    apply(dnOfRequest(state, dn));
    return [dnEvent(dn, name, referenceOf(request))];
  };
}

const FORWARD_MODES = ['Unconditional', 'OnBusy', 'OnNoAnswer', 'OnBusyAndNoAnswer', 'SendAllCalls'];

const forwardSet: Handler = (state, request) => {
  const dn = requireDn(state, request);
  const to = str(request, 'OtherDN');
  const mode = str(request, 'ForwardMode') ?? 'Unconditional';
  if (!FORWARD_MODES.includes(mode) || !to || to === dn) reject('InvalidAttribute');
  dnOfRequest(state, dn).forward = { mode, to };
  return [dnEvent(dn, 'EventForwardSet', { OtherDN: to, ForwardMode: mode, ...referenceOf(request) })];
};

const forwardCancel: Handler = (state, request) => {
  const dn = requireDn(state, request);
  const target = dnOfRequest(state, dn);
  if (!target.forward) reject('InvalidState');
  delete target.forward;
  return [dnEvent(dn, 'EventForwardCancel', referenceOf(request))];
};

/**
 * digest 3 §5.18: MuteOff → Connect, MuteOn → Muted, Extensions MonitorMode=coach → Coach (only on a
 * supervisor's leg); allowed only when the state really changes, EventError otherwise.
 */
function mute(on: boolean): Handler {
  return (state, request) => {
    const { call, party } = callOfRequest(state, request);
    const extensions = kv(request, 'Extensions');
    const current = party.mute ?? 'Connect';
    let next: Party['mute'] = on ? 'Muted' : 'Connect';
    if (extensions?.length && next !== current) next = kvString(extensions, 'MonitorMode') === 'coach' ? 'Coach' : current;
    if (next === current || (next === 'Coach' && party.role !== 'Observer')) reject('InvalidState');
    party.mute = next;
    const session = state.supervisions?.find((s) => s.observer === party.dn && s.connId === call.connId);
    if (session) session.mode = next === 'Coach' ? 'coach' : on ? 'mute' : 'connect';
    return [{ dn: party.dn, name: on ? 'EventMuteOn' : 'EventMuteOff', attributes: { ThisDN: party.dn, ConnID: call.connId, ...referenceOf(request) } }];
  };
}

/** The forward destination rings with CallState Forwarded (the caller is not told). */
function ringForwarded(call: Call, to: string): SimEvent[] {
  const party: Party = { dn: to, role: 'Destination', status: 'Ringing' };
  call.parties.push(party);
  return [callEvent(call, party, 'EventRinging', { CallState: 'Forwarded' })];
}

function forwardTarget(state: SimState, dn: string, modes: readonly string[]): string | undefined {
  const forward = state.dns[dn]?.forward;
  if (!forward || !modes.includes(forward.mode)) return undefined;
  const type = state.dns[forward.to]?.type;
  const idle = (type === 'Extension' || type === 'ACDPosition') && !hasActiveCall(state, forward.to);
  return idle ? forward.to : undefined;
}

/** Do-not-disturb: the destination is not alerted and the caller hears busy (reconstructed). */
const doNotDisturb: OfferRule = ({ state, call, caller, to }: Offer) => {
  if (!state.dns[to]?.dnd) return undefined;
  caller.status = 'Busy';
  if (!state.dns[caller.dn]) return [];
  return [{ dn: caller.dn, name: 'EventDestinationBusy', attributes: callAttributes(call, caller, { OtherDN: to, OtherDNRole: 'Destination', CallState: 'Busy' }) }];
};

/** Unconditional forwarding, and forwarding on busy when the destination is busy. */
const forwardAtOnce: OfferRule = ({ state, call, to }: Offer) => {
  const busy = hasActiveCall(state, to);
  const target = forwardTarget(state, to, busy ? ['Unconditional', 'SendAllCalls', 'OnBusy', 'OnBusyAndNoAnswer'] : ['Unconditional', 'SendAllCalls']);
  return target ? ringForwarded(call, target) : undefined;
};

/**
 * The network's no-answer timer expires at a ringing DN (test control, `alerting-control`). With
 * forwarding on no answer, the DN leaves the call (EventReleased, CallState Forwarded, ThirdPartyDN
 * the destination) and the destination rings.
 */
const ringTimeout: Handler = (state, request) => {
  const dn = requireDn(state, request);
  const call = findCall(state, (c) => partyOf(c, dn)?.status === 'Ringing');
  const party = call ? partyOf(call, dn) : undefined;
  const target = forwardTarget(state, dn, ['OnNoAnswer', 'OnBusyAndNoAnswer']);
  if (!call || !party || !target) reject('InvalidState');
  const released: SimEvent = {
    dn, name: 'EventReleased',
    attributes: callAttributes(call, party, { CallState: 'Forwarded', ThirdPartyDN: target, ThirdPartyDNRole: 'Destination' }),
  };
  call.parties = call.parties.filter((p) => p !== party);
  return [released, ...ringForwarded(call, target)];
};

export const dnFeatureHandlers: Readonly<Record<string, Handler>> = {
  RequestSetDNDOn: toggle('EventDNDOn', (d) => { d.dnd = true; }),
  RequestSetDNDOff: toggle('EventDNDOff', (d) => { d.dnd = false; }),
  RequestCallForwardSet: forwardSet,
  RequestCallForwardCancel: forwardCancel,
  RequestSetMessageWaitingOn: toggle('EventMessageWaitingOn', (d) => { d.messageWaiting = true; }),
  RequestSetMessageWaitingOff: toggle('EventMessageWaitingOff', (d) => { d.messageWaiting = false; }),
  RequestSetMuteOn: mute(true),
  RequestSetMuteOff: mute(false),
  'Network.RingTimeout': ringTimeout,
};

export const dnFeaturesFamily = {
  handlers: dnFeatureHandlers,
  offerRules: [doNotDisturb, forwardAtOnce],
} as const;
