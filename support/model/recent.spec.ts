import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KeySet, RecentMap } from './recent';

test('the limit most recently set keys are always there, and never more than twice the limit', () => {
  const m = new RecentMap<number, number>(100);
  for (let k = 0; k < 10_000; k++) {
    m.set(k, k * 2);
    assert.ok(m.size <= 200, `${m.size} keys after ${k + 1} sets`);
    for (let back = 0; back < Math.min(100, k + 1); back += 7) assert.equal(m.get(k - back), (k - back) * 2, `key ${k - back} after key ${k}`);
  }
  assert.equal(m.has(0), false);
  assert.equal(m.get(0), undefined);
});

test('setting a key again makes it the most recent; reading it does not', () => {
  const read = new RecentMap<string, number>(2);
  const reset = new RecentMap<string, number>(2);
  for (const m of [read, reset]) m.set('x', 1).set('y', 2).set('z', 3);
  read.get('x');
  reset.set('x', 4);
  for (const m of [read, reset]) m.set('w', 5).set('v', 6);
  assert.equal(read.has('x'), false, 'x was set first, and reading it did not keep it');
  assert.equal(reset.get('x'), 4, 'x set again after z is kept as long as z is');
  assert.equal(reset.get('z'), 3);
});

test('a deleted key is gone from either generation; undefined values are kept', () => {
  const m = new RecentMap<string, number | undefined>(2);
  m.set('a', 1).set('b', 2).set('c', undefined);
  assert.equal(m.delete('a'), true);
  assert.equal(m.has('a'), false);
  assert.equal(m.delete('a'), false);
  assert.equal(m.has('c'), true);
  assert.equal(m.get('c'), undefined);
  assert.equal(m.size, 2);
});

test('a limit that is not a whole number of keys is refused', () => {
  assert.throws(() => new RecentMap(0), /at least 1/);
  assert.throws(() => new RecentMap(1.5), /whole number/);
});

test('a key set keeps every key without a limit, and at least the most recent (at most twice as many) with one', () => {
  const all = new KeySet<number>();
  const recent = new KeySet<number>(10);
  for (let k = 0; k < 1000; k++) {
    all.add(k);
    recent.add(k);
  }
  assert.equal(all.size, 1000);
  assert.ok(all.has(0) && all.has(999));
  assert.ok(recent.size >= 10 && recent.size <= 20, String(recent.size));
  for (let k = 990; k < 1000; k++) assert.ok(recent.has(k), `the recent key ${String(k)}`);
  assert.equal(recent.has(0), false);
});
