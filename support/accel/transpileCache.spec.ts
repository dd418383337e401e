/**
 * transpile-cache against its reference, ts-node's own transpile-only emit: the same output (code
 * and source map) for every TypeScript file of the project, from an empty cache and from a full
 * one; an edited file is transpiled anew, never served a stale entry.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { create, type Service } from 'ts-node';

const ROOT = resolve(__dirname, '..', '..');
const CACHE = resolve(__dirname, 'transpileCache.js');

function projectFiles(): string[] {
  const files: string[] = [];
  for (const top of ['support', 'steps', 'bench']) {
    for (const entry of readdirSync(join(ROOT, top), { recursive: true, withFileTypes: true })) {
      if (entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) files.push(join(entry.parentPath, entry.name));
    }
  }
  return files.sort();
}

function service(transpiler?: [string, { cacheDirectory: string }], cwd = ROOT): Service {
  const { compilerOptions } = JSON.parse(readFileSync(join(ROOT, 'tsconfig.json'), 'utf8')) as { compilerOptions: object };
  // skipProject: the tsconfig's "ts-node" section (which names the cache) is not read; the compiler options are the same.
  return create({ cwd, skipProject: true, transpileOnly: true, compilerOptions, ...(transpiler ? { transpiler } : {}) });
}

describe('transpile-cache (ts-node transpiler) against ts-node\'s own emit', () => {
  it('gives the same output for every project file, cold and warm, and misses on an edit', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cmc-transpile-'));
    try {
      const reference = service();
      const cached = service([CACHE, { cacheDirectory: dir }]);
      const files = projectFiles();
      assert.ok(files.length > 100, `the project's TypeScript files were found (${files.length})`);
      // The reference's output, once per file (it is a pure function of the text: both passes are held to it).
      const expected = files.map((file) => {
        const code = readFileSync(file, 'utf8');
        return { file, code, output: reference.compile(code, file) };
      });
      for (const pass of ['cold', 'warm']) {
        for (const { file, code, output } of expected) assert.equal(cached.compile(code, file), output, `${pass}: ${file}`);
        if (pass === 'cold') assert.equal(readdirSync(dir).filter((f) => f.endsWith('.json')).length, files.length, 'one entry per file');
      }
      const [file] = files;
      assert.ok(file);
      const edited = `${readFileSync(file, 'utf8')}\nexport const __edited = 1;\n`;
      assert.equal(cached.compile(edited, file), reference.compile(edited, file), 'an edited file is transpiled anew');
      assert.match(cached.compile(edited, file), /__edited/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('serves a process started in another directory (a scratch copy of the project) the output its reference gives', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cmc-transpile-'));
    const elsewhere = mkdtempSync(join(tmpdir(), 'cmc-transpile-cwd-'));
    try {
      const filler = service([CACHE, { cacheDirectory: dir }]);
      const reader = service([CACHE, { cacheDirectory: dir }], elsewhere);
      const reference = service(undefined, elsewhere);
      assert.notEqual(reader.config.options.outDir, filler.config.options.outDir, 'ts-node derives another outDir there');
      const files = projectFiles().slice(0, 40);
      for (const file of files) filler.compile(readFileSync(file, 'utf8'), file);
      const entries = readdirSync(dir).length;
      for (const file of files) {
        const code = readFileSync(file, 'utf8');
        assert.equal(reader.compile(code, file), reference.compile(code, file), file);
      }
      assert.equal(readdirSync(dir).length, entries, 'every file was served from the entries the other directory wrote');
    } finally {
      rmSync(dir, { recursive: true, force: true });
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('stores nothing when the reference switch names it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cmc-transpile-'));
    const before = process.env.CMC_REFERENCE;
    process.env.CMC_REFERENCE = 'transpile-cache';
    try {
      const cached = service([CACHE, { cacheDirectory: dir }]);
      cached.compile('export const x: number = 1;\n', join(ROOT, 'support', 'x.ts'));
      assert.deepEqual(readdirSync(dir), []);
    } finally {
      if (before === undefined) delete process.env.CMC_REFERENCE;
      else process.env.CMC_REFERENCE = before;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
