/**
 * `npm run monitor -- --nats <url> [--stream CALLS] [--workers K] [--until-idle S] [--json FILE]`:
 * judges every call of the events stream, continuously, with K worker processes
 * (support/stream/nats/monitor.ts), one verdict per call in the verdicts stream. A live status
 * line goes to stderr; at the end (after S idle seconds with --until-idle, or on Ctrl-C) the totals
 * of the verdicts stream are printed and, with --json, written: {"totals": {"calls", "conformant",
 * "deviating", "unrecognised", "unreadable", "incomplete", "duplicates", "lost", "late"}, …}.
 *
 * Exit codes: 0 every call judged conforms (or is unrecognised), one at least conforms · 1 a call deviates · 2 could not
 * test (NATS unreachable or no such stream — the message names the URL —, a call unreadable,
 * messages of the stream no worker read (support/stream/coverage.ts), calls with events after their
 * verdict (judged after --call-idle while going on), no call judged at all or none against a model) · 64 usage.
 */
import { writeFileSync } from 'node:fs';
import { EXIT } from '../errors';
import { decimal, existingDirectory, parseCommandLine, runCommand, usageError, wholeNumber, type CommandSpec } from '../config/commandLine';
import { natsServers } from '../stream/nats/connection';
import { describeLost } from '../stream/coverage';
import { Monitor, type MonitorOptions, type MonitorResult } from '../stream/nats/monitor';

export const COMMAND = {
  name: 'monitor',
  synopsis: ['--nats <url> [options]'],
  description: `Judges every call of a NATS JetStream events stream (fed by npm run feed), continuously, with worker
processes; one verdict per call goes to the verdicts stream, a live status line to stderr. At the end
(after --until-idle seconds without events, or on Ctrl-C) the totals are printed.`,
  options: {
    nats: { type: 'string', value: '<url>', help: 'the NATS server (nats://host:4222; required)' },
    stream: { type: 'string', value: '<name>', help: 'the events stream (default CALLS)' },
    verdicts: { type: 'string', value: '<name>', help: 'the stream the verdicts are published to (default VERDICTS)' },
    workers: { type: 'string', value: '<k>', help: 'worker processes (default 2; at most one per partition)' },
    'until-idle': { type: 'string', value: '<s>', help: 'stop after this many seconds without a new event (default: run until Ctrl-C)' },
    json: { type: 'string', value: '<file>', help: 'also write the totals and the run\'s figures to this file as JSON' },
    group: { type: 'string', value: '<name>', help: 'the durable consumer group of the workers (default monitor)' },
    'call-idle': { type: 'string', value: '<s>', help: 'a call without a new event for this long is judged, as incomplete if it has not ended (default 60)' },
    'ack-wait': { type: 'string', value: '<s>', help: 'how long a delivery may stay unacknowledged before it is redelivered (default 1.5 × call-idle + 30)' },
    'max-ack-pending': { type: 'string', value: '<n>', help: 'unacknowledged deliveries per worker, at least 100 (default 50000)' },
    'dedup-window': { type: 'string', value: '<s>', help: "the verdicts stream's duplicate window in seconds (default 120)" },
    features: { type: 'string', value: '<dir>', help: 'another specification directory (default: features)' },
    capabilities: { type: 'string', value: '<a,b,...>', help: 'what the switch is known to do (@requires: names, comma-separated, e.g. off-hook:reported)' },
    settle: { type: 'string', value: '<ms>', help: 'events a scenario does not expect are judged up to this long after its last expected one (default 300)' },
  },
  epilogue: 'Exit codes: 0 every call judged conforms (or is unrecognised), one at least conforms · 1 a call deviates · 2 could not test (NATS unreachable, no such stream, a call unreadable, messages of the stream discarded before a worker read them, calls with events after their verdict, no call judged, or none follows a model) · 64 usage error.',
} as const satisfies CommandSpec;

/** Seconds, at most what a timer can wait (2^31 - 1 ms). */
const seconds = (name: string, value: string | undefined, fallback: number, min: number): number => decimal(COMMAND.name, name, value, fallback, min, 2_147_483);
const count = (name: string, value: string | undefined, fallback: number, min: number): number => wholeNumber(COMMAND.name, name, value, fallback, min);

function name(option: string, value: string | undefined, fallback: string): string {
  const n = value ?? fallback;
  if (!/^[A-Za-z0-9_-]+$/.test(n)) throw usageError(COMMAND.name, `--${option}: "${n}" is not a name (letters, digits, - and _)`);
  return n;
}

