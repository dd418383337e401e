/**
 * Continuous conformance benchmark (issue 19): a nats-server of its own (temporary store, loopback),
 * a synthetic log of `calls` basic calls (logGenerator.ts) published by this process to the events
 * stream while `npm run monitor` (1 worker, then 2) judges them; end to end = from the first
 * publish to the last verdict stored in the verdicts stream (publish → JetStream → worker → verdict).
 * Baseline, in the same run: `npm run recognize -- <log> --json` on the same file, its processing
 * time (the command's time less its time on a one-call log: loading the models). Memory: the
 * workers' peak RSS on `calls` and on twice as many calls (bounded by open calls, not by the stream).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { ensureEventsStream } from '../support/stream/nats/connection';
import { ThreadPublisher, threadsOfFile } from '../support/stream/nats/feed';
import { NatsServers } from '../support/stream/nats/servers';
import { startCli } from '../support/stream/nats/testCli';
import { callText, EVENTS_PER_CALL } from './logGenerator';

export interface MonitorRun {
  readonly workers: number;
  readonly calls: number;
  readonly events: number;
  readonly ms: number;
  readonly eventsPerS: number;
  readonly verdicts: number;
  readonly duplicates: number;
  readonly maxOpenCalls: number;
  readonly peakWorkerRssMb: number;
}

export interface MonitorBenchResult {
  readonly one: MonitorRun;
  readonly two: MonitorRun;
  /** 1 worker on twice the calls: memory should not follow. */
  readonly double: MonitorRun;
  /** two workers' throughput / one's. */
  readonly scaling: number;
  readonly recognizeEventsPerS: number;
  /** The command on the baseline log (BASELINE_TIMES × the calls), end to end. */
  readonly recognizeMs: number;
  readonly recognizeEvents: number;
  readonly recognizeStartupMs: number;
  /** monitor (1 worker) throughput / recognize's. */
  readonly vsRecognize: number;
}

/** What is published per call: its 6 events and the RequestMakeCall before them (all counted as "events" here). */
export const MESSAGES_PER_CALL = EVENTS_PER_CALL + 1;

/** The recognize baseline's log has this many times the calls (it judges them much faster than its start). */
const BASELINE_TIMES = 10;

const BANNER = 'Application name: SIPS_BENCH\nLocal time:       2026-03-04T10:00:00.000\n';

function writeCalls(path: string, from: number, calls: number): void {
  const parts = [BANNER];
  for (let n = from; n < from + calls; n++) parts.push(callText(n));
  writeFileSync(path, parts.join(''));
}

/** One monitor run on its own stream and verdicts stream. */
async function monitorRun(servers: NatsServers, log: string, tag: string, workers: number): Promise<MonitorRun> {
  const url = servers.url;
  const read = await threadsOfFile(log);
  const nc = await connect({ servers: url });
  const jsm = await jetstreamManager(nc);
  const stream = await ensureEventsStream(jsm, url, `B${tag}`, 8, 1, 120_000);
  const monitor = startCli('monitor', ['--nats', url, '--stream', `B${tag}`, '--verdicts', `V${tag}`, '--workers', String(workers), '--until-idle', '2', '--call-idle', '30']);
  try {
    await monitor.waitFor((err) => /worker\(s\)/.test(err), 300_000);
    const started = process.hrtime.bigint();
    const publisher = new ThreadPublisher(nc, stream, url, 'bench');
    await publisher.publishAll(read.threads);
    await publisher.end();
    let verdicts = 0;
    while (verdicts < read.threads.length) {
      await new Promise((r) => setTimeout(r, 20));
      verdicts = (await jsm.streams.info(`V${tag}`)).state.messages;
    }
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const r = await monitor.exited;
    const report = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as { totals: { calls: number; duplicates: number }; maxOpenCalls: number; peakWorkerRssMb: number };
    const events = read.records;
    return {
      workers, calls: read.threads.length, events, ms, eventsPerS: (events * 1000) / ms, verdicts: report.totals.calls, duplicates: report.totals.duplicates,
      maxOpenCalls: report.maxOpenCalls, peakWorkerRssMb: report.peakWorkerRssMb,
    };
  } finally {
    monitor.kill();
    await jsm.streams.delete(`B${tag}`).catch(() => undefined);
    await jsm.streams.delete(`V${tag}`).catch(() => undefined);
    await nc.close();
  }
}

function recognizeMs(log: string): number {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', join(__dirname, '../support/cli/recognize.ts'), log, '--json'], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 600_000 });
  if (r.status !== 0) throw new Error(`npm run recognize failed (${String(r.status)}): ${String(r.stderr)}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

export async function monitorBench(calls: number): Promise<MonitorBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'cmc-monitor-bench-'));
  const servers = await NatsServers.start(1);
  try {
    const log = join(dir, 'calls_20260304_100000_000.log');
    const big = join(dir, 'double_20260304_100000_000.log');
    const tiny = join(dir, 'one_20260304_100000_000.log');
    const baseline = join(dir, 'baseline_20260304_100000_000.log');
    writeCalls(log, 0, calls);
    writeCalls(big, 0, calls * 2);
    writeCalls(tiny, 0, 1);
    writeCalls(baseline, 0, calls * BASELINE_TIMES);
    const one = await monitorRun(servers, log, 'one', 1);
    const two = await monitorRun(servers, log, 'two', 2);
    const double = await monitorRun(servers, big, 'double', 1);
    // The command's time on a log of the same calls, BASELINE_TIMES as many (so that its events
    // outweigh its start), less its time on a one-call log (starting, loading the models): what it
    // spends on the events. Each the faster of two runs.
    const recognizeStartupMs = Math.min(recognizeMs(tiny), recognizeMs(tiny));
    const total = Math.min(recognizeMs(baseline), recognizeMs(baseline));
    const processing = Math.max(1, total - recognizeStartupMs);
    const recognizeEventsPerS = ((calls * BASELINE_TIMES - 1) * MESSAGES_PER_CALL * 1000) / processing;
    return { one, two, double, scaling: two.eventsPerS / one.eventsPerS, recognizeEventsPerS, recognizeMs: total, recognizeEvents: calls * BASELINE_TIMES * MESSAGES_PER_CALL, recognizeStartupMs, vsRecognize: one.eventsPerS / recognizeEventsPerS };
  } finally {
    await servers.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
