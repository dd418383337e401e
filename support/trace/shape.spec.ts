/**
 * Attributes made by shape (shape.ts) are the objects the reader made one property at a time:
 * same keys in the same order (a name set twice keeps its first place and its last value), same
 * values, past the trie's limit, and for names a literal would read differently — with the
 * reference (one property after another) and with the fast path's compiled literals
 * (support/accel/objectLiteral.ts), whether a shape's literal is compiled yet or not.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { RawValue } from './record';
import { objectLiterals } from '../accel/objectLiteral';
import { oneByOne, ShapeTrie, type MakeObjects, type Shape } from './shape';

/** The reference: own data properties defined one at a time, in order (`__proto__` too). */
function oneAtATime(pairs: readonly (readonly [string, RawValue])[]): Record<string, RawValue> {
  const o: Record<string, RawValue> = {};
  for (const [k, v] of pairs) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  return o;
}

/** What the reader does: a step per attribute from the message's root, then build. */
function byShape(trie: ShapeTrie, message: string, pairs: readonly (readonly [string, RawValue])[]): Record<string, RawValue> {
  let shape: Shape = trie.root(message);
  const values: RawValue[] = [];
  for (const [k, v] of pairs) {
    const step = shape.step(k);
    shape = step.shape;
    values[step.slot] = v;
  }
  return shape.build(values);
}

/** Equal, and with the keys in the same order. */
function same(got: Record<string, RawValue>, want: Record<string, RawValue>, label: string): void {
  assert.deepEqual(Object.keys(got), Object.keys(want), label);
  assert.deepEqual(got, want, label);
  assert.equal(Object.getPrototypeOf(got), Object.prototype, label);
}

const names = fc.constantFrom('ThisDN', 'OtherDN', 'ConnID', 'CallType', 'UserData', 'x', 'Odd_1', 'constructor', 'toString', '__proto__', 'a"b', "it's", '10', 'é', '\u2028');
const value: fc.Arbitrary<RawValue> = fc.oneof(fc.string({ maxLength: 4 }), fc.integer(), fc.constant([]));
const record = fc.array(fc.tuple(names, value), { maxLength: 12 });

const MAKERS: readonly (readonly [string, MakeObjects])[] = [['one property after another (the reference)', oneByOne], ['compiled literals (the fast path)', objectLiterals]];

for (const [maker, make] of MAKERS) describe(`attributes by shape, ${maker}`, () => {
  it('are the objects made one property at a time, before and after a shape is compiled', () => {
    const trie = new ShapeTrie(make);
    let compared = 0;
    fc.assert(fc.property(fc.constantFrom('EventA', 'EventB'), record, (message, pairs) => {
      const want = oneAtATime(pairs);
      // Three times: the first build is one at a time, later ones use the compiled literal.
      for (let i = 0; i < 3; i++) same(byShape(trie, message, pairs), want, JSON.stringify(pairs));
      if (pairs.length > 1) compared += 1;
    }), { numRuns: 3000 });
    assert.ok(compared > 1000, 'most records have several attributes');
  });

  it('gives records of one message the same shape, and repeated names one place', () => {
    const trie = new ShapeTrie(make);
    const pairs: [string, RawValue][] = [['A', 1], ['B', 2], ['A', 3]];
    const shape = (p: readonly (readonly [string, RawValue])[]): Shape => p.reduce((s, [k]) => s.step(k).shape, trie.root('EventX'));
    assert.equal(shape(pairs), shape(pairs));
    assert.deepEqual(shape(pairs).names, ['A', 'B']);
    assert.notEqual(shape([['B', 1], ['A', 2]]), shape(pairs), 'another order is another shape');
    same(byShape(trie, 'EventX', pairs), { A: 3, B: 2 }, 'last value, first place');
  });

  it('stays correct past the limit, when the trie starts again', () => {
    const trie = new ShapeTrie(make);
    // Records that never repeat an order: each adds shapes until the trie is reset (more than once).
    for (let i = 0; i < ShapeTrie.LIMIT * 2.5 / 3; i++) {
      const pairs: [string, RawValue][] = [[`a${String(i)}`, i], [`b${String(i % 7)}`, 'x'], [`c${String(i)}`, i]];
      same(byShape(trie, `Event${String(i % 3)}`, pairs), oneAtATime(pairs), String(i));
    }
  });

  it('builds long records one property at a time, in order', () => {
    const trie = new ShapeTrie(make);
    const pairs = Array.from({ length: 300 }, (_, i): [string, RawValue] => [`n${String(299 - i)}`, i]);
    for (let i = 0; i < 3; i++) same(byShape(trie, 'EventLong', pairs), oneAtATime(pairs), 'long');
  });
});
