/** The example adapter users copy: declares nothing by default, takes its capabilities from adapterOptions, and the README shows it as it is. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CAPABILITY_NAMES } from '../../model/capabilities';
import { SimulatorAdapter } from '../../simulator/SimulatorAdapter';
import ctiClientAdapter from './ctiClientAdapter';

const ROOT = join(__dirname, '..', '..', '..');
const FILE = readFileSync(join(__dirname, 'ctiClientAdapter.ts'), 'utf8');

test('the README shows the example adapter as it is (from its first import to its end)', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### A complete example adapter'));
  const block = /```ts\n([\s\S]*?)\n```/.exec(section)?.[1];
  assert.ok(block, 'a ts block under "A complete example adapter"');
  assert.equal(block, FILE.slice(FILE.indexOf('import ')).trimEnd());
});

test('declares no capability by default, and its comment lists the whole catalogue', () => {
  assert.deepEqual([...ctiClientAdapter({}).capabilities.features], []);
  const comment = FILE.slice(FILE.indexOf(' * What this system declares'), FILE.indexOf('const DECLARED'));
  for (const name of CAPABILITY_NAMES) assert.match(comment, new RegExp(`[\\s,|]${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[\\s,.|]`), `${name} in the comment of DECLARED`);
});

test('adapterOptions.features is the declared set (the loopback self-test gives the simulator\'s own)', () => {
  const simulator = new SimulatorAdapter().capabilities.features;
  assert.deepEqual([...ctiClientAdapter({ features: simulator }).capabilities.features], [...simulator]);
  assert.throws(() => ctiClientAdapter({ features: 'multi-site' }), /must be a list of capability names/);
});
