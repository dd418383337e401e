/**
 * Every call of a replayed log, judged one by one. A replay judges each scenario on the first
 * exercise of it the log holds (support/trace/replayMatch.ts): of a log with a correct basic call and
 * then one without its EventRinging, it passed "Alice calls Bob" and certified the switch
 * "conformant (partial)" — the other calls of the same kind were never judged. After an unfiltered
 * replay the suite runs `npm run recognize` on the same log (its own process: it loads the models'
 * step definitions afresh) and a call that deviates makes the run not conformant
 * (report/certificate.ts, report/afterRun.ts finalVerdict). A call the log's end leaves going on is
 * not counted (listed as such): its deviation may be only the events a rotated file's end cut off.
 * Its verdicts go to `log-calls.ndjson` beside the other reports.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TYPESCRIPT_NODE_ARGS } from '../accel/typescriptNode';
import type { LogCalls } from '../report/certificate';
import { msOf } from '../trace/record';

export const LOG_CALLS_FILE = 'log-calls.ndjson';

/** How many deviating calls the summary names (every one is in the file). */
const NAMED = 10;

export interface CallLine {
  readonly type: 'call' | 'summary';
  readonly outcome?: string;
  readonly complete?: boolean;
  readonly firstTime?: string;
  readonly from?: string;
  readonly deviation?: { readonly scenario: { readonly uri: string; readonly line: number; readonly name: string } };
  readonly calls?: number;
  readonly conforms?: number;
  readonly deviates?: number;
  readonly unrecognised?: number;
  readonly unreadable?: number;
  /** On the summary: why the log cannot be judged. */
  readonly problem?: string;
  /** On the summary: when the log's file was opened (its banner or name), when known. */
  readonly opened?: string;
}

/** `npm run recognize -- <file> --json` into `dir`/log-calls.ndjson, read back; `problem` when it could not judge the log. */
export function judgeEveryCall(file: string, features: string, capabilities: readonly string[], dir: string): LogCalls {
  const out = join(dir, LOG_CALLS_FILE);
  const fd = openSync(out, 'w');
  let status: number | null;
  let stderr: string;
  try {
    const args = [...TYPESCRIPT_NODE_ARGS, join(__dirname, 'recognize.ts'), file, '--json', '--features', features, ...(capabilities.length ? ['--capabilities', capabilities.join(',')] : [])];
    const r = spawnSync(process.execPath, args, { stdio: ['ignore', fd, 'pipe'], encoding: 'utf8', timeout: 30 * 60_000 });
    status = r.status;
    stderr = `${r.error ? `${r.error.message}\n` : ''}${r.stderr}`;
  } finally {
    closeSync(fd);
  }
  const lines = readFileSync(out, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as CallLine);
  const summary = lines.find((l) => l.type === 'summary');
  // Exit 2 with a summary and no problem in it: the log was read, and no call follows a model
  // (recognize cannot judge it; replay's scenarios say what they found) — the calls are counted as they are.
  const read = status === 0 || status === 1 || (status === 2 && summary !== undefined && summary.problem === undefined);
  if (!read || !summary) {
    return { calls: 0, conforms: 0, deviates: 0, unrecognised: 0, unreadable: 0, deviating: [], problem: `npm run recognize could not judge ${file} (exit ${String(status)}): ${stderr.trim().split('\n').slice(-3).join(' ')}` };
  }
  return countCalls(lines);
}

/**
 * The calls of recognize's `--json` lines, counted. A deviating call is not counted where the log
 * may leave part of it out: the log's end leaves it going on, or — in a log whose opening time is
 * not known — it is the log's first call (a rotated file may begin in the middle of its first burst,
 * whose start is in the file before). Where the opening time is known (its banner, its name),
 * recognize has already told such calls apart (unrecognised, CallVerdict.beganBefore), and the
 * first call counts as any other. Such calls are listed as such; replay's own scenarios judge the
 * first exercise of each anyway.
 */
export function countCalls(lines: readonly CallLine[]): LogCalls {
  const summary = lines.find((l) => l.type === 'summary');
  const calls = lines.filter((l) => l.type === 'call');
  const starts = calls.map((l) => msOf(l.firstTime)).filter((t): t is number => t !== undefined);
  const logStart = starts.length ? Math.min(...starts) : undefined;
  const atStart = (l: CallLine): boolean => summary?.opened === undefined && logStart !== undefined && msOf(l.firstTime) === logStart;
  const all = calls.filter((l) => l.outcome === 'deviates');
  const ended = all.filter((l) => l.complete !== false);
  const counted = ended.filter((l) => !atStart(l));
  const deviating = counted.slice(0, NAMED)
    .map((l) => `${l.from ?? '?'}: deviates from ${l.deviation ? `${l.deviation.scenario.name} (${l.deviation.scenario.uri}:${String(l.deviation.scenario.line)})` : 'a scenario'}`);
  return {
    calls: summary?.calls ?? calls.length, conforms: summary?.conforms ?? 0, deviates: counted.length, unrecognised: summary?.unrecognised ?? 0, unreadable: summary?.unreadable ?? 0, deviating,
    cutByTheEnd: all.length - ended.length, cutByTheStart: ended.length - counted.length,
  };
}
