/**
 * `npm test`: every check of the project — type-check, lint, the unit specs, and the conformance
 * suite three ways (through the bridge server, through the Workspace API, and the main job with
 * every report) — on two lanes at once (issue 20: `npm test` on a 2-core machine).
 *
 * Run one after another, the checks leave the machine partly idle: the unit specs keep it about
 * 1.6 cores busy (many of them wait on servers, sockets and child processes), the rest about one.
 * So the unit specs run on one lane, streamed as they go, and the other checks one after another on
 * a second lane, each one's output printed whole when it ends (never inside another's). Nothing is
 * skipped: every check runs even when an earlier one failed, and the table at the end gives each
 * one's exit code and time. The exit code is the first failing check's, in the order of the table
 * (so a broken conformance run still exits 2, a not conformant one 1); 0 when all passed.
 *
 * The unit specs start slowest first (SLOW_FIRST, from measured CPU time): a long spec started last
 * would run alone at the end. The order changes nothing else; a listed file that no longer exists is
 * an error, so the list cannot rot unseen. `--serial` runs the checks one after another, as before.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseCommandLine, runCommand, wholeNumber, type CommandSpec } from '../config/commandLine';
import { TestCompromisedError } from '../errors';
import { TYPESCRIPT_NODE_ARGS } from '../accel/typescriptNode';

const ROOT = resolve(__dirname, '..', '..');

export const COMMAND = {
  name: 'test',
  synopsis: ['[--serial] [--concurrency n]'],
  description: `Runs every check: type-check, lint (ESLint, gherkin-lint, the spec validator), the unit specs
(*.spec.ts beside the code), and the conformance suite via the bridge server, via the Workspace API and
as the main job (every report in reports/). The unit specs run on one lane while the other checks run
one after another on a second; every check runs, and a table at the end gives each one's result.`,
  options: {
    serial: { type: 'boolean', help: 'run the checks one after another (the unit specs still run several files at a time)' },
    concurrency: { type: 'string', value: '<n>', help: 'unit spec files run at a time (default 3)' },
  },
  epilogue: 'Exit codes: 0 every check passed · otherwise the first failing check\'s code (1 failed, 2 broken, 64 usage error).',
} as const satisfies CommandSpec;

/**
 * Spec files by measured time, longest first (2026-12-07, wall time on a loaded machine: a spec that
 * waits on servers or a cluster's election holds its slot as long as one that computes); the rest
 * follow in path order.
 */
const SLOW_FIRST = [
  'support/stream/nats/cluster.spec.ts',
  'bench/bench.spec.ts',
  'support/stream/nats/nats.spec.ts',
  'support/cli/conformance.spec.ts',
  'support/mutation/variants.spec.ts',
  'support/selftest/replayLogs.spec.ts',
  'support/selftest/supervised.spec.ts',
  'support/report/allureReport.spec.ts',
  'support/adapter/bridge/abuseConnections.spec.ts',
  'support/report/specBook.browser.spec.ts',
  'support/trace/read.spec.ts',
  'support/accel/tsLoader.spec.ts',
  'support/cli/commands.spec.ts',
  'support/recognize/recognize.spec.ts',
  'support/report/reports.browser.spec.ts',
  'support/config/profile.spec.ts',
  'support/adapter/workspace/workspace.spec.ts',
];

interface Check {
  readonly name: string;
  readonly command: readonly string[];
}

/** The checks of the second lane, in the order of the final table (the unit specs come third). */
const SIDE: readonly Check[] = [
  { name: 'type-check', command: ['npm', 'run', '-s', 'typecheck'] },
  { name: 'lint', command: ['npm', 'run', '-s', 'lint'] },
  { name: 'conformance via the bridge server', command: ['npm', 'run', '-s', 'conformance', '--', '--via-server', '--no-report'] },
  { name: 'conformance via the Workspace API', command: ['npm', 'run', '-s', 'conformance', '--', '--via-workspace-api', '--no-report'] },
  { name: 'conformance (the main job, every report)', command: ['npm', 'run', '-s', 'conformance'] },
];

/** Every unit spec file (support, steps, bench), slowest first. */
export function unitSpecFiles(root = ROOT): string[] {
  const found: string[] = [];
  for (const top of ['support', 'steps', 'bench']) {
    if (!existsSync(join(root, top))) continue;
    for (const entry of readdirSync(join(root, top), { recursive: true, withFileTypes: true })) {
      if (entry.isFile() && entry.name.endsWith('.spec.ts')) found.push(relative(root, join(entry.parentPath, entry.name)));
    }
  }
  found.sort();
  const missing = SLOW_FIRST.filter((f) => !found.includes(f));
  if (missing.length) throw new TestCompromisedError(`support/cli/testAll.ts: SLOW_FIRST names spec files that do not exist: ${missing.join(', ')}`);
  return [...SLOW_FIRST, ...found.filter((f) => !SLOW_FIRST.includes(f))];
}

