/**
 * Only the bridge benchmark's runs, printed (no RESULTS.md entry): `node -r ts-node/register/transpile-only
 * bench/bridge.only.ts [in-process|bridge|wire|<bridge url>]...` — for profiling one part with
 * `--cpu-prof` (a URL: a server started by hand, e.g. `npm run simulator` under `--cpu-prof`).
 */
import type { EventSourceAdapter } from '../support/adapter/contract';
import { createBridgeAdapter, forgetCapabilities } from '../support/adapter/bridge/BridgeAdapter';
import { SimulatorAdapter } from '../support/simulator/SimulatorAdapter';
import { overTcp, SIMULATOR_SERVER, summary, WIRE_SERVER, workload } from './bridge.bench';

async function main(): Promise<void> {
  const which = process.argv.slice(2);
  const parts = which.length > 0 ? which : ['in-process', 'bridge', 'wire'];
  const [calls, connections, rounds] = [1000, 50, 3];
  for (const part of parts) {
    const adapters = part === 'in-process'
      ? Array.from({ length: connections }, () => new SimulatorAdapter())
      : part.includes('://') ? await connect(part, connections) : undefined;
    const run = adapters
      ? summary(calls, connections, rounds, await workload(adapters, calls, rounds))
      : await overTcp(part === 'wire' ? WIRE_SERVER : SIMULATOR_SERVER, calls, connections, rounds);
    console.log(`${part}: ${String(run.events)} events, ${String(run.lost)} lost, ${run.eventsPerS.toFixed(0)} events/s`);
  }
}

function connect(url: string, connections: number): Promise<EventSourceAdapter[]> {
  forgetCapabilities();
  return Promise.all(Array.from({ length: connections }, () => createBridgeAdapter({ url })));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 2;
});
