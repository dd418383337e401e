/**
 * Test helper: `npm run simulator` in a child process on a free loopback port, so a spec can
 * measure what the server itself holds (resident memory and its peak, open file descriptors, from
 * /proc) while the spec's own process plays the attacker, and read every line the server logs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { TYPESCRIPT_NODE_ARGS } from '../../accel/typescriptNode';

const SCRIPT = join(__dirname, '..', '..', 'cli', 'simulatorServer.ts');
const START_TIMEOUT_MS = 60_000;

export interface ServerProcess {
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  /** Every stderr line so far (the server's log). */
  readonly log: readonly string[];
  /** Resident memory now and at its peak (VmRSS, VmHWM), MB. */
  rssMb(): number;
  peakRssMb(): number;
  /** File descriptors the server process has open now. */
  openFds(): number;
  stop(): Promise<void>;
}

function statusField(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m?.[1] ? Number(m[1]) / 1024 : NaN;
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Start the simulator server with `args` after `--port 0`; resolves once it printed `listening <url>`. */
export function startServerProcess(args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...TYPESCRIPT_NODE_ARGS, SCRIPT, '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  const log: string[] = [];
  if (child.stderr) createInterface({ input: child.stderr }).on('line', (line) => log.push(line));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the simulator server did not start within ${START_TIMEOUT_MS} ms: ${log.join('\n')}`));
    }, START_TIMEOUT_MS);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the simulator server exited (${String(code)}): ${log.join('\n')}`));
    });
    if (!child.stdout || child.pid === undefined) throw new Error('no stdout');
    const pid = child.pid;
    createInterface({ input: child.stdout }).once('line', (line) => {
      clearTimeout(timer);
      const url = line.replace(/^listening /, '');
      resolve({
        url, port: Number(/:(\d+)\/?$/.exec(url)?.[1]), pid, log,
        rssMb: () => statusField(pid, 'VmRSS'),
        peakRssMb: () => statusField(pid, 'VmHWM'),
        openFds: () => readdirSync(`/proc/${pid}/fd`).length,
        stop: () => stopChild(child),
      });
    });
  });
}
