'use strict';
/**
 * ts-loader: `node -r ts-node/register/transpile-only`, with ts-node's compiled modules kept on disk so
 * that a process whose modules are all known never loads ts-node or TypeScript (issue 20).
 *
 * Every process of the harness (each unit spec file and the test runner above them, a conformance run
 * and its suite child, the bridge and Workspace API servers, the monitor's workers) is started with a
 * TypeScript loader. ts-node loads TypeScript to read tsconfig.json and transpiles every module anew:
 * about 0.6 CPU-s per process before the first module, most of a small spec's cost and half of a
 * one-scenario run's. npm test starts several hundred such processes.
 *
 * This loader registers `.ts` itself. For a file, it looks up the exact code ts-node gives Node for it
 * (its output, with the inline source map ts-node appends), stored under a key made of everything
 * that code depends on: the file's name and text, the package type Node gives the file (CommonJS
 * only), tsconfig.json's text (found as ts-node finds it: upward from the working directory) and the
 * text of a transpiler it names, and the versions of TypeScript and ts-node. A hit is compiled as
 * is. A miss is compiled by ts-node, by the same service `ts-node/register/transpile-only` creates
 * (`create({ transpileOnly: true })`, made on the first miss only), and stored for the next process.
 * Stack traces map to the TypeScript lines through the source-map-support ts-node installs.
 *
 * The reference is ts-node alone: `CMC_REFERENCE=ts-loader` (or `1`/`all`, support/accel/index.ts)
 * registers ts-node at once. So does any `TS_NODE_*` variable (ts-node's own settings, which this key
 * does not cover), a tsconfig.json that `extends` another or is not plain JSON, and a working
 * directory with no tsconfig.json above it. tsLoader.spec.ts holds the two to the same compiled code
 * for every TypeScript file of the project, and checks each way out. Plain JavaScript: it is what
 * makes TypeScript loadable. The entry point is ./tsRegister.js (`node -r …/tsRegister.js`).
 */
