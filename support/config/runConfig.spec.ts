import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRunConfig } from './runConfig';

test('a valid configuration is accepted', () => {
  assert.deepEqual(parseRunConfig('lab.json', '{ "adapter": "./a.ts", "timeoutMs": 5000 }'), { adapter: './a.ts', timeoutMs: 5000 });
});

test('bad JSON, unknown settings and bad values are reported with file and line', () => {
  assert.throws(() => parseRunConfig('lab.json', '{\n  "adapter": "x",\n  oops\n}'), /^UsageError: lab\.json:3: not valid JSON/);
  assert.throws(() => parseRunConfig('lab.json', '{\n  "adapter": "x",\n  "timeout": 5\n}'), /lab\.json:3: unknown setting "timeout"/);
  assert.throws(() => parseRunConfig('lab.json', '{\n  "timeoutMs": -1\n}'), /lab\.json:2: "timeoutMs" must be an integer between 1 and 50000/);
  assert.throws(() => parseRunConfig('lab.json', '[]'), /lab\.json:1: the configuration must be a JSON object/);
});
