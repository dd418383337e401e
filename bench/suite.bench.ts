/**
 * Harness cost per scenario: the whole conformance suite run by cucumber in-process against the
 * reference simulator with every formatter of the default profile (progress, html, junit, message,
 * Allure reporter), against a run of one trivial scenario with the same loader and formatters.
 * Both runs include loading the support code and the formatters' start/end work, so the
 * difference divided by the extra scenarios is what one more scenario costs. Each run is its own
 * process (outputs go to a temp dir, never reports/); the faster of `repeat` runs counts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runChild } from './child';
import type { SuiteChildResult } from './suite.child';

export const TRIVIAL = 'support/selftest/fixtures/features/adapter/call.feature';

export interface SuiteResult {
  readonly scenarios: number;
  readonly suiteMs: number;
  /** Of the suite's fastest run: waiting for the Allure files after its last scenario. */
  readonly suiteFilesWaitMs: number;
  readonly baselineMs: number;
  /** (suite − baseline) / (scenarios − baseline scenarios), each the fastest of its runs. */
  readonly msPerScenario: number;
  /** The same with the slowest run of the suite (the noise of this machine, not a second result). */
  readonly slowestMsPerScenario: number;
  readonly runs: number;
  /** The same, both runs with the progress formatter only (what the formatters add is the difference). */
  readonly msPerScenarioProgressOnly: number;
  readonly passed: boolean;
}

/** `repeat` runs of `paths` (none = every feature), each in a child process: the fastest and the slowest. */
export async function fastest(formats: 'all' | 'progress', paths: readonly string[], repeat: number): Promise<SuiteChildResult & { readonly slowestMs: number }> {
  const runs: SuiteChildResult[] = [];
  for (let i = 0; i < repeat; i += 1) {
    const dir = mkdtempSync(join(tmpdir(), 'cmc-bench-suite-'));
    try {
      runs.push((await runChild<SuiteChildResult>('suite.child.ts', [dir, formats, ...paths], 300_000)).result);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  runs.sort((a, b) => a.ms - b.ms);
  const [best, slowest] = [runs[0], runs[runs.length - 1]];
  if (!best || !slowest) throw new Error('suite bench: no run');
  return { ...best, slowestMs: slowest.ms };
}

/** `suite`: feature paths for the big run (default: the profile's, i.e. every feature). */
export async function suiteBench(repeat: number, suite: readonly string[] = []): Promise<SuiteResult> {
  const baseline = await fastest('all', [TRIVIAL], repeat);
  const full = await fastest('all', suite, repeat);
  const bare = await fastest('progress', [TRIVIAL], 1);
  const bareFull = await fastest('progress', suite, 1);
  const extra = Math.max(1, full.scenarios - baseline.scenarios);
  return {
    scenarios: full.scenarios, suiteMs: full.ms, suiteFilesWaitMs: full.filesWaitMs, baselineMs: baseline.ms,
    msPerScenario: (full.ms - baseline.ms) / extra,
    slowestMsPerScenario: (full.slowestMs - baseline.ms) / extra,
    runs: repeat,
    msPerScenarioProgressOnly: (bareFull.ms - bare.ms) / Math.max(1, bareFull.scenarios - bare.scenarios),
    passed: full.passed && baseline.passed && bareFull.passed,
  };
}
