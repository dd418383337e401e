/**
 * `npm run bench`: matcher and simulator+cucumber benchmarks, each reported as a ratio to a
 * baseline measured in the same process (see harness.ts). Writes reports/bench.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { formatRatio } from './harness';
import { matcherBench } from './matcher.bench';
import { runBench } from './run.bench';

async function main(): Promise<void> {
  const matcher = await matcherBench();
  console.log('Matcher (ratio to a linear pass over the same events):');
  for (const r of matcher) console.log(`  ${formatRatio(r)}`);
  const run = await runBench();
  console.log('Simulator + cucumber (ratio to the one-scenario fixture):');
  for (const r of run) console.log(`  ${formatRatio(r)}`);
  mkdirSync('reports', { recursive: true });
  writeFileSync('reports/bench.json', `${JSON.stringify({ date: new Date().toISOString(), node: process.version, matcher, run }, null, 2)}\n`);
}

main().catch((e: unknown) => {
  console.error((e as Error).stack ?? String(e));
  process.exitCode = 2;
});
