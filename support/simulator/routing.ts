/**
 * Routing family: routing points and route queues (TRouteCall), the switch's default route, and
 * treatments applied at a routing point (TApplyTreatment, digits collected).
 *
 * - Arrival at a non-virtual RP: EventQueued then EventRouteRequest (ThisDN = ThisQueue = the RP)
 *   (digest 2 §3.10, digest 1 §2.3). A route queue (an ACD queue with `route-queue=true`) does the same.
 * - TRouteCall: EventRouteUsed (the request's ReferenceID, ThirdPartyDN = the destination, role
 *   Destination — also for a predictive call, digest 3 §5.19) then EventDiverted, and the
 *   destination rings with ThisQueue = the RP. With `divert-on-ringing=false` both RP events wait
 *   until the destination answers; if it releases first the router gets EventError.
 * - RouteType Default without a destination uses the RP's `default-route`; so does the routing
 *   timeout (ReferenceID 0). RouteType CallDisconnect drops the call. RouteType Reject is
 *   deprecated and switch-specific (digest 1 §3.4b): the simulator refuses it.
 * - TApplyTreatment → EventTreatmentApplied; digits entered → EventTreatmentEnd (ReferenceID of the
 *   treatment request, CollectedDigits); the caller hanging up stops the collection → EventError
 *   1700 without ReferenceID (digest 2 §3.13, digest 3 §5.23).
 */
import type { AttrValue } from '../model/event';
import { normaliseEnum } from '../model/enums';
import { acdOf, holderEvent, newHolder, onDistributedCall, option, type Holder } from './acdState';
import { customerLeaves, ringVia } from './acd';
import { deliver, type OfferRule } from './delivery';
import { callAttributes, referenceOf, reject, requireDn } from './events';
import { findCall, str, type Call, type Handler, type SimEnv, type SimEvent, type SimState } from './state';
import type { Family } from './transition';

/** ErrorCode of EventError when a digit collection was stopped (digest 3 §5.23). */
export const COLLECTION_STOPPED = 1700;

function isRoutingDevice(state: SimState, dn: string): boolean {
  const type = state.dns[dn]?.type;
  return type === 'RoutingPoint' || (type === 'ACDQueue' && option(state, dn, 'route-queue') === 'true');
}

/** The call arrives at a routing point (or route queue): EventQueued, then EventRouteRequest. */
export function arriveAtRoutingPoint(call: Call, rp: string, role = 'Destination', callState?: string): SimEvent[] {
  const holder = newHolder(rp, 'routing-point', role);
  call.acd?.holders.push(holder);
  const extra: Record<string, AttrValue> = callState ? { CallState: callState } : {};
  return [holderEvent(call, holder, 'EventQueued', extra), holderEvent(call, holder, 'EventRouteRequest', extra)];
}

const routingOffer: OfferRule = ({ state, call, caller, to }) => {
  if (!isRoutingDevice(state, to)) return undefined;
  acdOf(call, caller.dn, to);
  return arriveAtRoutingPoint(call, to);
};

function holderAt(state: SimState, rp: string, connId: string | undefined): { call: Call; holder: Holder } {
  const call = connId ? state.calls[connId] : undefined;
  const holder = call?.acd?.holders.find((h) => h.party.dn === rp && h.kind === 'routing-point');
  if (!call || !holder) return reject('InvalidConnID');
  return { call, holder };
}

/** The destination is offered the call: an extension rings with ThisQueue = the RP; anything else is delivered as usual. */
function offerFrom(state: SimState, call: Call, rp: string, to: string, env: SimEnv): SimEvent[] {
  const type = state.dns[to]?.type;
  const role = call.acd?.predictive ? 'Origination' : 'Destination';
  if (type === 'Extension' || type === 'ACDPosition') return [ringVia(call, to, rp, role)];
  const caller = call.parties.find((p) => p.dn === call.acd?.customer) ?? { dn: rp, role: 'Origination', status: 'Dialing' as const };
  const offered = deliver(state, call, caller, to, env);
  // An outside destination: the calling extension hears the network answer (INFERRED, digest 3 §5.19 flag).
  if (!state.dns[to] && state.dns[caller.dn]) {
    offered.push({ dn: caller.dn, name: 'EventNetworkReached', attributes: callAttributes(call, caller, { OtherDN: to, OtherDNRole: 'Destination', CallState: 'Ok' }) });
  }
  return offered;
}

