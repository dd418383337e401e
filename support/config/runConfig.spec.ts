import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UsageError } from '../errors';
import { parseRunConfig, withOverrides } from './runConfig';

test('a valid configuration is accepted', () => {
  assert.deepEqual(parseRunConfig('lab.json', '{ "adapter": "./a.ts", "timeoutMs": 5000 }'), { adapter: './a.ts', timeoutMs: 5000 });
});

test('bad JSON, unknown settings and bad values are reported with file and line', () => {
  assert.throws(() => parseRunConfig('lab.json', '{\n  "adapter": "x",\n  oops\n}'), /^UsageError: lab\.json:3: not valid JSON/);
  assert.throws(() => parseRunConfig('lab.json', '{\n  "adapter": "x",\n  "timeout": 5\n}'), /lab\.json:3: unknown setting "timeout"/);
  assert.throws(() => parseRunConfig('lab.json', '{\n  "timeoutMs": -1\n}'), /lab\.json:2: "timeoutMs" must be an integer between 1 and 50000/);
  assert.throws(() => parseRunConfig('lab.json', '[]'), /lab\.json:1: the configuration must be a JSON object/);
});

test('command-line overrides are held to the rules of the file, naming the option', () => {
  const options = { timeoutMs: '--timeout', maxEventsPerScenario: '--max-events', shutdownGraceMs: '--shutdown-grace' } as const;
  const file = parseRunConfig('lab.json', '{ "adapter": "simulator", "timeoutMs": 5000 }');
  assert.deepEqual(withOverrides(file, { timeoutMs: 50_000, shutdownGraceMs: 0 }, options), { adapter: 'simulator', timeoutMs: 50_000, shutdownGraceMs: 0 });
  const refused = (overrides: object, message: RegExp): void => {
    assert.throws(() => withOverrides(file, overrides, options, '(hint)'), (e: unknown) => e instanceof UsageError && message.test(e.message) && e.message.endsWith('(hint)'));
  };
  refused({ maxEventsPerScenario: 1 }, /^--max-events 1: must be an integer between 100 and 1000000/);
  refused({ timeoutMs: 60_000 }, /^--timeout 60000: must be an integer between 1 and 50000/);
  refused({ timeoutMs: 3_000_000_000 }, /^--timeout 3000000000: must be an integer between 1 and 50000/);
  refused({ timeoutMs: 0 }, /^--timeout 0: must be/);
  refused({ shutdownGraceMs: 600_001 }, /^--shutdown-grace 600001: must be an integer between 0 and 600000/);
});
