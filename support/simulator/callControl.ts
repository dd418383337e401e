/**
 * Call control family: TMakeCall, TAnswerCall, TReleaseCall, THoldCall, TRetrieveCall.
 *
 * Models: Connection-establishing phase (GenEM Basic Call Models, digest 1 §3.1a) with its
 * interruption points, Release phase (§3.2a), Release from conference (§3.2b), Hold/Retrieve
 * (§3.3a/b).
 */
import type { TRequest } from '../model/event';
import { deliver, hasActiveCall } from './delivery';
import {
  callAttributes, callEvent, callOfRequest, newCall, referenceOf, reject, requireDn, toInternalParties,
} from './events';
import { str, kv, type Call, type Handler, type Party, type SimEvent, type SimEnv, type SimState } from './state';

const makeCall: Handler = (state, request, env) => {
  const from = requireDn(state, request);
  const to = str(request, 'OtherDN');
  if (!to || to === from) reject('InvalidAttribute');
  if (hasActiveCall(state, from)) reject('DNBusy');
  const call = newCall(state, env.connId, state.dns[to] ? 'Internal' : 'Outbound');
  call.userData = kv(request, 'UserData') ?? [];
  const caller: Party = { dn: from, role: 'Origination', status: 'Dialing' };
  call.parties.push(caller);
  const dialing: SimEvent = {
    dn: from,
    name: 'EventDialing',
    attributes: callAttributes(call, caller, {
      OtherDN: to, OtherDNRole: 'Destination', ...referenceOf(request),
      ...(call.userData.length ? { UserData: call.userData } : {}),
    }),
  };
  return [dialing, ...deliver(state, call, caller, to, env)];
};

const answerCall: Handler = (state, request) => {
  const { call, party } = callOfRequest(state, request);
  if (party.status !== 'Ringing') reject('InvalidState');
  party.status = 'Established';
  const connected = call.parties.filter((p) => p.status === 'Dialing');
  connected.forEach((p) => { p.status = 'Established'; });
  return [
    callEvent(call, party, 'EventEstablished', { CallState: 'Ok', ...referenceOf(request) }),
    ...toInternalParties(state, call, (p) => (connected.includes(p) ? callEvent(call, p, 'EventEstablished', { CallState: 'Ok' }) : undefined)),
  ];
};

/**
 * `leaving` leaves `call`. Two parties: both are released (a party still ringing is abandoned
 * instead). More parties: the others get EventPartyDeleted (Release from Conference) naming
 * `deletedBy` as ThirdPartyDN (the leaver itself, or the requester of TDeleteFromConference, whose
 * EventPartyDeleted then answers the request instead of the leaver's EventReleased).
 */
export function releaseParty(state: SimState, call: Call, leaving: Party, request?: TRequest, deletedBy: Party = leaving): SimEvent[] {
  const ref = request ? referenceOf(request) : {};
  const internal = (p: Party): boolean => state.dns[p.dn] !== undefined;
  const remaining = call.parties.filter((p) => p !== leaving);
  const events: SimEvent[] = [];
  if (remaining.length <= 1) {
    if (internal(leaving)) {
      const own = remaining.length === 0
        ? { ConnID: call.connId, CallID: call.callId, CallType: call.callType, ThisDN: leaving.dn, ThisDNRole: leaving.role }
        : callAttributes(call, leaving);
      events.push({ dn: leaving.dn, name: 'EventReleased', attributes: { ...own, CallState: 'Ok', ...ref } });
    }
    for (const other of remaining.filter(internal)) {
      events.push(callEvent(call, other, other.status === 'Ringing' ? 'EventAbandoned' : 'EventReleased', { CallState: 'Ok' }));
    }
    Reflect.deleteProperty(state.calls, call.connId);
    return events;
  }
  const refOf = (p: Party): typeof ref => (p === deletedBy ? ref : {});
  if (internal(leaving)) events.push({ dn: leaving.dn, name: 'EventReleased', attributes: { ...callAttributes(call, leaving), CallState: 'Ok', ...refOf(leaving) } });
  call.parties = remaining;
  const state2 = remaining.length > 2 ? 'Conferenced' : 'Ok';
  events.push(...toInternalParties(state, call, (p) => callEvent(call, p, 'EventPartyDeleted', {
    OtherDN: leaving.dn, OtherDNRole: 'DeletedParty', ThirdPartyDN: deletedBy.dn, ThirdPartyDNRole: 'DeletedBy', CallState: state2, ...refOf(p),
  })));
  return events;
}

const releaseCall: Handler = (state, request) => {
  const { call, party } = callOfRequest(state, request);
  return releaseParty(state, call, party, request);
};

const holdCall: Handler = (state, request) => {
  const { call, party } = callOfRequest(state, request);
  if (party.status !== 'Established') reject('InvalidState');
  party.status = 'Held';
  return [callEvent(call, party, 'EventHeld', referenceOf(request))];
};

const retrieveCall: Handler = (state, request) => {
  const { call, party } = callOfRequest(state, request);
  if (party.status !== 'Held') reject('InvalidState');
  if (hasActiveCall(state, party.dn)) reject('DNBusy');
  party.status = 'Established';
  return [callEvent(call, party, 'EventRetrieved', { CallState: 'Ok', ...referenceOf(request) })];
};

export const callControlHandlers: Readonly<Record<string, Handler>> = {
  RequestMakeCall: makeCall,
  RequestAnswerCall: answerCall,
  RequestReleaseCall: releaseCall,
  RequestHoldCall: holdCall,
  RequestRetrieveCall: retrieveCall,
};

export type { SimEnv };
