/**
 * Benchmarks that need their own process (peak RSS, formatters writing files, a second core) run
 * a child script through ts-node. The child sends one message with its result; the parent adds the
 * child's wall time. A child that runs longer than `timeoutMs` is killed: benchmarks are bounded.
 */
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { TYPESCRIPT_NODE_ARGS } from '../support/accel/typescriptNode';

export interface ChildReport<T> {
  readonly result: T;
  /** Peak resident set of the child (process.resourceUsage().maxRSS), in MB. */
  readonly maxRssMb: number;
  /** Wall time of the child process, spawn to exit, in ms. */
  readonly wallMs: number;
}

export interface ChildMessage<T> {
  readonly result?: T;
  readonly error?: string;
}

/** Run `bench/<script>` with `args`; resolves with its single result message. */
export function runChild<T>(script: string, args: readonly string[], timeoutMs: number): Promise<ChildReport<T>> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = fork(join(__dirname, script), [...args], {
      execArgv: [...TYPESCRIPT_NODE_ARGS],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    let message: (ChildMessage<T> & { maxRssMb?: number }) | undefined;
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('message', (m) => {
      message = m as ChildMessage<T> & { maxRssMb?: number };
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      if (message?.result !== undefined) resolve({ result: message.result, maxRssMb: message.maxRssMb ?? 0, wallMs });
      else reject(new Error(`bench child ${script} ended (${signal ?? `exit ${String(code)}`}) without a result${message?.error ? `: ${message.error}` : ''}`));
    });
  });
}

/** In the child: send the result (with the peak RSS so far) and let the process end. */
export function reply<T>(work: () => Promise<T>): void {
  work().then(
    (result) => {
      const message = { result, maxRssMb: process.resourceUsage().maxRSS / 1024 };
      // Run by hand (no parent): print the result, e.g. when profiling one child with --cpu-prof.
      if (process.send) process.send(message);
      else console.log(JSON.stringify(message));
    },
    (e: unknown) => {
      if (process.send) process.send({ error: (e as Error).stack ?? String(e) });
      else console.error((e as Error).stack ?? String(e));
      process.exitCode = 2;
    },
  ).finally(() => process.disconnect?.());
}
