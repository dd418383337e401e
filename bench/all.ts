/**
 * The benchmarks of `npm run bench` (bench/index.ts checks the command line and loads this only then,
 * so that `--help` does not load every benchmark).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { bridgeBench } from './bridge.bench';
import { bridgeFloodBench } from './bridgeFlood.bench';
import { formatRatio } from './harness';
import { matcherBench } from './matcher.bench';
import { monitorBench } from './monitor.bench';
import { recentBench } from './recent.bench';
import { replayBench } from './replay.bench';
import { appendResults, renderEntry, RESULTS_FILE, type AllResults } from './results';
import { runBench } from './run.bench';
import { scalingBench } from './scaling.bench';
import { suiteBench } from './suite.bench';

export interface BenchOptions {
  readonly only?: 'monitor';
  readonly monitorCalls: number;
  readonly largest: number;
  readonly requestedMb: number;
}

export async function runBenchmarks(o: BenchOptions): Promise<number> {
  const { monitorCalls, largest, requestedMb } = o;
  if (o.only === 'monitor') {
    const entry = renderEntry({ monitor: await monitorBench(monitorCalls) });
    console.log(entry);
    appendResults(entry);
    console.log(`appended to ${RESULTS_FILE}`);
    return 0;
  }
  const micro = [...(await matcherBench()), ...(await runBench()), ...(await recentBench())].map(formatRatio);
  for (const line of micro) console.log(line);
  const results: AllResults = {
    micro,
    suite: await suiteBench(3),
    replay: { ...(await replayBench(requestedMb)), requestedMb },
    scaling: scalingBench([largest / 100, largest / 10, largest], 50),
    bridge: await bridgeBench(1000, 50, 10),
    flood: await bridgeFloodBench(1000, 50, 5),
    monitor: await monitorBench(monitorCalls),
  };
  const entry = renderEntry(results);
  console.log(entry);
  appendResults(entry);
  console.log(`appended to ${RESULTS_FILE}`);
  mkdirSync('reports', { recursive: true });
  writeFileSync('reports/bench.json', `${JSON.stringify({ date: new Date().toISOString(), node: process.version, ...results }, null, 2)}\n`);
  return 0;
}
