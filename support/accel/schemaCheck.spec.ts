/**
 * The fast check must decide exactly as Ajv does on the published schemas (it may never accept a
 * message Ajv refuses; for the keywords it supports it refuses nothing Ajv accepts either), on
 * generated messages close to the real ones and far from them.
 */
import { describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { ATTRIBUTES } from '../model/catalogue';
import { ENUMS } from '../model/enums';
import { WireSchemas } from '../adapter/bridge/protocol';
import { compileCheck, Unsupported } from './schemaCheck';

/** The published schemas, compiled once for this file. */
const schemas = new WireSchemas();
const NAMES = [...ATTRIBUTES.keys()];
const SPELLINGS = Object.values(ENUMS).flatMap((e) => [...Object.keys(e.values), ...e.prefixes.map((p) => `${p}${Object.keys(e.values)[0] ?? ''}`)]);

/** Strings that sit on the schemas' edges: empty, digits, hex, long, surrogates, patterns. */
const edgeString = fc.oneof(
  fc.constantFrom('', '0', '007', '-12', '1a2B', 'ffffffffffffffffffffffffffffffff', 'fffffffffffffffffffffffffffffffff0', 'EventRinging', 'Event.Ringing', 'A.B', '7001', ' ', '\ud83d\ude00', '\ud800', 'a\ud83d\ude00'),
  fc.constantFrom(...SPELLINGS),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
  fc.nat({ max: 300 }).map((n) => 'x'.repeat(n)),
  fc.nat({ max: 300 }).map((n) => '\ud83d\ude00'.repeat(n)),
  fc.constantFrom(199, 200, 201, 255, 256, 257, 999, 1000, 1001).chain((n) => fc.constantFrom('x'.repeat(n), `${'x'.repeat(n - 1)}\ud83d\ude00`)),
);
const edgeNumber = fc.oneof(fc.integer({ min: -3, max: 60 }), fc.constantFrom(0, -0, 1.5, -1, 4294967294, 4294967295, 2 ** 53), fc.double({ noNaN: true, noDefaultInfinity: true }));
const scalar = fc.oneof(edgeString, edgeNumber, fc.boolean(), fc.constant(null));
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  v: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, scalar, tie('kv'), fc.array(tie('v'), { maxLength: 3 }), fc.dictionary(edgeString, tie('v'), { maxKeys: 3 })),
  kv: fc.array(fc.oneof(fc.record({ key: edgeString, value: tie('v') }), fc.record({ key: edgeString, value: tie('v'), extra: scalar }), fc.record({ key: scalar })), { maxLength: 3 }),
})).v;
const key = fc.oneof(fc.constantFrom(...NAMES), fc.constantFrom(...NAMES), edgeString, fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty'));
const attributes = fc.oneof(fc.dictionary(key, value, { maxKeys: 12 }), value, fc.constant(Object.fromEntries(Array.from({ length: 501 }, (_, i) => [`K${i}`, i]))));
/** A value the catalogue accepts for the attribute (usually; the enum's numbers may be out of range). */
function validValue(name: string): fc.Arbitrary<unknown> {
  const def = ATTRIBUTES.get(name);
  const enumDef = def?.enumName ? (ENUMS as Readonly<Record<string, { values: Record<string, number> }>>)[def.enumName] : undefined;
  switch (def?.kind) {
    case 'connid': return fc.constantFrom('006b02a6f6e10001', 'ABC');
    case 'dn': return fc.constantFrom('7001', 'Trunk 1');
    case 'int': return fc.oneof(fc.integer(), fc.constantFrom('12', '-3'));
    case 'kvlist': return fc.constantFrom([], [{ key: 'a', value: 1 }], { a: 'b' });
    case 'enum': return enumDef ? fc.oneof(fc.constantFrom(...Object.keys(enumDef.values)), fc.constantFrom(...Object.values(enumDef.values))) : fc.constantFrom('x', 1);
    default: return fc.constantFrom('text', '');
  }
}

const good: Readonly<Record<string, fc.Arbitrary<unknown>>> = {
  name: fc.constantFrom('EventRinging', 'RequestMakeCall', 'Party.CallsIn', 'x'),
  dn: fc.constantFrom('7001', 'Trunk 1'),
  attributes: fc.uniqueArray(fc.constantFrom(...NAMES), { maxLength: 8 }).chain((names) => fc.tuple(...names.map((n) => fc.tuple(fc.constant(n), validValue(n)))).map((kv) => Object.fromEntries(kv))),
  origin: fc.constantFrom('line 1'),
  site: fc.constantFrom('Paris'),
  participant: fc.constantFrom('URS'),
  protocol: fc.constantFrom('T-Library', 'Interaction Management', 'Reporting', 'IVR'),
  sender: fc.constantFrom('T-Server Paris'),
  referenceId: fc.integer({ min: 1, max: 9999 }),
  of: fc.constantFrom('request', 'register', 'hello', 'message'),
  message: fc.constantFrom('no such call'),
  reason: fc.constantFrom('bye'),
  code: fc.constantFrom('unauthorized'),
  line: fc.nat({ max: 50 }),
};
const edge: Readonly<Record<string, fc.Arbitrary<unknown>>> = { attributes, referenceId: edgeNumber, line: edgeNumber };
const TYPES = ['event', 'request', 'ack', 'error', 'close'] as const;

/** A message of one type: its schema's fields, each usually good and sometimes an edge value; now and then a field is missing or extra. */
const message = fc.constantFrom(...TYPES).chain((type) => {
  const schema = schemas.get(type)?.full.schema as { properties: Record<string, unknown>; required?: string[] };
  const fields = Object.keys(schema.properties).filter((k) => k !== 'type');
  const arbs: Record<string, fc.Arbitrary<unknown>> = { type: fc.oneof(fc.constant(type), fc.constant(type), fc.constant('other')) };
  for (const f of fields) arbs[f] = fc.oneof({ weight: 12, arbitrary: good[f] ?? scalar }, { weight: 1, arbitrary: edge[f] ?? scalar });
  const required = Object.keys(arbs).filter((k) => k === 'type' || schema.required?.includes(k));
  return fc.tuple(fc.record(arbs, { requiredKeys: required }), fc.oneof({ weight: 10, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.tuple(edgeString, scalar) }))
    .map(([m, extra]) => (extra ? { ...m, [extra[0]]: extra[1] } : m));
});

/** Round trip through JSON: the wire's values (no undefined, -0 kept as 0, own __proto__ keys). */
const wire = (x: unknown): unknown => JSON.parse(JSON.stringify(x)) as unknown;

describe('fast schema check', () => {
  it('decides as Ajv does on generated messages, valid and not', () => {
    const checks = schemas;
    const seen = { accepted: 0, refused: 0 };
    fc.assert(fc.property(message, (raw) => {
      const m = wire(raw) as { type?: unknown };
      const v = typeof m.type === 'string' ? checks.get(m.type) : undefined;
      if (!v) return;
      const full = v.full(m);
      if (full) seen.accepted += 1;
      else seen.refused += 1;
      assert.equal(v.fast(m), full, JSON.stringify(m).slice(0, 400));
    }), { numRuns: 6000, seed: 20261126 });
    // Not vacuous: both outcomes occur often.
    assert.ok(seen.accepted > 1000 && seen.refused > 1000, JSON.stringify(seen));
  });

  it('decides as Ajv does on events whose every attribute is a known one with a generated value', () => {
    const v = schemas.get('event');
    assert.ok(v);
    fc.assert(fc.property(fc.dictionary(fc.constantFrom(...NAMES), fc.oneof(scalar, value), { maxKeys: 15 }), (attrs) => {
      const m = wire({ type: 'event', name: 'EventRinging', dn: '7001', attributes: attrs });
      assert.equal(v.fast(m), v.full(m), JSON.stringify(m).slice(0, 400));
    }), { numRuns: 4000, seed: 7 });
  });

  it('accepts the events the simulator sends (the fast path is the one taken)', () => {
    const v = schemas.get('event');
    assert.ok(v);
    const m = { type: 'event', name: 'EventEstablished', dn: '7002', attributes: { ConnID: '006b02a6f6e10001', CallID: '1', CallType: 'Internal', ThisDN: '7002', ThisDNRole: 'Destination', OtherDN: '7001', OtherDNRole: 'Origination', ReferenceID: 2, UserData: [{ key: 'a', value: [{ key: 'b', value: 1 }] }], TimeinSecs: 1767258000, TimeinuSecs: 10000 } };
    assert.equal(v.fast(m), true);
  });

  it('an invalid message is still reported with Ajv\'s reasons', () => {
    const r = schemas.decode(JSON.stringify({ type: 'event', name: 'EventRinging', attributes: { ConnID: 'not hex', CallType: 'Internal' } }));
    assert.equal(r.ok, false);
    assert.match(r.ok ? '' : r.problem, /^invalid event: \/attributes\/ConnID must match pattern/);
  });

  it('refuses to compile what it does not implement, so Ajv alone decides', () => {
    const resolve = (): never => {
      throw new Unsupported('no refs');
    };
    assert.throws(() => compileCheck({ oneOf: [{ type: 'string' }] }, resolve), Unsupported);
    assert.throws(() => compileCheck({ properties: { constructor: { type: 'string' } } }, resolve), Unsupported);
    assert.throws(() => compileCheck({ toString: 1 }, resolve), Unsupported);
    assert.throws(() => compileCheck({ $ref: '#/x' }, resolve), Unsupported);
    assert.throws(() => compileCheck({ enum: [{ a: 1 }] }, resolve), Unsupported);
  });
});
