/**
 * The capability catalogue (support/model/capabilities.ts) is the whole vocabulary of `@requires:`:
 * every capability a feature requires is in it, every entry is required by some feature, a variant's
 * alternative is a variant naming it back; the README's table and the example adapter name them all.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AstBuilder, GherkinClassicTokenMatcher, Parser, compile } from '@cucumber/gherkin';
import { IdGenerator } from '@cucumber/messages';
import { CAPABILITIES, CAPABILITY_NAMES, capabilityProblem } from './capabilities';
import ctiClientAdapter from '../adapter/examples/ctiClientAdapter';
import { SimulatorAdapter } from '../simulator/SimulatorAdapter';
import { capabilityFor, PARTY_ACTION_CAPABILITIES } from '../world/actions';

const ROOT = join(__dirname, '..', '..');

function featureFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return featureFiles(path);
    return e.name.endsWith('.feature') ? [path] : [];
  });
}

/** The tags every scenario (and example row) carries, from the parsed pickles: a commented-out tag is not one. */
function pickleTags(file: string): string[] {
  const newId = IdGenerator.incrementing();
  const doc = new Parser(new AstBuilder(newId), new GherkinClassicTokenMatcher()).parse(readFileSync(file, 'utf8'));
  return compile(doc, file, newId).flatMap((p) => p.tags.map((t) => t.name));
}

test('the catalogue and the features name the same capabilities', () => {
  const required = new Set(featureFiles(join(ROOT, 'features')).flatMap(pickleTags).filter((t) => t.startsWith('@requires:')).map((t) => t.slice('@requires:'.length)));
  assert.deepEqual([...required].sort(), [...CAPABILITY_NAMES].sort());
  assert.equal(new Set(CAPABILITY_NAMES).size, CAPABILITY_NAMES.length, 'no capability twice');
});

test('every capability a step\'s action can need is catalogued', () => {
  const needed = new Set([...Object.keys(PARTY_ACTION_CAPABILITIES), 'Party.CallsIn', 'Network.DelayAlerting'].map((r) => capabilityFor(r)).filter((c) => c.kind === 'feature').map((c) => c.name));
  assert.ok(needed.has('external-parties') && needed.has('alerting-control'));
  for (const name of needed) assert.ok(CAPABILITY_NAMES.includes(name), `${name} is catalogued`);
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

test('the example adapter and the reference simulator declare only catalogued capabilities, at most one of each pair', () => {
  for (const adapter of [ctiClientAdapter({}), new SimulatorAdapter({})]) {
    assert.equal(capabilityProblem(adapter.name, adapter.capabilities.features), undefined, adapter.name);
  }
});

test('the example adapter has settled() (it spares the settle time after each request)', () => {
  assert.equal(typeof ctiClientAdapter({}).settled, 'function');
});

test('an adapter declaring an uncatalogued capability or both variants of a pair is refused, naming them', () => {
  assert.equal(capabilityProblem('x', ['external-parties', 'sst:network-reached']), undefined);
  assert.match(capabilityProblem('x', ['external-partys']) ?? '', /not in the catalogue.*"external-partys"/);
  const both = capabilityProblem('x', ['external-parties', 'sst:no-network-reached', 'sst:network-reached']);
  assert.match(both ?? '', /both variants of "sst:network-reached" and "sst:no-network-reached"/);
});
