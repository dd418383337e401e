/** Shared and bridged appearances, and outside numbers that are busy. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TRequest } from '../model/event';
import { attr, brief, CONN1, req, run } from './featureTestKit';

const TO_LINE = req('RequestMakeCall', { ThisDN: '7001', OtherDN: '60970' });
const TO_PAM = req('RequestMakeCall', { ThisDN: '7001', OtherDN: '7005' });
const answer = (dn: string): TRequest => req('RequestAnswerCall', { ThisDN: dn, ConnID: CONN1 });

const TRANSITIONS: readonly (readonly [string, TRequest[], string[]])[] = [
  ['call to a shared line', [TO_LINE], ['7001 EventDialing', '60970 EventRinging', '60970_2 EventRinging']],
  ['first appearance answers', [TO_LINE, answer('60970')], ['60970 EventEstablished', '7001 EventEstablished', '60970_2 EventReleased']],
  ['second appearance answers', [TO_LINE, answer('60970_2')], ['60970_2 EventEstablished', '7001 EventEstablished', '60970 EventReleased']],
  ['caller gives up while the line rings', [TO_LINE, req('RequestReleaseCall', { ThisDN: '7001', ConnID: CONN1 })],
    ['7001 EventReleased', '60970 EventAbandoned', '60970_2 EventAbandoned']],
  ['call to a principal with a bridged appearance', [TO_PAM], ['7001 EventDialing', '7005 EventRinging', '7012 EventRinging']],
  ['principal answers', [TO_PAM, answer('7005')], ['7005 EventEstablished', '7012 EventEstablished', '7001 EventEstablished']],
  ['principal holds', [TO_PAM, answer('7005'), req('RequestHoldCall', { ThisDN: '7005', ConnID: CONN1 })], ['7005 EventHeld', '7012 EventHeld']],
  ['call from the bridged appearance', [req('RequestMakeCall', { ThisDN: '7012', OtherDN: '7003' })], ['7012 EventDialing', '7005 EventDialing', '7003 EventRinging']],
  ['call to a busy outside number', [req('Party.IsBusy', { ThisDN: '5550100' }), req('RequestMakeCall', { ThisDN: '7001', OtherDN: '5550100' })],
    ['7001 EventDialing', '7001 EventDestinationBusy']],
  ['a known DN cannot be made an outside busy line', [req('Party.IsBusy', { ThisDN: '7002' })], ['7002 EventError']],
];

for (const [name, requests, expected] of TRANSITIONS) {
  test(`appearances: ${name}`, () => {
    assert.deepEqual(brief(run(requests).events), expected);
  });
}

test('a shared line rings Covered with AppearanceIndex 1, and the caller sees the line', () => {
  const { events } = run([TO_LINE]);
  for (const dn of ['60970', '60970_2']) {
    assert.equal(attr(events, dn, 'EventRinging', 'CallState'), 'Covered');
    assert.deepEqual(attr(events, dn, 'EventRinging', 'Extensions'), [{ key: 'AppearanceIndex', value: 1 }]);
    assert.equal(attr(events, dn, 'EventRinging', 'OtherDN'), '7001');
  }
  const answered = run([TO_LINE, answer('60970_2')]).events;
  assert.equal(attr(answered, '7001', 'EventEstablished', 'OtherDN'), '60970');
});

test('a bridged appearance repeats the principal\'s event with its own ThisDN', () => {
  const { events } = run([TO_PAM]);
  assert.equal(attr(events, '7012', 'EventRinging', 'ThisDN'), '7012');
  assert.equal(attr(events, '7012', 'EventRinging', 'OtherDN'), '7001');
  assert.equal(attr(events, '7012', 'EventRinging', 'ConnID'), CONN1);
});
