/**
 * `npm run monitor -- --nats <url> [--stream CALLS] [--workers K] [--until-idle S] [--json FILE]`:
 * judges every call of the events stream, continuously, with K worker processes
 * (support/stream/nats/monitor.ts), one verdict per call in the verdicts stream. A live status
 * line goes to stderr; at the end (after S idle seconds with --until-idle, or on Ctrl-C) the totals
 * of the verdicts stream are printed and, with --json, written: {"totals": {"calls", "conformant",
 * "deviating", "unrecognised", "unreadable", "incomplete", "duplicates"}, …}.
 *
 * Exit codes: 0 every call judged conforms (or is unrecognised) · 1 a call deviates · 2 could not
 * test (NATS unreachable or no such stream — the message names the URL —, a call unreadable, no
 * call judged at all) · 64 usage.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { EXIT, TestCompromisedError, UsageError } from '../errors';
import { natsServers } from '../stream/nats/connection';
import { Monitor, type MonitorOptions, type MonitorResult } from '../stream/nats/monitor';

const USAGE = `usage: npm run monitor -- --nats <url> [--stream CALLS] [--verdicts VERDICTS] [--workers 2] [--until-idle S] [--json FILE]
         [--group monitor] [--call-idle 60] [--ack-wait S] [--max-ack-pending 50000] [--dedup-window 120]
         [--features dir] [--capabilities off-hook:reported,...] [--settle ms]`;

const OPTIONS = {
  nats: { type: 'string' }, stream: { type: 'string' }, verdicts: { type: 'string' }, workers: { type: 'string' }, 'until-idle': { type: 'string' },
  json: { type: 'string' }, group: { type: 'string' }, 'call-idle': { type: 'string' }, 'ack-wait': { type: 'string' }, 'max-ack-pending': { type: 'string' },
  'dedup-window': { type: 'string' }, features: { type: 'string' }, capabilities: { type: 'string' }, settle: { type: 'string' }, help: { type: 'boolean' },
} as const;

function number(name: string, value: string | undefined, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  if (!/^\d+(\.\d+)?$/.test(value) || Number(value) < min) throw new UsageError(`--${name} must be a number of at least ${min}, got "${value}"\n${USAGE}`);
  return Number(value);
}

function name(option: string, value: string | undefined, fallback: string): string {
  const n = value ?? fallback;
  if (!/^[A-Za-z0-9_-]+$/.test(n)) throw new UsageError(`--${option}: "${n}" is not a name (letters, digits, - and _)`);
  return n;
}

export function monitorOptions(argv: readonly string[]): MonitorOptions & { json?: string } {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: false, strict: true, options: OPTIONS });
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\n${USAGE}`);
  }
  const v = parsed.values;
  if (v.help || !v.nats) throw new UsageError(USAGE);
  natsServers(v.nats);
  const callIdle = number('call-idle', v['call-idle'], 60, 0.1);
  const untilIdle = v['until-idle'] === undefined ? undefined : number('until-idle', v['until-idle'], 0, 0.1);
  return {
    url: v.nats, stream: name('stream', v.stream, 'CALLS'), verdicts: name('verdicts', v.verdicts, 'VERDICTS'), group: name('group', v.group, 'monitor'),
    workers: number('workers', v.workers, 2, 1), ...(untilIdle !== undefined ? { untilIdleS: untilIdle } : {}),
    callIdleMs: callIdle * 1000, ackWaitMs: number('ack-wait', v['ack-wait'], callIdle * 1.5 + 30, 1) * 1000,
    maxAckPending: number('max-ack-pending', v['max-ack-pending'], 50_000, 100), duplicateWindowMs: number('dedup-window', v['dedup-window'], 120, 1) * 1000,
    ...(v.settle !== undefined ? { settleMs: number('settle', v.settle, 300) } : {}),
    ...(v.capabilities ? { features: v.capabilities.split(',').map((c) => c.trim()).filter(Boolean) } : {}),
    ...(v.features ? { featuresDir: v.features } : {}), ...(v.json ? { json: v.json } : {}),
  };
}

export function exitCodeOf(r: MonitorResult): number {
  const t = r.totals;
  if (t.calls === 0 || t.unreadable > 0) return EXIT.broken;
  return t.deviating > 0 ? EXIT.failed : EXIT.passed;
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
  const report = { totals: t, stream: o.stream, verdicts: o.verdicts, workers: r.workers, partitions: r.partitions, events: r.events, messages: r.messages, redelivered: r.redelivered, suppressedDuplicates: r.suppressed, restarts: r.restarts, maxOpenCalls: r.maxOpenCalls, peakWorkerRssMb: Math.round(r.peakWorkerRssMb), seconds: r.seconds };
  console.log(`${o.verdicts}: ${t.calls} call(s): ${t.conformant} conform, ${t.deviating} deviate, ${t.unrecognised} unrecognised, ${t.unreadable} unreadable (${t.incomplete} judged incomplete); ${t.duplicates} duplicate verdict(s)`);
  console.log(JSON.stringify(report));
  if (o.json) writeFileSync(o.json, `${JSON.stringify(report, null, 2)}\n`);
  if (t.calls === 0) console.error(`no call was judged: the stream ${o.stream} at ${o.url} brought no events`);
  return exitCodeOf(r);
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => { process.exitCode = code; },
    (e: unknown) => {
      const known = e instanceof UsageError || e instanceof TestCompromisedError;
      console.error(known ? (e as Error).message : `monitor could not run: ${(e as Error).stack ?? String(e)}`);
      process.exitCode = e instanceof UsageError ? EXIT.usage : EXIT.broken;
    },
  );
}
