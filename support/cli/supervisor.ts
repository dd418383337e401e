/**
 * The supervised run: `npm run conformance` starts the run (./runSuite.ts) as a child process and
 * judges it from the outside, from its exit and its journal (support/report/runJournal.ts).
 *
 * - The child wrote its `complete` line and exited with that code: its verdict stands.
 * - The child exited without it (an adapter called process.exit, V8 ran out of memory, a signal, an
 *   uncaught exception): the run is **incomplete**, exit 2; the certificate says at which scenario
 *   the run ended and why — whatever the child had written is replaced by that account.
 * - The child completed but did not exit within the grace period (an adapter left a socket or a
 *   timer open): it is ended, the certificate's verdict is qualified "adapter did not shut down
 *   cleanly" with what was left open, exit 2.
 * In every case the run's reports replace the previous run's as one set (support/report/reportsDir.ts).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT } from '../errors';
import { readJournal, type JournalEntry } from '../report/runJournal';
import { createStaging, RUN_OUTPUTS, swapIn } from '../report/reportsDir';
import { summarise, renderSummary } from '../report/summary';
import { afterSummary, finalVerdict, writeCertificate } from '../report/afterRun';
import { verdictText, type Certificate } from '../report/certificate';
import { loadKnownIssues } from '../report/knownIssues';
import type { ScenarioOutcome } from '../report/outcomes';
import { JOURNAL_FILE, REQUEST_FILE, writeRunRequest, type RunRequest } from './runRequest';

export const DEFAULT_GRACE_MS = 10_000;
const POLL_MS = 200;
/** The end of the child's stderr kept for the account of a crash. */
const STDERR_TAIL = 16 * 1024;

export interface SuperviseOptions {
  /** How long a completed run may take to exit before it is ended. */
  readonly graceMs: number;
  /** `--record`: the temporary recording, renamed onto the target once the run completed. */
  readonly recording?: { readonly temp: string; readonly target: string };
}

type RunEnd =
  | { readonly kind: 'exited'; readonly code: number | null; readonly signal: NodeJS.Signals | null }
  | { readonly kind: 'hung'; readonly handles: readonly string[] }
  | { readonly kind: 'interrupted'; readonly signal: NodeJS.Signals };

/** Run `request` in a child process, judge it, swap its reports in; returns the exit code. */
export async function supervise(request: Omit<RunRequest, 'staging'>, options: SuperviseOptions): Promise<number> {
  const staging = createStaging(request.reports);
  const full: RunRequest = { ...request, staging };
  const requestFile = writeRunRequest(full);
  const journalFile = join(staging, JOURNAL_FILE);
  const stderr = { tail: '' };
  const end = await runChild(requestFile, journalFile, options.graceMs, stderr);
  const journal = readJournal(journalFile);
  const complete = journal.find((e): e is Extract<JournalEntry, { t: 'complete' }> => e.t === 'complete');
  let code: number;
  if (complete && end.kind === 'exited' && end.code === complete.code) {
    console.log(complete.line);
    code = complete.code;
  } else if (complete && end.kind !== 'interrupted') {
    code = notShutDown(staging, complete, end);
  } else {
    code = incomplete(full, journal, end, stderr.tail);
  }
  rmSync(join(staging, REQUEST_FILE), { force: true });
  writeFileSync(join(staging, 'run.json'), `${JSON.stringify({ request: { ...full, staging: undefined }, exitCode: code, completed: Boolean(complete), end, maxRssKb: complete?.maxRssKb }, null, 2)}\n`);
  finishRecording(options.recording, Boolean(complete) && code !== EXIT.usage);
  swapIn(staging, request.reports);
  return code;
}

function runChild(requestFile: string, journalFile: string, graceMs: number, stderr: { tail: string }): Promise<RunEnd> {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(__dirname, 'runSuite.ts'), requestFile], { stdio: ['ignore', 'inherit', 'pipe'] });
  child.stderr.on('data', (chunk: Buffer) => {
    process.stderr.write(chunk);
    stderr.tail = (stderr.tail + chunk.toString()).slice(-STDERR_TAIL);
  });
  return new Promise((resolve) => {
    let completedAt: number | undefined;
    let interrupted: NodeJS.Signals | undefined;
    let hungHandles: readonly string[] | undefined;
    const onSignal = (signal: NodeJS.Signals): void => {
      interrupted = signal;
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 3000).unref();
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    const poll = setInterval(() => {
      completedAt ??= journalHasComplete(journalFile) ? Date.now() : undefined;
      if (completedAt !== undefined && Date.now() - completedAt > graceMs && hungHandles === undefined) {
        hungHandles = lastHandles(journalFile);
        child.kill('SIGKILL');
      }
    }, POLL_MS);
    child.once('close', (code, signal) => {
      clearInterval(poll);
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
      if (interrupted) resolve({ kind: 'interrupted', signal: interrupted });
      else if (hungHandles) resolve({ kind: 'hung', handles: hungHandles });
      else resolve({ kind: 'exited', code, signal });
    });
  });
}

function journalHasComplete(file: string): boolean {
  return existsSync(file) && readFileSync(file, 'utf8').includes('"t":"complete"');
}

function lastHandles(file: string): readonly string[] {
  const last = readJournal(file).reverse().find((e): e is Extract<JournalEntry, { t: 'handles' }> => e.t === 'handles');
  return last?.handles ?? [];
}

