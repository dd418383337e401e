/**
 * Log parsers on the hand-written fixtures (native SIP Server, URS client, .NET PSDK, a SIP Server
 * log without T-Library dumps, truncated records), and streaming with bounded memory on a
 * generated large file.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { RawEvent } from '../adapter/contract';
import { readTrace, normalisedRecord } from './read';
import { readTrace as readFast } from '../accel/traceReader';
import { LogParser } from './logParser';
import type { TraceRecord } from './record';
import { createReplayAdapter, ReplayLogs } from './ReplayAdapter';

const fixture = (name: string): string => join(__dirname, 'fixtures', name);

async function read(name: string): Promise<{ records: TraceRecord[]; d: Awaited<ReturnType<typeof readTrace>> }> {
  const records: TraceRecord[] = [];
  const d = await readTrace(fixture(name), (r) => records.push(r));
  return { records, d };
}

function parseText(text: string): { records: TraceRecord[]; parser: LogParser } {
  const records: TraceRecord[] = [];
  const parser = new LogParser('inline.log', (r) => records.push(r));
  text.split('\n').forEach((l, i) => parser.push(l, i + 1));
  parser.end();
  return { records, parser };
}

describe('native T-Server / SIP Server log', () => {
  it('reads event dumps, the client request after Trc 04541, HA copies, and skips SIP text', async () => {
    const { records, d } = await read('native-sipserver.log');
    assert.deepEqual(records.map((r) => `${r.kind}:${r.name}${r.sync ? ':sync' : ''}`), [
      'request:RequestMakeCall', 'event:EventDialing', 'event:EventRinging', 'event:EventEstablished',
      'event:EventEstablished', 'request:RequestSetCallInfo:sync', 'event:EventError',
    ]);
    const dialing = records[1];
    assert.equal(dialing?.dn, '2001');
    assert.equal(dialing?.time, '2026-03-04T10:15:01.0123', 'date from the banner');
    assert.equal(dialing?.attributes.EventSequenceNumber, 0xa1b01, 'hex sequence number');
    assert.equal(dialing?.attributes.TimeinSecs, 1772619301);
    assert.equal(dialing?.attributes.ConnID, '00a1020304050001');
    assert.equal(dialing?.attributes.CallUUID, 'ABCDEF0123456789ABCDEF0123456789');
    assert.equal(dialing?.attributes.SwitchSpecificFlag, 3, 'unknown attributes are kept');
    assert.match(dialing?.source ?? '', /native-sipserver\.log:14$/);
    assert.equal(d.unknown, 2);
    assert.deepEqual(d.unknownSamples.map((n) => n.line), [50, 75]);
    assert.equal(d.truncated, 0);
  });

  it('reads UserData with nested lists, a first child on the list line and an empty list', async () => {
    const { records } = await read('native-sipserver.log');
    const ringing = normalisedRecord(records[2] as TraceRecord).json as { attributes: Record<string, unknown> };
    assert.deepEqual(ringing.attributes.UserData, [
      { key: 'Lang', value: 'fr' }, { key: 'Priority', value: 3 },
      { key: 'Route', value: [{ key: 'Hop', value: 'rp-1' }, { key: 'Ivr', value: [] }, { key: 'Wait', value: 12 }] },
      { key: 'Empty', value: '' },
    ]);
    assert.equal(ringing.attributes.CallState, 'Ok');
    assert.equal(ringing.attributes.ThisDNRole, 'Destination', 'enum numbers normalised');
  });

  it('reports truncated records with their line numbers and keeps going', async () => {
    const { records, d } = await read('native-truncated.log');
    assert.deepEqual(records.map((r) => r.name), ['EventRinging', 'EventReleased']);
    assert.match(records[1]?.truncated ?? '', /line 7: OtherDN: unterminated/);
    assert.equal(d.truncated, 2);
    assert.deepEqual(d.truncatedSamples.map((n) => n.line), [4, 5]);
  });

  it('finds no events in a SIP Server log without T-Library dumps (SIP Event: headers are not events)', async () => {
    const { records, d } = await read('sip-no-tlib.log');
    assert.equal(records.length, 0);
    assert.equal(d.unknown, 0);
  });

  it('stamps times past midnight with the next day: from the banner, the file name, and before the next dated line (both reading paths)', async () => {
    const dump = (at: string, name: string, conn: string): string => `@${at} [0] 8.1.103.07 distribute_event: message ${name}\n\tAttributeThisDN\t'2000'\n\tAttributeConnID\t${conn}\n`;
    const text = 'Application name: SIPS_MID\nLocal time:       2026-12-31T23:59:58.000\n'
      + dump('23:59:59.9000', 'EventDialing', '00a1')
      + dump('23:59:59.8000', 'EventRinging', '00a1') // a little back in time (another thread's line): the same day
      + dump('00:00:00.1000', 'EventEstablished', '00a1')
      + '2027-01-01T00:00:00.200 Trc 04542 EventEstablished sent to [12] (0000000c Desktop_A 10.0.0.21:50110)\n'
      + dump('00:00:01.0000', 'EventReleased', '00a1');
    const want = ['2026-12-31T23:59:59.9000', '2026-12-31T23:59:59.8000', '2027-01-01T00:00:00.1000', '2027-01-01T00:00:01.0000'];
    assert.deepEqual(parseText(text).records.map((r) => r.time), want, 'line by line');
    const dir = mkdtempSync(join(tmpdir(), 'cmc-midnight-'));
    try {
      const file = join(dir, 'SIPS_MID.20261231_235958_000.log');
      writeFileSync(file, text);
      for (const options of [{ worker: false }, { worker: true }]) {
        const records: TraceRecord[] = [];
        await readFast(file, (r) => records.push(r), options);
        assert.deepEqual(records.map((r) => r.time), want, JSON.stringify(options));
      }
      // No banner: the file name's date and time; the first dump is already past midnight.
      const bare = join(dir, 'SIPS_MID.20261231_235958_000.log');
      writeFileSync(bare, dump('00:00:02.0000', 'EventDialing', '00a2'));
      const records: TraceRecord[] = [];
      await readTrace(bare, (r) => records.push(r));
      assert.deepEqual(records.map((r) => r.time), ['2027-01-01T00:00:02.0000']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('accepts TABs turned into spaces, CRLF, and never throws on garbage', () => {
    const { records } = parseText('@10:00:00.0001 [0] 8.1 distribute_event: message EventHeld\r\n    AttributeThisDN    \'7001\'\r\n    AttributeConnID    00aa\r\n');
    assert.equal(records[0]?.attributes.ThisDN, '7001');
    const junk = parseText("\u0000\u0001\n\t\t'x'\n@@@\nmessage\n'(list)\n\t[3] 00..\n" + '\t'.repeat(50) + "'deep'\t1");
    assert.ok(junk.parser.diagnostics.unknown >= 3);
  });
});

describe('URS / ORS client log', () => {
  it('reads sent requests and received events, with space-indented copies and nested lists', async () => {
    const { records, d } = await read('urs-client.log');
    // The Int 04543 summary of EventRouteRequest has no dump: it is a summary record; the one after
    // the EventAttachedDataChanged dump repeats that dump and is no record of its own.
    assert.deepEqual(records.map((r) => `${r.kind}:${r.name}${r.summary ? ':summary' : ''}`), ['event:EventRouteRequest:summary', 'request:RequestUpdateUserData', 'event:EventAttachedDataChanged']);
    assert.equal(records[0]?.dn, '5000');
    assert.deepEqual(records[0]?.attributes, {});
    assert.equal(d.summaries, 1);
    const event = records[2];
    assert.equal(event?.format, 'urs');
    assert.equal(event?.dn, '5000');
    assert.deepEqual(event?.attributes.UserData, [
      { key: 'Segment', value: 'gold' },
      { key: 'Session', value: [{ key: 'Id', value: 'S-1' }, { key: 'Node', value: 'n2' }] },
      { key: 'Skills > 1', value: 1 },
    ]);
    assert.equal(d.unknown, 0);
  });
});

describe('.NET Platform SDK dump', () => {
  it('reads BOM + CRLF files, typed attributes, KVList and ComplexClass members; reports a header without body', async () => {
    const { records, d } = await read('psdk-net.log');
    assert.deepEqual(records.map((r) => r.name), ['RequestAttachUserData', 'EventOnHook']);
    const attach = records[0];
    assert.equal(attach?.attributes.ConnID, '00c1000000000007');
    assert.equal(attach?.attributes.ReferenceID, 41);
    assert.deepEqual(attach?.attributes.UserData, [{ key: 'CaseId', value: 'C-77' }, { key: 'Score', value: 5 }]);
    const onHook = records[1];
    assert.equal(onHook?.attributes.EventSequenceNumber, 123456, 'decimal in .NET dumps');
    assert.equal(onHook?.attributes.TimeinSecs, 1772625601, 'ComplexClass members are flattened');
    assert.equal(onHook?.time, '2026-03-04T12:00:01.200');
    assert.equal(d.truncated, 1);
    assert.equal(d.truncatedSamples[0]?.line, 18);
    assert.equal(d.unknown, 0);
  });
});

describe('NDJSON traces', () => {
  it('reads name/attributes lines and reports a cut last line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cmc-trace-'));
    try {
      const file = join(dir, 't.ndjson');
      const out = createWriteStream(file);
      out.write('{"name":"EventRinging","dn":"7002","attributes":{"ThisDN":"7002"}}\n{"hello":1}\n{"name":"EventEst');
      out.end();
      await once(out, 'close');
      const records: TraceRecord[] = [];
      const d = await readTrace(file, (r) => records.push(r));
      assert.equal(records.length, 1);
      assert.equal(d.unknown, 1);
      assert.equal(d.truncated, 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('NDJSON envelope', () => {
  it('reads an event\'s site, participant, protocol and sender from a recording line, and leaves out what is not one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cmc-envelope-'));
    try {
      const file = join(dir, 'recorded.ndjson');
      writeFileSync(file, [
        { name: 'EventRinging', dn: '8001', site: 'London', sender: 'T-Server London', attributes: { ThisDN: '8001' } },
        { name: 'CallStatus', participant: 'Ivy', protocol: 'IVR', sender: 'IVR Server', attributes: {} },
        { name: 'EventRinging', dn: '7001', protocol: 'Carrier pigeon', site: 7, attributes: { ThisDN: '7001' } },
      ].map((l) => JSON.stringify(l)).join('\n'));
      const records: TraceRecord[] = [];
      await readTrace(file, (r) => records.push(r));
      assert.deepEqual(records.map((r) => r.envelope), [{ site: 'London', sender: 'T-Server London' }, { participant: 'Ivy', protocol: 'IVR', sender: 'IVR Server' }, undefined]);
      assert.deepEqual(normalisedRecord(records[0] as TraceRecord).json.site, 'London', 'npm run trace prints it back');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads the kind a line states (a recording states it where the name does not tell it: an IVR\'s CallStatus is an event, its DialOutRegistry a request); without one, the name tells it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cmc-kind-'));
    try {
      const file = join(dir, 'recorded.ndjson');
      writeFileSync(file, [
        { name: 'CallStatus', kind: 'event', dn: 'Ivy', participant: 'Ivy', protocol: 'IVR', attributes: {} },
        { name: 'DialOutRegistry', kind: 'request', dn: 'Ivy', participant: 'Ivy', protocol: 'IVR', attributes: {} },
        { name: 'CallStatus', dn: 'Ivy', attributes: {} },
        { name: 'EventRinging', kind: 'sideways', dn: '7001', attributes: {} },
        { name: 'RequestMakeCall', dn: '7001', attributes: {} },
      ].map((l) => JSON.stringify(l)).join('\n'));
      const records: TraceRecord[] = [];
      await readTrace(file, (r) => records.push(r));
      assert.deepEqual(records.map((r) => r.kind), ['event', 'request', 'other', 'event', 'request']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('streaming', () => {
  it('parses a 200k-line log in bounded memory', { timeout: 30_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cmc-trace-'));
    try {
      const file = join(dir, 'big.log');
      const out = createWriteStream(file);
      const block = (i: number): string => `@10:00:00.${String(i % 10000).padStart(4, '0')} [0] 8.1 distribute_event: message EventRinging\n\tAttributeThisDN\t'7002'\n\tAttributeConnID\t${i.toString(16).padStart(16, '0')}\n\tAttributeUserData\t[10] 00 01 00 00..\n\t\t'k'\t'${'v'.repeat(40)}'\n`;
      for (let i = 0; i < 40_000; i += 1) {
        if (!out.write(block(i))) await once(out, 'drain');
      }
      out.end();
      await once(out, 'close');
      // Measure what is retained (after a collection), not garbage waiting to be collected.
      setFlagsFromString('--expose-gc');
      const gc = runInNewContext('gc') as () => void;
      gc();
      const before = process.memoryUsage().heapUsed;
      let count = 0;
      let peak = before;
      const t0 = Date.now();
      const d = await readTrace(file, () => {
        count += 1;
        if (count % 10_000 === 0) {
          gc();
          peak = Math.max(peak, process.memoryUsage().heapUsed);
        }
      });
      console.log(`parsed 200k lines in ${Date.now() - t0} ms, retained heap +${Math.round((peak - before) / 1024)} KB`);
      assert.equal(d.lines, 200_000);
      assert.equal(count, 40_000);
      assert.equal(d.unknown, 0);
      // The file is ~13 MB; holding it (or the records) would cost far more than this margin.
      assert.ok(peak - before < 8 * 1024 * 1024, `heap grew by ${Math.round((peak - before) / 1048576)} MB`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('replay adapter', () => {
  it('finds a recorded stimulus, binds parties to trace DNs, and delivers its events in feature terms', { timeout: 10_000 }, async () => {
    const topology = {
      parties: [
        { name: 'Alice', dn: '7001', type: 'Extension' as const, configured: true },
        { name: 'Bob', dn: '7002', type: 'Extension' as const, configured: true },
      ],
      named: ['Alice', 'Bob'],
    };
    const notThere = await createReplayAdapter({ file: fixture('native-sipserver.log') });
    await notThere.open(topology, { event: () => assert.fail('nothing to deliver'), fail: (e) => assert.fail(e.message) });
    assert.deepEqual(notThere.recorded({ name: 'RequestHoldCall', attributes: { ThisDN: '7001' } }, 'stimulus'), { notExercised: 'the recording has no RequestHoldCall', final: true });
    const adapter = await createReplayAdapter({ file: fixture('native-sipserver.log') });
    assert.equal('send' in adapter, false, 'observe-only');
    assert.deepEqual(adapter.capabilities.features, [], 'a log written by a real system says nothing of what it could do');
    const events: RawEvent[] = [];
    await adapter.open(topology, { event: (e) => events.push(e), fail: (e) => assert.fail(e.message) });
    assert.deepEqual(adapter.recorded({ name: 'RequestMakeCall', attributes: { ThisDN: '7001', OtherDN: '7002' } }, 'stimulus'), { referenceId: 5 });
    // Bob's EventEstablished answers a request of his own (ReferenceID 6, not in the log): his next act, outside the window of Alice's call.
    assert.deepEqual(events.map((e) => `${e.name}@${e.dn ?? ''}`), ['EventDialing@7001', 'EventRinging@7002', 'EventEstablished@7001']);
    assert.equal(events[0]?.attributes.OtherDN, '7002', 'trace DN 2002 translated back to Bob');
    // A diff shows the event with the feature's DNs; its origin says what the log line holds.
    assert.match(events[0]?.origin ?? '', /native-sipserver\.log:14, where ThisDN=2001 OtherDN=2002$/);
    await adapter.close();
  });

  it('declares the features the recording names, and those given in the options; a bad list is a usage error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cmc-replay-'));
    try {
      const file = join(dir, 'recorded.ndjson');
      writeFileSync(file, [
        { name: 'Scenario', attributes: { scenario: 'one', features: 'call-parking external-parties' } },
        { name: 'EventDialing', dn: '7001', attributes: { ThisDN: '7001' } },
        { name: 'Scenario', attributes: { scenario: 'two', features: 'call-parking' } },
      ].map((l) => JSON.stringify(l)).join('\n'));
      const recorded = await createReplayAdapter({ file });
      assert.deepEqual([...recorded.capabilities.features].sort(), ['call-parking', 'external-parties']);
      const given = await createReplayAdapter({ file: fixture('native-sipserver.log'), features: ['timeout-control'] });
      assert.deepEqual(given.capabilities.features, ['timeout-control']);
      await assert.rejects(createReplayAdapter({ file, features: 'call-parking' }), /replay: "features" must be a list of capability names/);
      assert.equal(recorded.capabilities.observation, undefined, 'recorded at T-Library level');
      // Recorded through a coarser level (the Workspace API): the replay judges at that level too.
      const coarse = join(dir, 'workspace.ndjson');
      const observation = { tier: 'Workspace API (call-state level)', events: ['EventRinging'], attributes: ['ThisDN'], unchecked: ['ReferenceID'], crossDnOrder: false, partyTypes: ['Extension'] };
      writeFileSync(coarse, JSON.stringify({ name: 'Scenario', attributes: { scenario: 'one', features: '', observation: JSON.stringify(observation) } }));
      assert.deepEqual((await createReplayAdapter({ file: coarse })).capabilities.observation, observation);
      writeFileSync(coarse, JSON.stringify({ name: 'Scenario', attributes: { scenario: 'one', features: '', observation: '{"tier":1}' } }));
      await assert.rejects(createReplayAdapter({ file: coarse }), /replay: .*workspace\.ndjson:1: the scenario marker's observation level is not one a harness recording writes/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads a log once per run: the scenarios of a run replay the log as it was when first read; an unreadable one fails each the same way', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cmc-replay-'));
    try {
      const file = join(dir, 'recorded.ndjson');
      const dialing = (dn: string): string => JSON.stringify({ name: 'EventDialing', dn, attributes: { ThisDN: dn } });
      writeFileSync(file, `${JSON.stringify({ name: 'Scenario', attributes: { scenario: 'one', features: 'call-parking' } })}\n${dialing('7001')}\n`);
      const logs = new ReplayLogs();
      const first = await createReplayAdapter({ file }, logs);
      // Changed on disk during the run: the run's later scenarios still replay what it read first; another run reads it anew.
      writeFileSync(file, `${JSON.stringify({ name: 'Scenario', attributes: { scenario: 'one', features: 'external-parties' } })}\n${dialing('7001')}\n`);
      const second = await createReplayAdapter({ file }, logs);
      assert.deepEqual(second.capabilities.features, first.capabilities.features);
      assert.deepEqual(second.capabilities.features, ['call-parking']);
      assert.equal(logs.load(file), logs.load(file), 'one read shared by the run');
      assert.deepEqual((await createReplayAdapter({ file }, new ReplayLogs())).capabilities.features, ['external-parties']);
      const missing = join(dir, 'gone.log');
      const broken = new ReplayLogs();
      const errors = await Promise.all([1, 2].map(() => createReplayAdapter({ file: missing }, broken).then(() => 'opened', (e: unknown) => `${(e as Error).name}: ${(e as Error).message}`)));
      assert.equal(errors[0], errors[1]);
      assert.match(errors[0] ?? '', /^TestCompromisedError: replay: .*gone\.log/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
