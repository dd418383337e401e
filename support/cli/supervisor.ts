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
import { createStaging, IN_PROGRESS, swapIn } from '../report/reportsDir';
import { JOURNAL_FILE, REQUEST_FILE, writeRunRequest, type RunRequest } from './runRequest';
import { TYPESCRIPT_NODE_ARGS } from '../accel/typescriptNode';

export const DEFAULT_GRACE_MS = 10_000;
const POLL_MS = 200;
/** The end of the child's stderr kept for the account of a crash. */
const STDERR_TAIL = 16 * 1024;

export interface SuperviseOptions {
  /** How long a completed run may take to exit before it is ended. */
  readonly graceMs: number;
  /** `--record`: the temporary recording, renamed onto the target once the run completed. */
  readonly recording?: { readonly temp: string; readonly target: string };
  /**
   * Aborted (its reason: the signal, or that npm ended) when the run is to stop. The command
   * watches from its start (parentWatch.ts onStopRequest), so a signal that comes while the run is
   * still being prepared (a simulator server starting) ends it as interrupted too: the suite's
   * process is then never started.
   */
  readonly stop: AbortSignal;
}

export type RunEnd =
  | { readonly kind: 'exited'; readonly code: number | null; readonly signal: NodeJS.Signals | null }
  | { readonly kind: 'hung'; readonly handles: readonly string[] }
  /** `signal`: the signal (SIGTERM, SIGINT, SIGHUP), or that the process that started the run (npm) ended. */
  | { readonly kind: 'interrupted'; readonly signal: string };

/** Run `request` in a child process, judge it, swap its reports in; returns the exit code. */
export async function supervise(request: Omit<RunRequest, 'staging'>, options: SuperviseOptions): Promise<number> {
  const staging = createStaging(request.reports);
  const full: RunRequest = { ...request, staging };
  const requestFile = writeRunRequest(full);
  const journalFile = join(staging, JOURNAL_FILE);
  const stderr = { tail: '' };
  const end = await runChild(requestFile, journalFile, options.graceMs, stderr, options.stop);
  const journal = readJournal(journalFile);
  const complete = journal.find((e): e is Extract<JournalEntry, { t: 'complete' }> => e.t === 'complete');
  if (!complete && end.kind === 'exited' && end.code === EXIT.usage && journal.some((e) => e.t === 'usage')) {
    // The features or the filter were wrong: nothing ran, the previous reports stay as they were.
    abandon(staging, request.reports, options.recording);
    return EXIT.usage;
  }
  const late = complete ? journal.slice(journal.indexOf(complete) + 1).filter((e): e is Extract<JournalEntry, { t: 'late-failure' }> => e.t === 'late-failure') : [];
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on demand (ts-node hooks require)
  if (late.length) (require('./runAccount') as typeof import('./runAccount')).lateAfterComplete(staging, late);
  let code: number;
  if (complete && end.kind === 'exited' && end.code === complete.code) {
    console.log(complete.line);
    code = complete.code;
  } else {
    // Only now the report writers are loaded: a run that ends well does not pay for them here.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on demand (ts-node hooks require)
    const account = require('./runAccount') as typeof import('./runAccount');
    code = complete && end.kind !== 'interrupted' ? account.notShutDown(staging, complete, end) : account.incomplete(full, journal, end, stderr.tail);
  }
  rmSync(join(staging, REQUEST_FILE), { force: true });
  writeFileSync(join(staging, 'run.json'), `${JSON.stringify({ request: { ...full, staging: undefined }, exitCode: code, completed: Boolean(complete), end, maxRssKb: complete?.maxRssKb }, null, 2)}\n`);
  finishRecording(options.recording, Boolean(complete) && code !== EXIT.usage);
  swapIn(staging, request.reports);
  return code;
}

function runChild(requestFile: string, journalFile: string, graceMs: number, stderr: { tail: string }, stop: AbortSignal): Promise<RunEnd> {
  if (stop.aborted) return Promise.resolve({ kind: 'interrupted', signal: String(stop.reason) });
  const child = spawn(process.execPath, [...TYPESCRIPT_NODE_ARGS, join(__dirname, 'runSuite.ts'), requestFile], { stdio: ['ignore', 'inherit', 'pipe'] });
  child.stderr.on('data', (chunk: Buffer) => {
    process.stderr.write(chunk);
    stderr.tail = (stderr.tail + chunk.toString()).slice(-STDERR_TAIL);
  });
  return new Promise((resolve) => {
    let completedAt: number | undefined;
    let interrupted: string | undefined;
    let hungHandles: readonly string[] | undefined;
    // A signal, or npm gone (killed by its PID: the signal never reaches this process), ends the run's process.
    const onStop = (): void => {
      interrupted = String(stop.reason);
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 3000).unref();
    };
    stop.addEventListener('abort', onStop, { once: true });
    const poll = setInterval(() => {
      completedAt ??= journalHasComplete(journalFile) ? Date.now() : undefined;
      if (completedAt !== undefined && Date.now() - completedAt > graceMs && hungHandles === undefined) {
        hungHandles = lastHandles(journalFile);
        child.kill('SIGKILL');
      }
    }, POLL_MS);
    child.once('close', (code, signal) => {
      clearInterval(poll);
      stop.removeEventListener('abort', onStop);
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

/** A run that ran nothing: its staging directory, the in-progress marker and any temporary recording go. */
function abandon(staging: string, reports: string, recording: SuperviseOptions['recording']): void {
  rmSync(staging, { recursive: true, force: true });
  rmSync(join(reports, IN_PROGRESS), { force: true });
  if (recording) rmSync(recording.temp, { force: true });
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
