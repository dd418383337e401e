/**
 * A long-running command started through npm (`npm run simulator`, `npm run conformance`) must not
 * outlive it. Killing npm's PID does not reach the node process: npm passes the signal to the `sh -c`
 * running the script, the shell dies, and node is left running under init, still listening
 * (issue 20). So such a command watches the processes that started it: when its parent — or, when
 * the parent is the script's shell, the shell's parent (npm) — is gone, it stops as if it had been
 * sent SIGTERM. SIGHUP (the terminal closed) is treated the same way.
 */
import { readFileSync } from 'node:fs';

/** How often the parent is looked at. */
export const PARENT_POLL_MS = 500;

/** The parent pid and command name of `pid` (Linux /proc; undefined elsewhere or when it is gone). */
function statOf(pid: number): { ppid: number; comm: string } | undefined {
  try {
    const stat = readFileSync(`/proc/${String(pid)}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const ppid = Number(stat.slice(close + 2).split(' ')[1]);
    return Number.isInteger(ppid) ? { ppid, comm } : undefined;
  } catch {
    return undefined;
  }
}

const SHELLS = ['sh', 'dash', 'bash', 'zsh'];

/** What "the processes that started me" are now: the parent and, behind a script shell, the shell's parent. */
export function ancestry(): { parent: number; grandparent?: number } {
  const parent = process.ppid;
  const stat = statOf(parent);
  return stat && SHELLS.includes(stat.comm) ? { parent, grandparent: stat.ppid } : { parent };
}

/** True when the parent (or the script shell's parent) recorded in `start` has gone. */
export function orphaned(start: { parent: number; grandparent?: number }): boolean {
  if (process.ppid !== start.parent) return true;
  if (start.grandparent === undefined) return false;
  const stat = statOf(start.parent);
  return stat !== undefined && stat.ppid !== start.grandparent;
}

/**
 * Call `stop(reason)` once: on SIGTERM, SIGINT, SIGHUP, or when the process that started this one
 * has gone. Returns a function that stops watching (and removes the signal handlers).
 */
export function onStopRequest(stop: (reason: string) => void): () => void {
  const start = ancestry();
  const signals: NodeJS.Signals[] = ['SIGTERM', 'SIGINT', 'SIGHUP'];
  const handlers = signals.map((signal) => [signal, () => once(signal)] as const);
  const timer = setInterval(() => {
    if (orphaned(start)) once('the process that started it ended');
  }, PARENT_POLL_MS);
  timer.unref();
  const dispose = (): void => {
    clearInterval(timer);
    for (const [signal, handler] of handlers) process.removeListener(signal, handler);
  };
  const once = (reason: string): void => {
    dispose();
    stop(reason);
  };
  for (const [signal, handler] of handlers) process.on(signal, handler);
  return dispose;
}
