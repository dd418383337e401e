/**
 * `npm run conformance -- --via-server` / `--via-workspace-api`: the same run, but through the
 * network bridge / Genesys's Workspace API client. Starts
 * `npm run simulator` as a child process on an ephemeral loopback port, points the bridge adapter at
 * it, and stops it afterwards (also when the run throws). Bounded: the server must announce itself
 * within {@link START_TIMEOUT_MS}.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { UsageError } from '../errors';
import { parseEventFault } from '../simulator/eventFaults';
import { WORKSPACE_TIER } from '../adapter/workspace/WorkspaceAdapter';
import type { RunConfig } from '../config/runConfig';
import { checkInput } from '../trace/input';
import { TYPESCRIPT_NODE_ARGS } from '../accel/typescriptNode';

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

function startServer(args: readonly string[]): ChildProcess {
  const script = join(__dirname, 'simulatorServer.ts');
  return spawn(process.execPath, [...TYPESCRIPT_NODE_ARGS, script, '--port', '0', '--host', '127.0.0.1', '--quiet', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

/** `--simulator-fault drop:X` travels to the server as its `--fault drop:X`. */
const faultArgs = (fault: string | undefined): string[] => (fault ? ['--fault', fault] : []);

/** Run `body` with a config that talks to a freshly started simulator server over TCP. */
export async function viaSimulatorServer<T>(config: RunConfig, body: (config: RunConfig) => Promise<T>, fault?: string): Promise<T> {
  const child = startServer(faultArgs(fault));
  try {
    const url = await waitForUrl(child);
    console.log(`conformance: through the bridge, against the simulator server at ${url}${fault ? ` (fault ${fault})` : ''}`);
    return await body({ ...config, adapter: 'bridge', adapterOptions: { url, name: `reference simulator via bridge ${url}` } });
  } finally {
    await stop(child);
  }
}

/**
 * `--via-workspace-api`: the simulator server as a Genesys Workspace API facade, driven through
 * Genesys's own client by the workspace adapter (support/adapter/workspace/). The API key is made
 * here and handed to both.
 */
export async function viaWorkspaceApi<T>(config: RunConfig, body: (config: RunConfig) => Promise<T>, fault?: string): Promise<T> {
  const apiKey = randomBytes(16).toString('hex');
  const child = startServer(['--workspace-api', '--api-key', apiKey, ...faultArgs(fault)]);
  try {
    const baseUrl = await waitForUrl(child);
    console.log(`conformance: through Genesys's Workspace API client, against the simulator's Workspace API facade at ${baseUrl}${fault ? ` (fault ${fault})` : ''}`);
    return await body({ ...config, adapter: 'workspace', adapterOptions: { baseUrl, apiKey, facade: true, name: `${WORKSPACE_TIER} — reference simulator behind the Workspace API facade ${baseUrl}` } });
  } finally {
    await stop(child);
  }
}

/**
 * `--simulator-fault drop:X` in process: the embedded simulator's adapterOptions.simulatorFault
 * (support/adapter/simulatorOptions.ts). Any other adapter has no simulator to fault: a usage error.
 */
export function inProcessFault(config: RunConfig, fault: string): RunConfig {
  if (config.adapter && config.adapter !== 'simulator') {
    throw new UsageError(`--simulator-fault needs the reference simulator (in process, --via-server or --via-workspace-api), not adapter "${config.adapter}"`);
  }
  return { ...config, adapter: 'simulator', adapterOptions: { ...config.adapterOptions, simulatorFault: fault } };
}

/** `--via-server` / `--via-workspace-api` and `--simulator-fault`, checked before anything starts (usage error, exit 64). */
export function viaOptions(values: { readonly 'via-server'?: boolean; readonly 'via-workspace-api'?: boolean; readonly 'simulator-fault'?: string }, usage: string): { via?: 'server' | 'workspace-api'; fault?: string } {
  if (values['via-server'] && values['via-workspace-api']) throw new UsageError(`--via-server and --via-workspace-api exclude each other\n${usage}`);
  const via = values['via-server'] ? 'server' : values['via-workspace-api'] ? 'workspace-api' : undefined;
  const text = values['simulator-fault'];
  const fault = text === undefined ? undefined : parseEventFault(text);
  if (typeof fault === 'string') throw new UsageError(`--simulator-fault: ${fault}`);
  return { ...(via ? { via } : {}), ...(text !== undefined ? { fault: text } : {}) };
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