/** EventRouteUsed then EventDiverted at the RP, naming the destination. */
function routeEvents(call: Call, holder: Holder, to: string, referenceId: AttrValue): SimEvent[] {
  const third = { ThirdPartyDN: to, ThirdPartyDNRole: 'Destination' };
  return [holderEvent(call, holder, 'EventRouteUsed', { ...third, ReferenceID: referenceId }), holderEvent(call, holder, 'EventDiverted', third)];
}

export function routeTo(state: SimState, call: Call, holder: Holder, to: string, referenceId: AttrValue, env: SimEnv): SimEvent[] {
  const acd = call.acd;
  if (!acd) return [];
  const rp = holder.party.dn;
  if (option(state, rp, 'divert-on-ringing') === 'false' && state.dns[to]?.type !== 'RoutingPoint') {
    acd.route = { rp, to, referenceId };
    return offerFrom(state, call, rp, to, env);
  }
  const used = routeEvents(call, holder, to, referenceId);
  acd.holders = acd.holders.filter((h) => h !== holder);
  return [...used, ...offerFrom(state, call, rp, to, env)];
}

/** RouteType CallDisconnect: the RP reports the route used and the call is dropped (INFERRED beyond RouteUsed). */
function disconnect(state: SimState, call: Call, holder: Holder, referenceId: AttrValue): SimEvent[] {
  const events = [holderEvent(call, holder, 'EventRouteUsed', { ReferenceID: referenceId })];
  call.acd?.holders.splice(call.acd.holders.indexOf(holder), 1);
  const caller = call.parties.find((p) => p.dn === call.acd?.customer);
  if (caller && state.dns[caller.dn]) {
    events.push({ dn: caller.dn, name: 'EventReleased', attributes: callAttributes(call, caller, { OtherDN: call.acd?.dialed ?? '', OtherDNRole: 'Destination', CallState: 'Ok' }) });
  }
  Reflect.deleteProperty(state.calls, call.connId);
  return events;
}

const routeCall: Handler = (state, request, env) => {
  const rp = requireDn(state, request);
  const { call, holder } = holderAt(state, rp, str(request, 'ConnID'));
  if (call.acd?.route) reject('InvalidState');
  const raw = request.attributes.RouteType;
  const routeType = raw === undefined || typeof raw === 'object' ? 'Unknown' : normaliseEnum('RouteType', raw)?.name;
  const ref = request.attributes.ReferenceID ?? 0;
  if (routeType === 'Reject') reject('Unsupported');
  if (routeType === 'CallDisconnect') return disconnect(state, call, holder, ref);
  const to = str(request, 'OtherDN') || (routeType === 'Default' ? option(state, rp, 'default-route') : undefined);
  if (!to) reject('InvalidAttribute');
  return routeTo(state, call, holder, to, ref, env);
};

/** Party action: the router did not answer in time; the switch uses its default route (ReferenceID 0). */
const routeTimeout: Handler = (state, request, env) => {
  const rp = str(request, 'ThisDN') ?? '';
  const to = option(state, rp, 'default-route');
  const call = findCall(state, (c) => c.acd?.holders.some((h) => h.party.dn === rp && h.kind === 'routing-point') && !c.acd.route);
  const holder = call?.acd?.holders.find((h) => h.party.dn === rp);
  if (!to || !call || !holder) return reject('InvalidState');
  return routeTo(state, call, holder, to, 0, env);
};

/** divert-on-ringing = false: the destination answers, the RP reports the route only now (digest 3 §5.2). */
const routedAnswer = (next: Handler): Handler => (state, request, env) => {
  const dn = str(request, 'ThisDN');
  const call = findCall(state, (c) => c.acd?.route?.to === dn);
  const route = call?.acd?.route;
  const holder = call?.acd?.holders.find((h) => h.party.dn === route?.rp);
  if (!call?.acd || !route || !holder) return next(state, request, env);
  const used = routeEvents(call, holder, route.to, route.referenceId);
  call.acd.holders = call.acd.holders.filter((h) => h !== holder);
  delete call.acd.route;
  return [...used, ...next(state, request, env)];
};

