/**
 * ts-loader against its reference, `node -r ts-node/register/transpile-only`: every module of the
 * project is given to Node as the same code, whether ts-node compiled it (the reference; the loader's
 * first, cold process) or the loader took it from its entries (a warm process, which never loads
 * TypeScript). Stack traces name TypeScript lines either way. Anything the key does not cover (an
 * edited file, ts-node's own TS_NODE_* settings, no tsconfig.json, the reference switch) goes to
 * ts-node.
 *
 * Each process loads every module of support/ that has no effect when loaded (not the commands, the
 * cucumber glue or the specs) and reports the code each `.ts` module was compiled from.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
const LOADER = join(__dirname, 'tsLoader.js');
const FIXTURE = join(__dirname, 'fixtures', 'throwsOnLine9.ts');
const WITH_EFFECTS = new Set(['allure.ts', 'hooks.ts', 'parameterTypes.ts', 'world.ts', 'mutation/recordHook.ts', 'stream/nats/exitWithParent.ts', 'stream/nats/workerProcess.ts'].map((f) => join(ROOT, 'support', f)));

interface Loaded {
  /** The code Node compiled, per `.ts` file. */
  readonly compiled: Record<string, string>;
  /** Was TypeScript (hence ts-node) loaded? */
  readonly typescript: boolean;
  readonly stack: string;
  /** Modules whose loading threw (one that registers cucumber glue, say), with the message. */
  readonly failed: readonly string[];
}

/** Modules without an effect when loaded: support/ less the commands, the specs, the cucumber glue and the programs that run when loaded (a worker, a parent watch). */
function quietModules(): string[] {
  return readdirSync(join(ROOT, 'support'), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') && !e.name.endsWith('.d.ts'))
    .map((e) => join(e.parentPath, e.name))
    .filter((f) => !f.includes(`${join('support', 'cli')}/`) && !WITH_EFFECTS.has(f))
    .sort();
}

/** The child: a loader (or ts-node itself), every module, then what Node compiled. Plain JavaScript. */
const PROGRAM = `
const Module = require('node:module');
const [how, loader, directory, list, fixture] = process.argv.slice(1);
const compiled = {};
const compile = Module.prototype._compile;
Module.prototype._compile = function (code, filename) {
  if (filename.endsWith('.ts')) compiled[filename] = code;
  return compile.call(this, code, filename);
};
if (how === 'reference') require('ts-node/register/transpile-only');
else require(loader).createLoader({ directory }).register();
const failed = [];
for (const file of JSON.parse(list)) {
  try { require(file); } catch (e) { failed.push(file + ': ' + String(e.message).trim().split('\\n')[0]); }
}
let stack = '';
try { require(fixture).throwsOnLine9(); } catch (e) { stack = e.stack; }
const typescript = Object.keys(require.cache).some((k) => /[\\\\/]node_modules[\\\\/]typescript[\\\\/]/.test(k));
process.stdout.write(JSON.stringify({ compiled, typescript, stack, failed }));
`;

function load(how: 'loader' | 'reference', directory: string, files: readonly string[], extra: NodeJS.ProcessEnv = {}): Loaded {
  // Not a test process of this runner: a module that imports node:test (browserChecks) would report to it.
  const env = { ...process.env, ...extra };
  delete env.NODE_TEST_CONTEXT;
  try {
    const out = execFileSync(process.execPath, ['-e', PROGRAM, how, LOADER, directory, JSON.stringify(files), FIXTURE], { cwd: ROOT, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 120_000, stdio: ['ignore', 'pipe', 'pipe'] });
    return JSON.parse(out) as Loaded;
  } catch (e) {
    const failure = e as { status?: unknown; stderr?: unknown };
    throw new Error(`the ${how} process failed (exit ${String(failure.status)}): ${String(failure.stderr ?? e)}`, { cause: e });
  }
}

/** The loader's exports (plain JavaScript, loaded as Node loads it). */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS module without types
const { createLoader } = require('./tsLoader.js') as {
  createLoader: (o: { env?: NodeJS.ProcessEnv; cwd?: string; directory?: string }) => { tsNode: boolean; lookUp: (file: string, code?: string) => string | undefined };
};

describe('ts-loader against ts-node (node -r ts-node/register/transpile-only)', () => {
  it('gives Node the same code for every module, cold (ts-node compiles each, it keeps them) and warm (TypeScript never loaded); stack traces name TypeScript lines', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cmc-ts-loader-'));
    try {
      const files = quietModules();
      assert.ok(files.length > 100, `the project's modules were found (${files.length})`);
      const reference = load('reference', dir, files);
      const cold = load('loader', dir, files);
      const warm = load('loader', dir, files);
      const names = Object.keys(reference.compiled).sort();
      assert.ok(names.length >= files.length, 'every module (and the fixture) was compiled');
      assert.deepEqual(Object.keys(cold.compiled).sort(), names);
      assert.deepEqual(Object.keys(warm.compiled).sort(), names);
      for (const name of names) {
        assert.equal(cold.compiled[name], reference.compiled[name], `cold: ${name}`);
        assert.equal(warm.compiled[name], reference.compiled[name], `warm: ${name}`);
      }
      assert.deepEqual(cold.failed, reference.failed, 'the same modules fail to load, with the same message');
      assert.deepEqual(warm.failed, reference.failed);
      assert.ok(reference.failed.length < 5, `nearly every module loads: ${reference.failed.join('; ')}`);
      assert.equal(reference.typescript, true);
      assert.equal(cold.typescript, true, 'the cold process compiled its modules with ts-node');
      assert.equal(warm.typescript, false, 'the warm process never loaded TypeScript');
      for (const { stack } of [reference, cold, warm]) assert.match(stack, /throwsOnLine9\.ts:9:\d+/, 'the stack names the TypeScript line');
      // An edited module is not served: its key differs.
      const loader = createLoader({ env: {}, cwd: ROOT, directory: dir });
      assert.equal(loader.tsNode, false);
      assert.equal(loader.lookUp(FIXTURE), warm.compiled[FIXTURE]);
      assert.equal(loader.lookUp(FIXTURE, `${readFileSync(FIXTURE, 'utf8')}\n// edited\n`), undefined);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leaves to ts-node what its key does not cover: TS_NODE_* settings, no tsconfig.json, the reference switch', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cmc-ts-loader-'));
    const bare = mkdtempSync(join(tmpdir(), 'cmc-ts-loader-cwd-'));
    try {
      assert.equal(createLoader({ env: {}, cwd: ROOT, directory: dir }).tsNode, false);
      assert.equal(createLoader({ env: { TS_NODE_COMPILER_OPTIONS: '{"target":"es5"}' }, cwd: ROOT, directory: dir }).tsNode, true);
      assert.equal(createLoader({ env: {}, cwd: bare, directory: dir }).tsNode, true, 'no tsconfig.json above the working directory');
      for (const value of ['1', 'all', 'ts-loader', 'trace-reader,ts-loader']) assert.equal(createLoader({ env: { CMC_REFERENCE: value }, cwd: ROOT, directory: dir }).tsNode, true, value);
      assert.equal(createLoader({ env: { CMC_REFERENCE: 'trace-reader' }, cwd: ROOT, directory: dir }).tsNode, false);
      // The reference switch reaches a real process: with it, TypeScript is loaded even with every module kept.
      const files = [FIXTURE];
      load('loader', dir, files);
      assert.equal(load('loader', dir, files).typescript, false);
      assert.equal(load('loader', dir, files, { CMC_REFERENCE: 'ts-loader' }).typescript, true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      rmSync(bare, { recursive: true, force: true });
    }
  });
});
