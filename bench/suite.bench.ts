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
  readonly baselineMs: number;
  /** (suite − baseline) / (scenarios − baseline scenarios). */
  readonly msPerScenario: number;
  /** The same, both runs with the progress formatter only (what the formatters add is the difference). */
  readonly msPerScenarioProgressOnly: number;
  readonly passed: boolean;
}

/** The fastest of `repeat` runs of `paths` (none = every feature) in a child process. */
export async function fastest(formats: 'all' | 'progress', paths: readonly string[], repeat: number): Promise<SuiteChildResult> {
  let best: SuiteChildResult | undefined;
  for (let i = 0; i < repeat; i += 1) {
    const dir = mkdtempSync(join(tmpdir(), 'cmc-bench-suite-'));
    try {
      const { result } = await runChild<SuiteChildResult>('suite.child.ts', [dir, formats, ...paths], 300_000);
      if (!best || result.ms < best.ms) best = result;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (!best) throw new Error('suite bench: no run');
  return best;
}

/** `suite`: feature paths for the big run (default: the profile's, i.e. every feature). */
export async function suiteBench(repeat: number, suite: readonly string[] = []): Promise<SuiteResult> {
  const baseline = await fastest('all', [TRIVIAL], repeat);
  const full = await fastest('all', suite, repeat);
  const bare = await fastest('progress', [TRIVIAL], 1);
  const bareFull = await fastest('progress', suite, 1);
  const extra = Math.max(1, full.scenarios - baseline.scenarios);
  return {
    scenarios: full.scenarios, suiteMs: full.ms, baselineMs: baseline.ms,
    msPerScenario: (full.ms - baseline.ms) / extra,
    msPerScenarioProgressOnly: (bareFull.ms - bare.ms) / Math.max(1, bareFull.scenarios - bare.scenarios),
    passed: full.passed && baseline.passed && bareFull.passed,
  };
}
