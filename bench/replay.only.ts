/**
 * Only the log replay benchmark (b), for working on the trace reader: `node -r
 * ts-node/register/transpile-only bench/replay.only.ts [MB]` prints the result as JSON. Writes
 * nothing to bench/RESULTS.md.
 */
import { replayBench } from './replay.bench';

const megabytes = Number(process.argv[2] ?? 50);
replayBench(megabytes).then(
  (r) => { console.log(JSON.stringify(r, null, 2)); },
  (e: unknown) => {
    console.error((e as Error).stack ?? String(e));
    process.exitCode = 1;
  },
);