/** The run completed its reports but did not end cleanly: the certificate says so, exit 2. */
function notShutDown(staging: string, complete: Extract<JournalEntry, { t: 'complete' }>, end: RunEnd): number {
  const detail = end.kind === 'hung'
    ? `adapter did not shut down cleanly (still open after the grace period: ${end.handles.join(', ') || 'nothing node reports'}; the run was ended)`
    : `adapter did not shut down cleanly (after the run completed, the process ${describeExit(end)})`;
  const file = join(staging, 'conformance.json');
  if (existsSync(file)) {
    const certificate = JSON.parse(readFileSync(file, 'utf8')) as Certificate;
    const qualified: Certificate = { ...certificate, qualifications: [...certificate.qualifications, detail] };
    writeCertificate(qualified, staging, join(staging, '..'));
    console.error(`Conformance certificate: ${verdictText(qualified)}`);
  }
  console.log(`${complete.line}; ${detail}`);
  return EXIT.broken;
}

function describeExit(end: RunEnd): string {
  if (end.kind === 'exited') return end.signal ? `was killed by ${end.signal}` : `exited with code ${String(end.code)}`;
  if (end.kind === 'interrupted') return `was interrupted (${end.signal})`;
  return 'did not exit';
}

/** Why a child that never completed ended, in a person's words (from its exit and its last stderr). */
export function crashReason(end: RunEnd, stderrTail: string): string {
  if (end.kind === 'interrupted') return `the run was interrupted (${end.signal})`;
  if (end.kind === 'hung') return 'the run did not end';
  if (/JavaScript heap out of memory|Allocation failed/.test(stderrTail)) return `the run ran out of memory (V8 heap, ${end.signal ? `signal ${end.signal}` : `exit ${String(end.code)}`})`;
  if (end.signal) return `the run's process was killed by ${end.signal}`;
  if (end.code === 0) return 'the run\'s process exited (code 0) before the run completed: an adapter or a library called process.exit';
  const error = stderrTail.split('\n').filter((l) => /\b\w*Error\b:/.test(l)).pop()?.trim();
  return `the run's process exited with code ${String(end.code)} before the run completed${error ? ` (${error.slice(0, 300)})` : ''}`;
}

/**
 * An incomplete run: whatever the child wrote is replaced by an account built from its journal —
 * the scenarios that finished, where it ended and why — and the certificate reads "incomplete".
 */
function incomplete(request: RunRequest, journal: readonly JournalEntry[], end: RunEnd, stderrTail: string): number {
  const { staging } = request;
  for (const name of RUN_OUTPUTS) if (name !== JOURNAL_FILE) rmSync(join(staging, name), { recursive: true, force: true });
  writeFileSync(join(staging, 'run-stderr.txt'), stderrTail);
  const outcomes = journal.flatMap((e): ScenarioOutcome[] => (e.t === 'finished' ? [e.outcome] : []));
  const started = journal.filter((e): e is Extract<JournalEntry, { t: 'scenario' }> => e.t === 'scenario');
  const last = started[started.length - 1];
  const lastUnfinished = last && started.length > outcomes.length ? `${last.uri}:${String(last.line)} ${last.name}` : undefined;
  const reason = crashReason(end, stderrTail);
  const adapter = journal.find((e): e is Extract<JournalEntry, { t: 'adapter' }> => e.t === 'adapter');
  const summary = summarise(outcomes, request.config.adapter ?? 'reference simulator', new Date().toISOString());
  const where = lastUnfinished ? `at scenario ${lastUnfinished}` : started.length ? 'after its last scenario, while writing its reports' : 'before its first scenario';
  const text = `${renderSummary(summary)}\n\nThe run is incomplete: it ended ${where}: ${reason}.\nOnly the ${String(outcomes.length)} scenario(s) above finished; nothing after them was tested.`;
  writeFileSync(join(staging, 'summary.json'), JSON.stringify({ ...summary, incomplete: { atScenario: lastUnfinished, reason } }, null, 2));
  writeFileSync(join(staging, 'summary.txt'), `${text}\n`);
  console.error(text);
  let knownIssues: ReturnType<typeof loadKnownIssues> = [];
  try {
    knownIssues = loadKnownIssues(request.config.knownIssues);
  } catch {
    // Already checked before the run; a manifest that changed since only loses the stale check here.
  }
  afterSummary({
    summary, features: request.features, knownIssues, config: request.config, reportsDir: staging, liveReportsDir: request.reports,
    scope: { filter: request.filter, ...(adapter ? { capabilities: adapter.capabilities } : {}) },
    incomplete: lastUnfinished ? { atScenario: lastUnfinished, reason } : { reason: `${reason} (it ended ${where})` },
  });
  const counts = finalVerdict(summary.totals, 0, true);
  console.log(`${counts.line}; incomplete: ${reason}`);
  return EXIT.broken;
}

/** `--record`: the temporary recording replaces the target only when the run completed; otherwise it is kept beside it. */
function finishRecording(recording: SuperviseOptions['recording'], completed: boolean): void {
  if (!recording || !existsSync(recording.temp)) return;
  if (completed) {
    renameSync(recording.temp, recording.target);
    return;
  }
  console.error(`--record: the run did not complete; ${recording.target} was left as it was, and what was recorded is in ${recording.temp}`);
}
