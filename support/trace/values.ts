/**
 * Value grammar of T-Library dumps (log-formats.md §1.3, §2.2, §3.1): `'quoted'` strings, bare
 * numbers, bare hex ConnIDs, `1439853377 (23:16:17)` times, `[561] 00 14 00 00..` compound
 * headers, `'key'(list) ` nested lists, and the .NET `Name [type] = value` form.
 */
import { lookupAttribute } from '../model/catalogue';
import type { RawValue } from './record';

export type Parsed = { readonly value: RawValue } | { readonly compound: true } | { readonly cut: string };

/** Attribute name without the `Attribute` prefix (`AttributeThisDN` → `ThisDN`). */
export function attributeName(raw: string): string {
  const bare = raw.startsWith('Attribute') && raw.length > 'Attribute'.length ? raw.slice('Attribute'.length) : raw;
  return lookupAttribute(bare)?.name ?? bare;
}

/** `'text'` → text; an unclosed quote means the line was cut off. */
function quoted(text: string, q: string): Parsed | undefined {
  if (!text.startsWith(q)) return undefined;
  if (text.length < 2 || !text.endsWith(q)) return { cut: `unterminated ${q === '"' ? 'double' : 'single'}-quoted value` };
  return { value: text.slice(1, -1) };
}

/** A level-1 value of a native/URS dump, knowing the attribute (ConnIDs stay text, sequence numbers are hex). */
export function nativeValue(name: string, text: string): Parsed {
  const v = text.trim();
  const q = quoted(v, "'");
  if (q) return q;
  if (/^\[\d+\]/.test(v)) return { compound: true };
  const kind = lookupAttribute(name)?.kind;
  if (name === 'EventSequenceNumber' && /^[0-9a-fA-F]+$/.test(v)) {
    const n = parseInt(v, 16);
    return { value: Number.isSafeInteger(n) ? n : v.toLowerCase() };
  }
  if (kind === 'connid' || kind === 'dn' || kind === 'string') return { value: v };
  const lead = /^(-?\d+)(?: \(.*\))?$/.exec(v);
  if (lead?.[1] !== undefined) return { value: Number(lead[1]) };
  return { value: v };
}

/** A KV-list value: quoted string, bare integer, or bare text. */
export function kvValue(text: string): Parsed {
  const v = text.trim();
  const q = quoted(v, "'") ?? quoted(v, '"');
  if (q) return q;
  return { value: /^-?\d+$/.test(v) ? Number(v) : v };
}

/** `'key'<TAB>value`, `'key'(list) [first child]`, or (PSDK) `'key' [type] = value`. */
export type PairLine =
  | { readonly kind: 'pair'; readonly key: string; readonly value: Parsed }
  | { readonly kind: 'list'; readonly key: string; readonly rest: string };

export function pairLine(text: string): PairLine | undefined {
  const m = /^'((?:[^']|'')*)'(.*)$/.exec(text.trim());
  if (!m) return undefined;
  const key = m[1] ?? '';
  const rest = m[2] ?? '';
  if (rest.startsWith('(list)')) return { kind: 'list', key, rest: rest.slice('(list)'.length).trim() };
  const psdk = /^\s*\[(\w+)\]\s*=\s?(.*)$/.exec(rest);
  if (psdk) {
    const value = psdk[2] ?? '';
    if (/^KVList:\s*$/.test(value)) return { kind: 'list', key, rest: '' };
    return { kind: 'pair', key, value: psdkValue(psdk[1] ?? '', value, key) };
  }
  return { kind: 'pair', key, value: kvValue(rest) };
}

/** `.NET` typed value: `[str] = "x"`, `[int] = 5`, `[long] = 00890` (a ConnID keeps its digits). */
export function psdkValue(type: string, text: string, name: string): Parsed {
  const v = text.trim();
  const q = quoted(v, '"');
  if (q) return q;
  const kind = lookupAttribute(name)?.kind;
  if ((type === 'int' || type === 'long') && /^-?\d+$/.test(v) && kind !== 'connid') return { value: Number(v) };
  return { value: v };
}
