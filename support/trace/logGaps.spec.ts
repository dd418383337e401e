/**
 * The parser gaps of issue 17, each on real-format lines (log-formats.md §1–§2): URS/ORS one-line
 * event summaries, routing-library (RLIB) requests, `AttributeReason`, the pair count of a KV
 * list, message names no model knows, copies commented out with `#` or `//`, and records damaged
 * by binary garbage or cut at the end of the file. Every fixture is read on one thread and on two
 * (the fast path must agree with the reference parser, read.spec.ts), and `npm run trace` says the
 * same.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { normalisedRecord, readTrace } from './read';
import { readTrace as readFast } from '../accel/traceReader';
import type { TraceDiagnostics, TraceRecord } from './record';
import { TYPESCRIPT_NODE_ARGS } from '../accel/typescriptNode';

const fixture = (name: string): string => join(__dirname, 'fixtures', name);

/** The records and diagnostics of a fixture; the two-thread reader must give exactly the same. */
async function read(name: string): Promise<{ records: TraceRecord[]; d: TraceDiagnostics }> {
  const records: TraceRecord[] = [];
  const d = await readTrace(fixture(name), (r) => records.push(r));
  const again: TraceRecord[] = [];
  const d2 = await readFast(fixture(name), (r) => again.push(r), { worker: true, workerSizes: { block: 97, piece: 31 } });
  assert.equal(JSON.stringify({ d: d2, again }), JSON.stringify({ d, again: records }), 'the two-thread reader reads the same');
  return { records, d };
}

const shown = (r: TraceRecord): string => `${r.kind}:${r.name}${r.summary ? ':summary' : ''}${r.dn ? `@${r.dn}` : ''}`;

describe('URS / ORS lines', () => {
  it('an event summary without a dump is a summary record with its DN; one before the dump of its event is not', async () => {
    const { records, d } = await read('urs-ors-lines.log');
    assert.deepEqual(records.map(shown), [
      'event:EventRegistered:summary@7593', 'event:EventRouteRequest:summary@3020', 'event:EventAttachedDataChanged@3020',
      'other:RequestInvoke', 'event:EventAgentNotReady:summary@+43891166406129992',
    ]);
    assert.equal(records[0]?.time, '16:39:27.319');
    assert.equal(records[4]?.time, '2016-04-20T09:22:09.969');
    assert.equal(d.summaries, 3);
    assert.equal(d.unknown, 0, 'no line of the fixture is unknown');
  });

  it('a routing-library request is kept as "other" with its name(id) body, not as a T-Library request', async () => {
    const { records } = await read('urs-ors-lines.log');
    const invoke = records.find((r) => r.name === 'RequestInvoke');
    assert.equal(invoke?.kind, 'other');
    assert.deepEqual(invoke?.attributes, { refid: 1 });
    assert.equal(invoke?.time, '11:49:08.536');
  });

  it('AttributeReason is the Reasons KV list, normalised as a list (not a JSON string)', async () => {
    const { records } = await read('urs-ors-lines.log');
    const changed = records.find((r) => r.name === 'EventAttachedDataChanged') as TraceRecord;
    assert.deepEqual(changed.attributes.Reasons, [{ key: 'ReasonCode', value: 'Transfer' }]);
    const json = normalisedRecord(changed).json as { attributes: Record<string, unknown> };
    assert.deepEqual(json.attributes.Reasons, [{ key: 'ReasonCode', value: 'Transfer' }]);
    assert.equal(changed.truncated, undefined, 'both lists hold the pairs their headers announce');
  });
});

describe('copies of a log commented out line by line', () => {
  for (const name of ['native-commented.log', 'native-commented-slashes.log']) {
    it(`reads ${name} as the log (banner date, dumps, the request after Trc 04541)`, async () => {
      const { records, d } = await read(name);
      assert.deepEqual(records.map(shown), ['event:EventReleased@2214', 'event:EventCallPartyDeleted', 'request:RequestQueryCall@2214']);
      assert.equal(records[0]?.time, '2026-03-04T16:45:24.5939');
      assert.equal(records[0]?.attributes.ConnID, '006c029a6685d004');
      assert.equal(d.unknown, 0);
    });
  }
});

describe('damaged records', () => {
  it('a record cut by binary garbage, an unknown name, a wrong pair count and a cut last line are each reported with their lines', async () => {
    const { records, d } = await read('native-damaged.log');
    assert.deepEqual(records.map((r) => `${r.name}${r.truncated ? ` (${r.truncated})` : ''}`), [
      'EventRinging (line 6: unreadable bytes inside the record)',
      // The garbage swallowed EventEstablished's header: its attributes went to the damaged EventRinging.
      'EventRingign',
      'EventAttachedDataChanged (line 13: UserData: the header announces 3 pair(s), 2 were read)',
      'EventReleased (line 17: ThisDN: unterminated single-quoted value)',
    ]);
    assert.equal(d.truncated, 3);
    assert.equal(d.unknownNames, 1);
    assert.deepEqual(d.unknownNameSamples.map((n) => `${n.line} ${n.text}`), ['9 EventRingign']);
    const garbage = d.unknownSamples.find((n) => n.line === 6);
    assert.ok(garbage, 'the garbage line is listed');
    assert.doesNotMatch(garbage.text, /\0/, 'raw bytes are never echoed');
    assert.match(garbage.text, /^\tAttribu(\\u0000)+@10:15:02\.5000/);
  });

  it('npm run trace says so on stderr, printing no raw byte, and still exits 0 (it reads what it can)', () => {
    const r = spawnSync(process.execPath, [...TYPESCRIPT_NODE_ARGS, join(__dirname, '../cli/trace.ts'), fixture('native-damaged.log')], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /3 truncated record\(s\), 1 unknown message name\(s\)/);
    assert.match(r.stderr, /native-damaged\.log:9: unknown name: EventRingign/);
    assert.doesNotMatch(r.stderr + r.stdout, /\0/);
    assert.equal(r.stdout.trim().split('\n').length, 4);
  });
});
