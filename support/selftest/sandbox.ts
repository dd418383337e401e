/**
 * Runs the conformance CLI (or another CLI script) as a child process in a scratch directory whose
 * project files are symlinks to this tree: the run writes its reports/ there, never into the shared
 * tree's reports/. Asynchronous, so a test can serve a bridge in its own process meanwhile; bounded.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { TYPESCRIPT_NODE_ARGS } from '../accel/typescriptNode';

const ROOT = resolve(__dirname, '..', '..');
const LINKED = ['features', 'support', 'steps', 'node_modules', 'cucumber.js', 'tsconfig.json', 'package.json'];

export interface CliResult {
  readonly code: number | null;
  readonly out: string;
  readonly ms: number;
}

/** A fresh scratch project directory. */
export function sandbox(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cmc-sandbox-'));
  for (const name of LINKED) symlinkSync(join(ROOT, name), join(dir, name));
  return dir;
}

/** Write `content` as JSON into `dir` and return its path. */
export function writeJson(dir: string, name: string, content: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, `${JSON.stringify(content, null, 2)}\n`);
  return file;
}

/** Run `script` (relative to the project root) with ts-node in `dir`; killed after `timeoutMs`. */
export function runCli(dir: string, script: string, args: readonly string[], timeoutMs = 180_000, env: NodeJS.ProcessEnv = process.env): Promise<CliResult> {
  const started = Date.now();
  return new Promise((done) => {
    const child = spawn(process.execPath, [...TYPESCRIPT_NODE_ARGS, join(ROOT, script), ...args], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => { out += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { out += c.toString(); });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('close', (code) => {
      clearTimeout(timer);
      done({ code, out, ms: Date.now() - started });
    });
  });
}

/** `npm run conformance -- args` in a scratch directory. */
export function conformance(dir: string, args: readonly string[], timeoutMs?: number, env?: NodeJS.ProcessEnv): Promise<CliResult> {
  return runCli(dir, 'support/cli/conformance.ts', ['--no-report', ...args], timeoutMs, env);
}
