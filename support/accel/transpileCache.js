'use strict';
/**
 * transpile-cache: ts-node's transpiler (tsconfig.json "ts-node".transpiler), with the output kept on
 * disk by content.
 *
 * Every process of the harness (a conformance run and its child, each CLI command, each unit spec
 * file under `node --test`) loads the same TypeScript through ts-node, which transpiles every file
 * anew with TypeScript's `transpileModule`: about half of a small run's CPU time. This module runs
 * exactly the transpilation ts-node runs by default (its own `createTsTranspileModule`, the same
 * compiler options and module kind) and stores the result under `node_modules/.cache/cmc-transpile/`,
 * keyed by a hash of the TypeScript version, the compiler options, the module kind, the file name and
 * the file's text. A changed file, option or TypeScript version is a different key, so an entry is
 * never reused for other input; output with diagnostics is never stored (ts-node reports them).
 *
 * The reference is ts-node's own transpilation: `CMC_REFERENCE=transpile-cache` (or `1`/`all`, the
 * switch of support/accel/index.ts) bypasses the cache. transpileCache.spec.ts holds the two to the
 * same output for every TypeScript file of the project. Plain JavaScript: ts-node loads it before it
 * can load TypeScript.
 */
const { createHash } = require('node:crypto');
const { mkdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const { dirname, join, resolve } = require('node:path');

const FORMAT = 1; // bump when the stored shape changes
const NAME = 'transpile-cache';

/** Is the cache bypassed by the reference switch (CMC_REFERENCE)? Mirrors accel/index.ts `fast`. */
function bypassed(env) {
  const value = (env.CMC_REFERENCE ?? '').trim();
  if (value === '' || value === '0') return false;
  if (value === '1' || value === 'all') return true;
  return value.split(',').map((p) => p.trim()).includes(NAME);
}

/** The directory entries live in: beside the installed packages, gone with `npm ci`. */
function cacheDirectory() {
  return resolve(__dirname, '..', '..', 'node_modules', '.cache', 'cmc-transpile');
}

/**
 * The compiler options that key an entry. ts-node derives `outDir` and `configFilePath` from the
 * directory it starts in (a self-test's scratch copy of the project starts elsewhere); they change
 * only the source map's file names, which ts-node rewrites to the module's own path before use
 * (updateSourceMap), so the code a module runs is the same whichever directory filled the entry
 * (transpileCache.spec.ts checks it from two directories).
 */
function emitOptions(options) {
  return Object.fromEntries(Object.entries(options).filter(([name]) => name !== 'outDir' && name !== 'configFilePath'));
}

/** ts-node's default transpile-only emit (index.js createTranspileOnlyGetOutputFunction), as a function. */
function referenceTranspiler(service, nodeModuleEmitKind) {
  const ts = require(service.projectLocalResolveHelper('typescript', true));
  const { createTsTranspileModule } = require(join(dirname(require.resolve('ts-node')), 'ts-transpile-module.js'));
  const transpileModule = createTsTranspileModule(ts, { compilerOptions: service.config.options, reportDiagnostics: true });
  const kind = nodeModuleEmitKind === 'nodeesm' ? 'module' : 'commonjs';
  return { ts, transpile: (code, fileName) => transpileModule(code, { fileName }, kind) };
}

/**
 * ts-node's transpiler factory (see ts-node's TranspilerModule). `cacheDirectory` (a transpiler
 * option: `"transpiler": [path, { "cacheDirectory": … }]`) moves the entries, for the spec.
 */
function create({ service, nodeModuleEmitKind, cacheDirectory: directory }) {
  const reference = referenceTranspiler(service, nodeModuleEmitKind);
  if (bypassed(process.env)) return { transpile: (code, { fileName }) => reference.transpile(code, fileName) };
  const dir = directory ?? cacheDirectory();
  const salt = `${FORMAT}\0${reference.ts.version}\0${JSON.stringify(emitOptions(service.config.options))}\0${nodeModuleEmitKind ?? ''}\0`;
  return {
    transpile(code, { fileName }) {
      const key = createHash('sha256').update(salt).update(fileName).update('\0').update(code).digest('hex');
      const file = join(dir, `${key}.json`);
      try {
        return JSON.parse(readFileSync(file, 'utf8'));
      } catch {
        // not cached yet (or unreadable): transpile
      }
      const result = reference.transpile(code, fileName);
      if (!result.diagnostics || result.diagnostics.length === 0) store(dir, file, { outputText: result.outputText, sourceMapText: result.sourceMapText });
      return result;
    },
  };
}

/** Write an entry atomically (another process may be reading or writing the same key). */
function store(dir, file, entry) {
  try {
    mkdirSync(dir, { recursive: true });
    const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    writeFileSync(temporary, JSON.stringify(entry));
    renameSync(temporary, file);
  } catch {
    // a read-only or full disk only costs speed: the output was returned either way
  }
}

module.exports = { create, cacheDirectory, NAME };
