import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../errors';
import { parseManifest, readManifest, type Manifest } from './manifest';

const LIST: Manifest<string[]> = {
  what: 'list of names',
  validate: (raw, json) => {
    const names = (raw as { names?: unknown }).names;
    if (!Array.isArray(names)) throw new UsageError(`${json.at('names')}: "names" must be a list`);
    return names.map(String);
  },
};

test('a manifest is read, parsed and validated; every problem names the file and the line', () => {
  assert.deepEqual(parseManifest('n.json', '{ "names": ["a", "b"] }', LIST), ['a', 'b']);
  assert.throws(() => parseManifest('n.json', '{\n  "names": [\n  oops\n}', LIST), /^UsageError: n\.json:3: not valid JSON/);
  assert.throws(() => parseManifest('n.json', '{\n  "other": 1,\n  "names": 2\n}', LIST), /^UsageError: n\.json:3: "names" must be a list/);
});

test('a file that cannot be read says which file and what it was for', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cmc-manifest-'));
  try {
    assert.throws(() => readManifest(join(dir, 'absent.json'), LIST), (e: unknown) => e instanceof UsageError && e.message.startsWith(`${join(dir, 'absent.json')}: cannot read the list of names: ENOENT`));
    writeFileSync(join(dir, 'n.json'), '{ "names": [1] }');
    assert.deepEqual(readManifest(join(dir, 'n.json'), LIST), ['1']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
