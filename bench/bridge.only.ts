/**
 * Only the bridge benchmark's runs, printed (no RESULTS.md entry): `node -r ./support/accel/tsRegister.js
 * bench/bridge.only.ts [in-process|bridge|wire|<bridge url>]...` — for profiling one part with
 * `--cpu-prof` (a URL: a server started by hand, e.g. `npm run simulator` under `--cpu-prof`).
 */
import { bridgeSessions, inProcessSessions, overTcp, SIMULATOR_SERVER, warmThenTime, WIRE_SERVER } from './bridge.bench';

async function main(): Promise<void> {
  const which = process.argv.slice(2);
  const parts = which.length > 0 ? which : ['in-process', 'bridge', 'wire'];
  const [calls, connections, rounds] = [1000, 50, Number(process.env.BENCH_ROUNDS ?? 10)];
  for (const part of parts) {
    const run = part === 'in-process'
      ? await warmThenTime(() => inProcessSessions(connections), calls, connections, rounds)
      : part.includes('://')
        ? await warmThenTime(() => bridgeSessions(part, connections), calls, connections, rounds)
        : await overTcp(part === 'wire' ? WIRE_SERVER : SIMULATOR_SERVER, calls, connections, rounds);
    console.log(`${part}: ${String(run.events)} events, ${String(run.lost)} lost, peak ${String(run.peakConcurrent)} calls up (mean ${run.meanConcurrent.toFixed(0)}), ${run.eventsPerS.toFixed(0)} events/s (fastest of ${String(run.runs)}; slowest ${run.slowestEventsPerS.toFixed(0)})`);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 2;
});
