/**
 * Continuous conformance on a real NATS JetStream (Debian's nats-server, started here on free
 * loopback ports with temporary store directories, stopped after — also when a test fails): the
 * acceptance of issue 19 (400 calls, a monitor SIGKILLed mid-stream and restarted, exactly one
 * verdict per call), identical verdicts on a rerun from the stream's start, a verdict stored by a
 * worker that died before acknowledging, and the errors a user meets (exit 2 naming the file or
 * the URL; exit 64 for usage).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiscardPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, headers } from '@nats-io/transport-node';
import { callText } from '../../../bench/logGenerator';
import type { TraceRecord } from '../../trace/record';
import type { ThreadVerdict } from '../verdict';
import { partitionOf, threadKey } from '../partition';
import { encodeBatch, encodeEvent, encodeRecord, messageId } from '../wire';
import { SOURCE_HEADER } from '../coverage';
import { eventSubject } from './connection';
import { ThreadPublisher, threadsOfFile } from './feed';
import { NatsServers, freePort } from './servers';
import { readVerdicts } from './totals';
import { runCli, startCli, type Cli, type CliResult } from './testCli';

/** The events the monitor's latest status line counts. */
function eventsSeen(stderr: string): number {
  const all = [...stderr.matchAll(/monitor: (\d+) events/g)];
  return Number(all[all.length - 1]?.[1] ?? 0);
}

/** The processes whose parent is `pid` (from /proc). */
function childrenOf(pid: number): number[] {
  return readdirSync('/proc').filter((d) => /^\d+$/.test(d)).flatMap((d) => {
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid ? [Number(d)] : [];
    } catch {
      return [];
    }
  });
}

const BANNER = 'Application name: SIPS_SPEC\nLocal time:       2026-03-04T10:00:00.000\n';

/** A correct basic call, and one whose EventRinging is missing (the deviation the models must catch). */
function writeLogs(dir: string): { good: string; bad: string } {
  const good = join(dir, 'good_20260304_100000_000.log');
  const bad = join(dir, 'bad_20260304_100000_000.log');
  writeFileSync(good, BANNER + callText(0));
  writeFileSync(bad, BANNER + callText(1).replace(/@[^\n]*message EventRinging\n(\t[^\n]*\n)*/, ''));
  return { good, bad };
}

/**
 * A producer of its own streaming the first call of `log` event by event (tenant `live`) to a
 * fresh 2-partition stream `name`: `send(seq)` publishes the call's event at `seq`, the last one
 * marked; `answered` is the place of its first EventReleased (for a basic call, the events before
 * it: made, rung, answered).
 */
async function liveCall(url: string, log: string, name: string, thread: string): Promise<{ records: TraceRecord[]; answered: number; send: (seq: number) => Promise<void>; close: () => Promise<void> }> {
  const nc = await connect({ servers: url });
  const jsm = await jetstreamManager(nc);
  await jsm.streams.add({ name, subjects: Array.from({ length: 2 }, (_, p) => `${name}.${p}.>`) });
  const js = jetstream(nc);
  const records = [...((await threadsOfFile(log)).threads[0]?.records ?? [])];
  const answered = records.findIndex((r) => r.name === 'EventReleased');
  assert.ok(answered > 2, records.map((r) => r.name).join(' '));
  const subject = eventSubject(name, partitionOf(threadKey('live', thread), 2), 'live', thread);
  const send = async (seq: number): Promise<void> => {
    const event = { tenant: 'live', thread, seq, record: records[seq] as TraceRecord, ...(seq === records.length - 1 ? { last: true } : {}) };
    await js.publish(subject, encodeEvent(event), { msgID: messageId(event) });
  };
  return { records, answered, send, close: () => nc.close() };
}

interface Report { totals: Record<string, number>; redelivered: number; suppressedDuplicates: number; restarts: number }

