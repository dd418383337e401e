/** The spec book's section verdict: known issues ran, a partly run section says so. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sectionOutcome } from './pages';

const text = (counts: Record<string, number>): string => sectionOutcome(new Map(Object.entries(counts))).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();

test('a section\'s last-run word: known issues count as run; a filtered run shows "partly run"', () => {
  assert.equal(text({ passed: 3 }), 'passed');
  assert.equal(text({ passed: 1, none: 40 }), 'passed partly run', 'one passed among 40 not run is not "passed"');
  assert.equal(text({ known: 2 }), 'known issue', 'known issues ran');
  assert.equal(text({ passed: 2, known: 1 }), 'passed, with known issues');
  assert.equal(text({ none: 5 }), 'not run');
  assert.equal(text({ passed: 5, skipped: 1 }), 'passed', 'a capability skip is counted apart, not "partly run"');
  assert.equal(text({ passed: 5, failed: 1, none: 3 }), 'not conformant');
  assert.equal(text({ passed: 5, usage: 1 }), 'could not test');
});
