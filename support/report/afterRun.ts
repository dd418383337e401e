/**
 * What the conformance CLI does after the summary: judge the known-issues manifest (stale entries
 * fail the run) and write the conformance certificate (reports/conformance.md/.json/.html).
 */
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DiagramFiles } from './diagramFiles';
import { featureFiles, parseFeature } from '../spec/validateFeatures';
import { coverageOf, renderCoverage } from './coverage';
import { buildCertificate, logCallsText, renderCertificateHtml, renderCertificateMarkdown, verdictText, type Certificate, type LogCalls, type RunScope } from './certificate';
import { entryKey, staleEntries, type KnownIssue } from './knownIssues';
import type { RunSummary } from './summary';
import type { RunConfig } from '../config/runConfig';
import { EXIT } from '../errors';
import type { Outcome } from './outcomes';
import { totalsText } from './markup';

export interface AfterSummaryInput {
  readonly summary: RunSummary;
  /** The features directory that was run. */
  readonly features: string;
  readonly knownIssues: readonly KnownIssue[];
  readonly config: RunConfig;
  /** Where this run's reports go (a staging directory swapped into reports/ at the end). */
  readonly reportsDir?: string;
  /** The reports/ folder other commands write into (mutation.json, spec-book/): read, never written here. */
  readonly liveReportsDir?: string;
  /** Diagrams collected from the run, written to reports/diagrams/ and linked from the summary. */
  readonly diagrams?: DiagramFiles;
  /** The filter and the adapter's declared capabilities, printed on the certificate. */
  readonly scope?: RunScope;
  /** The run ended before its end (the supervisor's account): where and why. */
  readonly incomplete?: { readonly atScenario?: string; readonly reason: string };
  /** Said after the verdict on the certificate. */
  readonly qualifications?: readonly string[];
  /** A replayed log's calls, each judged one by one (support/cli/everyCall.ts). */
  readonly logCalls?: LogCalls;
}

export function afterSummary(input: AfterSummaryInput): { stale: number; certificate: Certificate } {
  const stale = staleEntries(input.knownIssues, input.summary.scenarios, new Date()).map(({ entry, why }) => `${entryKey(entry)} (${entry.issue}): ${why}`);
  if (stale.length) {
    console.error(`\nStale known issues (${String(stale.length)}) — remove or renew them; they fail the run:`);
    for (const s of stale) console.error(`  ${s}`);
  }
  const dir = input.reportsDir ?? 'reports';
  const live = input.liveReportsDir ?? dir;
  const index = input.diagrams?.write(`${dir}/diagrams`, input.summary.scenarios, { adapter: input.summary.adapter, date: input.summary.date, filter: input.scope?.filter ?? [] });
  if (index) {
    appendFileSync(`${dir}/summary.txt`, `\nSequence diagrams (observed, and expected vs observed for each mismatch): ${index.replace(dir, live)}\n`);
    console.log(`Sequence diagrams: ${index.replace(dir, live)}`);
  }
  const coverage = coverageOf(featureFiles(input.features).map((f) => parseFeature(f)));
  const certificate = buildCertificate({
    summary: input.summary, adapter: input.config.adapter ?? 'reference simulator', featureFiles: featureFiles(input.features), staleKnownIssues: stale,
    mutationFile: `${live}/mutation.json`, coverage, ...(input.scope ? { scope: input.scope } : {}), ...(input.incomplete ? { incomplete: input.incomplete } : {}),
    ...(input.qualifications?.length ? { qualifications: input.qualifications } : {}),
    ...(input.logCalls ? { logCalls: input.logCalls } : {}),
    ...(input.config.systemUnderTest ? { systemUnderTest: input.config.systemUnderTest } : {}),
  });
  writeFileSync(`${dir}/coverage.md`, renderCoverage(coverage));
  console.log(`Coverage of the model index: ${live}/coverage.md`);
  writeCertificate(certificate, dir, live);
  console.log(`Conformance certificate: ${live}/conformance.html (also .md and .json): ${verdictText(certificate)}`);
  return { stale: stale.length, certificate };
}

/**
 * conformance.json, .md and .html in `dir`. The HTML links only the reports that exist: in `dir`
 * (this run's), or for the spec book and the mutation campaign also in `live` (other commands write them there).
 */
export function writeCertificate(certificate: Certificate, dir: string, live = dir): void {
  writeFileSync(`${dir}/conformance.json`, `${JSON.stringify(certificate, null, 2)}\n`);
  writeFileSync(`${dir}/conformance.md`, renderCertificateMarkdown(certificate));
  writeFileSync(`${dir}/conformance.html`, renderCertificateHtml(certificate, reportLinks(dir, live)));
}

/** The reports beside the certificate that exist, in reading order. */
export function reportLinks(dir: string, live = dir): { href: string; text: string }[] {
  const candidates: readonly { href: string; text: string; bases: readonly string[] }[] = [
    { href: 'spec-book/index.html', text: 'The specification (spec book): every model, scenario and expected diagram, with this run\'s outcomes', bases: [dir] },
    ...(existsSync(join(dir, 'spec-book', 'index.html')) ? [] : [{ href: 'spec-book/index.html', text: 'The specification (spec book, from an earlier build: its outcomes may be of another run)', bases: [live] }]),
    { href: 'diagrams/index.html', text: 'Sequence diagrams per scenario (observed; expected vs observed for each mismatch)', bases: [dir] },
    { href: 'allure-report/index.html', text: 'Allure report (steps, attachments, history)', bases: [dir] },
    { href: 'summary.txt', text: 'Run summary (text)', bases: [dir] },
    { href: 'coverage.md', text: 'Coverage of the GenEM model index', bases: [dir] },
    { href: 'mutation.json', text: 'Mutation campaign (the suite\'s mutation score)', bases: [live] },
    { href: 'run-journal.ndjson', text: 'Run journal', bases: [dir] },
  ];
  return candidates.filter((l) => l.bases.some((b) => existsSync(join(b, l.href)))).map(({ href, text }) => ({ href, text }));
}

/**
 * The last line and the exit code: usage 64, broken 2 (or no report), failed 1 (or stale known
 * issues), else 0. Passed, failed, broken and skipped are counted apart.
 */
export function finalVerdict(t: Readonly<Record<Outcome, number>>, stale: number, reportOk: boolean, calls?: LogCalls): { line: string; code: number } {
  const line = `conformance: ${totalsText(t)}${stale ? `, ${String(stale)} stale known issue(s)` : ''}${calls ? `; the log's calls: ${logCallsText(calls)}` : ''}`;
  if (t.usage > 0) return { line, code: EXIT.usage };
  if (t.broken > 0 || !reportOk || calls?.problem) return { line, code: EXIT.broken };
  if (t.failed > 0 || stale > 0 || (calls?.deviates ?? 0) > 0) return { line, code: EXIT.failed };
  return { line, code: t.passed + t.known > 0 ? EXIT.passed : EXIT.broken };
}
