import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { BackgroundFiles } from './backgroundFiles';
import { TYPESCRIPT_NODE_ARGS } from './typescriptNode';

/** Runs `body` with a fresh directory, removed afterwards. */
async function inScratch(body: (dir: string) => Promise<void> | void): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cmc-background-'));
  try {
    await body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('files handed over in one turn, more than a batch, are all written, with their content, once settled', async () => inScratch(async (dir) => {
  const failures: string[] = [];
  const files = new BackgroundFiles((m) => failures.push(m));
  // A Buffer from the shared pool (small) and one of its own, text, and an empty file.
  for (let i = 0; i < 100; i += 1) files.write(join(dir, `${String(i)}.txt`), i % 2 === 0 ? `text ${String(i)}` : Buffer.from(`bytes ${String(i)}`));
  files.write(join(dir, 'large.bin'), Buffer.alloc(100_000, 7));
  files.write(join(dir, 'empty.txt'), '');
  await files.settled();
  assert.deepEqual(failures, []);
  assert.equal(readdirSync(dir).length, 102);
  assert.equal(readFileSync(join(dir, '42.txt'), 'utf8'), 'text 42');
  assert.equal(readFileSync(join(dir, '43.txt'), 'utf8'), 'bytes 43');
  assert.deepEqual(readFileSync(join(dir, 'large.bin')), Buffer.alloc(100_000, 7));
  assert.equal(readFileSync(join(dir, 'empty.txt'), 'utf8'), '');
  // Settled again with nothing outstanding: at once.
  await files.settled();
}));

test('a file that cannot be written is reported with its path and reason; the others are still written', async () => inScratch(async (dir) => {
  const failures: string[] = [];
  const files = new BackgroundFiles((m) => failures.push(m));
  files.write(join(dir, 'before.txt'), 'a');
  files.write(join(dir, 'no-such-dir', 'x.svg'), '<svg/>');
  files.write(join(dir, 'after.txt'), 'b');
  await files.settled();
  assert.equal(failures.length, 1);
  assert.match(failures[0] ?? '', /no-such-dir\/x\.svg: ENOENT/);
  assert.ok(existsSync(join(dir, 'before.txt')) && existsSync(join(dir, 'after.txt')));
}));

test('a process that ends without waiting still writes every file handed over (the worker keeps it alive), and an idle worker does not keep it alive', () => inScratch((dir) => {
  const program = [
    "const { BackgroundFiles } = require('./support/accel/backgroundFiles.ts');",
    'const files = new BackgroundFiles((m) => { console.error(m); process.exitCode = 3; });',
    `for (let i = 0; i < 500; i += 1) files.write(${JSON.stringify(dir)} + '/' + i + '.txt', 'file ' + i);`,
  ].join('\n');
  // The child returns at all: an idle worker is unref'd (a hang would fail the test by its timeout).
  execFileSync(process.execPath, [...TYPESCRIPT_NODE_ARGS, '-e', program], { cwd: join(__dirname, '..', '..'), timeout: 30_000 });
  assert.equal(readdirSync(dir).length, 500);
  assert.equal(readFileSync(join(dir, '499.txt'), 'utf8'), 'file 499');
}));

test('files held by a writer thread that dies are reported as not written, and settled still resolves', async () => inScratch(async (dir) => {
  const failures: string[] = [];
  // A worker that ends on its first batch without writing or answering.
  const program = join(dir, 'dying-thread.js');
  writeFileSync(program, "require('node:worker_threads').parentPort.on('message', () => process.exit(3));");
  const out = join(dir, 'out');
  mkdirSync(out);
  const files = new BackgroundFiles((m) => failures.push(m), program);
  for (let i = 0; i < 3; i += 1) files.write(join(out, `${String(i)}.txt`), 'x');
  await files.settled();
  assert.deepEqual(failures, [`3 file(s) not written, the first ${join(out, '0.txt')}: the writer thread exited with code 3`]);
  assert.deepEqual(readdirSync(out), []);
}));
