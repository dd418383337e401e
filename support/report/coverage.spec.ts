import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { featureFiles, parseFeature } from '../spec/validateFeatures';
import { MODELS } from '../model/models';
import { coverageOf, renderCoverage } from './coverage';

const FEATURE = `@model:release-phase @source:GenEM/ReleasingCalls
Feature: Release phase
  Prose.

  Scenario: one
    When Alice hangs up
    Then Alice receives, in order:
      | event         |
      | EventReleased |

  @inferred
  Scenario: two
    When Alice hangs up
    Then Alice receives, in order:
      | event         |
      | EventReleased |
`;

test('every model of the index gets a row; counts and provenance come from the tags', () => {
  const rows = coverageOf([parseFeature('features/releasing-calls/release-phase.feature', FEATURE)]);
  const release = rows.find((r) => r.model.slug === 'release-phase');
  assert.deepEqual([release?.file, release?.scenarios, release?.inferred], ['features/releasing-calls/release-phase.feature', 2, 1]);
  const text = renderCoverage(rows);
  assert.match(text, /\| Releasing Calls \| release-phase \| features\/releasing-calls\/release-phase\.feature \| 2 \| documented 1, inferred 1 \| table \|/);
  assert.match(text, /\| basic-call-to-acd \| \*\*missing\*\* \| 0 \|/);
  assert.match(text, /^1 of 82 models have a feature/m);
});

/**
 * The model index of the research material (shared/spec/model-index.md), found by walking up from
 * the project; absent in a checkout without it (the project never depends on it).
 */
function modelIndexFile(): string | undefined {
  for (let dir = resolve('.'); ; dir = dirname(dir)) {
    const candidate = join(dir, 'shared', 'spec', 'model-index.md');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

test('the project\'s features cover every one of the 82 models of the index (npm run coverage)', () => {
  const rows = coverageOf(featureFiles().map((f) => parseFeature(f)));
  assert.equal(rows.length, 82);
  assert.deepEqual(rows.filter((r) => !r.file || r.scenarios === 0).map((r) => r.model.slug), [], 'models without a feature');
  assert.match(renderCoverage(rows), /^82 of 82 models have a feature/m);
});

test('the models list is the model index\'s, slug for slug', (t) => {
  const file = modelIndexFile();
  if (!file) {
    t.skip('shared/spec/model-index.md is not beside this checkout');
    return;
  }
  const slugs = readFileSync(file, 'utf8').split('\n').flatMap((l) => /^\| ([a-z0-9-]+) \|/.exec(l)?.slice(1) ?? []).filter((s) => s !== 'slug'); // the header row
  assert.deepEqual([...MODELS.map((m) => m.slug)].sort(), [...slugs].sort());
});
