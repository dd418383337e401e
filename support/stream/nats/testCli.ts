/**
 * Running `npm run feed` / `npm run monitor` as a user does, from specs and benchmarks: a process of
 * its own (its own process group, so that a kill reaches its workers too), its output collected.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { TYPESCRIPT_NODE_ARGS } from '../../accel/typescriptNode';

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface Cli {
  readonly child: ChildProcess;
  readonly exited: Promise<CliResult>;
  /** Resolves once stderr (so far) satisfies `test`; rejects after `ms` or when the process ends first. */
  waitFor(test: (stderr: string) => boolean, ms: number): Promise<void>;
  /** SIGKILL to the whole process group (the command and its workers). */
  kill(): void;
}

const CLI = join(__dirname, '..', '..', 'cli');

export function startCli(command: 'feed' | 'monitor', args: readonly string[]): Cli {
  const child = spawn(process.execPath, [...TYPESCRIPT_NODE_ARGS, '-r', join(__dirname, 'exitWithParent.ts'), join(CLI, `${command}.ts`), ...args], { detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const waiters = new Set<() => void>();
  child.stdout?.on('data', (d: Buffer) => { stdout += String(d); });
  child.stderr?.on('data', (d: Buffer) => {
    stderr += String(d);
    for (const w of waiters) w();
  });
  const exited = new Promise<CliResult>((resolve) => child.once('close', (code) => {
    for (const w of waiters) w();
    resolve({ code, stdout, stderr });
  }));
  return {
    child, exited,
    waitFor: (test, ms) => new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`${command}: not seen within ${ms} ms; stderr:\n${stderr.slice(-2000)}`));
      }, ms);
      function check(): void {
        if (test(stderr)) {
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        } else if (child.exitCode !== null || child.signalCode !== null) {
          clearTimeout(timer);
          waiters.delete(check);
          reject(new Error(`${command} ended (${child.exitCode ?? child.signalCode ?? '?'}) first; stderr:\n${stderr.slice(-2000)}`));
        }
      }
      waiters.add(check);
      check();
    }),
    kill: () => {
      if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    },
  };
}

export async function runCli(command: 'feed' | 'monitor', args: readonly string[]): Promise<CliResult> {
  const cli = startCli(command, args);
  try {
    return await cli.exited;
  } finally {
    cli.kill();
  }
}
