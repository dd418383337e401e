/**
 * Issue 20, process handling: a command started through npm stops with npm. Killing npm's PID
 * never reaches node (npm passes the signal to the script's `sh -c`, which dies and leaves node
 * under init), so the simulator server and the conformance supervisor watch the processes that
 * started them (./parentWatch.ts). Each case starts the real command through `npm run` in a scratch
 * project, kills npm's PID (or signals the node process), and checks that every process of the
 * tree is gone and the port is closed. The server logs one line per connection opened and closed.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { sandbox } from '../selftest/sandbox';
import { ancestry, orphaned } from './parentWatch';

/** Generous: several helpers share two cores, and ts-node compiles at start. */
const START_MS = 240_000;
const GONE_MS = 20_000;

function npm(dir: string, script: string, args: readonly string[]): { child: ChildProcess; out: { text: string } } {
  const child = spawn('npm', ['run', script, '--', ...args], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  const out = { text: '' };
  child.stdout?.on('data', (c: Buffer) => { out.text += c.toString(); });
  child.stderr?.on('data', (c: Buffer) => { out.text += c.toString(); });
  return { child, out };
}

async function until<T>(what: string, ms: number, probe: () => T | undefined | Promise<T | undefined>, log?: { text: string }): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out after ${String(ms)} ms waiting for ${what}${log ? `:\n${log.text}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Every process below `pid` (Linux /proc). */
function descendants(pid: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch { /* gone meanwhile */ }
  }
  const found: number[] = [];
  const walk = (p: number): void => {
    for (const [child, parent] of parents) if (parent === p) { found.push(child); walk(child); }
  };
  walk(pid);
  return found;
}

const alive = (pid: number): boolean => {
  try {
    // A zombie still answers kill(0): look at its state.
    return !/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${String(pid)}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

/** The exit code of `child` once it has exited. */
function exitCodeOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** After `kill`, every process of the tree is gone and the port is closed. */
async function assertAllGone(tree: readonly number[], port: number, out: { text: string }): Promise<void> {
  await until(`processes ${tree.join(', ')} to end`, GONE_MS, () => (tree.some(alive) ? undefined : true)).catch((e: unknown) => {
    throw new Error(`${(e as Error).message}; still running: ${tree.filter(alive).join(', ')}\n${out.text}`);
  });
  assert.equal(await portOpen(port), false, `port ${String(port)} still open\n${out.text}`);
}

describe('processes stop with npm', { concurrency: 2 }, () => {
  test('npm run simulator: killing npm\'s PID stops the server; each connection is logged as it opens and closes', async () => {
    const { child, out } = npm(sandbox(), 'simulator', ['--port', '0']);
    const port = Number(await until('"listening"', START_MS, () => /listening tcp:\/\/127\.0\.0\.1:(\d+)/.exec(out.text)?.[1]));
    await new Promise<void>((resolve, reject) => {
      const s = connect(port, '127.0.0.1', () => setTimeout(() => s.end(), 100));
      s.once('close', () => resolve());
      s.once('error', reject);
    });
    await until('the connection lines', 10_000, () => (/connection: 127\.0\.0\.1:\d+ closed after/.test(out.text) ? true : undefined));
    assert.match(out.text, /simulator: connection: 127\.0\.0\.1:(\d+) opened \(1 open\)\n(.*\n)*simulator: connection: 127\.0\.0\.1:\1 closed after [\d.]+ s \(0 open\)/);
    const tree = descendants(child.pid ?? -1);
    assert.ok(tree.length >= 1, 'npm has started the server');
    child.kill('SIGTERM');
    await assertAllGone(tree, port, out);
    assert.match(out.text, /simulator: stopping \(the process that started it ended\)/);
  });

  test('npm run conformance -- --via-server: killing npm\'s PID during the run leaves neither the run nor the simulator server behind', async () => {
    const { child, out } = npm(sandbox(), 'conformance', ['--via-server', '--no-report', '--tags', '@model:alternate-call']);
    const port = Number(await until('the simulator server', START_MS, () => /against the simulator server at tcp:\/\/127\.0\.0\.1:(\d+)/.exec(out.text)?.[1], out));
    const tree = descendants(child.pid ?? -1);
    assert.ok(tree.length >= 3, `npm, the supervisor and the server are running: ${tree.join(', ')}`);
    child.kill('SIGTERM');
    await assertAllGone(tree, port, out);
  });

  test('SIGTERM to npm run conformance -- --via-server (the node process itself): the run ends interrupted and stops the server', async () => {
    const { child, out } = npm(sandbox(), 'conformance', ['--via-server', '--no-report', '--tags', '@model:alternate-call']);
    const port = Number(await until('the simulator server', START_MS, () => /against the simulator server at tcp:\/\/127\.0\.0\.1:(\d+)/.exec(out.text)?.[1], out));
    const tree = descendants(child.pid ?? -1);
    // The node process itself, not the script's `sh -c "node … conformance.ts …"` (whose command line names it too).
    const supervisor = tree.find((pid) => {
      const argv = readFileSync(`/proc/${String(pid)}/cmdline`, 'utf8').split('\0');
      return /(^|\/)node$/.test(argv[0] ?? '') && argv.some((a) => a.endsWith('conformance.ts'));
    });
    assert.ok(supervisor, `the supervisor among ${tree.join(', ')}`);
    process.kill(supervisor, 'SIGTERM');
    await assertAllGone(tree, port, out);
    // Ended, not crashed and not passed: the account says so, and the exit code is "could not test" (npm passes it on).
    const code = await exitCodeOf(child);
    assert.equal(code, 2, out.text);
    assert.match(out.text, /The run is incomplete: it ended .*: the run was interrupted \(SIGTERM\)\./, out.text);
  });
});

describe('parentWatch', () => {
  test('this process is not orphaned while its parent lives', () => {
    const start = ancestry();
    assert.equal(start.parent, process.ppid);
    assert.equal(orphaned(start), false);
    assert.equal(orphaned({ parent: start.parent + 1 }), true, 'another parent than the one recorded');
  });
});
