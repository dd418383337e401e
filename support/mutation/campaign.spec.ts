/**
 * Bounded self-check of the harness (the full campaign is `npm run mutants`): a sample of
 * fault-injecting mutants of one documented model must all be killed, and legal reorderings of its
 * events must all still match.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SEED, runCampaign } from './campaign';

const FEATURE = 'features/releasing-calls/release-phase.feature';

test('sampled mutants of the release-phase model are all killed, and legal reorderings pass', async () => {
  const report = await runCampaign({
    paths: [FEATURE], seed: DEFAULT_SEED, maxPerScenario: 3, reorderRuns: 10, equivalentsFile: 'support/mutation/equivalent-mutants.json',
  });
  assert.ok(report.totals.generated >= 6, `only ${String(report.totals.generated)} mutants generated`);
  const survivors = report.mutants.filter((m) => m.verdict !== 'killed').map((m) => `${m.scenario}: ${m.mutant}`);
  assert.deepEqual(survivors, []);
  assert.ok(report.reorderings);
  assert.ok(report.reorderings.checked > 0);
  assert.equal(report.reorderings.passed, report.reorderings.checked, report.reorderings.failures.join('\n'));
});
