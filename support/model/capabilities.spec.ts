/**
 * The capability catalogue (support/model/capabilities.ts) is the whole vocabulary of `@requires:`:
 * every capability a feature requires is in it, every entry is required by some feature, a variant's
 * alternative is a variant naming it back; the README's table and the example adapter name them all.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CAPABILITIES, CAPABILITY_NAMES } from './capabilities';
import ctiClientAdapter from '../adapter/examples/ctiClientAdapter';

const ROOT = join(__dirname, '..', '..');

function featureTexts(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return featureTexts(path);
    return e.name.endsWith('.feature') ? [readFileSync(path, 'utf8')] : [];
  });
}

test('the catalogue and the features name the same capabilities', () => {
  const required = new Set(featureTexts(join(ROOT, 'features')).flatMap((t) => [...t.matchAll(/@requires:([a-z0-9:-]+)/g)].map((m) => m[1] as string)));
  assert.deepEqual([...required].sort(), [...CAPABILITY_NAMES].sort());
  assert.equal(new Set(CAPABILITY_NAMES).size, CAPABILITY_NAMES.length, 'no capability twice');
});

test('a variant\'s alternative is a variant that names it back', () => {
  for (const c of CAPABILITIES) {
    if (!c.alternative) continue;
    const other = CAPABILITIES.find((o) => o.name === c.alternative);
    assert.equal(other?.alternative, c.name, `${c.name} ↔ ${c.alternative}`);
  }
});

test('the README lists every capability with its meaning', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  for (const c of CAPABILITIES) assert.match(readme, new RegExp(`^\\| \`${c.name}\` \\|`, 'm'), `README row for ${c.name}`);
});

test('the example adapter declares only catalogued capabilities, at most one of each pair, and settles', () => {
  const adapter = ctiClientAdapter({});
  const declared = adapter.capabilities.features;
  for (const name of declared) assert.ok(CAPABILITY_NAMES.includes(name), `${name} is catalogued`);
  for (const c of CAPABILITIES) if (c.alternative && declared.includes(c.name)) assert.ok(!declared.includes(c.alternative), `${c.name} and ${c.alternative}`);
  assert.equal(typeof adapter.settled, 'function', 'settled() spares the settle time after each request');
});
