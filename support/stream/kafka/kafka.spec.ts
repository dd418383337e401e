/**
 * The Kafka source's mapping of Genesys Voice Microservices events (`voice-callthread`): no Kafka
 * broker can be installed here, so it is tested on VM-format messages as kafkajs hands them over
 * (fixtures/voice-callthread.ndjson — written from the documented VM attribute vocabulary, not
 * captured from a VM deployment): two interleaved call threads and a damaged message. The threads
 * are judged by the recognizer as the monitor judges them.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CallRecognizer, loadPlans, type CallVerdict, type ScenarioPlan } from '../../recognize';
import type { CallThread } from '../callThreads';
import { WireError } from '../wire';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import type { EachMessagePayload } from 'kafkajs';
import { TestCompromisedError } from '../../errors';
import { ensureEventsStream } from '../nats/connection';
import { NatsServers } from '../nats/servers';
import { ResumePoints, type Position } from './resume';
import { GRACE_RECORDS } from '../../recognize/episodes';
import { feedKafka, VmThreads } from './source';
import { vmEvent } from './vmFormat';

interface Recorded { topic: string; partition: number; offset: string; key: string; value: string }

const recorded = readFileSync(join(__dirname, 'fixtures', 'voice-callthread.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Recorded);

describe('Voice Microservices events (Kafka voice-callthread) as records', () => {
  let plans: readonly ScenarioPlan[] = [];
  before(async () => {
    plans = (await loadPlans()).plans;
  }, { timeout: 180_000 });

  it('maps an event: its name from "id", T-Library attributes, the thread from CallThreadID, the time from VM "time"', () => {
    const first = recorded[0] as Recorded;
    const e = vmEvent(first.key, first.value, 'voice-callthread[0]@4100');
    assert.equal(e.tenant, 'acme');
    assert.equal(e.thread, 'ct-0001');
    assert.equal(e.record.name, 'EventDialing');
    assert.equal(e.record.kind, 'event');
    assert.equal(e.record.dn, '5003');
    assert.equal(e.record.time, '2026-03-04T10:15:01.939');
    assert.equal(e.record.attributes.ConnID, '006e0212a4c10071');
    assert.equal(e.record.attributes.id, undefined, 'the envelope is not an attribute');
    assert.equal(vmEvent('t:c', '{"id":"EventRinging","time":{"seconds":1772619301,"useconds":977000},"ThisDN":"1"}', 'w').record.time, '2026-03-04T10:15:01.977');
    assert.equal(vmEvent('t:c', '{"id":"EventRinging","ThisDN":"1"}', 'w').thread, 'c', 'no CallThreadID: the key\'s');
  });

  it('refuses what is not a VM event, naming topic, partition and offset', () => {
    assert.throws(() => vmEvent('t:c', '{"ThisDN":"1"}', 'voice-callthread[2]@77'), (e: unknown) => e instanceof WireError && /^voice-callthread\[2\]@77: no event name/.test(e.message));
    assert.throws(() => vmEvent(undefined, '{"id":"EventRinging"}', 'w@1'), /w@1: EventRinging: no call thread/);
    assert.throws(() => vmEvent('t:c', '{"id":"EventRinging","time":"soon"}', 'w@2'), /w@2: time "soon" is not a time/);
  });

  it('cuts interleaved messages into call threads, and the recognizer judges them: one conforms, one misses EventRinging', { timeout: 60_000 }, () => {
    const threads: { tenant: string; thread: CallThread }[] = [];
    const log: string[] = [];
    const vm = new VmThreads((tenant, thread) => threads.push({ tenant, thread }), (l) => log.push(l));
    for (const m of recorded) vm.push(m.key, m.value, m);
    vm.end();
    assert.deepEqual(threads.map((t) => [t.tenant, t.thread.id, t.thread.records.length, t.thread.complete]), [['acme', 'ct-0001', 6, true], ['acme', 'ct-0002', 5, true]]);
    assert.equal(vm.rejected, 1);
    assert.match(log[0] ?? '', /^voice-callthread\[0\]@4111: not JSON/);
    const verdicts: CallVerdict[] = [];
    const recognizer = new CallRecognizer({ plans, onVerdict: (v) => verdicts.push(v) });
    for (const t of threads) recognizer.judgeRecords(t.thread.records);
    assert.deepEqual(verdicts.map((v) => v.outcome), ['conforms', 'deviates']);
    assert.ok(verdicts[0]?.follows.some((s) => s.model === 'basic-internal-inbound-call'), JSON.stringify(verdicts[0]?.follows));
    assert.match(verdicts[1]?.deviation?.diff ?? '', /EventRinging .* missing/);
  });

  it('a bridge killed after any message loses no call: it commits only up to the oldest record of a call not yet published, and its successor reads that call again whole', () => {
    const whole = (threads: readonly CallThread[]): string[] => threads.filter((t) => t.complete).map((t) => `${t.id}:${String(t.records.length)}`);
    for (let killedAfter = 0; killedAfter < recorded.length; killedAfter += 1) {
      // The bridge as feedKafka runs it: push, publish what that finished, then the resume points.
      const published: CallThread[] = [];
      const first = new VmThreads((_tenant, thread) => published.push(thread), () => undefined);
      const resume = new ResumePoints();
      let committed: Position[] = [];
      for (const m of recorded.slice(0, killedAfter + 1)) {
        first.push(m.key, m.value, m);
        resume.read(m);
        const due = resume.due(first.held());
        resume.committedTo(due);
        committed = [...committed.filter((c) => !due.some((d) => d.partition === c.partition)), ...due];
        for (const d of due) assert.ok([...first.held()].every((h) => h.partition !== d.partition || BigInt(h.offset) >= BigInt(d.offset)), `a commit passed a held record after message ${String(killedAfter)}`);
      }
      // SIGKILL: nothing more. The successor of the group resumes at the commits (the topic's start where none).
      const from = (m: Recorded): boolean => BigInt(m.offset) >= BigInt(committed.find((c) => c.partition === m.partition)?.offset ?? '0');
      const second = new VmThreads((_tenant, thread) => published.push(thread), () => undefined);
      for (const m of recorded.filter(from)) second.push(m.key, m.value, m);
      second.end();
      assert.deepEqual([...new Set(whole(published))].sort(), ['ct-0001:6', 'ct-0002:5'], `killed after message ${String(killedAfter)}: ${JSON.stringify(committed)}`);
    }
  });

  it('a bridge that runs for months keeps a bounded number of call thread ids, not every call it saw', () => {
    const second = recorded.filter((m) => m.key === 'acme:ct-0002');
    const calls = 300;
    const handed: string[] = [];
    const vm = new VmThreads((_tenant, t) => handed.push(t.id), () => undefined, 20);
    for (let copy = 0; copy < calls; copy++) {
      const thread = `ct-2${String(copy).padStart(4, '0')}`;
      for (const m of second) vm.push(`acme:${thread}`, m.value.replaceAll('ct-0002', thread).replaceAll('006e0212a4c10072', `006e0212a4${String(100000 + copy)}`), { ...m, offset: String(9000 + copy) });
    }
    vm.end();
    assert.equal(new Set(handed).size, calls, 'every call handed on, under its own id');
    assert.ok(vm.rememberedIds <= 40, `${String(vm.rememberedIds)} ids remembered for ${String(calls)} calls (at most twice the 20 asked for)`);
  });

  it('a call idle too long (its last events lost, or a long silence) is handed on as it is; its events that come later continue its thread where it stopped', () => {
    const mine = recorded.filter((m) => m.key === 'acme:ct-0001');
    const [answered, released] = [mine.slice(0, 4), mine.slice(4)];
    // Another call an hour later moves the topic's clock.
    const later = mine.map((m, i) => {
      const v = JSON.parse(m.value) as Record<string, unknown>;
      const value = { ...v, time: 1772619301 + 3600 + i, CallThreadID: 'ct-0009', ConnID: '006e0212a4c10079', ThisDN: String(v.ThisDN).replace('500', '600'), OtherDN: String(v.OtherDN).replace('500', '600') };
      return { ...m, key: 'acme:ct-0009', offset: String(6000 + i), value: JSON.stringify(value) };
    });
    const handed: CallThread[] = [];
    const vm = new VmThreads((_tenant, t) => handed.push(t), () => undefined);
    for (const m of [...answered, ...later.slice(0, 2)]) vm.push(m.key, m.value, m);
    vm.expireIdle(30 * 60_000);
    assert.deepEqual(handed.map((t) => [t.id, t.records.length, t.complete, t.from]), [['ct-0001', 4, false, undefined]], 'ct-0001, silent for an hour, is handed on as it is');
    assert.ok([...vm.held()].every((h) => BigInt(h.offset) >= 6000n), 'its records are no longer held: the commit may pass them');
    for (const m of [...released, ...later.slice(2)]) vm.push(m.key, m.value, m);
    vm.end();
    assert.deepEqual(handed.slice(1).map((t) => [t.id, t.records.length, t.from]).sort(), [['ct-0001', 2, 4], ['ct-0009', 6, undefined]], 'its releases continue it at place 4');
  });

  it('a call that cannot be published ends the bridge, naming it: nothing is read or committed past it, and no message goes back to Kafka to be delivered again and again', { timeout: 60_000 }, async () => {
    // ct-0001's ringing carries user data larger than the NATS server takes in one message.
    // More calls after them (copies of ct-0002), so that ct-0001's grace period (GRACE_RECORDS) passes and it is handed on while the bridge runs.
    const second = recorded.filter((m) => m.key === 'acme:ct-0002');
    const more = Array.from({ length: Math.ceil((2 * GRACE_RECORDS) / second.length) }, (_, copy) => second.map((m, i) => {
      const thread = `ct-1${String(copy).padStart(3, '0')}`;
      return { ...m, key: `acme:${thread}`, offset: String(5000 + copy * second.length + i), value: m.value.replaceAll('ct-0002', thread).replaceAll('006e0212a4c10072', `006e0212a4c1${String(1000 + copy)}`) };
    })).flat();
    const poisoned = [...recorded, ...more].map((m) => {
      if (m.key !== 'acme:ct-0001' || !m.value.includes('"EventRinging"')) return m;
      return { ...m, value: JSON.stringify({ ...(JSON.parse(m.value) as object), UserData: 'x'.repeat(1_200_000) }) };
    });
    const servers = await NatsServers.start(1);
    const nc = await connect({ servers: servers.url });
    try {
      const stream = await ensureEventsStream(await jetstreamManager(nc), servers.url, 'KAFKA', 2, 1, 120_000);
      const consumer = new ReplayingConsumer(poisoned);
      const abort = new AbortController();
      // The old bridge never ended on its own: stopped after 20 s, it returned as if nothing had happened.
      const stop = setTimeout(() => abort.abort(), 20_000);
      const fed = feedKafka(nc, stream, servers.url, { brokers: 'unused', topic: 'voice-callthread', group: 'g', log: () => undefined, signal: abort.signal, consumer });
      await assert.rejects(fed, (e: unknown) => e instanceof TestCompromisedError && /call thread acme:ct-0001 could not be published .*max_payload.*reads them again/s.test(e.message));
      clearTimeout(stop);
      assert.equal(abort.signal.aborted, false, 'ended by the failure, not by the stop');
      assert.equal(consumer.thrown, 0, 'no message failed back to Kafka');
      assert.ok(consumer.committed.every((c) => BigInt(c.offset) <= 4100n), `nothing committed past ct-0001's first record (4100): ${JSON.stringify(consumer.committed)}`);
    } finally {
      await nc.close();
      await servers.stop();
    }
  });
});

/** kafkajs's consumer as the bridge sees it, replaying recorded messages; a message whose handler throws is delivered again (up to three times here). */
class ReplayingConsumer {
  readonly committed: { topic: string; partition: number; offset: string }[] = [];
  thrown = 0;
  private running = true;

  constructor(private readonly messages: readonly Recorded[]) {}

  connect(): Promise<void> {
    return Promise.resolve();
  }

  subscribe(): Promise<void> {
    return Promise.resolve();
  }

  run(config: { eachMessage: (p: EachMessagePayload) => Promise<void> }): Promise<void> {
    void (async () => {
      for (const m of this.messages) {
        for (let attempt = 1; this.running; attempt += 1) {
          try {
            await config.eachMessage({ topic: m.topic, partition: m.partition, message: { key: Buffer.from(m.key), value: Buffer.from(m.value), offset: m.offset, timestamp: '0', attributes: 0, headers: {} }, heartbeat: () => Promise.resolve(), pause: () => () => undefined });
            break;
          } catch {
            this.thrown += 1;
            if (attempt >= 3) this.running = false;
          }
        }
      }
    })();
    return Promise.resolve();
  }

  stop(): Promise<void> {
    this.running = false;
    return Promise.resolve();
  }

  disconnect(): Promise<void> {
    return Promise.resolve();
  }

  commitOffsets(list: { topic: string; partition: number; offset: string }[]): Promise<void> {
    this.committed.push(...list);
    return Promise.resolve();
  }
}
