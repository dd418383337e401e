/** Monitoring: session requests and their refusals, the observer's intrusion and the release rules. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TRequest } from '../model/event';
import { attr, brief, CONN1, req, run } from './featureTestKit';

const ONE = req('RequestMonitorNextCall', { ThisDN: '7003', OtherDN: '7002', MonitorNextCallType: 'MonitorOneCall' });
const ALL = req('RequestMonitorNextCall', { ThisDN: '7003', OtherDN: '7002', MonitorNextCallType: 'MonitorAllCalls' });
const CALLS_IN = req('Party.CallsIn', { ThisDN: '7002', OtherDN: '5550100' });
const ANSWER = req('RequestAnswerCall', { ThisDN: '7002', ConnID: CONN1 });
const hangUp = (dn: string): TRequest => req('RequestReleaseCall', { ThisDN: dn, ConnID: CONN1 });
const INTRUSION = ['7003 EventRinging', '7002 EventPartyAdded', '7003 EventEstablished'];

const TRANSITIONS: readonly (readonly [string, TRequest[], string[]])[] = [
  ['monitor next call', [ONE], ['7003 EventMonitoringNextCall', '7002 EventMonitoringNextCall']],
  ['again for the same idle agent', [ONE, ONE], ['7003 EventMonitoringNextCall', '7002 EventMonitoringNextCall']],
  ['for another agent while supervising', [ONE, req('RequestMonitorNextCall', { ThisDN: '7003', OtherDN: '7001' })], ['7003 EventError']],
  ['for itself', [req('RequestMonitorNextCall', { ThisDN: '7003', OtherDN: '7003' })], ['7003 EventError']],
  ['for an unknown agent', [req('RequestMonitorNextCall', { ThisDN: '7003', OtherDN: '7999' })], ['7003 EventError']],
  ['with an unknown type', [req('RequestMonitorNextCall', { ThisDN: '7003', OtherDN: '7002', MonitorNextCallType: 'Sometimes' })], ['7003 EventError']],
  ['cancel', [ONE, req('RequestCancelMonitoring', { ThisDN: '7003', OtherDN: '7002' })], ['7003 EventMonitoringCancelled', '7002 EventMonitoringCancelled']],
  ['cancel with nothing to cancel', [req('RequestCancelMonitoring', { ThisDN: '7003', OtherDN: '7002' })], ['7003 EventError']],
  ['agent answers', [ALL, CALLS_IN, ANSWER], ['7002 EventEstablished', ...INTRUSION]],
  ['agent already on a call', [CALLS_IN, ANSWER, ONE], ['7003 EventMonitoringNextCall', '7002 EventMonitoringNextCall', ...INTRUSION]],
  ['agent releases first (all calls)', [ALL, CALLS_IN, ANSWER, hangUp('7002')], ['7002 EventReleased', '7003 EventPartyDeleted', '7003 EventReleased']],
  ['caller releases first (all calls)', [ALL, CALLS_IN, ANSWER, req('Party.HangsUp', { ThisDN: '5550100' })],
    ['7002 EventPartyDeleted', '7003 EventPartyDeleted', '7003 EventReleased', '7002 EventReleased']],
  ['observer releases (all calls)', [ALL, CALLS_IN, ANSWER, hangUp('7003')], ['7003 EventReleased', '7002 EventPartyDeleted']],
  ['agent releases first (one call)', [ONE, CALLS_IN, ANSWER, hangUp('7002')],
    ['7002 EventReleased', '7002 EventMonitoringCancelled', '7003 EventPartyDeleted', '7003 EventReleased', '7003 EventMonitoringCancelled']],
  ['observer releases (one call)', [ONE, CALLS_IN, ANSWER, hangUp('7003')],
    ['7003 EventReleased', '7003 EventMonitoringCancelled', '7002 EventPartyDeleted', '7002 EventMonitoringCancelled']],
  ['no re-intrusion after the observer left', [ALL, CALLS_IN, ANSWER, hangUp('7003'), req('RequestSetDNDOn', { ThisDN: '7001' })], ['7001 EventDNDOn']],
  ['abandoned before the agent answers', [ALL, CALLS_IN, req('Party.HangsUp', { ThisDN: '5550100' })], ['7002 EventAbandoned']],
];

for (const [name, requests, expected] of TRANSITIONS) {
  test(`monitoring: ${name}`, () => {
    assert.deepEqual(brief(run(requests).events), expected);
  });
}

test('the observer leg is Observer and Bridged, and sees the caller as the other party', () => {
  const { events } = run([ALL, CALLS_IN, ANSWER]);
  for (const name of ['EventRinging', 'EventEstablished']) {
    assert.equal(attr(events, '7003', name, 'ThisDNRole'), 'Observer');
    assert.equal(attr(events, '7003', name, 'CallState'), 'Bridged');
    assert.equal(attr(events, '7003', name, 'OtherDN'), '5550100');
  }
  assert.equal(attr(events, '7002', 'EventPartyAdded', 'OtherDNRole'), 'Observer');
  assert.equal(attr(events, '7002', 'EventEstablished', 'OtherDN'), '5550100');
});

test('notices about an observed call name the observer as ThirdPartyDN, role Observer', () => {
  const { events } = run([ALL, CALLS_IN, ANSWER, req('Party.HangsUp', { ThisDN: '5550100' })]);
  assert.equal(attr(events, '7002', 'EventPartyDeleted', 'ThirdPartyDN'), '7003');
  assert.equal(attr(events, '7002', 'EventPartyDeleted', 'ThirdPartyDNRole'), 'Observer');
  assert.equal(attr(events, '7002', 'EventReleased', 'OtherDN'), '7003');
});

test('session events carry the type and the default scope and mode', () => {
  const { events } = run([ONE]);
  assert.deepEqual(attr(events, '7003', 'EventMonitoringNextCall', 'Extensions'), [{ key: 'MonitorScope', value: 'agent' }, { key: 'MonitorMode', value: 'normal' }]);
  assert.equal(attr(events, '7002', 'EventMonitoringNextCall', 'OtherDNRole'), 'Observer');
  assert.equal(attr(events, '7003', 'EventMonitoringNextCall', 'ReferenceID'), 9);
});

test('a supervisor starts muted: unmute and coach are allowed, mute is not', () => {
  const on = [ALL, CALLS_IN, ANSWER];
  assert.deepEqual(brief(run([...on, req('RequestSetMuteOff', { ThisDN: '7003', ConnID: CONN1 })]).events), ['7003 EventMuteOff']);
  assert.deepEqual(brief(run([...on, req('RequestSetMuteOn', { ThisDN: '7003', ConnID: CONN1 })]).events), ['7003 EventError']);
  const coach = req('RequestSetMuteOff', { ThisDN: '7003', ConnID: CONN1, Extensions: [{ key: 'MonitorMode', value: 'coach' }] });
  const { state, events } = run([...on, coach]);
  assert.deepEqual(brief(events), ['7003 EventMuteOff']);
  assert.equal(state.supervisions?.[0]?.mode, 'coach');
});
