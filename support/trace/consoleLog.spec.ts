/**
 * A desktop's browser console log (WWE printing GWS API v2 notifications, log-formats.md §4) read
 * as the agent's DN's events: what each notification becomes, which lines are the console's own,
 * and every notification that cannot be read soundly reported with its line, never guessed at.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTrace } from './read';
import { readTrace as readFast } from '../accel/traceReader';
import type { TraceDiagnostics, TraceRecord } from './record';

const TAG = 'main.js?version=:2 ';

/** A notification as WWE prints it: the channel line, then the JSON pretty-printed with TABs from the logger on. */
function notification(time: string, channel: string, data: unknown): string {
  const [first, ...rest] = JSON.stringify(data, null, '\t').split('\n');
  return [
    `${TAG}2026-01-28 ${time} [DEBUG] [WWE.Voice.MediaVoiceExtension] Message received from ${channel}`,
    `${TAG}2026-01-28 ${time} [TRACE] [WWE.Voice.MediaVoiceExtension] ${first ?? ''}`,
    ...rest,
  ].join('\n');
}

function call(state: string, extra: Record<string, unknown> = {}, top: Record<string, unknown> = {}): unknown {
  return {
    notificationType: 'StatusChange', messageType: 'CallStateChangeMessage', phoneNumber: '1002',
    call: { id: 'UIVB8J6JE91C53UIM3VI59VHQ4000015', state, connId: '006c03a7194aa020', participants: [{ phoneNumber: '1003', digits: '1003' }], callType: 'Internal', userData: {}, ...extra },
    ...top,
  };
}

function device(state: string, dnd = 'Off'): unknown {
  return { messageType: 'DeviceStateChangeMessage', devices: [{ id: 'd1', deviceState: 'Active', userState: { id: 'u', displayName: state, state }, phoneNumber: '1002', doNotDisturb: dnd }] };
}

