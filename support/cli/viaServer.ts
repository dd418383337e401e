/**
 * `npm run conformance -- --via-server`: the same run, but through the network bridge. Starts
 * `npm run simulator` as a child process on an ephemeral loopback port, points the bridge adapter at
 * it, and stops it afterwards (also when the run throws). Bounded: the server must announce itself
 * within {@link START_TIMEOUT_MS}.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { existsSync } from 'node:fs';
import { UsageError } from '../errors';
import type { RunConfig } from './config';
import { checkInput } from '../trace/input';

export const START_TIMEOUT_MS = 20_000;

function waitForUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = child.stdout ? createInterface({ input: child.stdout }) : undefined;
    const timer = setTimeout(() => reject(new Error(`the simulator server did not start within ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the simulator server exited with code ${String(code)} before listening`));
    });
    lines?.once('line', (line) => {
      clearTimeout(timer);
      const url = /^listening (\S+)$/.exec(line)?.[1];
      if (url) resolve(url);
      else reject(new Error(`unexpected first line from the simulator server: ${line}`));
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Run `body` with a config that talks to a freshly started simulator server over TCP. */
export async function viaSimulatorServer<T>(config: RunConfig, body: (config: RunConfig) => Promise<T>): Promise<T> {
  const script = join(__dirname, 'simulatorServer.ts');
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', script, '--port', '0', '--host', '127.0.0.1', '--quiet'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const url = await waitForUrl(child);
    console.log(`conformance: through the bridge, against the simulator server at ${url}`);
    return await body({ ...config, adapter: 'bridge', adapterOptions: { url, name: `reference simulator via bridge ${url}` } });
  } finally {
    await stop(child);
  }
}

/** `--replay <file>`: the observe-only replay adapter over a recorded trace (support/trace/ReplayAdapter.ts). */
export function replayConfig(file: string): Pick<RunConfig, 'adapter' | 'adapterOptions'> {
  if (!existsSync(file)) throw new UsageError(`--replay: no such file: ${file}`);
  return { adapter: 'replay', adapterOptions: { file } };
}

/**
 * A trace to replay that cannot be judged soundly (a directory, an empty file, no known format, a
 * truncated or damaged record: support/trace/input.ts) is refused before anything runs, with one
 * message naming the file and line: a usage error (exit 64), never a verdict.
 */
export async function refuseUnreadableReplay(config: RunConfig): Promise<void> {
  const file = config.adapter === 'replay' ? config.adapterOptions?.file : undefined;
  if (typeof file !== 'string') return;
  const problem = await checkInput(file, { needRecords: true });
  if (problem) throw new UsageError(`--replay: ${problem}`);
}
