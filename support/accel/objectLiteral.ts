/**
 * The fast path of making a record's attributes object (reference: `oneByOne` in
 * support/trace/shape.ts, one property after another), used by the fast trace reader's parser.
 *
 * Adding the properties one by one with computed names was the costliest line of the reader (a
 * megamorphic keyed store per attribute, and the property store grown and copied as the object
 * filled up: ~290 ns per record of 9 attributes against ~50 ns, measured). Records of a log repeat
 * few shapes, so each shape gets one object literal compiled for it, from its second record on
 * (one-off shapes are not worth it), all properties in place at once. The contract: the same
 * object as the reference, same keys, same order (shape.spec.ts).
 */
import type { RawValue } from '../trace/record';
import { oneByOne, type MakeObjects } from '../trace/shape';

type Attributes = Record<string, RawValue>;

/** Shapes with more names are built one property at a time (a literal that long is rare and gains little). */
const MAX_LITERAL = 128;

export const objectLiterals: MakeObjects = (names) => {
  const slow = oneByOne(names);
  // `__proto__` in a literal sets the prototype instead of making an own property.
  if (names.length > MAX_LITERAL || names.includes('__proto__')) return slow;
  let compiled: ((values: readonly RawValue[]) => Attributes) | undefined;
  let made = 0;
  return (values) => {
    if (compiled) return compiled(values);
    made += 1;
    if (made > 1) compiled = literal(names);
    return slow(values);
  };
};

function literal(names: readonly string[]): (values: readonly RawValue[]) => Attributes {
  // Keys as JSON strings: any name is a valid, exact key (`"__proto__"` is the one exception, above).
  const body = `return {${names.map((n, i) => `${JSON.stringify(n)}: v[${String(i)}]`).join(', ')}};`;
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- compiled once per shape, from quoted names only
  return new Function('v', body) as (values: readonly RawValue[]) => Attributes;
}