async function read(text: string, fast = false): Promise<{ records: TraceRecord[]; d: TraceDiagnostics }> {
  const dir = mkdtempSync(join(tmpdir(), 'cmc-console-'));
  try {
    const file = join(dir, 'console.log');
    writeFileSync(file, text);
    const records: TraceRecord[] = [];
    const d = fast ? await readFast(file, (r) => records.push(r), { label: 'console.log', worker: true, workerSizes: { block: 4096, piece: 512 } }) : await readTrace(file, (r) => records.push(r), { label: 'console.log' });
    return { records, d };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const LOG = [
  'login.js?version=:1 2026-01-28 04:27:59.001 [INFO ] [WWE.Login] Signing in',
  '$.ajax(...)',
  'SUCCEED with:',
  notification('04:28:01.000', '/v2/me/devices', device('NotReady')),
  notification('04:28:02.000', '/v2/me/devices', device('Ready')),
  notification('04:28:08.117', '/v2/me/calls', call('Ringing')),
  notification('04:28:08.300', '/v2/me/calls', call('Ringing', { userData: { Segment: 'Gold', Tier: 2, Order: { Id: 'A1' } } }, { notificationType: 'AttachedDataChanged' })),
  `${TAG}2026-01-28 04:28:09.000 [INFO ] [WWE.Voice] Answer call UIVB8J6JE91C53UIM3VI59VHQ4000015`,
  notification('04:28:09.210', '/v2/me/calls', call('Established', { userData: { Segment: 'Gold' } })),
  notification('04:28:12.000', '/v2/me/calls', call('Held', { userData: { Segment: 'Gold' } })),
  notification('04:28:13.000', '/v2/me/calls', call('Established', { userData: { Segment: 'Gold' } })),
  notification('04:28:20.000', '/v2/me/calls', call('Released', { userData: { Segment: 'Gold' } })),
  notification('04:28:21.000', '/v2/me/devices', device('Ready', 'On')),
].join('\n') + '\n';

describe('a desktop\'s browser console log (WWE, GWS API v2)', () => {
  it('becomes the agent\'s DN\'s events, from the change between one view of a call and the next; the console\'s own lines are no problem', async () => {
    const { records, d } = await read(LOG);
    assert.deepEqual(records.map((r) => [r.name, r.dn, r.format]), [
      ['EventAgentReady', '1002', 'console'], ['EventRinging', '1002', 'console'], ['EventAttachedDataChanged', '1002', 'console'], ['EventEstablished', '1002', 'console'],
      ['EventHeld', '1002', 'console'], ['EventRetrieved', '1002', 'console'], ['EventReleased', '1002', 'console'], ['EventDNDOn', '1002', 'console'],
    ], 'the first device report is the state the session starts in, not a change');
    assert.deepEqual(records[1]?.attributes, { ThisDN: '1002', ConnID: '006c03a7194aa020', CallType: 'Internal', OtherDN: '1003' });
    assert.deepEqual(records[2]?.attributes.UserData, [{ key: 'Segment', value: 'Gold' }, { key: 'Tier', value: 2 }, { key: 'Order', value: [{ key: 'Id', value: 'A1' }] }]);
    assert.equal(records[1]?.time, '2026-01-28T04:28:08.117');
    assert.match(records[1]?.source ?? '', /^console\.log:\d+$/);
    assert.ok((LOG.split('\n')[(records[1]?.line ?? 0) - 1] ?? '').endsWith('[TRACE] [WWE.Voice.MediaVoiceExtension] {'), 'the line is where the notification starts');
    assert.deepEqual([d.records, d.unknown, d.truncated, d.unknownNames], [8, 0, 0, 0]);
  });

  it('reads the same on two threads (the fast path) as on one', async () => {
    const one = await read(LOG);
    const two = await read(LOG, true);
    assert.deepEqual(two.records, one.records);
    assert.deepEqual(two.d, one.d);
  });

  it('a notification it cannot read soundly is a damaged record with its line: a state it does not know, no DN, cut-off JSON, a cut by the next line or by the end', async () => {
    const at = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
    const cases: [string, RegExp][] = [
      [notification('04:28:08.117', '/v2/me/calls', call('Alerting')), /a call state the reader cannot map to T-Library events: "Alerting"/],
      [notification('04:28:08.117', '/v2/me/calls', call('Ringing', {}, { phoneNumber: undefined })), /without the agent's phoneNumber/],
      [notification('04:28:08.117', '/v2/me/calls', call('Ringing', { participants: [{ name: 'x' }] })), /participants is not a list of numbers or \{phoneNumber\}/],
      [notification('04:28:08.117', '/v2/me/calls', call('Ringing', { userData: ['a'] })), /userData is not an object of keys and values/],
      [notification('04:28:08.117', '/v2/me/devices', device('Busy')), /an agent state the reader cannot map: "Busy"/],
      [notification('04:28:08.117', '/v2/me/calls', call('Ringing')).replace('"state": "Ringing",', '"state": "Ringing"'), /not complete JSON/],
      [`${notification('04:28:08.117', '/v2/me/calls', call('Ringing')).replace(/\n\}$/, '')}\n${TAG}2026-01-28 04:28:09.000 [INFO ] [WWE.Voice] next`, /cut off by the next console line/],
      [notification('04:28:08.117', '/v2/me/calls', call('Ringing')).replace(/\n\}$/, ''), /the log ends before its closing "\}"/],
    ];
    for (const [text, why] of cases) {
      const { records, d } = await read(`${text}\n`);
      assert.deepEqual(records, [], text.slice(-80));
      assert.equal(d.truncated, 1, text.slice(-80));
      assert.match(d.truncatedSamples[0]?.why ?? '', why);
      assert.equal(d.truncatedSamples[0]?.line, at(text, '[TRACE]'), 'named at the line the notification starts');
    }
  });

  it('other console output in braces (an object the page printed, not JSON) is a line it does not know, not a damaged record', async () => {
    const printed = `${TAG}2026-01-28 04:28:00.000 [TRACE] [WWE.Voice.MediaVoiceExtension] {\n\toperationName: 'Answer',\n\tid: 'UIVB8J6JE91C53UIM3VI59VHQ4000015'\n}`;
    const { records, d } = await read(`${printed}\n${notification('04:28:08.117', '/v2/me/calls', call('Ringing'))}\n`);
    assert.deepEqual(records.map((r) => r.name), ['EventRinging']);
    assert.deepEqual([d.truncated, d.unknown, d.unknownSamples[0]?.line], [0, 1, 1]);
    // The same block after WWE's "Message received from /v2/…" line is a notification, damaged; so is one cut before its messageType.
    const announced = await read(`${TAG}2026-01-28 04:28:00.000 [DEBUG] [WWE.Voice.MediaVoiceExtension] Message received from /v2/me/calls\n${printed}\n`);
    assert.deepEqual([announced.d.truncated, announced.d.unknown], [1, 0]);
    const early = notification('04:28:08.117', '/v2/me/calls', { call: { state: 'Released' }, messageType: 'CallStateChangeMessage' }).split('\n').slice(0, 4).join('\n');
    assert.deepEqual((await read(`${early}\n`)).d.truncated, 1);
  });

  it('a notification of another kind is counted as a name no model knows; one wrapped as the API documents it ({data, channel}), on one line, with participants as plain numbers, is read', async () => {
    const other = notification('04:28:00.000', '/v2/me', { messageType: 'PasswordChangeMessage', notificationType: 'PasswordChangeSuccessful' });
    const wrapped = `${TAG}2026-01-28 04:28:08.117 [TRACE] [WWE.Voice.MediaVoiceExtension] ${JSON.stringify({ data: call('Ringing', { participants: ['1003'] }), channel: '/v2/me/calls' })}`;
    const { records, d } = await read(`${other}\n${wrapped}\n`);
    assert.deepEqual(records.map((r) => [r.name, r.attributes.OtherDN]), [['EventRinging', '1003']]);
    assert.deepEqual([d.unknownNames, d.unknownNameSamples[0]?.text], [1, 'PasswordChangeMessage']);
  });
});