const { createHash } = require('node:crypto');
const { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const { dirname, join, relative, resolve, sep } = require('node:path');

const FORMAT = 1; // bump when the stored shape or the key changes
const NAME = 'ts-loader';
const REGISTERED = Symbol.for('call-model-conformance.ts-loader');
const IGNORED = /(?:^|\/)node_modules\//; // ts-node's default `ignore`, relative to the config's directory

/** Is the loader bypassed by the reference switch (CMC_REFERENCE)? Mirrors accel/index.ts `fast`. */
function bypassed(env) {
  const value = (env.CMC_REFERENCE ?? '').trim();
  if (value === '' || value === '0') return false;
  if (value === '1' || value === 'all') return true;
  return value.split(',').map((p) => p.trim()).includes(NAME);
}

/** Where entries live: beside the installed packages, gone with `npm ci`. */
function cacheDirectory() {
  return resolve(__dirname, '..', '..', 'node_modules', '.cache', 'cmc-ts-loader');
}

/** tsconfig.json as ts-node's register finds it: the working directory, then each parent. */
function findConfig(from) {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    const candidate = join(dir, 'tsconfig.json');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * What every module's code depends on besides the module itself, as one string; undefined when ts-node
 * must decide alone (see the header).
 */
function projectSalt(env, cwd) {
  if (Object.keys(env).some((k) => k.startsWith('TS_NODE_'))) return undefined;
  const config = findConfig(cwd);
  if (!config) return undefined;
  const text = readFileSync(config, 'utf8');
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined; // comments or trailing commas: TypeScript's own parser must read it
  }
  if (parsed === null || typeof parsed !== 'object' || 'extends' in parsed) return undefined;
  const transpiler = parsed['ts-node']?.transpiler;
  const transpilerName = Array.isArray(transpiler) ? transpiler[0] : transpiler;
  let transpilerText = '';
  if (typeof transpilerName === 'string') {
    const local = transpilerName.startsWith('.') ? resolve(dirname(config), transpilerName) : require.resolve(transpilerName, { paths: [dirname(config)] });
    transpilerText = readFileSync(local, 'utf8');
  }
  const versionOf = (name, paths) => JSON.parse(readFileSync(require.resolve(`${name}/package.json`, { paths }), 'utf8')).version;
  const typescript = versionOf('typescript', [dirname(config)]);
  const tsNode = versionOf('ts-node', [__dirname]);
  return { configDir: dirname(config), salt: `${FORMAT}\0${typescript}\0${tsNode}\0${text}\0${transpilerText}\0` };
}

/** {@link projectSalt}, or undefined when a file it reads cannot be read or resolved (ts-node will say why). */
function saltOrNothing(env, cwd) {
  try {
    return projectSalt(env, cwd);
  } catch {
    return undefined;
  }
}

/** The stored compiled code of one module, or undefined. */
function readEntry(file) {
  try {
    const entry = JSON.parse(readFileSync(file, 'utf8'));
    return typeof entry.code === 'string' ? entry.code : undefined;
  } catch {
    return undefined;
  }
}

/** Write an entry atomically (another process may be reading or writing the same key). */
function writeEntry(dir, file, code) {
  try {
    mkdirSync(dir, { recursive: true });
    const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    writeFileSync(temporary, JSON.stringify({ code }));
    renameSync(temporary, file);
  } catch {
    // a read-only or full disk only costs speed
  }
}

/** The `type` of the package.json nearest `file` (as Node decides CommonJS or ESM), remembered per directory in `seen`. */
function packageType(seen, file) {
  const dir = dirname(file);
  if (seen.has(dir)) return seen.get(dir);
  let type = 'commonjs';
  const manifest = join(dir, 'package.json');
  if (existsSync(manifest)) {
    try {
      type = JSON.parse(readFileSync(manifest, 'utf8')).type ?? 'commonjs';
    } catch {
      type = 'unreadable';
    }
  } else if (dirname(dir) !== dir) {
    type = packageType(seen, dir);
  }
  seen.set(dir, type);
  return type;
}

/** Is `filename` one ts-node leaves alone (its default `ignore`, relative to the config's directory)? */
const ignored = (project, filename) => IGNORED.test(relative(project.configDir, filename).split(sep).join('/'));

/** Stack traces through the compiled code's inline source maps, as ts-node installs them. */
function installSourceMaps(compiled) {
  require('@cspotcode/source-map-support').install({
    environment: 'node',
    retrieveFile: (path) => compiled.get(path.split('/').join(sep)) ?? '',
    redirectConflictingLibrary: true,
  });
  return true;
}

/**
 * One process's loader: the project's salt, the package types seen, the code compiled from entries
 * (for stack traces), and whether ts-node has taken over.
 */
function createLoader({ env = process.env, cwd = process.cwd(), directory = cacheDirectory() } = {}) {
  const project = bypassed(env) ? undefined : saltOrNothing(env, cwd);
  const types = new Map();
  const compiled = new Map();
  const state = { tsNode: !project, sourceMaps: false, service: undefined };
  const jsHandler = Module._extensions['.js'];

  const entryFile = (filename, code) => join(directory, `${createHash('sha256').update(project.salt).update(filename).update('\0').update(packageType(types, filename)).update('\0').update(code).digest('hex')}.json`);

  /** The code ts-node gives Node for `filename` (a CommonJS module): stored, or compiled by ts-node and stored. */
  function compile(filename, source) {
    const file = entryFile(filename, source);
    const stored = readEntry(file);
    if (stored !== undefined) return stored;
    state.service ??= require('ts-node').create({ transpileOnly: true });
    const code = state.service.compile(source, filename);
    writeEntry(directory, file, code);
    return code;
  }

  /** Register ts-node itself: from now on it compiles every module (an ES module, a `.cts`/`.mts`). */
  function handOver() {
    state.tsNode = true;
    require('ts-node/register/transpile-only');
  }

  /** Node's handler for `.ts`: ts-node's code for it, from disk when stored. */
  function loadTs(m, filename) {
    if (state.tsNode || ignored(project, filename)) return jsHandler(m, filename);
    if (packageType(types, filename) !== 'commonjs') {
      handOver(); // ts-node says why it cannot be required, or compiles it as its package wants
      return Module._extensions['.ts'](m, filename);
    }
    const code = compile(filename, readFileSync(filename, 'utf8'));
    if (!state.sourceMaps) state.sourceMaps = installSourceMaps(compiled);
    compiled.set(filename, code);
    return m._compile(code, filename);
  }

  /** `.cts`/`.mts` reach Node through the `.js` handler (ts-node hooks it for them too): ts-node's. */
  function loadJs(m, filename) {
    if (!state.tsNode && (filename.endsWith('.cts') || filename.endsWith('.mts'))) {
      handOver();
      return Module._extensions['.js'](m, filename);
    }
    return jsHandler(m, filename);
  }

  return {
    /** Take over `.ts` (and `.js` for `.cts`/`.mts`), or register ts-node at once when it must decide. */
    register() {
      if (state.tsNode) {
        require('ts-node/register/transpile-only');
        return;
      }
      Module._extensions['.ts'] = loadTs;
      Module._extensions['.js'] = loadJs;
    },
    /** The stored code of a `.ts` file (its text as given), without loading or compiling it (for the spec). */
    lookUp: (filename, source = readFileSync(filename, 'utf8')) => (state.tsNode ? undefined : readEntry(entryFile(filename, source))),
    /** Has ts-node taken over (the reference, or what the key does not cover)? */
    get tsNode() {
      return state.tsNode;
    },
  };
}

/** Register once per process (a second `-r` or cucumber's requireModule is a no-op). */
function registerOnce() {
  if (process[REGISTERED]) return process[REGISTERED];
  const loader = createLoader();
  process[REGISTERED] = loader;
  loader.register();
  return loader;
}

module.exports = { createLoader, registerOnce, cacheDirectory, NAME };
