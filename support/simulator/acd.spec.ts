/**
 * ACD queues, IVR treatment, hunt groups, routing points and predictive dialing, tested as tables:
 * a sequence of requests (or party actions) on a topology gives these events (DN, name, key attribute).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Topology } from '../adapter/contract';
import type { AttrValue, TRequest } from '../model/event';
import { connIdSource } from './clock';
import { initialState, type SimEvent, type SimState } from './state';
import { transition } from './transition';

const TOPOLOGY: Topology = {
  parties: [
    { name: 'Alice', dn: '7001', type: 'Extension', configured: true },
    { name: 'Bob', dn: '7002', type: 'ACDPosition', configured: true, agentId: '1002' },
    { name: 'Carol', dn: '7003', type: 'Extension', configured: true },
    { name: 'Ivy', dn: '7101', type: 'Extension', configured: true },
    { name: 'Sales', dn: '8001', type: 'ACDQueue', configured: true, options: { 'also-queue': '8002', 'ivr-queue': '8003', overflow: '7003' } },
    { name: 'Service', dn: '8002', type: 'ACDQueue', configured: true },
    { name: 'Voice', dn: '8003', type: 'ACDQueue', configured: true, options: { 'ivr-ports': '7101' } },
    { name: 'Team', dn: '8101', type: 'ACDQueue', configured: true, options: { 'hg-type': 'linear', 'hg-members': '7002,7003' } },
    { name: 'Entry', dn: '9001', type: 'RoutingPoint', configured: true, options: { 'default-route': '7003' } },
    { name: 'Delayed', dn: '9002', type: 'RoutingPoint', configured: true, options: { 'divert-on-ringing': 'false' } },
    { name: 'Olivia', dn: '5550100', type: 'External', configured: false },
  ],
};
const env = { now: Date.UTC(2026, 0, 1), connId: connIdSource() };
const CONN1 = '006b02a6f6e10001';
const req = (name: string, attributes: Record<string, AttrValue>): TRequest => ({ name, attributes: { ReferenceID: 9, ...attributes } });

function run(requests: readonly TRequest[]): SimEvent[] {
  let state: SimState = initialState(TOPOLOGY);
  let events: SimEvent[] = [];
  for (const r of requests) [state, events] = transition(state, r, env);
  return events;
}

/** `DN Event` plus the attribute the row is about (`key=value`), for compact tables. */
const show = (v: AttrValue | undefined): string => (v === undefined ? '-' : typeof v === 'object' ? JSON.stringify(v) : String(v));
const line = (e: SimEvent, key?: string): string => `${e.dn} ${e.name}${key ? ` ${key}=${show(e.attributes[key])}` : ''}`;

const call = (to: string): TRequest => req('RequestMakeCall', { ThisDN: '7001', OtherDN: to });
const login = req('RequestAgentLogin', { ThisDN: '7002', AgentID: '1002', ThisQueue: '8001' });
const ready = req('RequestAgentReady', { ThisDN: '7002' });
const answer = (dn: string): TRequest => req('RequestAnswerCall', { ThisDN: dn, ConnID: CONN1 });
const release = (dn: string): TRequest => req('RequestReleaseCall', { ThisDN: dn, ConnID: CONN1 });
const route = (rp: string, attrs: Record<string, AttrValue>): TRequest => req('RequestRouteCall', { ThisDN: rp, ConnID: CONN1, ...attrs });
const predictive = (extra: Record<string, AttrValue> = {}): TRequest => req('RequestMakePredictiveCall', { ThisDN: '8001', OtherDN: '5550100', ...extra });
const outcome = (callState: string): TRequest => req('Network.DialOutcome', { ThisDN: '5550100', CallState: callState });

interface Row {
  readonly name: string;
  readonly requests: readonly TRequest[];
  readonly key?: string;
  readonly expected: readonly string[];
}

