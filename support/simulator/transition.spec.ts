/**
 * The simulator's pure core, tested as tables: a request on a state gives these events per DN.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Topology } from '../adapter/contract';
import type { AttrValue, TRequest } from '../model/event';
import { connIdSource } from './clock';
import { cloneState, initialState, type SimEvent, type SimState } from './state';
import { transition } from './transition';

const TOPOLOGY: Topology = {
  parties: [
    { name: 'Alice', dn: '7001', type: 'Extension', configured: true },
    { name: 'Bob', dn: '7002', type: 'Extension', configured: true, agentId: '1002' },
    { name: 'Carol', dn: '7003', type: 'Extension', configured: true },
  ],
};
const env = { now: Date.UTC(2026, 0, 1), connId: connIdSource() };
const req = (name: string, attributes: Record<string, AttrValue>): TRequest => ({ name, attributes: { ReferenceID: 9, ...attributes } });

function run(requests: TRequest[], state: SimState = initialState(TOPOLOGY)): { state: SimState; events: SimEvent[] } {
  let events: SimEvent[] = [];
  for (const r of requests) [state, events] = transition(state, r, env);
  return { state, events };
}

const text = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
const brief = (events: SimEvent[]): string[] => events.map((e) => `${e.dn} ${e.name} ${text(e.attributes.ConnID)}`.trim());
const CONN1 = '006b02a6f6e10001';
const DIAL = req('RequestMakeCall', { ThisDN: '7001', OtherDN: '7002' });
const ANSWER = req('RequestAnswerCall', { ThisDN: '7002', ConnID: CONN1 });

test('TMakeCall between extensions: dialing at the caller, ringing at the called party', () => {
  const { events } = run([DIAL]);
  assert.deepEqual(brief(events), [`7001 EventDialing ${CONN1}`, `7002 EventRinging ${CONN1}`]);
  assert.equal(events[0]?.attributes.ThisDNRole, 'Origination');
  assert.equal(events[0]?.attributes.ReferenceID, 9);
  assert.equal(events[1]?.attributes.CallState, 'Ok');
  assert.equal(events[1]?.attributes.OtherDN, '7001');
  assert.equal(events[1]?.attributes.ReferenceID, undefined);
});

test('the transition is pure: the input state is not changed and the same input gives the same output', () => {
  const state = initialState(TOPOLOGY);
  const snapshot = JSON.stringify(state);
  const [, first] = transition(state, DIAL, env);
  const [, second] = transition(state, DIAL, env);
  assert.equal(JSON.stringify(state), snapshot);
  assert.deepEqual(first, second);
});

test('answering connects both; releasing a connected call releases both', () => {
  const answered = run([DIAL, ANSWER]);
  assert.deepEqual(brief(answered.events), [`7002 EventEstablished ${CONN1}`, `7001 EventEstablished ${CONN1}`]);
  const released = run([req('RequestReleaseCall', { ThisDN: '7001', ConnID: CONN1 })], answered.state);
  assert.deepEqual(brief(released.events), [`7001 EventReleased ${CONN1}`, `7002 EventReleased ${CONN1}`]);
  assert.deepEqual(released.state.calls, {});
});

test('the caller hanging up while the called party rings abandons the call there (***)', () => {
  const { events } = run([DIAL, req('RequestReleaseCall', { ThisDN: '7001', ConnID: CONN1 })]);
  assert.deepEqual(brief(events), [`7001 EventReleased ${CONN1}`, `7002 EventAbandoned ${CONN1}`]);
});

test('a busy extension makes the caller hear busy (**)', () => {
  const busy = run([req('RequestMakeCall', { ThisDN: '7002', OtherDN: '7003' })]);
  const { events } = run([DIAL], busy.state);
  assert.deepEqual(events.map((e) => `${e.dn} ${e.name} ${text(e.attributes.CallState)}`), ['7001 EventDialing ', '7001 EventDestinationBusy Busy']);
});

test('requests the state does not allow are answered with EventError at the requesting DN', () => {
  const cases: [TRequest[], TRequest][] = [
    [[], req('RequestMakeCall', { ThisDN: '7999', OtherDN: '7002' })],
    [[DIAL], req('RequestHoldCall', { ThisDN: '7002', ConnID: CONN1 })],
    [[DIAL, ANSWER], req('RequestAnswerCall', { ThisDN: '7002', ConnID: CONN1 })],
    [[DIAL, ANSWER], req('RequestRetrieveCall', { ThisDN: '7002', ConnID: CONN1 })],
    [[], req('RequestReleaseCall', { ThisDN: '7001', ConnID: 'ffffffffffffffff' })],
    [[], req('RequestAgentReady', { ThisDN: '7002' })],
    [[], req('RequestNoSuchThing', { ThisDN: '7001' })],
  ];
  for (const [before, bad] of cases) {
    const prepared = run(before);
    const [after, events] = transition(prepared.state, bad, env);
    assert.deepEqual(events.map((e) => e.name), ['EventError'], bad.name);
    assert.equal(events[0]?.attributes.ReferenceID, 9);
    assert.equal(typeof events[0]?.attributes.ErrorCode, 'number');
    assert.equal(after, prepared.state, `${bad.name} must not change the state`);
  }
});

test('user data changed by a third party: its own event has no ThisDN (Handling User Data)', () => {
  const answered = run([DIAL, ANSWER]);
  const { events } = run([req('RequestUpdateUserData', { ThisDN: '7003', ConnID: CONN1, UserData: [{ key: 'k', value: 1 }] })], answered.state);
  assert.deepEqual(events.map((e) => [e.dn, e.attributes.ThisDN, e.attributes.ThirdPartyDN]), [
    ['7001', '7001', '7003'], ['7002', '7002', '7003'], ['7003', undefined, '7003'],
  ]);
});

test('agent login reports Not Ready afterwards; after-call work follows the switch profile', () => {
  const login = run([req('RequestAgentLogin', { ThisDN: '7002', AgentID: '1002' })]);
  assert.deepEqual(login.events.map((e) => [e.name, e.attributes.ReferenceID]), [['EventAgentLogin', 9], ['EventAgentNotReady', 0]]);
  const acw = run([req('RequestAgentNotReady', { ThisDN: '7002', AgentWorkMode: 'AfterCallWork' })], login.state);
  assert.deepEqual(acw.events.map((e) => [e.name, e.attributes.AgentWorkMode]), [['EventAgentNotReady', 'AfterCallWork']]);
  const generic = initialState(TOPOLOGY, { afterCallWorkEvent: 'EventAgentAfterCallWork' });
  const acw2 = run([req('RequestAgentLogin', { ThisDN: '7002', AgentID: '1002' }), req('RequestAgentNotReady', { ThisDN: '7002', AgentWorkMode: 'AfterCallWork' })], generic);
  assert.deepEqual(acw2.events.map((e) => e.name), ['EventAgentAfterCallWork']);
});

test('events are stamped with the injected clock, and ConnIDs are 16 hex digits', () => {
  const { events } = run([DIAL]);
  assert.equal(events[0]?.attributes.TimeinSecs, Math.floor(env.now / 1000));
  assert.match(text(events[0]?.attributes.ConnID), /^[0-9a-f]{16}$/);
});

test('a call to the parking place gcti::park is connected at once, and the parking place gets no events', () => {
  const { events } = run([req('RequestMakeCall', { ThisDN: '7001', OtherDN: 'gcti::park' })]);
  assert.deepEqual(brief(events), [`7001 EventDialing ${CONN1}`, `7001 EventEstablished ${CONN1}`]);
  assert.equal(events[1]?.attributes.OtherDN, 'gcti::park');
});

test('cloneState copies plain data deeply and refuses anything else', () => {
  const state = { dns: { a: { dn: 'a', flags: [1, { x: 'y' }] } }, calls: {}, n: 0, ok: true, none: null };
  const copy = cloneState(state);
  assert.deepEqual(copy, state);
  assert.notEqual(copy.dns.a, state.dns.a);
  assert.notEqual(copy.dns.a.flags, state.dns.a.flags);
  assert.notEqual(copy.dns.a.flags[1], state.dns.a.flags[1]);
  assert.throws(() => cloneState({ when: new Date(0) }), /simulator state holds a Date/);
  assert.throws(() => cloneState({ seen: new Map() }), /simulator state holds a Map/);
  assert.throws(() => cloneState({ f: () => 1 }), /simulator state holds a function/);
});

test('cloneState keeps an object reached twice shared in the copy, as structuredClone did', () => {
  const dn = { dn: '7001', registered: true };
  const state = { dns: { '7001': dn }, sites: { east: { dns: { '7001': dn } } } };
  const copy = cloneState(state);
  assert.notEqual(copy.dns['7001'], dn);
  assert.equal(copy.sites.east.dns['7001'], copy.dns['7001']);
});
