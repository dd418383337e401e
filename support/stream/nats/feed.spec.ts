/** ThreadPublisher's batches against a fake connection: cut by UTF-8 bytes before they pass the limit; a record no message can carry names its file and line. */
import { describe, test as it } from 'node:test';
import assert from 'node:assert/strict';
import type { Msg, MsgHdrs, NatsConnection } from '@nats-io/transport-node';
import { TestCompromisedError } from '../../errors';
import type { TraceRecord } from '../../trace/record';
import { partitionOf, threadKey } from '../partition';
import { decodeEvents } from '../wire';
import { SOURCE_HEADER } from '../coverage';
import { join } from 'node:path';
import { producerOf, ThreadPublisher, threadsOfFile } from './feed';

/** A connection whose server takes `maxPayload` bytes a message; every publish is acknowledged and kept. */
function fakeConnection(maxPayload: number): { nc: NatsConnection; payloads: string[]; ids: string[]; sources: string[] } {
  let callback: ((err: Error | null, m: Msg) => void) | undefined;
  const payloads: string[] = [];
  const ids: string[] = [];
  const sources: string[] = [];
  const fake = {
    info: { max_payload: maxPayload },
    subscribe: (_s: string, opts: { callback: typeof callback }) => {
      callback = opts.callback;
      return { unsubscribe: () => undefined };
    },
    publish: (_subject: string, payload: string, opts: { reply: string; headers?: MsgHdrs }) => {
      if (Buffer.byteLength(payload) > maxPayload) throw new Error('NATS: MAX_PAYLOAD_EXCEEDED');
      payloads.push(payload);
      ids.push(opts.headers?.get('Nats-Msg-Id') ?? '');
      sources.push(opts.headers?.get(SOURCE_HEADER) ?? '');
      const ack = { subject: opts.reply, headers: undefined, data: new Uint8Array([1]), json: () => ({ stream: 'CALLS', seq: payloads.length }), string: () => '{}' };
      setImmediate(() => callback?.(null, ack as unknown as Msg));
    },
  };
  return { nc: fake as unknown as NatsConnection, payloads, ids, sources };
}

const record = (name: string, line: number, text: string): TraceRecord => ({ kind: 'event', name, attributes: { Text: text }, dn: '7001', source: `calls.log:${line}`, line, format: 'native' });
const STREAM = { name: 'CALLS', partitions: 2, replicas: 1 };

