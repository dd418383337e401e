/**
 * Transfers: TSingleStepTransfer (digest 2 §3.2, digest 3 §5.7), TCompleteTransfer (§3.3 / §5.8),
 * TMuteTransfer (§3.14 / §5.9), TRedirectCall (§3.6 / §5.15), and TMergeCalls for a transfer.
 *
 * The surviving ConnID is always the main (held) call's. Parties that stayed get EventPartyChanged
 * with PreviousConnID = that same ConnID; parties that moved in from the consultation get
 * PreviousConnID = the consultation's ConnID (READ N1). The transferring agent's own events in a
 * two-step transfer are NOT READ anywhere: the simulator sends EventReleased(consult, ReferenceID)
 * then EventReleased(main), both CallState Transferred (INFERRED from TCompleteConference).
 */
import type { TRequest } from '../model/event';
import {
  isInternal, offerAs, pairOf, partyAttributes, requireHeldAndActive, startConsultation, type CallPair,
} from './consult';
import { hasActiveCall } from './delivery';
import { callAttributes, callOfRequest, referenceOf, reject } from './events';
import { str, type Handler, type Party, type SimEvent, type SimState } from './state';

/** Move the consultation's parties into the main call and report it (the requester has left both calls). */
export function completeTransfer(state: SimState, pair: CallPair, request: TRequest): SimEvent[] {
  const { main, onMain, consult, onConsult } = pair;
  const released: SimEvent[] = [
    { dn: onConsult.dn, name: 'EventReleased', attributes: { ...callAttributes(consult, onConsult), CallState: 'Transferred', ...referenceOf(request) } },
    { dn: onMain.dn, name: 'EventReleased', attributes: { ...callAttributes(main, onMain), CallState: 'Transferred' } },
  ];
  const stayed = main.parties.filter((p) => p !== onMain);
  const moved = consult.parties.filter((p) => p !== onConsult);
  const last = moved[moved.length - 1];
  if (stayed.length === 0 || !last) reject('InvalidState');
  // N1: in a conference the parties that move in become conference members.
  if (stayed.length > 1) moved.forEach((p) => { p.role = 'ConferenceMember'; });
  main.parties = [...stayed, ...moved];
  Reflect.deleteProperty(state.calls, consult.connId);
  const by = { CallState: 'Transferred', ThirdPartyDN: onMain.dn, ThirdPartyDNRole: 'TransferredBy' };
  const soleStayed = stayed.length === 1 ? stayed[0] : undefined;
  const changed = (p: Party, other: Party | undefined, previous: string): SimEvent =>
    ({ dn: p.dn, name: 'EventPartyChanged', attributes: partyAttributes(main, p, other, { ...by, PreviousConnID: previous }) });
  return [
    ...released,
    // N1: OtherDN = the last party that joined, for every party that stayed (no two-party check here).
    ...stayed.filter((p) => isInternal(state, p)).map((p) => changed(p, last, main.connId)),
    // N1: OtherDN = the party that stayed only when exactly one did (the complex-party rule).
    ...moved.filter((p) => isInternal(state, p)).map((p) => changed(p, soleStayed, consult.connId)),
  ];
}

const complete: Handler = (state, request) => {
  const pair = pairOf(state, request, 'TransferConnID');
  requireHeldAndActive(pair, ['Established', 'Dialing']);
  return completeTransfer(state, pair, request);
};

/** TMuteTransfer: a consultation that completes at once, without waiting for the destination. */
const muteTransfer: Handler = (state, request, env) => {
  const to = str(request, 'OtherDN') ?? '';
  // The completion needs the destination alerted: a busy extension refuses the whole request.
  if (state.dns[to] && hasActiveCall(state, to)) reject('DNBusy');
  const { pair, events } = startConsultation(state, request, env);
  return [...events, ...completeTransfer(state, pair, { ...request, attributes: {} })];
};

/**
 * TSingleStepTransfer: B leaves without notifying anyone (EventReleased Transferred, ThirdPartyDN
 * the destination, Cause 1stepTransfer), the destination rings on the same ConnID with B's role,
 * and every party still on the call gets EventPartyChanged (PreviousConnID = the same ConnID).
 */
const singleStepTransfer: Handler = (state, request, env) => {
  const { call, party: b } = callOfRequest(state, request);
  const to = str(request, 'OtherDN') ?? '';
  if (b.status !== 'Established') reject('InvalidState');
  const stayed = call.parties.filter((p) => p !== b);
  const caller = stayed[0];
  if (!caller) reject('InvalidState');
  const releasedAttrs = { ...callAttributes(call, b), CallState: 'Transferred', ThirdPartyDN: to, ThirdPartyDNRole: 'Destination', Cause: '1stepTransfer', ...referenceOf(request) };
  call.parties = stayed;
  const ringing = offerAs(state, call, caller, to, env, { role: b.role, callState: 'Transferred', ...(b.queue ? { queue: b.queue } : {}) });
  const joined = call.parties.find((p) => p.dn === to);
  const remaining = call.parties.filter((p) => p !== joined);
  const other = remaining.length === 1 ? joined : undefined;
  const changed = remaining.filter((p) => isInternal(state, p)).map((p): SimEvent => ({
    dn: p.dn,
    name: 'EventPartyChanged',
    attributes: partyAttributes(call, p, other, {
      CallState: 'Transferred', PreviousConnID: call.connId, ThirdPartyDN: b.dn, ThirdPartyDNRole: 'TransferredBy',
    }),
  }));
  // SIP Server (networkReached_on_ssx, its default): the callers hear the outside destination reached.
  const reached = state.dns[to] ? [] : remaining.filter((p) => isInternal(state, p)).map((p): SimEvent => ({
    dn: p.dn, name: 'EventNetworkReached', attributes: partyAttributes(call, p, joined, { CallState: 'Transferred' }),
  }));
  return [{ dn: b.dn, name: 'EventReleased', attributes: releasedAttrs }, ...ringing, ...changed, ...reached];
};

/**
 * TRedirectCall (servers ≥ 7.6): B (ringing or established) leaves without notifying anyone —
 * EventReleased, not EventAbandoned, CallState Redirected — and the destination rings with B's role.
 */
const redirect: Handler = (state, request, env) => {
  const { call, party: b } = callOfRequest(state, request);
  const to = str(request, 'OtherDN') ?? '';
  if (b.status !== 'Ringing' && b.status !== 'Established') reject('InvalidState');
  const stayed = call.parties.filter((p) => p !== b);
  const caller = stayed[0];
  if (!caller) reject('InvalidState');
  const role = stayed.length > 1 ? 'ConferenceMember' : 'Destination';
  const releasedAttrs = { ...callAttributes(call, b), CallState: 'Redirected', ThirdPartyDN: to, ThirdPartyDNRole: role, ...referenceOf(request) };
  call.parties = stayed;
  const ringing = offerAs(state, call, caller, to, env, { role: b.role, callState: 'Redirected', ...(b.queue ? { queue: b.queue } : {}) });
  return [{ dn: b.dn, name: 'EventReleased', attributes: releasedAttrs }, ...ringing];
};

export const transferHandlers: Readonly<Record<string, Handler>> = {
  RequestCompleteTransfer: complete,
  RequestMuteTransfer: muteTransfer,
  RequestSingleStepTransfer: singleStepTransfer,
  RequestRedirectCall: redirect,
};