describe('continuous conformance on NATS JetStream', () => {
  let servers: NatsServers;
  let dir: string;
  let logs: { good: string; bad: string };
  const running: Cli[] = [];

  before(async () => {
    servers = await NatsServers.start(1);
    dir = mkdtempSync(join(tmpdir(), 'cmc-stream-'));
    logs = writeLogs(dir);
  });
  after(async () => {
    for (const c of running) c.kill();
    await servers.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('acceptance: 300 correct calls and 100 missing EventRinging, a 2-worker monitor SIGKILLed mid-stream and restarted: 400 calls, 100 deviating, 0 duplicates', { timeout: 420_000 }, async (t) => {
    const url = servers.url;
    const good = await runCli('feed', [logs.good, '--nats', url, '--repeat', '300']);
    assert.equal(good.code, 0, good.stderr);
    assert.match(good.stdout, /300 call thread\(s\) \(300 copies\); 2100 event\(s\) published to CALLS \(8 partitions\), 0 already there/);
    // A re-feed of the same log (a thread's events batched the same way: the same message ids) is de-duplicated by the stream.
    const again = await runCli('feed', [logs.good, '--nats', url, '--repeat', '300']);
    assert.match(again.stdout, /0 event\(s\) published to CALLS \(8 partitions\), 2100 already there \(de-duplicated\)/, again.stderr);
    // One message per event for these: the workers read both forms in one stream.
    const bad = await runCli('feed', [logs.bad, '--nats', url, '--repeat', '100', '--batch', '1']);
    assert.equal(bad.code, 0, bad.stderr);
    assert.match(bad.stdout, /100 call thread\(s\) \(100 copies\); 600 event\(s\) published/);
    // To kill the monitor while it is sure to be mid-stream — calls judged, their verdicts not yet
    // stored, their events unacknowledged — the verdicts stream takes 50 verdicts only, for now.
    const nc = await connect({ servers: url });
    const jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name: 'VERDICTS', subjects: ['VERDICTS.>'], max_msgs: 50, discard: DiscardPolicy.New });
    const first = startCli('monitor', ['--nats', url, '--workers', '2', '--call-idle', '20', '--ack-wait', '3']);
    running.push(first);
    await first.waitFor((err) => eventsSeen(err) >= 2700, 240_000);
    first.kill();
    await first.exited;
    let unacked = 0;
    for (let p = 0; p < 8; p++) unacked += (await jsm.consumers.info('CALLS', `monitor-${p}`)).num_ack_pending;
    t.diagnostic(`SIGKILLed with ${(await jsm.streams.info('VERDICTS')).state.messages} verdicts stored and ${unacked} messages (of events) delivered but unacknowledged`);
    assert.ok(unacked > 0, 'killed mid-stream: messages delivered and not acknowledged');
    await jsm.streams.update('VERDICTS', { max_msgs: -1 });
    await nc.close();

    const json = join(dir, 'totals.json');
    const second = await runCli('monitor', ['--nats', url, '--workers', '2', '--until-idle', '3', '--call-idle', '20', '--ack-wait', '3', '--json', json]);
    assert.equal(second.code, 1, `exit 1: calls deviate\n${second.stderr}`);
    const report = JSON.parse(readFileSync(json, 'utf8')) as Report;
    t.diagnostic(`restarted monitor: ${JSON.stringify(report)}`);
    assert.ok(report.redelivered > 0, 'the killed monitor\'s unacknowledged events came back');
    assert.deepEqual(report.totals, { calls: 400, conformant: 300, deviating: 100, unrecognised: 0, unreadable: 0, incomplete: 0, duplicates: 0, lost: 0, late: 0 });
    assert.match(second.stdout, /VERDICTS: 400 call\(s\): 300 conform, 100 deviate, 0 unrecognised, 0 unreadable \(0 judged incomplete\); 0 duplicate verdict\(s\); 0 message\(s\) lost; 0 call\(s\) with events after their verdict/);
    assert.deepEqual((JSON.parse(second.stdout.trim().split('\n').pop() ?? '{}') as Report).totals, report.totals, 'printed and written alike');

    // A rerun from the stream's start (a new consumer group, a new verdicts stream): the same verdicts.
    const rerun = await runCli('monitor', ['--nats', url, '--workers', '1', '--group', 'rerun', '--verdicts', 'RERUN', '--until-idle', '2', '--call-idle', '20']);
    assert.equal(rerun.code, 1, rerun.stderr);
    const nc2 = await connect({ servers: url });
    const a = new Map<string, ThreadVerdict>();
    const b = new Map<string, ThreadVerdict>();
    await readVerdicts(nc2, 'VERDICTS', (v) => a.set(v.key, v));
    await readVerdicts(nc2, 'RERUN', (v) => b.set(v.key, v));
    await nc2.close();
    assert.equal(b.size, 400);
    for (const [key, v] of a) assert.deepEqual(b.get(key), v, `verdict of ${key}`);
    const deviating = [...a.values()].find((v) => v.outcome === 'deviates');
    assert.match(deviating?.deviation?.diff ?? '', /- EventRinging .* missing/);
    assert.equal(deviating?.deviation?.scenario.name.startsWith('Alice calls Bob'), true);
  });

  it('a verdict a worker stored before dying unacknowledged is not stored twice: the redelivered call is suppressed', { timeout: 300_000 }, async () => {
    const url = servers.url;
    assert.equal((await runCli('feed', [logs.good, '--nats', url, '--stream', 'ONCE', '--tenant', 'once', '--repeat', '3'])).code, 0);
    // What a crashed worker leaves: the verdict of one call stored, its events never acknowledged.
    const nc = await connect({ servers: url });
    const jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name: 'ONCE_V', subjects: ['ONCE_V.>'] });
    await jetstream(nc).publish('ONCE_V.once.00a1020300000000', JSON.stringify({ key: 'once:00a1020300000000', outcome: 'conforms', complete: true }), { msgID: 'once:00a1020300000000' });
    await nc.close();
    const r = await runCli('monitor', ['--nats', url, '--stream', 'ONCE', '--verdicts', 'ONCE_V', '--workers', '1', '--until-idle', '2']);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as Report;
    assert.deepEqual(report.totals, { calls: 3, conformant: 3, deviating: 0, unrecognised: 0, unreadable: 0, incomplete: 0, duplicates: 0, lost: 0, late: 0 });
    assert.equal(report.suppressedDuplicates, 1);
  });

  it('a worker SIGKILLed mid-stream (the monitor goes on) is started again, and its calls are judged once', { timeout: 300_000 }, async (t) => {
    const url = servers.url;
    assert.equal((await runCli('feed', [logs.good, '--nats', url, '--stream', 'KILL', '--tenant', 'kill', '--repeat', '200'])).code, 0);
    const nc = await connect({ servers: url });
    const jsm = await jetstreamManager(nc);
    // Mid-stream for sure: the verdicts stream takes 20 verdicts only until the worker has been killed.
    await jsm.streams.add({ name: 'KILL_V', subjects: ['KILL_V.>'], max_msgs: 20, discard: DiscardPolicy.New });
    const monitor = startCli('monitor', ['--nats', url, '--stream', 'KILL', '--verdicts', 'KILL_V', '--group', 'kill', '--workers', '2', '--until-idle', '3', '--call-idle', '20', '--ack-wait', '3']);
    running.push(monitor);
    await monitor.waitFor((err) => eventsSeen(err) >= 1400, 240_000);
    const workers = childrenOf(monitor.child.pid ?? 0);
    assert.equal(workers.length, 2, 'two worker processes');
    process.kill(workers[0] ?? 0, 'SIGKILL');
    await monitor.waitFor((err) => /worker \d \(partitions [\d,]+\) ended \(SIGKILL\); starting it again/.test(err), 60_000);
    await jsm.streams.update('KILL_V', { max_msgs: -1 });
    await nc.close();
    const r = await monitor.exited;
    assert.equal(r.code, 0, r.stderr.slice(-3000));
    const report = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as Report;
    t.diagnostic(JSON.stringify(report));
    assert.deepEqual(report.totals, { calls: 200, conformant: 200, deviating: 0, unrecognised: 0, unreadable: 0, incomplete: 0, duplicates: 0, lost: 0, late: 0 });
    assert.equal(report.restarts, 1);
  });

  it('messages a stream limit discarded before the monitor read them are counted lost (exit 2), not missing from the totals unseen', { timeout: 300_000 }, async (t) => {
    const url = servers.url;
    const nc = await connect({ servers: url });
    const jsm = await jetstreamManager(nc);
    // An operator's retention limit (max_msgs here; max_age, max_bytes alike), oldest discarded first.
    await jsm.streams.add({ name: 'LIMIT', subjects: Array.from({ length: 8 }, (_, p) => `LIMIT.${p}.>`), max_msgs: 6, discard: DiscardPolicy.Old });
    const fed = await runCli('feed', [logs.good, '--nats', url, '--stream', 'LIMIT', '--tenant', 'lim', '--repeat', '100']);
    assert.equal(fed.code, 0, fed.stderr);
    const discarded = (await jsm.streams.info('LIMIT')).state.first_seq - 1;
    await nc.close();
    assert.ok(discarded > 0, 'the limit discarded messages');
    const r = await runCli('monitor', ['--nats', url, '--stream', 'LIMIT', '--verdicts', 'LIMIT_V', '--group', 'lim', '--workers', '1', '--until-idle', '2']);
    const report = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as Report & { lostMessages: { producer: string; from: number; to: number }[] };
    t.diagnostic(JSON.stringify(report.totals));
    assert.equal(r.code, 2, `exit 2: the harness could not judge every call\n${r.stderr}`);
    assert.equal(report.totals.lost, discarded, 'every discarded message counted, once');
    assert.ok((report.totals.calls ?? 0) > 0 && (report.totals.calls ?? 0) < 100, 'the calls of the messages left judged');
    assert.equal(report.totals.deviating, 0);
    assert.equal(report.totals.unreadable, 0, 'whole calls were discarded: none judged with a hole');
    assert.deepEqual(report.lostMessages.map((g) => [g.from, g.to]), [[0, discarded - 1]], 'the oldest');
    assert.match(r.stderr, new RegExp(`LIMIT at ${url}: ${discarded} message\\(s\\) of the events stream never reached a worker \\(producer [0-9a-f]{12}'s messages 0–${discarded - 1}\\)`));
  });

  it('a re-feed stored after the duplicate window, and the same calls re-published by another producer (a Kafka bridge restarted): nothing counted lost, each call judged once', { timeout: 300_000 }, async () => {
    const url = servers.url;
    const feed = ['feed', logs.good, '--nats', url, '--stream', 'REFEED', '--tenant', 're', '--repeat', '20', '--dedup-window', '1'] as const;
    assert.equal((await runCli(feed[0], feed.slice(1))).code, 0);
    await new Promise((r) => setTimeout(r, 1_500));
    const again = await runCli(feed[0], feed.slice(1));
    assert.match(again.stdout, /140 event\(s\) published to REFEED \(8 partitions\), 0 already there/, 'stored again, after the window');
    const nc = await connect({ servers: url });
    const jsm = await jetstreamManager(nc);
    const stream = { name: 'REFEED', partitions: 8, replicas: 1 };
    const publisher = new ThreadPublisher(nc, stream, url, 're', 'otherproducer');
    await new Promise((r) => setTimeout(r, 1_500));
    const threads = (await threadsOfFile(logs.good)).threads;
    for (let copy = 0; copy < 20; copy++) await publisher.publishAll(threads, copy);
    await publisher.end();
    assert.equal((await jsm.streams.info('REFEED')).state.messages > 0, true);
    await nc.close();
    const r = await runCli('monitor', ['--nats', url, '--stream', 'REFEED', '--verdicts', 'REFEED_V', '--group', 're', '--workers', '1', '--until-idle', '2']);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as Report;
    assert.deepEqual(report.totals, { calls: 20, conformant: 20, deviating: 0, unrecognised: 0, unreadable: 0, incomplete: 0, duplicates: 0, lost: 0, late: 0 });
  });

  it('a call that never completes is judged after its idle time, as incomplete; a message that is not an event, or whose source header is damaged, is an unreadable verdict (exit 2)', { timeout: 300_000 }, async () => {
    const url = servers.url;
    const nc = await connect({ servers: url });
    const jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name: 'IDLE', subjects: Array.from({ length: 2 }, (_, p) => `IDLE.${p}.>`) });
    const js = jetstream(nc);
    // What another producer might publish: a call's first three events, no "last" marker, never more.
    const records = (await threadsOfFile(logs.good)).threads[0]?.records.slice(0, 3) ?? [];
    const key = threadKey('ext', 'c-1');
    for (const [seq, record] of records.entries()) {
      const event = { tenant: 'ext', thread: 'c-1', seq, record };
      await js.publish(eventSubject('IDLE', partitionOf(key, 2), 'ext', 'c-1'), encodeEvent(event), { msgID: messageId(event) });
    }
    await js.publish('IDLE.0.ext.junk', '{"tenant":"ext"');
    // A whole call whose source header (support/stream/coverage.ts) is damaged: not judged as if it had none.
    const damaged = headers();
    damaged.set(SOURCE_HEADER, 'feed 7');
    const whole = (await threadsOfFile(logs.good)).threads[0]?.records ?? [];
    await js.publish(eventSubject('IDLE', 1, 'ext', 'c-2'), encodeBatch('ext', 'c-2', 0, whole.map((r) => encodeRecord(r)), true), { headers: damaged });
    await nc.close();
    const r = await runCli('monitor', ['--nats', url, '--stream', 'IDLE', '--verdicts', 'IDLE_V', '--workers', '1', '--until-idle', '6', '--call-idle', '2']);
    assert.equal(r.code, 2, r.stderr);
    const report = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as Report;
    assert.deepEqual(report.totals, { calls: 3, conformant: 1, deviating: 0, unrecognised: 0, unreadable: 2, incomplete: 3, duplicates: 0, lost: 0, late: 0 });
    const nc2 = await connect({ servers: url });
    const verdicts: ThreadVerdict[] = [];
    await readVerdicts(nc2, 'IDLE_V', (v) => verdicts.push(v));
    await nc2.close();
    const call = verdicts.find((v) => v.key === 'ext:c-1');
    assert.equal(call?.complete, false);
    assert.equal(call?.events, 3);
    assert.match(verdicts.find((v) => v.outcome === 'unreadable')?.unreadable ?? '', /^IDLE\.0\.ext\.junk \(stream IDLE #\d+\): not JSON/);
    assert.match(verdicts.filter((v) => v.outcome === 'unreadable')[1]?.unreadable ?? '', /^IDLE\.1\.ext\.c-2 \(stream IDLE #\d+\): its Cmc-Source header "feed 7" is not <producer>:<place>/);
  });

  /**
   * A call streamed live (see {@link liveCall}) to the stream `name`: its events up to the hang-up,
   * a monitor that judges it after its --call-idle of 2 s, `between` (what happens meanwhile), then
   * the rest of its events. The monitor must count the call late (exit 2).
   */
  const lateCall = async (name: string, thread: string, extra: readonly string[], between?: (monitor: Cli) => Promise<void>): Promise<{ r: CliResult; late: number }> => {
    const url = servers.url;
    const { records, answered, send, close } = await liveCall(url, logs.good, name, thread);
    for (let seq = 0; seq < answered; seq++) await send(seq);
    const monitor = startCli('monitor', ['--nats', url, '--stream', name, '--verdicts', `${name}_V`, '--group', name.toLowerCase(), '--workers', '1', '--call-idle', '2', ...extra]);
    running.push(monitor);
    await monitor.waitFor((err) => /\(1 incomplete\)/.test(err), 120_000);
    await between?.(monitor);
    for (let seq = answered; seq < records.length; seq++) await send(seq);
    await close();
    const r = await monitor.exited;
    assert.equal(r.code, 2, r.stderr.slice(-3000));
    const report = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as Report;
    assert.deepEqual(report.totals, { calls: 1, conformant: 1, deviating: 0, unrecognised: 0, unreadable: 0, incomplete: 1, duplicates: 0, lost: 0, late: 1 });
    return { r, late: records.length - answered };
  };

  it('a call whose events pause longer than --call-idle is judged as it is; the events that come after its verdict are counted (exit 2), not acknowledged unseen', { timeout: 300_000 }, async () => {
    // A producer of its own that streams a call's events as they happen: the call is answered, then
    // a talk longer than the monitor's --call-idle, then the hang-up.
    const { r, late } = await lateCall('LATE', 'c-1', ['--until-idle', '4']);
    assert.match(r.stderr, /1 call\(s\) had events after their verdict: judged after --call-idle \(2 s\) without events while the call went on/);
    assert.match(r.stderr, new RegExp(`${late} event\\(s\\) came after their call's verdict`));
  });

  it('events that come after a call\'s verdict are late even when the worker that judged the call was restarted in between', { timeout: 300_000 }, async () => {
    await lateCall('LATE2', 'c-2', ['--until-idle', '6', '--ack-wait', '3'], async (monitor) => {
      // The worker that judged the call dies; the one started in its place knows nothing of it.
      const [worker] = childrenOf(monitor.child.pid ?? 0);
      process.kill(worker ?? 0, 'SIGKILL');
      await monitor.waitFor((err) => /ended \(SIGKILL\); starting it again/.test(err), 60_000);
    });
  });

  it('a stream none of whose calls follows a model was not judged against one: exit 2, not a clean exit 0', { timeout: 300_000 }, async () => {
    const url = servers.url;
    // A call to a routing point that diverts on ringing: only a switch configuration no event shows explains it (unrecognised).
    const log = join(__dirname, '..', '..', 'recognize', 'fixtures', 'routing-no-divert-on-ringing.log');
    assert.equal((await runCli('feed', [log, '--nats', url, '--stream', 'UNREC', '--tenant', 'unrec'])).code, 0);
    const r = await runCli('monitor', ['--nats', url, '--stream', 'UNREC', '--verdicts', 'UNREC_V', '--group', 'unrec', '--workers', '1', '--until-idle', '2']);
    const report = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as Report;
    assert.deepEqual(report.totals, { calls: 1, conformant: 0, deviating: 0, unrecognised: 1, unreadable: 0, incomplete: 1, duplicates: 0, lost: 0, late: 0 });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, new RegExp(`none of the 1 call\\(s\\) of UNREC at ${url} follows a scenario of the models: nothing was judged against one`));
  });

  it('input it cannot use: exit 2 naming the file or the URL; usage errors: exit 64', { timeout: 300_000 }, async () => {
    const closed = `nats://127.0.0.1:${await freePort()}`;
    const missing = await runCli('feed', [join(dir, 'nope.log'), '--nats', servers.url]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nope\.log: no such file/);
    const damaged = await runCli('feed', [join(__dirname, '..', '..', 'trace', 'fixtures', 'native-damaged.log'), '--nats', servers.url, '--stream', 'DAMAGED']);
    assert.equal(damaged.code, 2);
    assert.match(damaged.stderr, /native-damaged\.log:3: a truncated or damaged record/);
    const unreachable = await runCli('feed', [logs.good, '--nats', closed]);
    assert.equal(unreachable.code, 2);
    assert.match(unreachable.stderr, new RegExp(`could not connect to NATS at ${closed}`));
    const noStream = await runCli('monitor', ['--nats', servers.url, '--stream', 'NOSUCH', '--until-idle', '1']);
    assert.equal(noStream.code, 2);
    assert.match(noStream.stderr, new RegExp(`there is no stream NOSUCH at ${servers.url}`));
    const monitorDown = await runCli('monitor', ['--nats', closed, '--until-idle', '1']);
    assert.equal(monitorDown.code, 2);
    assert.match(monitorDown.stderr, /could not connect to NATS at nats:\/\/127\.0\.0\.1:\d+/);
    assert.equal((await runCli('feed', [logs.good, '--nats', 'http://x y'])).code, 64);
    assert.equal((await runCli('feed', [logs.good])).code, 64);
    assert.equal((await runCli('monitor', ['--nats', servers.url, '--workers', 'two'])).code, 64);
  });
});
