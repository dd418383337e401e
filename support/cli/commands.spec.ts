/**
 * Issue 20, one command-line surface: every command of package.json's scripts (a script that is
 * `node -r ./support/accel/tsRegister.js <file.ts>`) accepts `--help` and `-h`, prints a usage
 * that names every option of its table (support/config/commandLine.ts) and exits 0 without doing
 * any work; an unknown option is one short message and exit 64, no stack trace. `--help` and the
 * unknown option run as child processes, a few at a time; `-h` goes through the command's own
 * `runCommand` in this process and must print what its `--help` printed.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { flagOf, runCommand, type CommandSpec } from '../config/commandLine';
import { TYPESCRIPT_NODE_ARGS } from '../accel/typescriptNode';

const ROOT = resolve(__dirname, '..', '..');
const SCRIPT = /^node -r \.\/support\/accel\/tsRegister\.js (\S+\.ts)$/;

interface Command {
  readonly script: string;
  readonly file: string;
  readonly spec: CommandSpec;
}

/** The command scripts of package.json, each with the table its module exports as COMMAND. */
function commands(): Command[] {
  const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  return Object.entries(scripts).flatMap(([script, line]) => {
    const file = SCRIPT.exec(line)?.[1];
    if (!file) return [];
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the module named by the script (its main is guarded)
    const spec = (require(join(ROOT, file)) as { COMMAND?: CommandSpec }).COMMAND;
    assert.ok(spec, `${file} (npm run ${script}) exports its option table as COMMAND`);
    assert.equal(spec.name, script, `${file}: COMMAND.name is the npm script`);
    return [{ script, file, spec }];
  });
}

interface Ran { readonly code: number | null; readonly stdout: string; readonly stderr: string }

/** `runCommand(spec, argv, main)` in this process: what it printed, its exit code, whether main ran. */
function helpInProcess(spec: CommandSpec, argv: readonly string[]): { stdout: string; code: number | string | undefined; called: boolean } {
  const log = console.log;
  const exitCode = process.exitCode;
  let stdout = '';
  let called = false;
  console.log = (...args: unknown[]): void => { stdout += `${args.map(String).join(' ')}\n`; };
  try {
    runCommand(spec, argv, () => { called = true; return 0; });
    return { stdout, code: process.exitCode, called };
  } finally {
    console.log = log;
    process.exitCode = exitCode;
  }
}

function run(file: string, args: readonly string[]): Promise<Ran> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [...TYPESCRIPT_NODE_ARGS, join(ROOT, file), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => { stdout += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.once('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}

/** What is wrong with `npm run <c> -- --no-such-option`: it must be one short message on stderr, exit 64. */
function unknownOptionProblems(c: Command, r: Ran): string[] {
  const what = `npm run ${c.script} -- --no-such-option`;
  const problems: string[] = [];
  if (r.code !== 64) problems.push(`${what}: exit ${String(r.code)}, expected 64\n${r.stderr}`);
  const lines = r.stderr.trim().split('\n');
  if (!/Unknown option '--no-such-option'/.test(lines[0] ?? '') || lines.length > 2) problems.push(`${what}: not one short message:\n${r.stderr}`);
  if (/\n\s+at /.test(r.stderr)) problems.push(`${what}: a stack trace`);
  if (r.stdout.trim() !== '') problems.push(`${what}: printed on stdout:\n${r.stdout.slice(0, 500)}`);
  return problems;
}

/**
 * What is wrong with `npm run <c> -- --help` (exit 0, the usage first, every option of the table,
 * nothing on stderr) and with `-h`, given to the command's runCommand in this process (which
 * --help just showed the command uses): the same text, exit 0, its main never called.
 */
function helpProblems(c: Command, r: Ran): string[] {
  const what = `npm run ${c.script} -- --help`;
  const problems: string[] = [];
  if (r.code !== 0) problems.push(`${what}: exit ${String(r.code)}, expected 0\n${r.stderr}`);
  if (!r.stdout.startsWith(`usage: npm run ${c.script} -- `)) problems.push(`${what}: the usage does not start the output:\n${r.stdout.slice(0, 300)}`);
  for (const [name, option] of [...Object.entries(c.spec.options), ['help', { type: 'boolean', short: 'h', help: '' }] as const]) {
    if (!r.stdout.includes(flagOf(name, option))) problems.push(`${what}: does not describe ${flagOf(name, option)}`);
  }
  if (r.stderr.trim() !== '') problems.push(`${what}: wrote on stderr (work done?):\n${r.stderr.slice(0, 500)}`);
  const short = helpInProcess(c.spec, ['-h']);
  if (short.called) problems.push(`npm run ${c.script} -- -h: ran the command`);
  if (short.code !== 0) problems.push(`npm run ${c.script} -- -h: exit ${String(short.code)}, expected 0`);
  if (short.stdout !== r.stdout) problems.push(`npm run ${c.script} -- -h: not the text of --help:\n${short.stdout.slice(0, 300)}`);
  return problems;
}

/** `jobs` run `limit` at a time. */
async function pooled<T>(jobs: readonly (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array<T>(jobs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await (jobs[i] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  return results;
}

describe('every npm command', () => {
  const all = commands();

  test('the command scripts are found (conformance, simulator, trace, …)', () => {
    for (const name of ['conformance', 'simulator', 'trace', 'recognize', 'feed', 'monitor', 'spec-book', 'request-map', 'coverage', 'bench', 'mutants']) {
      assert.ok(all.some((c) => c.script === name), `npm run ${name}`);
    }
  });

  test('--help and -h: exit 0, the usage naming every option, no work done; an unknown option: one message, exit 64', async () => {
    // Files a command writes when it runs: --help must leave them alone.
    const watched = ['support/simulator/README.md', 'bench/RESULTS.md'].map((f) => [f, statSync(join(ROOT, f)).mtimeMs] as const);
    // --help and an unknown option as the user runs them (a process each); -h below, against --help's output.
    const jobs = all.flatMap((c) => [['--help'], ['--no-such-option']].map((args) => async () => ({ c, args, r: await run(c.file, args) })));
    const results = await pooled(jobs, 4);
    const problems = results.flatMap(({ c, args, r }) => (args[0] === '--no-such-option' ? unknownOptionProblems(c, r) : helpProblems(c, r)));
    for (const [file, mtime] of watched) if (statSync(join(ROOT, file)).mtimeMs !== mtime) problems.push(`${file} was written by --help`);
    assert.deepEqual(problems, []);
  });

  test('every option has a description of its own', () => {
    for (const c of all) {
      for (const [name, option] of Object.entries(c.spec.options)) assert.ok(option.help.length >= 10, `npm run ${c.script}: --${name} is not described`);
    }
  });
});
