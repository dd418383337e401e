/** DN features: each request's events (or EventError), and how DND and forwarding change delivery. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attr, brief, CONN1, req, run } from './featureTestKit';

const DND_ON = req('RequestSetDNDOn', { ThisDN: '7002' });
const FWD_NA = req('RequestCallForwardSet', { ThisDN: '7002', OtherDN: '7003', ForwardMode: 'OnNoAnswer' });
const DIAL = req('RequestMakeCall', { ThisDN: '7001', OtherDN: '7002' });
const TALK = [DIAL, req('RequestAnswerCall', { ThisDN: '7002', ConnID: CONN1 })];

const TRANSITIONS: readonly (readonly [string, ReturnType<typeof req>[], string[]])[] = [
  ['DND on', [DND_ON], ['7002 EventDNDOn']],
  ['DND off', [DND_ON, req('RequestSetDNDOff', { ThisDN: '7002' })], ['7002 EventDNDOff']],
  ['DND on an unknown DN', [req('RequestSetDNDOn', { ThisDN: '7999' })], ['7999 EventError']],
  ['forward set', [FWD_NA], ['7002 EventForwardSet']],
  ['forward set without destination', [req('RequestCallForwardSet', { ThisDN: '7002', ForwardMode: 'OnNoAnswer' })], ['7002 EventError']],
  ['forward to itself', [req('RequestCallForwardSet', { ThisDN: '7002', OtherDN: '7002' })], ['7002 EventError']],
  ['forward cancel', [FWD_NA, req('RequestCallForwardCancel', { ThisDN: '7002' })], ['7002 EventForwardCancel']],
  ['forward cancel with nothing set', [req('RequestCallForwardCancel', { ThisDN: '7002' })], ['7002 EventError']],
  ['message waiting on', [req('RequestSetMessageWaitingOn', { ThisDN: '7001' })], ['7001 EventMessageWaitingOn']],
  ['message waiting off', [req('RequestSetMessageWaitingOff', { ThisDN: '7001' })], ['7001 EventMessageWaitingOff']],
  ['mute on', [...TALK, req('RequestSetMuteOn', { ThisDN: '7002', ConnID: CONN1 })], ['7002 EventMuteOn']],
  ['mute off when not muted', [...TALK, req('RequestSetMuteOff', { ThisDN: '7002', ConnID: CONN1 })], ['7002 EventError']],
  ['mute on twice', [...TALK, req('RequestSetMuteOn', { ThisDN: '7002', ConnID: CONN1 }), req('RequestSetMuteOn', { ThisDN: '7002', ConnID: CONN1 })], ['7002 EventError']],
  ['coach by a non-supervisor', [...TALK, req('RequestSetMuteOn', { ThisDN: '7002', ConnID: CONN1, Extensions: [{ key: 'MonitorMode', value: 'coach' }] })], ['7002 EventError']],
  ['mute without a call', [req('RequestSetMuteOn', { ThisDN: '7002', ConnID: CONN1 })], ['7002 EventError']],
  ['call to a DND destination', [DND_ON, DIAL], ['7001 EventDialing', '7001 EventDestinationBusy']],
  ['call to a DN forwarding on no answer', [FWD_NA, DIAL], ['7001 EventDialing', '7002 EventRinging']],
  ['no-answer timer with forwarding', [FWD_NA, DIAL, req('Network.RingTimeout', { ThisDN: '7002' })], ['7002 EventReleased', '7003 EventRinging']],
  ['no-answer timer without forwarding', [DIAL, req('Network.RingTimeout', { ThisDN: '7002' })], ['7002 EventError']],
  ['unconditional forwarding', [req('RequestCallForwardSet', { ThisDN: '7002', OtherDN: '7003', ForwardMode: 'Unconditional' }), DIAL], ['7001 EventDialing', '7003 EventRinging']],
];

for (const [name, requests, expected] of TRANSITIONS) {
  test(`DN features: ${name}`, () => {
    assert.deepEqual(brief(run(requests).events), expected);
  });
}

test('DND makes the caller hear busy with CallState Busy, the destination gets nothing', () => {
  const { events } = run([DND_ON, DIAL]);
  assert.equal(attr(events, '7001', 'EventDestinationBusy', 'CallState'), 'Busy');
  assert.equal(attr(events, '7001', 'EventDestinationBusy', 'OtherDN'), '7002');
});

test('a forwarded call leaves with CallState Forwarded and rings the destination with it', () => {
  const { events } = run([FWD_NA, DIAL, req('Network.RingTimeout', { ThisDN: '7002' })]);
  assert.equal(attr(events, '7002', 'EventReleased', 'CallState'), 'Forwarded');
  assert.equal(attr(events, '7002', 'EventReleased', 'ThirdPartyDN'), '7003');
  assert.equal(attr(events, '7003', 'EventRinging', 'CallState'), 'Forwarded');
  assert.equal(attr(events, '7003', 'EventRinging', 'OtherDN'), '7001');
});

test('the answering event carries the ReferenceID', () => {
  assert.equal(attr(run([DND_ON]).events, '7002', 'EventDNDOn', 'ReferenceID'), 9);
});
