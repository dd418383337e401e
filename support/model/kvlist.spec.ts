import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatKVList, kvSubset, kvUpdate, parseKVList, toKVList } from './kvlist';

test('the table notation keeps order, duplicate keys and nested lists', () => {
  const list = parseKVList("Segment=Gold; Segment=Silver; Account='0042'; Nested={a=1; b=x}");
  assert.deepEqual(list, [
    { key: 'Segment', value: 'Gold' },
    { key: 'Segment', value: 'Silver' },
    { key: 'Account', value: '0042' },
    { key: 'Nested', value: [{ key: 'a', value: 1 }, { key: 'b', value: 'x' }] },
  ]);
  assert.equal(formatKVList(list), "Segment=Gold; Segment=Silver; Account='0042'; Nested={a=1; b=x}");
});

test('malformed lists are rejected with the reason', () => {
  assert.throws(() => parseKVList('Segment'), /has no "=value"/);
  assert.throws(() => parseKVList('a={b=1'), /not closed/);
});

test('a subset needs a distinct actual pair for every expected pair, nested lists included', () => {
  const actual = parseKVList('k=1; k=2; n={a=1; b=2}');
  assert.ok(kvSubset(parseKVList('k=2; k=1'), actual));
  assert.ok(kvSubset(parseKVList('n={b=2}'), actual));
  assert.ok(!kvSubset(parseKVList('k=1; k=1'), actual));
  assert.ok(!kvSubset(parseKVList('n={c=3}'), actual));
});

test('updating replaces existing keys and appends new ones; plain objects and tuples convert', () => {
  assert.deepEqual(kvUpdate(parseKVList('a=1; b=2'), parseKVList('b=3; c=4')), parseKVList('a=1; b=3; c=4'));
  assert.deepEqual(toKVList({ a: 1, b: { c: 'x' } }), parseKVList('a=1; b={c=x}'));
  assert.deepEqual(toKVList([['a', 1], ['a', 2]]), parseKVList('a=1; a=2'));
});
