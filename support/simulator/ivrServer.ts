/**
 * IVR Server between the switch world and an IVR (GenEM IVR Call Flows and IVR Protocol Messages;
 * digest 1 §3.12 READ for the message shapes, §4 for the call-flow titles only).
 *
 * Two deployments, configured per DN (options resolved to the IVR participant's name):
 * - `ivr=<IVR>` on an extension: an IVR port **behind the switch**. The switch's T-Server reports
 *   the port's calls as usual; IVR Server tells the IVR each of them with one CallStatus message
 *   (`CallEvent`, the protocol's `Event`: exactly one value of the documented list). INFERRED mapping from T-Library events.
 * - `ivr-in-front=<IVR>` on a routing point: the IVR **in front of the switch** asks for routing
 *   through IVR Server, which plays the T-Server towards URS for it (its events carry
 *   `sender: IVR Server`). A treatment URS applies becomes TreatCall; a route URS gives becomes
 *   RouteResponse (preceded by Cancel when a treatment is still running). INFERRED mapping.
 *
 * The IVR's own requests (INFERRED names, ivrCatalogue.ts): DialOutRegistry / DialOutRemove for a
 * routing point of the switch configuration (answered by DialOutRegistryResp), after which a
 * TMakePredictiveCall on that DN reaches the IVR as DialOut; OneStepXfer of a call IVR Server does
 * not know, or to a DN the switch does not know, is answered by CallError.
 */
import type { AttrValue, Protocol, TRequest } from '../model/event';
import type { KVList } from '../model/kvlist';
import { option } from './acdState';
import { ERROR, reject } from './events';
import { senderOf, toParticipant } from './participants';
import { findCall, str, type Handler, type SimEvent, type SimState } from './state';
import type { Family, Interceptor } from './transition';

const SERVER = 'IVR Server';
const IVR: Protocol = 'IVR';

export interface IvrServerState {
  /** ConnID → the IVR running a treatment on it (for Cancel). */
  treating: Record<string, string>;
  /** DN registered for dial-out → the IVR that registered it. */
  dialOut: Record<string, string>;
}

function ivrState(state: SimState): IvrServerState {
  const beyond = (state.participants ??= { sites: {}, dnSite: {}, participants: {} });
  return (beyond.ivrServer ??= { treating: {}, dialOut: {} });
}

const toIvr = (ivr: string, name: string, attributes: Record<string, AttrValue>): SimEvent => toParticipant(ivr, name, IVR, SERVER, attributes);

/** T-Library event → CallStatus `Event` (one value each; INFERRED mapping onto the READ value list). */
export const CALL_STATUS_OF: Readonly<Record<string, string>> = {
  EventDialing: 'Dialing', EventRinging: 'Ringing', EventEstablished: 'Established', EventRetrieved: 'Retrieved',
  EventDestinationBusy: 'Busy', EventHeld: 'Held', EventPartyAdded: 'ConfPartyAdd', EventPartyDeleted: 'ConfPartyDel',
  EventPartyChanged: 'XferComplete', EventReleased: 'Released',
};

const callIdOf = (event: SimEvent): AttrValue => event.attributes.CallID ?? event.attributes.ConnID ?? '';

/** Behind the switch: the port's event, then IVR Server's CallStatus to the port's IVR. */
function behind(state: SimState, event: SimEvent): SimEvent[] {
  const ivr = option(state, event.dn, 'ivr');
  const status = CALL_STATUS_OF[event.name];
  if (!ivr || !status) return [event];
  return [event, toIvr(ivr, 'CallStatus', { CallID: callIdOf(event), CallEvent: status, ThisDN: event.dn })];
}

/** In front of the switch: IVR Server reports the routing point, and turns URS's answers into IVR messages. */
function inFront(state: SimState, event: SimEvent): SimEvent[] {
  const ivr = option(state, event.dn, 'ivr-in-front');
  if (!ivr) return [event];
  const reported: SimEvent = { ...event, sender: SERVER };
  const connId = typeof event.attributes.ConnID === 'string' ? event.attributes.ConnID : '';
  const treating = ivrState(state).treating;
  if (event.name === 'EventTreatmentApplied') {
    treating[connId] = ivr;
    const type = event.attributes.TreatmentType;
    return [reported, toIvr(ivr, 'TreatCall', { CallID: callIdOf(event), ...(type === undefined ? {} : { Type: type }) })];
  }
  if (event.name !== 'EventRouteUsed') return [reported];
  const cancel = treating[connId] ? [toIvr(ivr, 'Cancel', {})] : [];
  Reflect.deleteProperty(treating, connId);
  const dest = event.attributes.ThirdPartyDN;
  return [reported, ...cancel, toIvr(ivr, 'RouteResponse', { CallID: callIdOf(event), ...(dest === undefined ? {} : { Dest: dest }) })];
}

