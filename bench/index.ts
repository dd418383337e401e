/**
 * `npm run bench`: the issue-6 benchmarks — (a) harness cost per scenario, (b) log replay
 * throughput and peak RSS, (c) matcher scaling, (d) network bridge throughput, and under
 * non-reading flooders (issue 22) — plus the matcher
 * and feature microbenchmarks, each as a ratio to a baseline measured in the same run. Appends an
 * entry to bench/RESULTS.md and writes reports/bench.json. Sizes: BENCH_LOG_MB (default 50; the
 * issue's 200 MB takes ~20 s to read here), BENCH_SCALE (largest trace, default 1000000),
 * BENCH_MONITOR_CALLS (continuous conformance on NATS, issue 19: default 20000 calls).
 * `BENCH_ONLY=monitor` runs that one alone. The same as options: `npm run bench -- --help`.
 */
import { parseCommandLine, runCommand, usageError, wholeNumber, type CommandSpec } from '../support/config/commandLine';

export const COMMAND = {
  name: 'bench',
  synopsis: ['[--only monitor] [--log-mb n] [--scale n] [--monitor-calls n]'],
  description: `The benchmarks, each as a ratio to a baseline measured in the same run: harness cost per scenario,
log replay throughput and peak memory, matcher scaling, network bridge throughput (also under
flooding peers), continuous conformance on NATS. Appends an entry to bench/RESULTS.md and writes
reports/bench.json. Takes several minutes.`,
  options: {
    only: { type: 'string', value: '<monitor>', help: 'run one benchmark alone (monitor: continuous conformance on NATS); default all' },
    'log-mb': { type: 'string', value: '<n>', help: 'size of the generated log replayed, in MB (default 50, or BENCH_LOG_MB)' },
    scale: { type: 'string', value: '<n>', help: 'events in the largest trace of the matcher scaling (default 1000000, or BENCH_SCALE)' },
    'monitor-calls': { type: 'string', value: '<n>', help: 'calls fed to the continuous-conformance benchmark (default 20000, or BENCH_MONITOR_CALLS)' },
  },
  epilogue: 'Environment: BENCH_LOG_MB, BENCH_SCALE, BENCH_MONITOR_CALLS, BENCH_ONLY=monitor (the options win). Exit codes: 0 done · 2 could not run · 64 usage error.',
} as const satisfies CommandSpec;

/** An option, else the environment variable, else the default. */
function size(values: Record<string, unknown>, option: 'log-mb' | 'scale' | 'monitor-calls', env: string, fallback: number): number {
  const v = Number(process.env[env]);
  return wholeNumber(COMMAND.name, option, values[option] as string | undefined, Number.isFinite(v) && v > 0 ? v : fallback, 1);
}

async function main(argv: readonly string[]): Promise<number> {
  const { values } = parseCommandLine(COMMAND, argv);
  const only = values.only ?? process.env.BENCH_ONLY;
  if (only !== undefined && only !== 'monitor') throw usageError(COMMAND.name, `--only: the benchmark that runs alone is monitor, not "${only}"`);
  const options = {
    ...(only === 'monitor' ? { only: 'monitor' as const } : {}),
    monitorCalls: size(values, 'monitor-calls', 'BENCH_MONITOR_CALLS', 20_000),
    largest: size(values, 'scale', 'BENCH_SCALE', 1_000_000),
    requestedMb: size(values, 'log-mb', 'BENCH_LOG_MB', 50),
  };
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded once the command line is checked (ts-node hooks require)
  const { runBenchmarks } = require('./all') as typeof import('./all');
  return runBenchmarks(options);
}

if (require.main === module) runCommand(COMMAND, process.argv.slice(2), main);
