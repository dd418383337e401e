/**
 * The account of a run that did not end well (./supervisor.ts loads this only then): an incomplete
 * run's summary and certificate built from its journal, or the qualification of a completed run
 * whose process had to be ended.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT } from '../errors';
import type { JournalEntry } from '../report/runJournal';
import { RUN_OUTPUTS } from '../report/reportsDir';
import { renderSummary, summarise } from '../report/summary';
import { afterSummary, finalVerdict, writeCertificate } from '../report/afterRun';
import { verdictText, type Certificate } from '../report/certificate';
import { loadKnownIssues } from '../report/knownIssues';
import type { ScenarioOutcome } from '../report/outcomes';
import { JOURNAL_FILE, type RunRequest } from './runRequest';
import type { RunEnd } from './supervisor';
import { describeAdapter } from '../adapter/select';

type LateFailure = Extract<JournalEntry, { t: 'late-failure' }>;

/** The certificate's qualification for `n` failures an adapter reported after their scenario had closed. */
export const lateQualification = (n: number): string => `the adapter reported ${String(n)} failure(s) after their scenario had closed (listed in the summary)`;
const LATE_QUALIFICATION = /^the adapter reported \d+ failure\(s\) after their scenario had closed/;

/**
 * The adapter reported failures after the run had written its reports (a close that fails late, a
 * timer firing while the process ends): they were logged and journalled, but the summary and the
 * certificate were already written without them. They are added now, so what the certificate counts
 * does not depend on how fast the run's process ended. The verdict and exit code stay: a failure
 * after its scenario closed qualifies the certificate, as one reported earlier does.
 */
export function lateAfterComplete(staging: string, late: readonly LateFailure[]): void {
  const summaryJson = join(staging, 'summary.json');
  let total = late.length;
  if (existsSync(summaryJson)) {
    const summary = JSON.parse(readFileSync(summaryJson, 'utf8')) as { lateAdapterFailures?: { scenario: string; message: string }[] };
    const listed = [...(summary.lateAdapterFailures ?? []), ...late.map(({ scenario, message }) => ({ scenario, message }))];
    total = listed.length;
    writeFileSync(summaryJson, JSON.stringify({ ...summary, lateAdapterFailures: listed }, null, 2));
  }
  const summaryTxt = join(staging, 'summary.txt');
  if (existsSync(summaryTxt)) {
    writeFileSync(summaryTxt, `${readFileSync(summaryTxt, 'utf8')}\nAdapter failures reported after the run had completed (not counted in any scenario):\n${late.map((f) => `  ${f.scenario}: ${f.message}`).join('\n')}\n`);
  }
  const file = join(staging, 'conformance.json');
  if (!existsSync(file)) return;
  const certificate = JSON.parse(readFileSync(file, 'utf8')) as Certificate;
  const qualifications = [
    ...certificate.qualifications.filter((q) => !LATE_QUALIFICATION.test(q)),
    lateQualification(total),
  ];
  writeCertificate({ ...certificate, qualifications }, staging, join(staging, '..'));
}

/** The run completed its reports but did not end cleanly: the certificate says so, exit 2. */
export function notShutDown(staging: string, complete: Extract<JournalEntry, { t: 'complete' }>, end: RunEnd): number {
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
export function incomplete(request: RunRequest, journal: readonly JournalEntry[], end: RunEnd, stderrTail: string): number {
  const { staging } = request;
  for (const name of RUN_OUTPUTS) if (name !== JOURNAL_FILE) rmSync(join(staging, name), { recursive: true, force: true });
  writeFileSync(join(staging, 'run-stderr.txt'), stderrTail);
  const outcomes = journal.flatMap((e): ScenarioOutcome[] => (e.t === 'finished' ? [e.outcome] : []));
  const started = journal.filter((e): e is Extract<JournalEntry, { t: 'scenario' }> => e.t === 'scenario');
  const last = started[started.length - 1];
  const lastUnfinished = last && started.length > outcomes.length ? `${last.uri}:${String(last.line)} ${last.name}` : undefined;
  const reason = crashReason(end, stderrTail);
  const adapter = journal.find((e): e is Extract<JournalEntry, { t: 'adapter' }> => e.t === 'adapter');
  const label = describeAdapter(request.config);
  const summary = summarise(outcomes, label, new Date().toISOString());
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
    summary, features: request.features, knownIssues, config: { ...request.config, adapter: label }, reportsDir: staging, liveReportsDir: request.reports,
    scope: { filter: request.filter, ...(adapter ? { capabilities: adapter.capabilities } : {}) },
    incomplete: lastUnfinished ? { atScenario: lastUnfinished, reason } : { reason: `${reason} (it ended ${where})` },
  });
  const counts = finalVerdict(summary.totals, 0, true);
  console.log(`${counts.line}; incomplete: ${reason}`);
  return EXIT.broken;
}
