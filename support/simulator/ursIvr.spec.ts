/**
 * URS virtual queues (urs.ts) and IVR Server (ivrServer.ts) as request → events over the pure
 * transition: the VQ's EventQueued / EventDiverted / EventAbandoned, CallStatus for a port behind
 * the switch, TreatCall / Cancel / RouteResponse for a routing point in front of it, CallError,
 * the dial-out registry and DialOut.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Topology } from '../adapter/contract';
import type { AttrValue, TRequest } from '../model/event';
import { connIdSource } from './clock';
import { initialState, type SimEvent, type SimState } from './state';
import { transition } from './transition';

const env = { now: Date.UTC(2026, 0, 1), connId: connIdSource() };
const req = (name: string, attributes: Record<string, AttrValue>, envelope: Partial<TRequest> = {}): TRequest => ({ name, attributes: { ReferenceID: 5, ...attributes }, ...envelope });

function run(topology: Topology, requests: TRequest[]): { state: SimState; events: SimEvent[] } {
  let state = initialState(topology);
  let events: SimEvent[] = [];
  for (const r of requests) [state, events] = transition(state, r, env);
  return { state, events };
}
const brief = (events: SimEvent[]): string[] => events.map((e) => `${e.dn} ${e.name}${e.protocol ? ` ${e.protocol}` : ''}`);
const only = (events: SimEvent[], name: string): SimEvent => {
  const found = events.find((e) => e.name === name);
  assert.ok(found, `no ${name}`);
  return found;
};
const firstConnId = (state: SimState): string => Object.keys(state.calls)[0] ?? '';

const URS_CAST: Topology = {
  parties: [
    { name: 'Olivia', dn: '5550100', type: 'External', configured: false },
    { name: 'Entry', dn: '9001', type: 'RoutingPoint', configured: true },
    { name: 'VQ_Sales', dn: 'VQ_Sales', type: 'ACDQueue', configured: true, options: { 'virtual-queue': 'true' } },
    { name: 'Bob', dn: '6001', type: 'Extension', configured: true },
    { name: 'Ursula', dn: 'Ursula', type: 'External', configured: false, participant: { kind: 'router', server: 'T-Server' } },
  ],
};

function queuedInVq(): SimState {
  let { state } = run(URS_CAST, [req('Party.CallsIn', { ThisDN: '9001', OtherDN: '5550100' })]);
  const connId = firstConnId(state);
  [state] = transition(state, req('RequestDistributeEvent', { ThisDN: 'VQ_Sales', ConnID: connId, UserEvent: 'EventQueued' }, { sender: 'Ursula' }), env);
  return state;
}

test('URS: RequestDistributeEvent EventQueued gives the VQ an EventQueued with the call\'s attributes', () => {
  const { state } = run(URS_CAST, [req('Party.CallsIn', { ThisDN: '9001', OtherDN: '5550100' })]);
  const connId = firstConnId(state);
  const [, events] = transition(state, req('RequestDistributeEvent', { ThisDN: 'VQ_Sales', ConnID: connId, UserEvent: 'EventQueued' }, { sender: 'Ursula' }), env);
  const queued = only(events, 'EventQueued');
  assert.equal(queued.dn, 'VQ_Sales');
  assert.deepEqual(
    [queued.attributes.ThisQueue, queued.attributes.ThisDNRole, queued.attributes.OtherDN, queued.attributes.OtherDNRole, queued.attributes.ReferenceID],
    ['VQ_Sales', 'Destination', '5550100', 'Origination', 5],
  );
});

test('URS: an event URS may not distribute, or a call it does not know, is refused', () => {
  const { events } = run(URS_CAST, [req('RequestDistributeEvent', { ThisDN: 'VQ_Sales', ConnID: 'nope', UserEvent: 'EventQueued' })]);
  assert.deepEqual(brief(events), ['VQ_Sales EventError']);
  const other = run(URS_CAST, [req('RequestDistributeEvent', { ThisDN: 'VQ_Sales', ConnID: 'nope', UserEvent: 'EventRinging' })]);
  assert.deepEqual(brief(other.events), ['VQ_Sales EventError']);
});

test('URS: the route used at the routing point is followed by the VQ\'s EventDiverted naming the destination', () => {
  const state = queuedInVq();
  const [, events] = transition(state, req('RequestRouteCall', { ThisDN: '9001', ConnID: firstConnId(state), OtherDN: '6001' }), env);
  assert.deepEqual(brief(events), ['9001 EventRouteUsed', 'VQ_Sales EventDiverted', '9001 EventDiverted', '6001 EventRinging']);
  assert.equal(only(events.filter((e) => e.dn === 'VQ_Sales'), 'EventDiverted').attributes.ThirdPartyDN, '6001');
});

test('URS: the caller hanging up at the routing point is followed by the VQ\'s EventAbandoned', () => {
  const state = queuedInVq();
  const [, events] = transition(state, req('Party.HangsUp', { ThisDN: '5550100' }), env);
  assert.deepEqual(brief(events), ['9001 EventAbandoned', 'VQ_Sales EventAbandoned']);
});

const IVR_CAST: Topology = {
  parties: [
    { name: 'Olivia', dn: '5550100', type: 'External', configured: false },
    { name: 'Ivy', dn: 'Ivy', type: 'External', configured: false, participant: { kind: 'ivr', server: 'IVR Server' } },
    { name: 'Vera', dn: '7501', type: 'Extension', configured: true, options: { ivr: 'Ivy' } },
    { name: 'Front', dn: '9101', type: 'RoutingPoint', configured: true, options: { 'ivr-in-front': 'Ivy' } },
    { name: 'Bob', dn: '7002', type: 'Extension', configured: true },
  ],
};
const fromIvy = { protocol: 'IVR' as const, sender: 'Ivy' };

test('IVR behind the switch: each event on the port is followed by one CallStatus to the IVR', () => {
  const { events } = run(IVR_CAST, [req('Party.CallsIn', { ThisDN: '7501', OtherDN: '5550100' })]);
  assert.deepEqual(brief(events), ['7501 EventRinging', 'Ivy CallStatus IVR']);
  assert.equal(events[1]?.attributes.CallEvent, 'Ringing');
  assert.equal(events[1]?.sender, 'IVR Server');
});

test('IVR in front of the switch: treatment → TreatCall; route during the treatment → Cancel then RouteResponse', () => {
  let { state } = run(IVR_CAST, [req('Party.CallsIn', { ThisDN: '9101', OtherDN: '5550100' })]);
  const connId = firstConnId(state);
  let events: SimEvent[];
  [state, events] = transition(state, req('RequestApplyTreatment', { ThisDN: '9101', ConnID: connId, TreatmentType: 'CollectDigits' }), env);
  assert.deepEqual(brief(events), ['9101 EventTreatmentApplied', 'Ivy TreatCall IVR']);
  assert.equal(events[0]?.sender, 'IVR Server');
  [, events] = transition(state, req('RequestRouteCall', { ThisDN: '9101', ConnID: connId, OtherDN: '7002' }), env);
  assert.deepEqual(brief(events).slice(0, 3), ['9101 EventRouteUsed', 'Ivy Cancel IVR', 'Ivy RouteResponse IVR']);
  assert.equal(only(events, 'RouteResponse').attributes.Dest, '7002');
});

test('IVR Server: dial-out registry answers Success for a routing point, ConfigError otherwise, Success on removal', () => {
  const results = (requests: TRequest[]): AttrValue | undefined => run(IVR_CAST, requests).events[0]?.attributes.Result;
  assert.equal(results([req('DialOutRegistry', { ThisDN: '9101' }, fromIvy)]), 'Success');
  assert.equal(results([req('DialOutRegistry', { ThisDN: '7501' }, fromIvy)]), 'ConfigError');
  assert.equal(results([req('DialOutRegistry', { ThisDN: '7999' }, fromIvy)]), 'ConfigError');
  assert.equal(results([req('DialOutRemove', { ThisDN: '9101' }, fromIvy)]), 'Success');
});

test('IVR Server: a predictive call on a registered DN becomes DialOut with the request\'s numbers and ReferenceID', () => {
  const { events } = run(IVR_CAST, [req('DialOutRegistry', { ThisDN: '9101' }, fromIvy), req('RequestMakePredictiveCall', { ThisDN: '9101', OtherDN: '5550100', ReferenceID: 9 })]);
  const dialOut = only(events, 'DialOut');
  assert.deepEqual([dialOut.dn, dialOut.attributes.OrigNum, dialOut.attributes.DestNum, dialOut.attributes.RefID], ['Ivy', '9101', '5550100', 9]);
});

test('IVR Server: OneStepXfer of an unknown call → CallError NoSuchCall; to an unknown DN → CallError OneStepXfer with the error code', () => {
  const unknown = run(IVR_CAST, [req('OneStepXfer', { CallID: 'nope', Dest: '7002', ReqId: 7 }, fromIvy)]).events[0];
  assert.deepEqual([unknown?.name, unknown?.attributes.FailedReq, unknown?.attributes.ReqId], ['CallError', 'NoSuchCall', 7]);
  const { state } = run(IVR_CAST, [req('Party.CallsIn', { ThisDN: '7501', OtherDN: '5550100' })]);
  const [, events] = transition(state, req('OneStepXfer', { CallID: firstConnId(state), Dest: '7999' }, fromIvy), env);
  assert.deepEqual([events[0]?.attributes.FailedReq, typeof events[0]?.attributes.TLibErrCode], ['OneStepXfer', 'number']);
});
