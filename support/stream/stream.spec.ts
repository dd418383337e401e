/**
 * The engine-neutral part of continuous conformance (issue 19): the partitioning rule, the wire
 * form of an event, call threads cut from a log by the recognizer's splitter, `--repeat`
 * renumbering, assembling threads from an at-least-once stream, and verdict totals.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { join } from 'node:path';
import { readTrace } from '../trace/read';
import type { TraceRecord } from '../trace/record';
import { CallThreads, type CallThread } from './callThreads';
import { ThreadAssembler, type AssembledThread } from './assembly';
import { partitionOf, partitionsOfWorker, subjectToken, threadKey } from './partition';
import { renumberConnId, renumberRecord } from './repeat';
import { bySource, Coverage, describeLost, formatSource, parseSource } from './coverage';
import { isVerdict, seenSubject, threadVerdict, VerdictTotals } from './verdict';
import { batchId, bundleId, decodeEvent, decodeEvents, encodeBatch, encodeBundle, encodeEvent, encodeRecord, encodeRun, messageId, WireError, type ThreadEvent } from './wire';

const REPLAY = join(__dirname, '..', 'trace', 'fixtures', 'replay');

async function threadsOf(file: string): Promise<{ threads: CallThread[]; outside: number }> {
  const threads: CallThread[] = [];
  const splitter = new CallThreads((t) => threads.push(t));
  await readTrace(join(REPLAY, file), (r) => splitter.push(r), { label: file });
  return { threads, ...splitter.end() };
}

const record = (name: string, attributes: TraceRecord['attributes'] = {}): TraceRecord => ({ kind: 'event', name, attributes, dn: '7001', source: 'x.log:1', line: 1, format: 'ndjson' });
const event = (thread: string, seq: number, last = false): ThreadEvent => ({ tenant: 't', thread, seq, ...(last ? { last } : {}), record: record(`Event${seq}`) });

describe('partitioning by call thread', () => {
  it('is a stable hash of tenant:thread, spread over the partitions', () => {
    assert.equal(threadKey('acme', '006e0212a4c10051'), 'acme:006e0212a4c10051');
    assert.equal(partitionOf('acme:006e0212a4c10051', 8), partitionOf('acme:006e0212a4c10051', 8));
    // FNV-1a 32 of "a" is 0xe40c292c: the same in any language.
    assert.equal(partitionOf('a', 1 << 30), 0xe40c292c % (1 << 30));
    const counts = new Array<number>(8).fill(0);
    for (let n = 0; n < 8000; n++) {
      const p = partitionOf(`t:00a10203${n.toString(16).padStart(8, '0')}`, 8);
      counts[p] = (counts[p] ?? 0) + 1;
    }
    assert.ok(counts.every((c) => c > 800 && c < 1200), `spread: ${counts.join(',')}`);
  });

  it('gives each worker every K-th partition, and makes any text one subject token', () => {
    assert.deepEqual([0, 1, 2].map((i) => partitionsOfWorker(i, 3, 8)), [[0, 3, 6], [1, 4, 7], [2, 5]]);
    assert.equal(subjectToken('acme-1_x'), 'acme-1_x');
    assert.equal(subjectToken('a.b*c >'), 'a~2eb~2ac~20~3e');
    assert.notEqual(subjectToken('a.b'), subjectToken('a_b'));
  });
});

describe('thread events on the wire', () => {
  it('round-trip with their message id tenant:thread:seq', () => {
    const e: ThreadEvent = { tenant: 'acme', thread: 'c1', seq: 3, last: true, record: record('EventReleased', { ConnID: 'c1', UserData: [{ key: 'k', value: 1 }] }) };
    assert.equal(messageId(e), 'acme:c1:3');
    const back = decodeEvent(encodeEvent(e), 'CALLS.1.x #5');
    assert.deepEqual(back, e);
  });

  it('a run of a thread\'s events in one message: its id names the run, its events come back in order with their places', () => {
    const records = [record('EventRinging'), record('EventEstablished'), record('EventReleased')];
    assert.equal(batchId('acme', 'c1', 4, 3), 'acme:c1:4-6');
    assert.equal(batchId('acme', 'c1', 4, 1), 'acme:c1:4', 'a run of one is an event');
    const text = encodeBatch('acme', 'c1', 4, records.map(encodeRecord), true);
    assert.deepEqual(decodeEvents(text, 'S #1'), records.map((r, i) => ({ tenant: 'acme', thread: 'c1', seq: 4 + i, ...(i === 2 ? { last: true } : {}), record: r })));
    assert.deepEqual(decodeEvents(encodeBatch('acme', 'c1', 0, [encodeRecord(records[0] as TraceRecord)], false), 'S #2'), [{ tenant: 'acme', thread: 'c1', seq: 0, record: records[0] }]);
    assert.equal(encodeBatch('acme', 'c1', 0, [encodeRecord(records[0] as TraceRecord)], false), encodeEvent({ tenant: 'acme', thread: 'c1', seq: 0, record: records[0] as TraceRecord }), 'a run of one is written as a single event');
    assert.throws(() => decodeEvents('{"tenant":"t","thread":"c","seq":0,"records":[]}', 'S #3'), /S #3: thread t:c batch from event 0 has no records/);
    assert.throws(() => decodeEvents(`{"tenant":"t","thread":"c","seq":5,"records":[${encodeRecord(records[0] as TraceRecord)},{"name":"EventX"}]}`, 'S #4'), /S #4: thread t:c event 6 has no \{name, attributes\} record/, 'one damaged record makes the whole message unreadable');
  });

  it('a record is written as JSON.stringify of its wire fields (in that order), optional fields only when set', () => {
    const full: TraceRecord = {
      kind: 'request', name: 'RequestMakeCall', dn: '7001', attributes: { ThisDN: '7001', N: 3, UserData: [{ key: 'k\u2028"', value: [{ key: 'x', value: 1 }] }] },
      source: 'a "b".log:9', line: 9, time: '10:00:00.001', format: 'native', truncated: 'cut at 4096', sync: true,
    };
    const bare: TraceRecord = { kind: 'other', name: 'Ping', dn: '', attributes: {}, source: 's', line: 0, format: 'psdk' };
    for (const r of [full, bare, record('EventRinging')]) {
      const { kind, name, dn, attributes, source, line, time, format, truncated } = r;
      const wire = { kind, name, ...(dn ? { dn } : {}), attributes, source, line, ...(time ? { time } : {}), format, ...(truncated ? { truncated } : {}) };
      assert.equal(encodeRecord(r), JSON.stringify(wire));
    }
    const back = decodeEvent(encodeEvent({ tenant: 't', thread: 'c', seq: 0, record: full }), 'S #1').record;
    const sent: TraceRecord = { kind: full.kind, name: full.name, dn: '7001', attributes: full.attributes, source: full.source, line: 9, time: '10:00:00.001', format: 'native', truncated: 'cut at 4096' };
    assert.deepEqual(back, sent, 'read back as written (sync is not sent)');
  });

  it('a record\'s texts (name, DN, source, time, kind, format) are written as JSON.stringify writes them, whatever characters they hold', () => {
    const odd = ['plain', 'a"b', 'back\\slash', 'tab\there', '\u0000\u001f\u007f', 'line\u2028sep', 'pair \ud83d\ude00', 'lone \ud800', 'lone \udc00 end', 'é ß 中'];
    const text = fc.oneof(fc.constantFrom(...odd), fc.string({ unit: 'binary' }), fc.string());
    fc.assert(fc.property(text, text, text, text, text, (name, dn, source, time, kind) => {
      const r = { kind, name, dn, attributes: { ThisDN: dn }, source, line: 3, time, format: 'ndjson' } as unknown as TraceRecord;
      const wire = { kind, name, ...(dn ? { dn } : {}), attributes: r.attributes, source, line: 3, ...(time ? { time } : {}), format: 'ndjson' };
      assert.equal(encodeRecord(r), JSON.stringify(wire));
    }), { numRuns: 2000 });
  });

  it('a bundle: runs of several threads in one message, read back as each thread\'s events with their places; refused whole when any part is wrong', () => {
    const [r0, r1, r2] = [record('EventRinging'), record('EventEstablished'), record('EventReleased')] as [TraceRecord, TraceRecord, TraceRecord];
    const text = encodeBundle('acme', [encodeRun({ thread: 'c1', first: 0, records: [r0, r1].map(encodeRecord), last: true }), encodeRun({ thread: 'c2', first: 3, records: [encodeRecord(r2)], last: false })]);
    assert.deepEqual(decodeEvents(text, 'S #1'), [
      { tenant: 'acme', thread: 'c1', seq: 0, record: r0 }, { tenant: 'acme', thread: 'c1', seq: 1, last: true, record: r1 }, { tenant: 'acme', thread: 'c2', seq: 3, record: r2 },
    ]);
    assert.equal(bundleId('acme', 'c1', 0, 2, 1), 'acme:c1:0-1+1', 'its first run and how many follow: never the id of a thread\'s message');
    const r = encodeRecord(r0);
    assert.throws(() => decodeEvents('{"tenant":"t","threads":[]}', 'S #2'), /S #2: a bundle with no threads/);
    assert.throws(() => decodeEvents(`{"tenant":"t","thread":"c","seq":0,"records":[${r}],"threads":[{"thread":"d","seq":0,"records":[${r}]}]}`, 'S #3'), /S #3: a bundle \("threads"\) with a thread of its own/);
    assert.throws(() => decodeEvents(`{"tenant":"t","threads":[{"thread":"d","seq":0,"record":${r}}]}`, 'S #4'), /S #4: a thread of a bundle that is not \{thread, seq, records\}/);
    assert.throws(() => decodeEvents(`{"tenant":"t","threads":[{"thread":"d","seq":0,"records":[${r}]},{"thread":"e","seq":0,"records":[{"name":"EventX"}]}]}`, 'S #5'), /S #5: thread t:e event 0 has no \{name, attributes\} record/);
    assert.throws(() => decodeEvents(`{"tenant":"t","threads":[{"thread":"","seq":0,"records":[${r}]}]}`, 'S #6'), /S #6: no tenant\/thread/);
  });

  it('a message that is not an event is refused, naming where it came from and what is wrong', () => {
    assert.throws(() => decodeEvent('{"tenant":"t"', 'CALLS.0.x #7'), (e: unknown) => e instanceof WireError && /^CALLS\.0\.x #7: not JSON/.test(e.message));
    assert.throws(() => decodeEvent('{"tenant":"t","thread":"c","seq":-1,"record":{}}', 'S #1'), /S #1: no sequence number/);
    assert.throws(() => decodeEvent('{"tenant":"t","thread":"c","seq":0,"record":{"name":"EventX"}}', 'S #2'), /S #2: thread t:c event 0 has no \{name, attributes\} record/);
  });

  it('a message with both "record" and "records" is refused, not read as the batch with the single record dropped', () => {
    const r = encodeRecord(record('EventRinging'));
    assert.throws(() => decodeEvents(`{"tenant":"t","thread":"c","seq":0,"record":${r},"records":[${r},${r}]}`, 'S #3'),
      (e: unknown) => e instanceof WireError && /^S #3: thread t:c message from event 0 has both "record" and "records"/.test(e.message));
  });
});

describe('call threads of a log (the recognizer splitter)', () => {
  it('keeps a consultation with its own ConnID in the thread of the call it belongs to', async () => {
    const { threads, outside } = await threadsOf('cti-hold-retrieve-consultation.log');
    assert.equal(threads.length, 1);
    assert.equal(outside, 0);
    assert.equal(threads[0]?.id, '006e0212a4c10051');
    assert.equal(threads[0]?.records.length, 22);
    assert.deepEqual(new Set(threads[0]?.records.map((r) => r.attributes.ConnID).filter(Boolean)), new Set(['006e0212a4c10051', '006e0212a4c10052']));
    assert.equal(threads[0]?.complete, true);
  });

  it('two unrelated calls are two threads, each complete', async () => {
    const { threads } = await threadsOf('two-unrelated-calls.log');
    assert.deepEqual(threads.map((t) => [t.id, t.complete]), [['006e0212a4c10061', true], ['006e0212a4c10062', true]]);
  });
});

describe('--repeat renumbering', () => {
  it('gives every copy its own ConnIDs, CallUUID, CallID and ReferenceID, consistently within the copy', () => {
    assert.equal(renumberConnId('006e0212a4c10051', 0), '006e0212a4c10051');
    assert.equal(renumberConnId('006e0212a4c10051', 1), '006e0312a4c10051');
    assert.equal(renumberConnId('not-hex', 2), 'not-hex-r2');
    const copies = new Set(Array.from({ length: 300 }, (_, k) => renumberConnId('006e0212a4c10051', k)));
    assert.equal(copies.size, 300);
    const r = record('EventEstablished', { ConnID: '006e0212a4c10052', PreviousConnID: '006e0212a4c10051', CallUUID: 'U1', CallID: 7, ReferenceID: 12, ThisDN: '7001' });
    const c = renumberRecord(r, 3).attributes;
    assert.equal(c.ConnID, renumberConnId('006e0212a4c10052', 3));
    assert.equal(c.PreviousConnID, renumberConnId('006e0212a4c10051', 3));
    assert.deepEqual([c.CallUUID, c.CallID, c.ReferenceID, c.ThisDN], ['U1-r3', 7 + 3 * 1_000_003, 12 + 3 * 100_003, '7001']);
    assert.equal(r.attributes.ConnID, '006e0212a4c10052', 'the original record is not changed');
  });
});

describe('assembling threads from an at-least-once stream', () => {
  it('a thread is whole once its last event and all before it arrived, in any order and with redeliveries', () => {
    const a = new ThreadAssembler<string>(() => 0);
    assert.equal(a.add({ events: [event('c1', 2, true)], handle: 'h2', position: 12 }).kind, 'open');
    assert.equal(a.add({ events: [event('c1', 0)], handle: 'h0', position: 10 }).kind, 'open');
    assert.equal(a.add({ events: [event('c1', 0)], handle: 'h0b', position: 10 }).kind, 'open', 'a redelivery changes nothing');
    assert.equal(a.held, 2);
    const done = a.add({ events: [event('c1', 1)], handle: 'h1', position: 11 });
    assert.equal(done.kind, 'whole');
    const t = (done as { thread: AssembledThread<string> }).thread;
    assert.deepEqual(t.records.map((r) => r.name), ['Event0', 'Event1', 'Event2']);
    assert.deepEqual(t.handles, ['h2', 'h0', 'h0b', 'h1'], 'every delivery is acknowledged');
    assert.equal(t.whole, true);
    assert.equal(a.held, 0);
    assert.deepEqual(a.add({ events: [event('c1', 1)], handle: 'late', position: 11 }), { kind: 'storing', key: 't:c1', handle: 'late' }, 'not acknowledged before the verdict is stored');
    a.stored('t:c1');
    assert.deepEqual(a.add({ events: [event('c1', 1)], handle: 'later', position: 11 }), { kind: 'judged', key: 't:c1', handle: 'later' });
  });

  it('a message holding a run of a thread\'s events completes it at once; a run redelivered with the single events it overlaps changes nothing', () => {
    const a = new ThreadAssembler<string>(() => 0);
    assert.equal(a.add({ events: [event('c5', 0)], handle: 'h0', position: 1 }).kind, 'open');
    const done = a.add({ events: [event('c5', 0), event('c5', 1), event('c5', 2, true)], handle: 'run', position: 2 });
    assert.equal(done.kind, 'whole');
    const t = (done as { thread: AssembledThread<string> }).thread;
    assert.deepEqual(t.records.map((r) => r.name), ['Event0', 'Event1', 'Event2']);
    assert.deepEqual(t.handles, ['h0', 'run'], 'each delivery acknowledged once, whatever it held');
    assert.equal(a.held, 0);
  });

  it('events of a thread that come after it was handed on (judged after its idle time while the call went on) are late, not a redelivery to acknowledge unseen', () => {
    let now = 0;
    const a = new ThreadAssembler<string>(() => now);
    a.add({ events: [event('h', 0), event('h', 1)], handle: 'first', position: 1 });
    now = 10_000;
    const [idle] = a.expireIdle(5_000);
    assert.deepEqual(idle?.records.map((r) => r.name), ['Event0', 'Event1']);
    assert.equal(a.add({ events: [event('h', 1)], handle: 'again', position: 1 }).kind, 'storing', 'a redelivery of what was judged');
    assert.deepEqual(a.add({ events: [event('h', 1), event('h', 2), event('h', 3, true)], handle: 'rest', position: 2 }), { kind: 'late', key: 't:h', handle: 'rest', places: [2, 3] });
    a.stored('t:h');
    assert.equal(a.add({ events: [event('h', 0)], handle: 'again2', position: 1 }).kind, 'judged');
    assert.equal(a.add({ events: [event('h', 3, true)], handle: 'rest2', position: 2 }).kind, 'late', 'stored or not');
    // A thread handed on whole has no place after its last.
    const whole = a.add({ events: [event('w', 0), event('w', 1, true)], handle: 'w', position: 3 });
    assert.equal(whole.kind, 'whole');
    assert.equal(a.add({ events: [event('w', 0), event('w', 1, true)], handle: 'w2', position: 3 }).kind, 'storing');
  });

  it('the totals count the calls with late events once, and their notes as no call', () => {
    const totals = new VerdictTotals();
    totals.addMessage({ key: 't:h', tenant: 't', thread: 'h', outcome: 'conforms', complete: false, events: 2, calls: [], sources: ['f:0'] });
    totals.addMessage({ late: { key: 't:h', places: [2, 3] }, seen: 'f:1' });
    totals.addMessage({ late: { key: 't:h', places: [4] } });
    assert.equal(totals.lost().messages, 0, 'the late note names its message');
    assert.deepEqual(totals.totals, { calls: 1, conformant: 1, deviating: 0, unrecognised: 0, unreadable: 0, incomplete: 1, duplicates: 0, lost: 0, late: 1 });
    assert.equal(isVerdict({ late: { key: 't:h', places: [2] } }), false);
    assert.equal(isVerdict({ seen: 'f:1' }), false);
  });

  it('a thread whole in one delivery is handed on as the same thread as when its events come out of order (no open thread kept for it)', () => {
    const shapes: ThreadEvent[][] = [
      [event('w', 0, true)],
      [event('w', 0), event('w', 1), event('w', 2, true)],
      [event('w', 0), event('w', 1), event('w', 1), event('w', 2, true)],
      [event('w', 0), event('w', 2, true)],
      [event('w', 1), event('w', 2, true)],
      [event('w', 0), event('w', 1)],
    ];
    for (const events of shapes) {
      const inOrder = new ThreadAssembler<string>(() => 0);
      const reversed = new ThreadAssembler<string>(() => 0);
      const a = inOrder.add({ events, handle: 'h', position: 3 });
      const b = reversed.add({ events: [...events].reverse(), handle: 'h', position: 3 });
      const what = events.map((e) => `${e.seq}${e.last ? '!' : ''}`).join(',');
      assert.deepEqual(a, b, what);
      assert.deepEqual([inOrder.openThreads, inOrder.held], [reversed.openThreads, reversed.held], what);
      assert.deepEqual(inOrder.add({ events: [event('w', 0)], handle: 'again', position: 3 }), reversed.add({ events: [event('w', 0)], handle: 'again', position: 3 }), `${what}: redelivered`);
    }
  });

  it('a bundle\'s message is held while any thread it carries is open (one message, however many threads hold it)', () => {
    const a = new ThreadAssembler<string>(() => 0);
    assert.equal(a.add({ events: [event('b1', 0), event('b1', 1, true)], handle: 'm', position: 7 }).kind, 'whole');
    assert.equal(a.add({ events: [event('b2', 0)], handle: 'm', position: 7 }).kind, 'open');
    assert.equal(a.add({ events: [event('b3', 0)], handle: 'm', position: 7 }).kind, 'open');
    assert.equal(a.held, 1);
    assert.equal(a.add({ events: [event('b2', 1, true)], handle: 'n', position: 8 }).kind, 'whole');
    assert.equal(a.held, 1, 'still held by b3');
    assert.equal(a.drain().length, 1);
    assert.equal(a.held, 0);
  });

  it('a delivery with no events is a programming error, not an open thread nobody holds or acknowledges', () => {
    const a = new ThreadAssembler<string>(() => 0);
    assert.throws(() => a.add({ events: [], handle: 'h', position: 5 }), /a delivery with no events \(stream position 5\)/);
    assert.equal(a.held, 0);
  });

  it('a thread whose verdict could not be stored is made anew from its redelivered events', () => {
    const a = new ThreadAssembler<string>(() => 0);
    a.add({ events: [event('c4', 0)], handle: 'a', position: 1 });
    assert.equal(a.add({ events: [event('c4', 1, true)], handle: 'b', position: 2 }).kind, 'whole');
    a.failed('t:c4');
    assert.equal(a.add({ events: [event('c4', 0)], handle: 'a2', position: 1 }).kind, 'open');
    assert.equal(a.add({ events: [event('c4', 1, true)], handle: 'b2', position: 2 }).kind, 'whole');
  });

  it('a thread that stops arriving is handed on after its idle time, with what is missing', () => {
    let now = 0;
    const a = new ThreadAssembler<number>(() => now);
    a.add({ events: [event('c2', 0)], handle: 1, position: 1 });
    a.add({ events: [event('c2', 2)], handle: 2, position: 2 });
    now = 5_000;
    a.add({ events: [event('c3', 0)], handle: 3, position: 3 });
    now = 9_000;
    const idle = a.expireIdle(6_000);
    assert.deepEqual(idle.map((t) => [t.key, t.whole, t.missing]), [['t:c2', false, [1]]]);
    assert.equal(a.openThreads, 1);
    assert.deepEqual(a.drain().map((t) => t.key), ['t:c3']);
    assert.equal(a.openThreads, 0);
  });
});

describe('verdicts and totals', () => {
  it('a thread with events that never reached the monitor is not judged: its calls were judged without them (an EventRinging lost on the way is no switch fault)', () => {
    const deviating = {
      id: 1, calls: ['c'], dns: ['7001', '7002'], from: 'f:1', to: 'f:9', records: 5, stimuli: [], complete: true, outcome: 'deviates' as const, follows: [],
      deviation: { scenario: { uri: 'f', line: 1, name: 's' }, diff: 'unexpected EventEstablished' },
    };
    const v = threadVerdict({ key: 't:c', tenant: 't', thread: 'c', events: 5, whole: false, missing: [2] }, [deviating]);
    assert.equal(v.outcome, 'unreadable');
    assert.equal(v.deviation, undefined, 'no deviation is reported for it');
    assert.match(v.unreadable ?? '', /thread t:c: its events at places 2 never reached the monitor \(5 did\): not judged/);
    assert.deepEqual(v.calls, [deviating], 'what its calls looked like is kept for the reader');
    const many = threadVerdict({ key: 't:d', tenant: 't', thread: 'd', events: 3, whole: false, missing: Array.from({ length: 12 }, (_, i) => i) }, []);
    assert.match(many.unreadable ?? '', /places 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 … \(12 in all\)/);
    // Whole, or only its end not there (a producer that never marks the last event: judged as it is).
    assert.equal(threadVerdict({ key: 't:c', tenant: 't', thread: 'c', events: 5, whole: true, missing: [] }, [deviating]).outcome, 'deviates');
    assert.equal(threadVerdict({ key: 't:c', tenant: 't', thread: 'c', events: 5, whole: false, missing: [] }, [deviating]).outcome, 'deviates');
  });

  it('a thread takes the worst outcome of its calls; totals count a second verdict for a call as a duplicate', () => {
    const call = (outcome: 'conforms' | 'deviates' | 'unrecognised', complete = true) => ({
      id: 1, calls: [], dns: [], from: '', to: '', records: 1, stimuli: [], complete, outcome, follows: [],
      ...(outcome === 'deviates' ? { deviation: { scenario: { uri: 'f', line: 1, name: 's' }, diff: 'd' } } : {}),
    });
    const base = { key: 't:c', tenant: 't', thread: 'c', events: 4, whole: true, missing: [] };
    assert.equal(threadVerdict(base, [call('conforms'), call('deviates')]).outcome, 'deviates');
    assert.equal(threadVerdict(base, [call('unrecognised'), call('conforms')]).outcome, 'conforms');
    assert.equal(threadVerdict(base, []).outcome, 'unrecognised');
    assert.equal(threadVerdict({ ...base, whole: false, missing: [2] }, [call('conforms')]).complete, false);
    assert.equal(threadVerdict({ ...base, whole: false, missing: [2] }, [call('conforms')]).outcome, 'unreadable');
    assert.equal(threadVerdict(base, [call('conforms', false)]).complete, false);
    const totals = new VerdictTotals();
    totals.add({ key: 'a', outcome: 'conforms', complete: true });
    totals.add({ key: 'b', outcome: 'deviates', complete: true });
    totals.add({ key: 'a', outcome: 'conforms', complete: true });
    totals.add({ key: 'c', outcome: 'unrecognised', complete: false });
    assert.deepEqual(totals.totals, { calls: 3, conformant: 1, deviating: 1, unrecognised: 1, unreadable: 0, incomplete: 1, duplicates: 1, lost: 0, late: 0 });
  });
});

describe('messages of the events stream no verdict names (coverage)', () => {
  it('counts the places missing below the highest one named, per producer; the first gaps are shown', () => {
    const c = new Coverage();
    for (const n of [0, 1, 4, 5, 9]) assert.equal(c.add(`p1:${n}`), true);
    for (const n of [2, 3]) c.add(`p0:${n}`);
    c.add('p2:0');
    c.add('p1:4');
    assert.equal(c.add('p1'), false, 'no place: not counted');
    assert.equal(c.add('P1:1'), false);
    assert.deepEqual(c.lost(), {
      messages: 2 + 2 + 3,
      gaps: [{ producer: 'p0', from: 0, to: 1 }, { producer: 'p1', from: 2, to: 3 }, { producer: 'p1', from: 6, to: 8 }],
    });
    assert.deepEqual(c.lost(1).gaps, [{ producer: 'p0', from: 0, to: 1 }]);
    assert.deepEqual(c.lost(10, true), { messages: 2 + 3, gaps: [{ producer: 'p1', from: 2, to: 3 }, { producer: 'p1', from: 6, to: 8 }] }, 'from the lowest named: the verdicts stream lacks its oldest');
    assert.match(describeLost(c.lost(1)), /^7 message\(s\) of the events stream never reached a worker \(producer p0's messages 0–1; …\)/);
    assert.deepEqual(parseSource('ab12:123'), { producer: 'ab12', n: 123 });
    assert.equal(formatSource({ producer: 'ab12', n: 123 }), 'ab12:123');
    assert.equal(parseSource('ab:7:1'), undefined);
    // A verdict lists its messages in the producer's order, whatever order a restart redelivered them in.
    assert.deepEqual(['f:10', 'e:3', 'f:9', 'f:453', 'f:450'].sort(bySource), ['e:3', 'f:9', 'f:10', 'f:450', 'f:453']);
  });

  it('agrees with a plain set on any order of places, far past the first bitmap (property)', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 3_000 }), { maxLength: 200 }), (places) => {
      const c = new Coverage();
      for (const n of places) c.add(`x:${n}`);
      const set = new Set(places);
      const max = places.length ? Math.max(...places) : -1;
      assert.equal(c.lost().messages, max + 1 - set.size);
      assert.equal(c.lost(10, true).messages, places.length ? max - Math.min(...places) + 1 - set.size : 0);
    }));
  });

  it('the totals take the sources of every verdict (a duplicate\'s too) and the notes of messages seen; a note is no call', () => {
    const totals = new VerdictTotals();
    totals.addMessage({ key: 'a', tenant: 't', thread: 'a', outcome: 'conforms', complete: true, events: 7, calls: [], sources: ['f:0', 'f:2'] });
    totals.addMessage({ seen: 'f:3' });
    assert.equal(totals.lost().messages, 1);
    totals.addMessage({ key: 'a', tenant: 't', thread: 'a', outcome: 'conforms', complete: true, events: 7, calls: [], sources: ['f:1'] });
    assert.equal(totals.lost().messages, 0);
    assert.deepEqual(totals.totals, { calls: 1, conformant: 1, deviating: 0, unrecognised: 0, unreadable: 0, incomplete: 0, duplicates: 1, lost: 0, late: 0 });
    assert.deepEqual(threadVerdict({ key: 't:c', tenant: 't', thread: 'c', events: 1, whole: true, missing: [], sources: ['f:9'] }, []).sources, ['f:9']);
    assert.equal(seenSubject('VERDICTS', 'f:10'), 'VERDICTS.$seen.f.10');
    assert.notEqual(seenSubject('VERDICTS', 'f:10').split('.')[1], subjectToken('$seen'), 'no tenant\'s verdict subject');
  });
});