const ROWS: readonly Row[] = [
  {
    name: 'multi-queue call, no agent ready: queued at Sales, Service, Voice; Voice diverts to the IVR port (ConverseOn)',
    requests: [call('8001')], key: 'CallState',
    expected: ['7001 EventDialing CallState=-', '8001 EventQueued CallState=-', '8002 EventQueued CallState=-', '8003 EventQueued CallState=-',
      '8003 EventDiverted CallState=ConverseOn', '7101 EventRinging CallState=ConverseOn'],
  },
  {
    name: 'the IVR port answers in converse mode: only the port is told',
    requests: [call('8001'), answer('7101')], key: 'ThisQueue', expected: ['7101 EventEstablished ThisQueue=8003'],
  },
  {
    name: 'an agent becomes ready: both queues divert to it, the IVR port releases, the agent rings via Sales',
    requests: [login, call('8001'), answer('7101'), ready], key: 'ThirdPartyDN',
    expected: ['7002 EventAgentReady ThirdPartyDN=-', '8001 EventDiverted ThirdPartyDN=7002', '8002 EventDiverted ThirdPartyDN=7002',
      '7101 EventReleased ThirdPartyDN=-', '7002 EventRinging ThirdPartyDN=-'],
  },
  {
    name: 'the caller abandons during the treatment: released naming Sales, every queue abandoned, the port released',
    requests: [call('8001'), answer('7101'), release('7001')], key: 'OtherDN',
    expected: ['7001 EventReleased OtherDN=8001', '8001 EventAbandoned OtherDN=7001', '8002 EventAbandoned OtherDN=7001',
      '8003 EventAbandoned OtherDN=7001', '7101 EventReleased OtherDN=7001'],
  },
  {
    name: 'the IVR port finishes first: only the port is told',
    requests: [call('8001'), answer('7101'), release('7101')], key: 'ReferenceID', expected: ['7101 EventReleased ReferenceID=9'],
  },
  {
    name: 'overflow: the queue names "Trunk" and the overflow destination rings without ThisQueue',
    requests: [call('8001'), req('Network.QueueTimeout', { ThisDN: '8001' })], key: 'ThirdPartyDN',
    expected: ['8001 EventDiverted ThirdPartyDN=Trunk', '7003 EventRinging ThirdPartyDN=-'],
  },
  {
    name: 'linear hunt group: the first member rings Covered; a rejection moves on; the last rejection drops the call',
    requests: [call('8101'), release('7002'), release('7003')], key: 'CallState',
    expected: ['7003 EventReleased CallState=Ok', '7001 EventReleased CallState=Redirected', '8101 EventDiverted CallState=Dropped'],
  },
  {
    name: 'hunt group member answers: the queue diverts before the member is connected',
    requests: [call('8101'), answer('7002')], key: 'OtherDN',
    expected: ['8101 EventDiverted OtherDN=7001', '7002 EventEstablished OtherDN=7001', '7001 EventEstablished OtherDN=7002'],
  },
  {
    name: 'routing point: queued, then asks for a route',
    requests: [call('9001')], key: 'ThisQueue',
    expected: ['7001 EventDialing ThisQueue=-', '9001 EventQueued ThisQueue=9001', '9001 EventRouteRequest ThisQueue=9001'],
  },
  {
    name: 'TRouteCall: route used (ReferenceID), diverted, the destination rings with ThisQueue = RP',
    requests: [call('9001'), route('9001', { OtherDN: '7002', RouteType: 'Default' })], key: 'ThisQueue',
    expected: ['9001 EventRouteUsed ThisQueue=9001', '9001 EventDiverted ThisQueue=9001', '7002 EventRinging ThisQueue=9001'],
  },
  {
    name: 'RouteType Default without a destination uses the default route',
    requests: [call('9001'), route('9001', { RouteType: 'Default' })], key: 'ThirdPartyDN',
    expected: ['9001 EventRouteUsed ThirdPartyDN=7003', '9001 EventDiverted ThirdPartyDN=7003', '7003 EventRinging ThirdPartyDN=-'],
  },
  {
    name: 'RouteType CallDisconnect drops the call',
    requests: [call('9001'), route('9001', { RouteType: 'CallDisconnect' })], key: 'ReferenceID',
    expected: ['9001 EventRouteUsed ReferenceID=9', '7001 EventReleased ReferenceID=-'],
  },
  {
    name: 'divert-on-ringing=false: the RP reports the route when the destination answers',
    requests: [call('9002'), route('9002', { OtherDN: '7002' }), answer('7002')], key: 'ReferenceID',
    expected: ['9002 EventRouteUsed ReferenceID=9', '9002 EventDiverted ReferenceID=-', '7002 EventEstablished ReferenceID=9', '7001 EventEstablished ReferenceID=-'],
  },
  {
    name: 'divert-on-ringing=false: the destination releases first, the router gets EventError',
    requests: [call('9002'), route('9002', { OtherDN: '7002' }), release('7002')], key: 'ReferenceID',
    expected: ['7002 EventReleased ReferenceID=9', '9002 EventError ReferenceID=9'],
  },
  {
    name: 'digits collected: EventTreatmentEnd with the treatment request\'s ReferenceID and the digits',
    requests: [call('9001'), req('RequestApplyTreatment', { ThisDN: '9001', ConnID: CONN1, TreatmentType: 'CollectDigits', ReferenceID: 4 }),
      req('Party.EntersDigits', { ThisDN: '7001', CollectedDigits: '42' })], key: 'CollectedDigits',
    expected: ['9001 EventTreatmentEnd CollectedDigits=42'],
  },
  {
    name: 'predictive call: the group dials as Origination with ThisQueue = ThisDN',
    requests: [predictive()], key: 'ThisQueue', expected: ['8001 EventDialing ThisQueue=8001'],
  },
  {
    name: 'predictive call answered: queued at the group, diverted, the agent rings as Origination',
    requests: [login, ready, predictive(), req('Party.Answers', { ThisDN: '5550100' })], key: 'ThisDNRole',
    expected: ['8001 EventQueued ThisDNRole=Origination', '8001 EventDiverted ThisDNRole=Origination', '7002 EventRinging ThisDNRole=Origination'],
  },
  {
    name: 'predictive call: a machine that is connected is queued with AnsweringMachineDetected',
    requests: [predictive({ Extensions: [{ key: 'AnsMachine', value: 'connect' }] }), outcome('AnsweringMachineDetected')], key: 'CallState',
    expected: ['8001 EventQueued CallState=AnsweringMachineDetected'],
  },
  {
    name: 'predictive call: a machine that is not connected ends the call',
    requests: [predictive(), outcome('AnsweringMachineDetected')], key: 'CallState',
    expected: ['8001 EventReleased CallState=AnsweringMachineDetected'],
  },
  {
    name: 'predictive call: a busy customer releases the call at the group',
    requests: [predictive(), outcome('Busy')], key: 'CallState', expected: ['8001 EventReleased CallState=Busy'],
  },
  {
    name: 'predictive call: the customer hangs up while queued (**)',
    requests: [predictive(), req('Party.Answers', { ThisDN: '5550100' }), req('Party.HangsUp', { ThisDN: '5550100' })], key: 'OtherDN',
    expected: ['8001 EventAbandoned OtherDN=5550100'],
  },
  // EventError cases: the request names something the devices do not hold, or is not allowed.
  { name: 'TRouteCall for a call the RP does not hold', requests: [route('9001', { OtherDN: '7002' })], expected: ['9001 EventError'] },
  { name: 'TRouteCall with the deprecated RouteType Reject', requests: [call('9001'), route('9001', { RouteType: 'Reject' })], expected: ['9001 EventError'] },
  { name: 'TRouteCall without a destination and no default route', requests: [call('9002'), route('9002', { RouteType: 'Label' })], expected: ['9002 EventError'] },
  { name: 'TRouteCall again while a route is pending', requests: [call('9002'), route('9002', { OtherDN: '7002' }), route('9002', { OtherDN: '7003' })], expected: ['9002 EventError'] },
  { name: 'TMakePredictiveCall from an extension', requests: [req('RequestMakePredictiveCall', { ThisDN: '7001', OtherDN: '5550100' })], expected: ['7001 EventError'] },
  { name: 'a dial outcome with no predictive call', requests: [outcome('Busy')], expected: ['5550100 EventError'] },
  { name: 'TApplyTreatment on a call the RP does not hold', requests: [req('RequestApplyTreatment', { ThisDN: '9001', ConnID: CONN1, TreatmentType: 'CollectDigits' })], expected: ['9001 EventError'] },
  { name: 'the IVR port answers twice', requests: [call('8001'), answer('7101'), answer('7101')], expected: ['7101 EventError'] },
  { name: 'a queue timeout without an overflow destination', requests: [call('8002'), req('Network.QueueTimeout', { ThisDN: '8002' })], expected: ['8002 EventError'] },
];

for (const row of ROWS) {
  test(row.name, () => {
    assert.deepEqual(run(row.requests).map((e) => line(e, row.key)), row.expected);
  });
}

test('the transition stays pure with ACD state: the input state is not changed', () => {
  let state = initialState(TOPOLOGY);
  [state] = transition(state, call('8001'), env);
  const snapshot = JSON.stringify(state);
  const [, first] = transition(state, answer('7101'), env);
  const [, second] = transition(state, answer('7101'), env);
  assert.equal(JSON.stringify(state), snapshot);
  assert.deepEqual(first, second);
});
