/**
 * The contract of the simulator's fast path (support/accel/simulatorSteps.ts): stepping the state
 * in place and rolling back a rejected request by replaying from a snapshot must give exactly what
 * the pure `transition` gives (PureSteps, the reference), events and state, whatever the mix of
 * accepted and rejected requests and however many snapshots were taken on the way.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RawEvent, Topology } from '../adapter/contract';
import type { AttrValue, TRequest } from '../model/event';
import { SimulatedClock, connIdSource } from './clock';
import { SimulatorAdapter } from './SimulatorAdapter';
import { InPlaceSteps } from '../accel/simulatorSteps';
import { initialState, type SimEvent, type SimState } from './state';
import { PureSteps, type SimulatorSteps } from './steps';
import { transition } from './transition';

const TOPOLOGY: Topology = {
  parties: [
    { name: 'Alice', dn: '7001', type: 'Extension', configured: true },
    { name: 'Bob', dn: '7002', type: 'Extension', configured: true, agentId: '1002' },
    { name: 'Carol', dn: '7003', type: 'Extension', configured: true },
  ],
};
const connId = connIdSource();
const conn = (n: number): string => connId(n);

/** Calls made, answered, held, given user data, released — with requests the state refuses mixed in. */
function requests(): TRequest[] {
  const out: TRequest[] = [];
  let ref = 0;
  const r = (name: string, attributes: Record<string, AttrValue>): void => {
    ref += 1;
    out.push({ name, attributes: { ...attributes, ReferenceID: ref } });
  };
  for (let call = 1; call <= 40; call += 1) {
    r('RequestMakeCall', { ThisDN: '7001', OtherDN: '7002' });
    // Refused after the handler changed the state part way (it must be rolled back).
    r('RequestRedirectCall', { ThisDN: '7002', OtherDN: '7001', ConnID: conn(call) });
    r('RequestAnswerCall', { ThisDN: '7002', ConnID: conn(call) });
    r('RequestAttachUserData', { ThisDN: '7002', ConnID: conn(call), UserData: [{ key: 'n', value: call }] });
    r('RequestHoldCall', { ThisDN: '7002', ConnID: conn(call) });
    r('RequestHoldCall', { ThisDN: '7002', ConnID: conn(call) }); // refused: already held
    r('RequestRetrieveCall', { ThisDN: '7002', ConnID: conn(call) });
    r('RequestAnswerCall', { ThisDN: '7003', ConnID: conn(call) }); // refused: not ringing there
    r('RequestReleaseCall', { ThisDN: '7001', ConnID: conn(call) });
  }
  r('RequestNoSuchThing', { ThisDN: '7001' }); // not supported
  return out;
}

for (const [name, make] of [['in place with roll-back (the fast path)', () => new InPlaceSteps()], ['the reference steps', () => new PureSteps()]] as const) test(`${name} gives the pure transition's events and state, over many snapshots and rejections`, async () => {
  const clock = new SimulatedClock();
  let state: SimState = initialState(TOPOLOGY);
  const expected: SimEvent[] = [];
  for (const request of requests()) {
    clock.advance(10);
    const [next, events] = transition(state, request, { now: clock.now(), connId });
    state = next;
    expected.push(...events);
  }

  const observed: RawEvent[] = [];
  const steps: SimulatorSteps = make();
  const adapter = new SimulatorAdapter({ steps });
  await adapter.open(TOPOLOGY, { event: (e) => observed.push(e), fail: (e) => { throw e; } });
  for (const request of requests()) await adapter.send(request);

  const errors = observed.filter((e) => e.name === 'EventError').length;
  assert.ok(errors > 70, `requests were refused along the way (${String(errors)} EventError)`);
  assert.deepEqual(observed, expected.map(({ name, dn, attributes, ...envelope }) => ({ name, dn, attributes, ...envelope })));
  assert.deepEqual(steps.state, state);
  await adapter.close();
});

test('an event already delivered does not change when a later request changes the call', async () => {
  const observed: RawEvent[] = [];
  const adapter = new SimulatorAdapter();
  await adapter.open(TOPOLOGY, { event: (e) => observed.push(e), fail: (e) => { throw e; } });
  await adapter.send({ name: 'RequestMakeCall', attributes: { ThisDN: '7001', OtherDN: '7002', ReferenceID: 1 } });
  await adapter.send({ name: 'RequestAttachUserData', attributes: { ThisDN: '7001', ConnID: conn(1), UserData: [{ key: 'a', value: 1 }], ReferenceID: 2 } });
  const attached = observed.find((e) => e.name === 'EventAttachedDataChanged');
  const before = JSON.stringify(attached);
  await adapter.send({ name: 'RequestUpdateUserData', attributes: { ThisDN: '7001', ConnID: conn(1), UserData: [{ key: 'b', value: 2 }], ReferenceID: 3 } });
  assert.ok(attached);
  assert.equal(JSON.stringify(attached), before);
  await adapter.close();
});
