/**
 * Simulator + cucumber benchmark: whole features run in-process against the reference simulator
 * (support code loaded once, as the mutation campaign does). Baseline: the one-scenario self-test
 * fixture, run the same way — so the ratio is the cost of a feature in "simplest scenarios".
 */
import { InProcessRunner } from '../support/mutation/runner';
import { measure, ratio, type Ratio } from './harness';

const BASELINE = 'support/selftest/fixtures/features/adapter/call.feature';
const FEATURES = [
  'features/basic-call-models/basic-internal-inbound-call.feature',
  'features/holding-transferring-conferencing/hold-retrieve-consulted-answers.feature',
];

export async function runBench(): Promise<Ratio[]> {
  const runner = new InProcessRunner();
  const once = (paths: string[]) => async (): Promise<void> => {
    const { outcomes } = await runner.run(paths, {});
    if (outcomes.some((o) => o.outcome !== 'passed' && o.outcome !== 'skipped')) throw new Error(`benchmark run of ${paths.join(', ')} did not pass`);
  };
  const base = await measure('baseline: one-scenario fixture feature', once([BASELINE]), 1500);
  const out: Ratio[] = [];
  for (const f of FEATURES) out.push(ratio(await measure(`feature ${f.split('/').pop() ?? f}`, once([f]), 1500), base));
  return out;
}
