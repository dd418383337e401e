import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFeature } from '../spec/validateFeatures';
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
