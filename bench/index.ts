/**
 * `npm run bench`: the issue-6 benchmarks — (a) harness cost per scenario, (b) log replay
 * throughput and peak RSS, (c) matcher scaling, (d) network bridge throughput, and under
 * non-reading flooders (issue 22) — plus the matcher
 * and feature microbenchmarks, each as a ratio to a baseline measured in the same run. Appends an
 * entry to bench/RESULTS.md and writes reports/bench.json. Sizes: BENCH_LOG_MB (default 50; the
 * issue's 200 MB takes ~20 s to read here), BENCH_SCALE (largest trace, default 1000000),
 * BENCH_MONITOR_CALLS (continuous conformance on NATS, issue 19: default 20000 calls).
 * `BENCH_ONLY=monitor` runs that one alone.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { bridgeBench } from './bridge.bench';
import { bridgeFloodBench } from './bridgeFlood.bench';
import { formatRatio } from './harness';
import { matcherBench } from './matcher.bench';
import { monitorBench } from './monitor.bench';
import { replayBench } from './replay.bench';
import { appendResults, renderEntry, RESULTS_FILE, type AllResults } from './results';
import { runBench } from './run.bench';
import { scalingBench } from './scaling.bench';
import { suiteBench } from './suite.bench';

function size(name: string, fallback: number): number {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

async function main(): Promise<void> {
  if (process.env.BENCH_ONLY === 'monitor') {
    const entry = renderEntry({ monitor: await monitorBench(size('BENCH_MONITOR_CALLS', 20_000)) });
    console.log(entry);
    appendResults(entry);
    console.log(`appended to ${RESULTS_FILE}`);
    return;
  }
  const micro = [...(await matcherBench()), ...(await runBench())].map(formatRatio);
  for (const line of micro) console.log(line);
  const largest = size('BENCH_SCALE', 1_000_000);
  const requestedMb = size('BENCH_LOG_MB', 50);
  const results: AllResults = {
    micro,
    suite: await suiteBench(3),
    replay: { ...(await replayBench(requestedMb)), requestedMb },
    scaling: scalingBench([largest / 100, largest / 10, largest], 50),
    bridge: await bridgeBench(1000, 50, 10),
    flood: await bridgeFloodBench(1000, 50, 5),
    monitor: await monitorBench(size('BENCH_MONITOR_CALLS', 20_000)),
  };
  const entry = renderEntry(results);
  console.log(entry);
  appendResults(entry);
  console.log(`appended to ${RESULTS_FILE}`);
  mkdirSync('reports', { recursive: true });
  writeFileSync('reports/bench.json', `${JSON.stringify({ date: new Date().toISOString(), node: process.version, ...results }, null, 2)}\n`);
}

main().catch((e: unknown) => {
  console.error((e as Error).stack ?? String(e));
  process.exitCode = 2;
});