describe('ThreadPublisher batches', () => {
  it('cut by UTF-8 bytes, wrapper included, before a record would take a message past the limit; nothing lost or reordered', async () => {
    const { nc, payloads } = fakeConnection(4096);
    // 600 "é": 600 UTF-16 units, 1200 bytes — three records fit in 4096 bytes by length, two by bytes.
    const records = Array.from({ length: 9 }, (_, i) => record(i === 8 ? 'EventReleased' : 'EventRinging', i + 1, 'é'.repeat(600)));
    const publisher = new ThreadPublisher(nc, STREAM, 'nats://fake', 'default', 'p0');
    await publisher.publishAll([{ id: 'c1', records, complete: true }]);
    await publisher.end();
    assert.ok(payloads.length > 1);
    for (const p of payloads) assert.ok(Buffer.byteLength(p) <= 4096, `${Buffer.byteLength(p)} bytes`);
    const events = payloads.flatMap((p, i) => decodeEvents(p, `message ${i}`));
    assert.deepEqual(events.map((e) => e.seq), [0, 1, 2, 3, 4, 5, 6, 7, 8]);
    assert.deepEqual(events.map((e) => e.record.line), [1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert.deepEqual(events.filter((e) => e.last).map((e) => e.seq), [8]);
    assert.equal(publisher.published, 9);
  });

  it('the rest of a thread handed on before continues its places; a thread published twice from its start is refused', async () => {
    const { nc, payloads, ids } = fakeConnection(1 << 20);
    const publisher = new ThreadPublisher(nc, STREAM, 'nats://fake', 'default', 'p0');
    await publisher.publishAll([{ id: 'c1', records: [record('EventRinging', 1, 'a'), record('EventEstablished', 2, 'b'), record('EventHeld', 3, 'c')], complete: false }]);
    await publisher.publishAll([{ id: 'c1', records: [record('EventRetrieved', 9, 'd'), record('EventReleased', 10, 'e')], complete: true, from: 3 }]);
    await assert.rejects(publisher.publishAll([{ id: 'c1', records: [record('EventRinging', 11, 'f')], complete: true }]), /thread id c1 comes twice/);
    await publisher.end();
    const events = payloads.flatMap((p, i) => decodeEvents(p, `message ${i}`));
    assert.deepEqual(events.map((e) => [e.thread, e.seq, e.record.line]), [['c1', 0, 1], ['c1', 1, 2], ['c1', 2, 3], ['c1', 3, 9], ['c1', 4, 10]]);
    assert.equal(new Set(ids).size, ids.length, 'each part under a message id of its own');
  });

  it('short threads of a partition share a message (a bundle) up to the batch size; the same threads published again are cut the same way (the same message ids)', async () => {
    const threads = Array.from({ length: 20 }, (_, n) => ({ id: `c${n}`, records: [record('EventRinging', 2 * n + 1, 'x'), record('EventReleased', 2 * n + 2, 'y')], complete: true }));
    const feed = async (): Promise<{ payloads: string[]; ids: string[]; sources: string[] }> => {
      const { nc, payloads, ids, sources } = fakeConnection(1 << 20);
      const publisher = new ThreadPublisher(nc, STREAM, 'nats://fake', 'default', 'p0', undefined, 5);
      await publisher.publishAll(threads);
      await publisher.end();
      assert.equal(publisher.published, 40);
      return { payloads, ids, sources };
    };
    const { payloads, ids, sources } = await feed();
    assert.ok(payloads.length < 20, `${payloads.length} messages for 20 threads`);
    const events = payloads.flatMap((p, i) => {
      const inOne = decodeEvents(p, `message ${i}`);
      assert.ok(inOne.length <= 5, 'at most the batch size of events in a message');
      assert.equal(new Set(inOne.map((e) => partitionOf(threadKey('default', e.thread), STREAM.partitions))).size, 1, 'one partition a message');
      return inOne;
    });
    for (const t of threads) {
      const mine = events.filter((e) => e.thread === t.id);
      assert.deepEqual(mine.map((e) => [e.seq, e.last === true, e.record.line]), [[0, false, t.records[0]?.line], [1, true, t.records[1]?.line]], t.id);
    }
    assert.ok(ids.some((id) => /\+1$/.test(id)), `bundle ids: ${ids.join(' ')}`);
    assert.equal(new Set(ids).size, ids.length, 'no two messages share an id');
    const again = await feed();
    assert.deepEqual(again.ids, ids, 'a re-feed is de-duplicated by the same ids');
    // Each message names its producer and its place among that producer's messages: 0, 1, 2 … (support/stream/coverage.ts).
    assert.deepEqual(sources, payloads.map((_, i) => `p0:${i}`));
    assert.deepEqual(again.sources, sources, 'a re-feed names its messages alike');
  });

  it('a record larger than the server takes in one message: an error naming the log file and line', async () => {
    const { nc, payloads } = fakeConnection(4096);
    const publisher = new ThreadPublisher(nc, STREAM, 'nats://fake', 'default', 'p0');
    const records = [record('EventRinging', 3, 'short'), record('EventAttachedDataChanged', 7, 'x'.repeat(5000))];
    await assert.rejects(publisher.publishAll([{ id: 'c1', records, complete: true }]),
      (e: unknown) => e instanceof TestCompromisedError && /^calls\.log:7: EventAttachedDataChanged is \d+ bytes .*4096 bytes \(max_payload, headers included\).*nats:\/\/fake/.test(e.message));
    await publisher.end();
    assert.equal(payloads.length, 0, 'the run before it is not sent as if it ended there');
  });
});

describe('producerOf', () => {
  it('the same log, tenant, batch, stream and max_payload: the same producer; any of them changed: another', () => {
    const base = ['feed', 'digest', 'default', 64, 'CALLS', 8, 1048576] as const;
    assert.match(producerOf(base), /^[0-9a-f]{12}$/);
    assert.equal(producerOf([...base]), producerOf(base));
    for (let i = 1; i < base.length; i++) assert.notEqual(producerOf(base.map((v, j) => (j === i ? `${v}x` : v))), producerOf(base), `part ${i}`);
  });
});

describe('threadsOfFile', () => {
  it('refuses a harness recording (its scenarios\' ConnIDs start again in each): one message naming the file and line of its first marker', async () => {
    const file = join(__dirname, '..', '..', 'recognize', 'fixtures', 'two-scenarios.ndjson');
    const read = await threadsOfFile(file);
    assert.equal(read.threads.length, 0, 'nothing to publish');
    assert.match(read.problem ?? '', /two-scenarios\.ndjson:1: a harness recording \(npm run conformance -- --record\), not a switch's log: judge it with npm run conformance -- --replay/);
  });
});
