/**
 * Cell matchers: each cell of an expectation table is parsed once into typed data.
 *
 * | cell text            | meaning                                                       |
 * |----------------------|---------------------------------------------------------------|
 * | (empty)              | not asserted                                                  |
 * | `any`                | the attribute is present, any value                           |
 * | `absent`             | the attribute is not present                                  |
 * | `$conn1`             | binds on first sight; must be equal afterwards; distinct names bind distinct values |
 * | `Inbound`, `2`, `CallTypeInbound` | an enum value (for enum attributes), any spelling |
 * | `Alice`, `7001`      | for DN attributes: a party name or a literal DN               |
 * | `k=v; k2={a=1}`      | for KV lists (UserData, Extensions, Reasons): these pairs are present (subset) |
 * | `exactly k=v`        | for KV lists: exactly these pairs, in this order                  |
 * | `empty`              | for KV lists: a list without pairs                                |
 * | `a or b`             | either alternative, e.g. `Ok or Conferenced`, `Bob or absent` |
 * | `Bob *DIAL`, `Bob *OPT` | GenEM's markers: the value, or absent (support/model/allowances.ts) |
 * | `busy reason`        | a named set of enum values (support/model/allowances.ts VALUE_SETS) |
 */
import { enumNames, normaliseEnum, type EnumName } from '../model/enums';
import { lookupAttribute, type AttributeDefinition } from '../model/catalogue';
import { formatKVList, kvSubset, kvValuesEqual, parseKVList, KVSyntaxError, type KVList } from '../model/kvlist';
import type { AttrValue } from '../model/event';
import { ABSENT_MARKERS, VALUE_SETS, type AbsentMarker } from '../model/allowances';

export type CellMatcher =
  | { readonly kind: 'any' }
  | { readonly kind: 'absent' }
  | { readonly kind: 'bind'; readonly variable: string }
  | { readonly kind: 'enum'; readonly enumName: EnumName; readonly name: string }
  | { readonly kind: 'dn'; readonly ref: string }
  | { readonly kind: 'exact'; readonly value: string | number }
  | { readonly kind: 'kvSubset'; readonly list: KVList }
  | { readonly kind: 'kvExact'; readonly list: KVList }
  | { readonly kind: 'oneOf'; readonly options: readonly CellMatcher[]; readonly label?: string }
  /** GenEM's `*DIAL` / `*OPT`: the inner value, or absent. */
  | { readonly kind: 'orAbsent'; readonly marker: AbsentMarker; readonly inner: CellMatcher };

export class CellSyntaxError extends Error {}

/** Parse one cell for attribute `def`. Throws {@link CellSyntaxError} with a readable reason. */
export function parseCell(def: AttributeDefinition, text: string): CellMatcher | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const marker = ABSENT_MARKERS.find((m) => trimmed === m || trimmed.endsWith(` ${m}`));
  if (marker) {
    const inner = parseCell(def, trimmed.slice(0, -marker.length));
    if (!inner) throw new CellSyntaxError(`"${trimmed}": ${marker} needs a value before it, e.g. "Bob ${marker}"`);
    return { kind: 'orAbsent', marker, inner };
  }
  const parts = trimmed.split(/\s+or\s+/);
  if (parts.length > 1) return { kind: 'oneOf', options: parts.map((p) => parseSingle(def, p)) };
  return parseSingle(def, trimmed);
}

function parseSingle(def: AttributeDefinition, text: string): CellMatcher {
  if (text === 'any') return { kind: 'any' };
  if (text === 'absent') return { kind: 'absent' };
  if (/^\$[A-Za-z_][\w]*$/.test(text)) return { kind: 'bind', variable: text };
  if (text.startsWith('$')) throw new CellSyntaxError(`"${text}" is not a valid variable name (use $ followed by letters, digits or _)`);
  switch (def.kind) {
    case 'enum':
      return parseEnum(def.enumName as EnumName, text);
    case 'kvlist':
      if (text === 'empty') return { kind: 'kvExact', list: [] };
      try {
        if (text.startsWith('exactly ')) return { kind: 'kvExact', list: parseKVList(text.slice('exactly '.length)) };
        return { kind: 'kvSubset', list: parseKVList(text) };
      } catch (e) {
        if (e instanceof KVSyntaxError) throw new CellSyntaxError(e.message);
        throw e;
      }
    case 'dn':
      return { kind: 'dn', ref: text };
    case 'int':
      if (!/^-?\d+$/.test(text)) throw new CellSyntaxError(`"${text}" is not an integer`);
      return { kind: 'exact', value: Number(text) };
    case 'connid':
      return { kind: 'exact', value: text.toLowerCase() };
    default:
      return { kind: 'exact', value: text };
  }
}

