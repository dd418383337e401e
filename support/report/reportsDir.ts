/**
 * Where a conformance run writes, and how its reports replace the previous run's.
 *
 * A run starts by moving and deleting nothing in `reports/`: it writes into a fresh staging
 * directory beside it (`reports/.run-<time>-<pid>/`) and, at the very end, swaps its files in,
 * entry by entry (a rename each), removing the previous run's entries it did not write. So
 * `reports/` holds one run's complete set — never a mix of a new 0-byte JUnit file beside an old
 * certificate. While a run is under way `reports/RUN-IN-PROGRESS.txt` says so: a run whose
 * supervisor was killed leaves it behind, marking everything else in the folder as stale.
 * Files other commands write (`mutation.json`, `bench.json`) are never touched; `spec-book/` is
 * replaced only by a run that writes it (a run with reports: support/cli/runSuite.ts).
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The entries of `reports/` that a conformance run owns (and replaces as a set). */
export const RUN_OUTPUTS: readonly string[] = [
  'summary.txt', 'summary.json', 'conformance.md', 'conformance.json', 'conformance.html', 'coverage.md',
  'diagrams', 'allure-results', 'allure-report', 'allure-reporter.log',
  'cucumber-report.html', 'cucumber-junit.xml', 'cucumber-messages.ndjson',
  'run.json', 'run-journal.ndjson', 'run-stderr.txt',
];

export const IN_PROGRESS = 'RUN-IN-PROGRESS.txt';
const STAGING_PREFIX = '.run-';

/** A fresh staging directory for a run's reports (abandoned ones of dead runs are removed first). */
export function createStaging(reports: string, now = new Date()): string {
  mkdirSync(reports, { recursive: true });
  for (const name of readdirSync(reports)) {
    const pid = Number(/^\.run-\d+-(\d+)(?:\.old)?$/.exec(name)?.[1]);
    if (pid && pid !== process.pid && !alive(pid)) rmSync(join(reports, name), { recursive: true, force: true });
  }
  const dir = join(reports, `${STAGING_PREFIX}${String(now.getTime())}-${String(process.pid)}`);
  mkdirSync(dir);
  writeFileSync(join(reports, IN_PROGRESS), `A conformance run (process ${String(process.pid)}) started at ${now.toISOString()} and has not finished.\n`
    + `Until it does, the other reports in this folder are those of the previous run; if this file is still here after the run, that run was killed and the reports here are stale.\n`);
  return dir;
}

/**
 * Replace the previous run's entries with the staging directory's, then remove the staging
 * directory and the in-progress marker. Returns the entries swapped in.
 */
export function swapIn(staging: string, reports: string): string[] {
  const incoming = readdirSync(staging);
  const trash = `${staging}.old`;
  mkdirSync(trash, { recursive: true });
  for (const name of new Set([...RUN_OUTPUTS, ...incoming])) {
    if (existsSync(join(reports, name))) renameSync(join(reports, name), join(trash, name));
  }
  for (const name of incoming) renameSync(join(staging, name), join(reports, name));
  rmSync(trash, { recursive: true, force: true });
  rmSync(staging, { recursive: true, force: true });
  rmSync(join(reports, IN_PROGRESS), { force: true });
  return incoming;
}

/** A cucumber formatter aimed at `reports/file` aimed at `outDir/file` instead (others unchanged). */
export function redirectFormat(format: string, outDir: string): string {
  const m = /^(.*?):reports\/(.+)$/.exec(format);
  return m ? `${m[1] ?? ''}:${join(outDir, m[2] ?? 'out')}` : format;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