/** Reaction: IVR Server's messages for the events of its ports and routing points. */
export function ivrReaction(state: SimState, _request: TRequest, events: readonly SimEvent[]): SimEvent[] {
  const out: SimEvent[] = [];
  for (const e of events) {
    // Most DNs are neither an IVR port nor an IVR's routing point: the event passes as it is.
    const options = e.participant ? undefined : state.dns[e.dn]?.options;
    if (options?.ivr === undefined && options?.['ivr-in-front'] === undefined) out.push(e);
    else for (const x of behind(state, e)) out.push(...(x === e ? inFront(state, x) : [x]));
  }
  return out;
}

/** The IVR that sent an IVR-protocol request (declared as a participant of kind `ivr`). */
function ivrOf(state: SimState, request: TRequest): string {
  const ivr = senderOf(state, request);
  if (ivr?.kind !== 'ivr') return reject('InvalidAttribute');
  return ivr.id;
}

/** DialOutRegistry: Success for a routing point of the configuration, else ConfigError (READ). */
const dialOutRegistry: Handler = (state, request) => {
  const ivr = ivrOf(state, request);
  const dn = str(request, 'ThisDN') ?? '';
  const ok = state.dns[dn]?.type === 'RoutingPoint';
  if (ok) ivrState(state).dialOut[dn] = ivr;
  return [toIvr(ivr, 'DialOutRegistryResp', { ThisDN: dn, Result: ok ? 'Success' : 'ConfigError' })];
};

/** DialOutRemove: always Success (READ: "Remove/RemoveAll always Success"). */
const dialOutRemove: Handler = (state, request) => {
  const ivr = ivrOf(state, request);
  const dn = str(request, 'ThisDN') ?? '';
  Reflect.deleteProperty(ivrState(state).dialOut, dn);
  return [toIvr(ivr, 'DialOutRegistryResp', { ThisDN: dn, Result: 'Success' })];
};

/** OneStepXfer that cannot be set up → CallError (FailedReq, TLibErrCode of the switch's EventError, ReqId echo). */
const oneStepXfer: Handler = (state, request) => {
  const ivr = ivrOf(state, request);
  const callId = str(request, 'CallID');
  const known = findCall(state, (c) => c.callId === callId || c.connId === callId) !== undefined;
  const reqId: Record<string, AttrValue> = request.attributes.ReqId === undefined ? {} : { ReqId: request.attributes.ReqId };
  if (!known) return [toIvr(ivr, 'CallError', { FailedReq: 'NoSuchCall', ...reqId })];
  if (!state.dns[str(request, 'Dest') ?? '']) {
    return [toIvr(ivr, 'CallError', { FailedReq: 'OneStepXfer', TLibErrCode: ERROR.UnknownDN.code, ...reqId })];
  }
  // A transfer the switch accepts is not modelled (its CallStatus flow was not read).
  return reject('Unsupported');
};

/** TMakePredictiveCall on a DN an IVR registered for dial-out: IVR Server asks the IVR to dial (DialOut). */
const dialOut: Interceptor = (next) => (state, request, env) => {
  const dn = str(request, 'ThisDN') ?? '';
  const ivr = state.participants?.ivrServer?.dialOut[dn];
  if (!ivr) return next(state, request, env);
  const userData = request.attributes.UserData as KVList | undefined;
  const extensions = request.attributes.Extensions as KVList | undefined;
  return [toIvr(ivr, 'DialOut', {
    OrigNum: dn, DestNum: str(request, 'OtherDN') ?? '', RefID: request.attributes.ReferenceID ?? 0,
    TimeToAnswer: request.attributes.Timeout ?? 0,
    ...(userData ? { UDataEx: userData } : {}), ...(extensions ? { ExtnsEx: extensions } : {}),
  })];
};

export const ivrServerFamily: Family = {
  handlers: { DialOutRegistry: dialOutRegistry, DialOutRemove: dialOutRemove, OneStepXfer: oneStepXfer },
  intercepts: { RequestMakePredictiveCall: dialOut },
  reactions: [ivrReaction],
  capabilities: ['ivr-server'],
};