/** An enum value in any spelling, or a named set of values (`busy reason`). */
function parseEnum(enumName: EnumName, text: string): CellMatcher {
  const set = Object.hasOwn(VALUE_SETS, text) ? VALUE_SETS[text] : undefined;
  if (set && set.enumName === enumName) return { kind: 'oneOf', label: text, options: set.values.map((name) => ({ kind: 'enum', enumName, name })) };
  const value = normaliseEnum(enumName, text);
  if (!value) throw new CellSyntaxError(`"${text}" is not a ${enumName} value; expected one of ${enumNames(enumName).join(', ')}`);
  return { kind: 'enum', enumName, name: value.name };
}

export type Bindings = ReadonlyMap<string, AttrValue>;

export interface CellContext {
  readonly bindings: Bindings;
  /** Resolve a party name (or literal DN) to the DN the system uses. */
  readonly resolveDn: (ref: string) => string;
}

export type CellResult =
  | { readonly ok: true; readonly bindings: Bindings }
  | { readonly ok: false; readonly reason: string };

function same(a: AttrValue, b: AttrValue): boolean {
  return show(a) === show(b);
}

/** Match one cell against the actual attribute value (undefined = absent). Pure; never throws. */
export function matchCell(m: CellMatcher, actual: AttrValue | undefined, ctx: CellContext): CellResult {
  switch (m.kind) {
    case 'absent':
      return actual === undefined ? { ok: true, bindings: ctx.bindings } : fail('expected absent');
    case 'any':
      return actual !== undefined ? { ok: true, bindings: ctx.bindings } : fail('expected present, is absent');
    case 'oneOf': {
      for (const option of m.options) {
        const r = matchCell(option, actual, ctx);
        if (r.ok) return r;
      }
      return fail(`expected ${describeCell(m, ctx.bindings)}`);
    }
    case 'orAbsent': {
      if (actual === undefined) return { ok: true, bindings: ctx.bindings };
      const r = matchCell(m.inner, actual, ctx);
      return r.ok ? r : fail(`expected ${describeCell(m, ctx.bindings)}`);
    }
    default:
      if (actual === undefined) return fail(`expected ${describeCell(m, ctx.bindings)}, is absent`);
      return matchValue(m, actual, ctx);
  }
}

function fail(reason: string): CellResult {
  return { ok: false, reason };
}

function matchValue(m: CellMatcher, actual: AttrValue, ctx: CellContext): CellResult {
  const ok: CellResult = { ok: true, bindings: ctx.bindings };
  switch (m.kind) {
    case 'bind':
      return matchBinding(m.variable, actual, ctx.bindings);
    case 'enum':
      return actual === m.name ? ok : fail(`expected ${m.name}`);
    case 'dn': {
      const want = ctx.resolveDn(m.ref);
      return show(actual) === want ? ok : fail(`expected ${m.ref === want ? want : `${m.ref} (${want})`}`);
    }
    case 'exact':
      return show(actual) === String(m.value) ? ok : fail(`expected ${String(m.value)}`);
    case 'kvSubset':
      if (typeof actual !== 'object') return fail(`expected a key-value list containing ${formatKVList(m.list)}`);
      return kvSubset(m.list, actual) ? ok : fail(`expected to contain ${formatKVList(m.list)}`);
    case 'kvExact':
      if (typeof actual !== 'object') return fail(`expected the key-value list {${formatKVList(m.list)}}`);
      return kvValuesEqual(m.list, actual) ? ok : fail(`expected exactly {${formatKVList(m.list)}}`);
    default:
      return fail('unsupported matcher');
  }
}

/** `$var` binds on first sight; afterwards it must be equal; distinct names bind distinct values. */
function matchBinding(variable: string, actual: AttrValue, bindings: Bindings): CellResult {
  const bound = bindings.get(variable);
  if (bound !== undefined) return same(bound, actual) ? { ok: true, bindings } : fail(`expected ${variable} (= ${show(bound)})`);
  for (const [name, value] of bindings) {
    if (same(value, actual)) return fail(`expected ${variable} (a new value), but ${show(actual)} is already ${name}`);
  }
  const next = new Map(bindings);
  next.set(variable, actual);
  return { ok: true, bindings: next };
}

export function show(value: AttrValue): string {
  return typeof value === 'object' ? `{${formatKVList(value)}}` : typeof value === 'number' ? String(value) : value;
}

/** Human description of a matcher, used in diffs: `$conn1 (= 00f1…)`, `Ok or Conferenced`. */
export function describeCell(m: CellMatcher, bindings: Bindings = new Map()): string {
  switch (m.kind) {
    case 'any': return 'any';
    case 'absent': return 'absent';
    case 'bind': {
      const bound = bindings.get(m.variable);
      return bound === undefined ? m.variable : `${m.variable} (= ${show(bound)})`;
    }
    case 'enum': return m.name;
    case 'dn': return m.ref;
    case 'exact': return String(m.value);
    case 'kvSubset': return `{${formatKVList(m.list)}}`;
    case 'kvExact': return m.list.length ? `exactly {${formatKVList(m.list)}}` : 'empty';
    case 'oneOf': return m.label ?? m.options.map((o) => describeCell(o, bindings)).join(' or ');
    case 'orAbsent': return `${describeCell(m.inner, bindings)} ${m.marker}`;
  }
}

export { lookupAttribute };