export function monitorOptions(argv: readonly string[]): MonitorOptions & { json?: string } {
  const v = parseCommandLine(COMMAND, argv).values;
  if (!v.nats) throw usageError(COMMAND.name, 'npm run monitor: --nats <url> is required');
  natsServers(v.nats);
  const featuresDir = existingDirectory(COMMAND.name, 'features', v.features);
  const callIdle = seconds('call-idle', v['call-idle'], 60, 0.1);
  const untilIdle = v['until-idle'] === undefined ? undefined : seconds('until-idle', v['until-idle'], 0, 0.1);
  return {
    url: v.nats, stream: name('stream', v.stream, 'CALLS'), verdicts: name('verdicts', v.verdicts, 'VERDICTS'), group: name('group', v.group, 'monitor'),
    workers: count('workers', v.workers, 2, 1), ...(untilIdle !== undefined ? { untilIdleS: untilIdle } : {}),
    callIdleMs: callIdle * 1000, ackWaitMs: seconds('ack-wait', v['ack-wait'], callIdle * 1.5 + 30, 1) * 1000,
    maxAckPending: count('max-ack-pending', v['max-ack-pending'], 50_000, 100), duplicateWindowMs: seconds('dedup-window', v['dedup-window'], 120, 1) * 1000,
    ...(v.settle !== undefined ? { settleMs: count('settle', v.settle, 300, 0) } : {}),
    ...(v.capabilities ? { features: v.capabilities.split(',').map((c) => c.trim()).filter(Boolean) } : {}),
    ...(featuresDir ? { featuresDir } : {}), ...(v.json ? { json: v.json } : {}),
  };
}

export function exitCodeOf(r: MonitorResult): number {
  const t = r.totals;
  if (t.calls === 0 || t.unreadable > 0 || t.lost > 0 || t.late > 0) return EXIT.broken;
  if (t.deviating > 0) return EXIT.failed;
  // As a conformance run in which nothing passed: no call was judged against a model.
  return t.conformant > 0 ? EXIT.passed : EXIT.broken;
}

async function main(argv: readonly string[]): Promise<number> {
  const o = monitorOptions(argv);
  const tty = process.stderr.isTTY;
  const abort = new AbortController();
  process.once('SIGINT', () => abort.abort());
  process.once('SIGTERM', () => abort.abort());
  const monitor = new Monitor({ ...o, onStatus: (line) => process.stderr.write(tty ? `\r\x1b[K${line}` : `${line}\n`) });
  const r = await monitor.run(abort.signal);
  if (tty) process.stderr.write('\n');
  const t = r.totals;
  const report = { totals: t, stream: o.stream, verdicts: o.verdicts, workers: r.workers, partitions: r.partitions, events: r.events, messages: r.messages, redelivered: r.redelivered, suppressedDuplicates: r.suppressed, restarts: r.restarts, maxOpenCalls: r.maxOpenCalls, peakWorkerRssMb: Math.round(r.peakWorkerRssMb), seconds: r.seconds, ...(t.lost > 0 ? { lostMessages: r.lost.gaps } : {}) };
  console.log(`${o.verdicts}: ${t.calls} call(s): ${t.conformant} conform, ${t.deviating} deviate, ${t.unrecognised} unrecognised, ${t.unreadable} unreadable (${t.incomplete} judged incomplete); ${t.duplicates} duplicate verdict(s); ${t.lost} message(s) lost; ${t.late} call(s) with events after their verdict`);
  console.log(JSON.stringify(report));
  if (o.json) writeFileSync(o.json, `${JSON.stringify(report, null, 2)}\n`);
  if (t.calls === 0) console.error(`no call was judged: the stream ${o.stream} at ${o.url} brought no events`);
  else if (t.conformant === 0 && t.deviating === 0) console.error(`none of the ${t.calls} call(s) of ${o.stream} at ${o.url} follows a scenario of the models: nothing was judged against one (their verdicts in ${o.verdicts} say why each is unrecognised or unreadable)`);
  if (t.lost > 0) console.error(`${o.stream} at ${o.url}: ${describeLost(r.lost)}`);
  if (t.late > 0) console.error(`${t.late} call(s) had events after their verdict: judged after --call-idle (${o.callIdleMs / 1000} s) without events while the call went on, so part of each was not judged; raise --call-idle above the longest pause in a call (a talk, a hold), or mark each thread's last event`);
  return exitCodeOf(r);
}

if (require.main === module) runCommand(COMMAND, process.argv.slice(2), main);
