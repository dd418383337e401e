/**
 * Conferences: TCompleteConference (digest 2 §3.4, digest 3 §5.12), TSingleStepConference (§3.5 /
 * §5.13), TDeleteFromConference (digest 1 §3.2c, digest 2 §3.7, digest 3 §5.14), TMergeCalls
 * (§3.14 / §5.10) and TListenDisconnect / TListenReconnect (§3.8 / §5.16).
 *
 * Once a call is a conference every party's role is ConferenceMember, and events about the call go
 * to every member without OtherDN (GenEM "complex party" rule; `callAttributes` leaves OtherDN out
 * when more than one other party exists).
 */
import type { TRequest } from '../model/event';
import { releaseParty } from './callControl';
import {
  isInternal, offerAs, pairOf, partyAttributes, requireHeldAndActive, type CallPair,
} from './consult';
import { callEvent, callOfRequest, partyOf, referenceOf, reject } from './events';
import { completeTransfer } from './transfer';
import { str, type Call, type Handler, type Party, type SimEvent, type SimState } from './state';

/** An Observer keeps its role; everyone else becomes a conference member (N1). */
function makeConference(call: Call): void {
  call.parties.forEach((p) => { if (p.role !== 'Observer') p.role = 'ConferenceMember'; });
}

/** EventPartyAdded for every internal party in `old`: one per new party, OtherDN only when one joined (SIP Server). */
function partyAdded(state: SimState, call: Call, old: readonly Party[], joined: readonly Party[], by: Party, request: TRequest): SimEvent[] {
  const sole = joined.length === 1 ? joined[0] : undefined;
  return old.filter((p) => isInternal(state, p)).flatMap((p) => joined.map((n): SimEvent => ({
    dn: p.dn,
    name: 'EventPartyAdded',
    attributes: partyAttributes(call, p, sole ? n : undefined, {
      CallState: 'Conferenced', ThirdPartyDN: by.dn, ThirdPartyDNRole: 'AddedBy',
      ...(sole ? { OtherDNRole: 'NewParty' } : {}), ...(p === by ? referenceOf(request) : {}),
    }),
  })));
}

/**
 * Merge the consultation into the main call as a conference: B's consult leg is released and its
 * held main leg retrieved (both CallState Conferenced, the first one answers the request), the
 * parties that were on the main call get EventPartyAdded, the ones that joined EventPartyChanged
 * (PreviousConnID = the consultation, ConferencedBy).
 */
export function completeConference(state: SimState, pair: CallPair, request: TRequest): SimEvent[] {
  const { main, onMain, consult, onConsult } = pair;
  const events: SimEvent[] = [callEvent(consult, onConsult, 'EventReleased', { CallState: 'Conferenced', ...referenceOf(request) })];
  if (onMain.status === 'Held') {
    onMain.status = 'Established';
    events.push(callEvent(main, onMain, 'EventRetrieved', { CallState: 'Conferenced' }));
  }
  const old = [...main.parties];
  const joined = consult.parties.filter((p) => p !== onConsult);
  if (joined.length === 0) reject('InvalidState');
  // N1: the joining parties take the conferencing party's ThisQueue and role, then all become members.
  joined.forEach((p) => {
    p.role = onMain.role;
    if (onMain.queue) p.queue = onMain.queue;
  });
  main.parties = [...old, ...joined];
  Reflect.deleteProperty(state.calls, consult.connId);
  makeConference(main);
  const changed = joined.filter((p) => isInternal(state, p)).map((p): SimEvent => ({
    dn: p.dn,
    name: 'EventPartyChanged',
    attributes: partyAttributes(main, p, undefined, {
      CallState: 'Conferenced', PreviousConnID: consult.connId, ThirdPartyDN: onMain.dn, ThirdPartyDNRole: 'ConferencedBy',
    }),
  }));
  return [...events, ...partyAdded(state, main, old, joined, onMain, { ...request, attributes: {} }), ...changed];
}

const complete: Handler = (state, request) => {
  const pair = pairOf(state, request, 'TransferConnID');
  requireHeldAndActive(pair, ['Established', 'Dialing']);
  return completeConference(state, pair, request);
};

/** TMergeCalls: the held call and the current one become one call with the held call's ConnID. */
const merge: Handler = (state, request) => {
  const pair = pairOf(state, request, 'TransferConnID');
  requireHeldAndActive(pair, ['Established']);
  const type = str(request, 'MergeType') ?? 'ForConference';
  if (type === 'ForTransfer' || type === '0') return completeTransfer(state, pair, request);
  if (type === 'ForConference' || type === '1') return completeConference(state, pair, request);
  return reject('InvalidAttribute');
};

/**
 * TSingleStepConference: the destination rings on the same call as a conference member, and every
 * party already on it is told at once (EventPartyAdded while the new party still rings).
 */
const singleStepConference: Handler = (state, request, env) => {
  const { call, party: b } = callOfRequest(state, request);
  if (b.status === 'Held' || b.status === 'Busy') reject('InvalidState');
  const to = str(request, 'OtherDN') ?? '';
  const old = [...call.parties];
  const ringing = offerAs(state, call, b, to, env, { role: 'ConferenceMember', callState: 'Ok' });
  makeConference(call);
  const joined: Party = call.parties.find((p) => p.dn === to) ?? { dn: to, role: 'ConferenceMember', status: 'Ringing' };
  return [...ringing, ...partyAdded(state, call, old, [joined], b, request)];
};

/**
 * TDeleteFromConference: the target leaves and the others get EventPartyDeleted naming the
 * requester (DeletedBy). With only two parties, or when B names itself, B leaves instead (N1).
 */
const deleteFromConference: Handler = (state, request) => {
  const { call, party: b } = callOfRequest(state, request);
  const target = partyOf(call, str(request, 'OtherDN') ?? '');
  if (!target) reject('InvalidAttribute');
  if (call.parties.length <= 2 || target === b) return releaseParty(state, call, b, request);
  return releaseParty(state, call, target, request, b);
};

/**
 * TListenDisconnect / TListenReconnect: only the requester is told; OtherDN and ThirdPartyDN name
 * the listener, both as conference members; CallState Held, then Ok again (N1).
 */
function listen(disconnect: boolean): Handler {
  return (state, request) => {
    const { call, party: b } = callOfRequest(state, request);
    const listener = partyOf(call, str(request, 'OtherDN') ?? '');
    if (!listener || listener === b) reject('InvalidAttribute');
    if (b.status !== 'Established' || listener.status !== 'Established') reject('InvalidState');
    const cut = call.notListening ?? [];
    if (cut.includes(listener.dn) === disconnect) reject('InvalidState');
    call.notListening = disconnect ? [...cut, listener.dn] : cut.filter((dn) => dn !== listener.dn);
    const member = { dn: listener.dn, role: 'ConferenceMember', status: listener.status };
    return [{
      dn: b.dn,
      name: disconnect ? 'EventListenDisconnected' : 'EventListenReconnected',
      attributes: partyAttributes(call, b, member, {
        CallState: disconnect ? 'Held' : 'Ok', ThirdPartyDN: listener.dn, ThirdPartyDNRole: 'ConferenceMember', ...referenceOf(request),
      }),
    }];
  };
}

export const conferenceHandlers: Readonly<Record<string, Handler>> = {
  RequestCompleteConference: complete,
  RequestSingleStepConference: singleStepConference,
  RequestDeleteFromConference: deleteFromConference,
  RequestMergeCalls: merge,
  RequestListenDisconnect: listen(true),
  RequestListenReconnect: listen(false),
};
