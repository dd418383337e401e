/** The progress line: count, failures so far, time left; rewritten on a terminal, sparse plain lines elsewhere. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { duration, ProgressLine } from './progressLine';
import type { Outcome, ScenarioOutcome } from './outcomes';

const scenario = (outcome: Outcome): ScenarioOutcome => ({ name: 's', uri: 'f.feature', line: 1, evidence: 'documented', inferred: false, outcome });

function run(isTTY: boolean, outcomes: readonly Outcome[]): string {
  let text = '';
  let clock = 0;
  const progress = new ProgressLine({ write: (t: string) => { text += t; }, isTTY }, () => clock);
  for (let i = 0; i < outcomes.length; i += 1) progress.onMessage({ testCase: { index: i } });
  progress.onMessage({ testRunStarted: true });
  for (const o of outcomes) {
    clock += 2000;
    progress.finished(scenario(o));
  }
  return text;
}

test('on a terminal one line is rewritten: count, outcomes so far, time left', () => {
  const text = run(true, ['passed', 'failed', 'broken', 'skipped']).replaceAll('\r\x1b[K', '<rewrite>');
  assert.match(text, /<rewrite>\[ 1\/4 \] 1 passed · 0 failed · 0 broken · 0 skipped · 2 s, about 6 s to go/);
  assert.match(text, /<rewrite>\[ 4\/4 \] 1 passed · 1 failed · 1 broken · 1 skipped · 8 s\n$/);
});

test('elsewhere a plain line every tenth of the run, not one per scenario', () => {
  const lines = run(false, Array.from({ length: 100 }, () => 'passed')).trim().split('\n');
  assert.equal(lines.length, 10);
  assert.ok(lines.every((l) => !l.includes('\r')));
  assert.match(lines[9] ?? '', /^\[ 100\/100 \] 100 passed/);
});

test('durations read as seconds, then minutes', () => {
  assert.equal(duration(4_400), '4 s');
  assert.equal(duration(125_000), '2 min 5 s');
});