/**
 * divert-on-ringing = false: the destination releases before answering; it leaves, and when the
 * caller is the only party left the router gets EventError with the TRouteCall's ReferenceID.
 */
const routeDestinationLeaves = onDistributedCall((state, { call, party }, request) => {
  const route = call.acd?.route;
  if (!call.acd || !route || route.to !== party.dn) return undefined;
  const events: SimEvent[] = [{ dn: party.dn, name: 'EventReleased', attributes: callAttributes(call, party, { CallState: 'Ok', ...referenceOf(request) }) }];
  call.parties = call.parties.filter((p) => p !== party);
  delete call.acd.route;
  const onlyCaller = call.parties.length === 1 && call.parties[0]?.role === 'Origination';
  if (onlyCaller && state.dns[route.rp]) {
    events.push({ dn: route.rp, name: 'EventError', attributes: { ReferenceID: route.referenceId, ErrorCode: 41, ErrorMessage: 'The route destination released the call before answering', ThisDN: route.rp, ConnID: call.connId } });
  }
  return events;
});

const applyTreatment: Handler = (state, request) => {
  const rp = requireDn(state, request);
  const { call, holder } = holderAt(state, rp, str(request, 'ConnID'));
  const type = str(request, 'TreatmentType');
  if (!type || !call.acd) reject('InvalidAttribute');
  const ref = request.attributes.ReferenceID ?? 0;
  call.acd.treatment = { rp, type, referenceId: ref };
  return [holderEvent(call, holder, 'EventTreatmentApplied', { TreatmentType: type, ReferenceID: ref })];
};

/** Party action: the caller enters digits during a digit-collecting treatment. */
const entersDigits: Handler = (state, request) => {
  const dn = str(request, 'ThisDN');
  const call = findCall(state, (c) => c.acd?.treatment && c.acd.customer === dn);
  const treatment = call?.acd?.treatment;
  const holder = call?.acd?.holders.find((h) => h.party.dn === treatment?.rp);
  if (!call?.acd || !treatment || !holder) return reject('InvalidState');
  if (!['CollectDigits', 'PlayAnnouncementAndDigits'].includes(normaliseEnum('TreatmentType', treatment.type)?.name ?? '')) reject('InvalidState');
  delete call.acd.treatment;
  return [holderEvent(call, holder, 'EventTreatmentEnd', { TreatmentType: treatment.type, ReferenceID: treatment.referenceId, CollectedDigits: str(request, 'CollectedDigits') ?? '' })];
};

/**
 * The caller hangs up during a treatment: the collection stops (EventError 1700). The QA model
 * attaches no ReferenceID; GenEM's EventError table makes it mandatory (the failed request's), so it
 * is the treatment request's.
 */
const callerLeavesTreatment = onDistributedCall((state, { call, party }, request) => {
  const treatment = call.acd?.treatment;
  if (!treatment || party.dn !== call.acd?.customer) return undefined;
  const stopped: SimEvent = { dn: treatment.rp, name: 'EventError', attributes: { ReferenceID: treatment.referenceId, ErrorCode: COLLECTION_STOPPED, ErrorMessage: 'Digit collection stopped', ThisDN: treatment.rp, ConnID: call.connId } };
  return [stopped, ...customerLeaves(state, call, party, referenceOf(request))];
});

export const routingFamily: Family = {
  handlers: {
    RequestRouteCall: routeCall,
    RequestApplyTreatment: applyTreatment,
    'Network.RouteTimeout': routeTimeout,
    'Party.EntersDigits': entersDigits,
  },
  offerRules: [routingOffer],
  intercepts: {
    RequestAnswerCall: routedAnswer,
    'Party.Answers': routedAnswer,
    RequestReleaseCall: (next) => callerLeavesTreatment(routeDestinationLeaves(next)),
    'Party.HangsUp': (next) => callerLeavesTreatment(routeDestinationLeaves(next)),
  },
  capabilities: ['timeout-control', 'digit-entry', 'routing:divert-on-ringing', 'routing:diverted-after-route-used'],
};