interface Outcome {
  readonly name: string;
  readonly code: number;
  readonly ms: number;
}

/** The children still running, stopped when npm test is interrupted. */
class Children {
  private readonly running = new Set<ChildProcess>();

  /** Run `command` in the project; `onOutput` gets its stdout and stderr as they come. */
  run(name: string, command: readonly string[], onOutput: (chunk: string) => void): Promise<Outcome> {
    const started = Date.now();
    return new Promise((done) => {
      const [file, ...args] = command;
      const child = spawn(file ?? 'npm', args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
      this.running.add(child);
      child.stdout.setEncoding('utf8').on('data', onOutput);
      child.stderr.setEncoding('utf8').on('data', onOutput);
      child.once('error', (e) => onOutput(`${name}: could not start ${command.join(' ')}: ${e.message}\n`));
      child.once('close', (code, signal) => {
        this.running.delete(child);
        done({ name, code: code ?? (signal ? 2 : 0), ms: Date.now() - started });
      });
    });
  }

  stop(signal: NodeJS.Signals): void {
    for (const child of this.running) child.kill(signal);
  }
}

/** Writes whole lines of the streamed lane, and the other lane's blocks between them. */
class Output {
  private partial = '';

  stream(chunk: string): void {
    const text = this.partial + chunk;
    const end = text.lastIndexOf('\n');
    this.partial = text.slice(end + 1);
    if (end >= 0) process.stdout.write(text.slice(0, end + 1));
  }

  block(title: string, text: string): void {
    process.stdout.write(`\n── ${title} ──\n${text}${text.endsWith('\n') || text === '' ? '' : '\n'}── end of ${title} ──\n\n`);
  }

  flush(): void {
    if (this.partial) process.stdout.write(`${this.partial}\n`);
    this.partial = '';
  }
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** A side check: its output kept and printed whole when it ends. */
async function sideCheck(children: Children, out: Output, check: Check): Promise<Outcome> {
  let text = '';
  const outcome = await children.run(check.name, check.command, (c) => { text += c; });
  out.block(`${check.name}: ${outcome.code === 0 ? 'passed' : `exit ${String(outcome.code)}`} in ${seconds(outcome.ms)}`, text);
  return outcome;
}

async function main(argv: readonly string[]): Promise<number> {
  const { values } = parseCommandLine(COMMAND, argv);
  const concurrency = wholeNumber(COMMAND.name, 'concurrency', values.concurrency, 3, 1);
  const files = unitSpecFiles();
  const unitCommand = [process.execPath, ...TYPESCRIPT_NODE_ARGS, '--test', `--test-concurrency=${String(concurrency)}`, '--test-reporter=spec', ...files];
  const children = new Children();
  const out = new Output();
  // Interrupted: the children stop, each ends non-zero, and the table says so.
  const interrupt = (signal: NodeJS.Signals): void => { children.stop(signal); };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  const started = Date.now();
  const side = async (): Promise<Outcome[]> => {
    const results: Outcome[] = [];
    for (const check of SIDE) results.push(await sideCheck(children, out, check));
    return results;
  };
  const unit = async (): Promise<Outcome> => {
    const outcome = await children.run('unit specs', unitCommand, (c) => out.stream(c));
    out.flush();
    return outcome;
  };
  let sideResults: Outcome[];
  let unitResult: Outcome;
  if (values.serial) {
    const [typecheck, lint, ...conformance] = SIDE;
    sideResults = [];
    for (const check of [typecheck, lint]) if (check) sideResults.push(await sideCheck(children, out, check));
    unitResult = await unit();
    for (const check of conformance) sideResults.push(await sideCheck(children, out, check));
  } else {
    [unitResult, sideResults] = await Promise.all([unit(), side()]);
  }
  const table = [...sideResults.slice(0, 2), unitResult, ...sideResults.slice(2)];
  console.log(`npm test: ${seconds(Date.now() - started)}${values.serial ? ' (serial)' : ' (two lanes)'}`);
  for (const o of table) console.log(`  ${(o.code === 0 ? 'passed' : `exit ${String(o.code)}`).padEnd(8)} ${seconds(o.ms).padStart(8)}  ${o.name}`);
  return table.find((o) => o.code !== 0)?.code ?? 0;
}

if (require.main === module) runCommand(COMMAND, process.argv.slice(2), main);
