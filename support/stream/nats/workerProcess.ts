/**
 * A monitor worker as a process (forked by the monitor, monitor.ts): options in argv[2] as JSON;
 * messages from the monitor: `drain` (judge what is open, store the verdicts, answer `drained`) and
 * `stop`; to the monitor: `ready`, `status` twice a second, `error`. When the monitor goes away
 * (killed, even with SIGKILL) the worker exits at once, acknowledging nothing more: what it had not
 * finished comes back to the next consumer of its partitions.
 */
import { loadPlans } from '../../recognize';
import { connectNats } from './connection';
import { MonitorWorker, type WorkerOptions } from './worker';

type FromMonitor = { readonly type: 'drain' } | { readonly type: 'stop' };

export interface WorkerProcessOptions extends WorkerOptions {
  readonly index: number;
  readonly featuresDir?: string;
}

function send(message: object): void {
  if (process.connected) process.send?.(message);
}

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as WorkerProcessOptions;
  process.on('disconnect', () => process.exit(3));
  // Ctrl-C reaches the whole process group: the monitor decides when its workers stop.
  process.on('SIGINT', () => undefined);
  const catalogue = await loadPlans(options.featuresDir ? { features: options.featuresDir } : {});
  const nc = await connectNats(options.url, `cmc-monitor-worker-${options.index}`);
  const worker = new MonitorWorker(nc, catalogue.plans, options);
  process.on('message', (m: FromMonitor) => {
    if (m.type === 'drain') {
      void worker.drain().then(() => send({ type: 'drained', status: worker.snapshot() }), fail);
    } else {
      void worker.stopConsuming().then(() => nc.close()).then(() => process.exit(0), fail);
    }
  });
  await worker.start();
  send({ type: 'ready', scenarios: catalogue.plans.length });
  setInterval(() => send({ type: 'status', status: worker.snapshot() }), 500).unref();
}

function fail(e: unknown): void {
  send({ type: 'error', message: (e as Error).message });
  process.exit(2);
}

main().catch(fail);
