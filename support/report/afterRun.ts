/**
 * What the conformance CLI does after the summary: judge the known-issues manifest (stale entries
 * fail the run) and write the conformance certificate (reports/conformance.md/.json/.html).
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import type { DiagramFiles } from './diagramFiles';
import { featureFiles, parseFeature } from '../spec/validateFeatures';
import { coverageOf, renderCoverage } from './coverage';
import { buildCertificate, renderCertificateHtml, renderCertificateMarkdown } from './certificate';
import { entryKey, staleEntries, type KnownIssue } from './knownIssues';
import type { RunSummary } from './summary';
import type { RunConfig } from '../config/runConfig';
import { EXIT } from '../errors';
import type { Outcome } from './outcomes';

export interface AfterSummaryInput {
  readonly summary: RunSummary;
  /** The features directory that was run. */
  readonly features: string;
  readonly knownIssues: readonly KnownIssue[];
  readonly config: RunConfig;
  readonly reportsDir?: string;
  /** Diagrams collected from the run, written to reports/diagrams/ and linked from the summary. */
  readonly diagrams?: DiagramFiles;
}

export function afterSummary(input: AfterSummaryInput): { stale: number } {
  const stale = staleEntries(input.knownIssues, input.summary.scenarios, new Date()).map(({ entry, why }) => `${entryKey(entry)} (${entry.issue}): ${why}`);
  if (stale.length) {
    console.error(`\nStale known issues (${String(stale.length)}) — remove or renew them; they fail the run:`);
    for (const s of stale) console.error(`  ${s}`);
  }
  const dir = input.reportsDir ?? 'reports';
  const index = input.diagrams?.write(`${dir}/diagrams`);
  if (index) {
    appendFileSync(`${dir}/summary.txt`, `\nSequence diagrams (observed, and expected vs observed for each mismatch): ${index}\n`);
    console.log(`Sequence diagrams: ${index}`);
  }
  const certificate = buildCertificate({
    summary: input.summary, adapter: input.config.adapter ?? 'reference simulator', featureFiles: featureFiles(input.features), staleKnownIssues: stale,
    mutationFile: `${dir}/mutation.json`, ...(input.config.systemUnderTest ? { systemUnderTest: input.config.systemUnderTest } : {}),
  });
  writeFileSync(`${dir}/conformance.json`, `${JSON.stringify(certificate, null, 2)}\n`);
  writeFileSync(`${dir}/conformance.md`, renderCertificateMarkdown(certificate));
  writeFileSync(`${dir}/conformance.html`, renderCertificateHtml(certificate, [
    { href: 'summary.txt', text: 'Run summary' }, { href: 'diagrams/index.html', text: 'Sequence diagrams per scenario' },
    { href: 'allure-report/index.html', text: 'Allure report' }, { href: 'mutation.json', text: 'Mutation campaign' },
  ]));
  console.log(`Conformance certificate: ${dir}/conformance.md (${certificate.verdict})`);
  writeFileSync(`${dir}/coverage.md`, renderCoverage(coverageOf(featureFiles(input.features).map((f) => parseFeature(f)))));
  console.log(`Coverage of the model index: ${dir}/coverage.md`);
  return { stale: stale.length };
}

/** The last line and the exit code: usage 64, broken 2 (or no report), failed 1 (or stale known issues), else 0. */
export function finalVerdict(t: Readonly<Record<Outcome, number>>, stale: number, reportOk: boolean): { line: string; code: number } {
  const extra = `${t.known ? `, ${String(t.known)} known issue(s)` : ''}${stale ? `, ${String(stale)} stale known issue(s)` : ''}`;
  const line = `conformance: ${String(t.passed)} passed, ${String(t.failed + t.broken + t.usage)} failed, ${String(t.skipped)} skipped${extra}`;
  if (t.usage > 0) return { line, code: EXIT.usage };
  if (t.broken > 0 || !reportOk) return { line, code: EXIT.broken };
  if (t.failed > 0 || stale > 0) return { line, code: EXIT.failed };
  return { line, code: t.passed + t.known > 0 ? EXIT.passed : EXIT.broken };
}
