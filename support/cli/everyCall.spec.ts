import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countCalls, type CallLine } from './everyCall';

const call = (n: number, outcome: string, complete = true): CallLine => ({
  type: 'call', outcome, complete, from: `x.log:${String(n)}`, firstTime: `2026-03-04T10:00:0${String(n)}.000`,
  ...(outcome === 'deviates' ? { deviation: { scenario: { uri: 'f.feature', line: 9, name: 'Alice calls Bob' } } } : {}),
});

test('a replayed log\'s calls: a deviating call counts, unless the log leaves part of it out (its end leaves it going on, or it is the log\'s first call)', () => {
  const summary: CallLine = { type: 'summary', calls: 4, conforms: 1, deviates: 3, unrecognised: 0, unreadable: 0 };
  const counted = countCalls([call(1, 'deviates'), call(2, 'conforms'), call(3, 'deviates'), call(4, 'deviates', false), summary]);
  assert.equal(counted.deviates, 1);
  assert.deepEqual(counted.deviating, ['x.log:3: deviates from Alice calls Bob (f.feature:9)']);
  assert.equal(counted.cutByTheStart, 1);
  assert.equal(counted.cutByTheEnd, 1);
  assert.equal(countCalls([call(1, 'conforms'), call(2, 'deviates'), summary]).deviates, 1, 'the second call of a log counts, however soon after the first');
  // A log whose opening time recognize knew (its banner): a call that may have begun before it is
  // unrecognised there already; a first call that deviates began in the log, and counts.
  const opened = countCalls([call(1, 'deviates'), call(2, 'conforms'), { ...summary, opened: '2026-03-04T09:59:58.000' }]);
  assert.deepEqual([opened.deviates, opened.cutByTheStart], [1, 0]);
});
