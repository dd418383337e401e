/**
 * Value grammar of T-Library dumps (log-formats.md §1.3, §2.2, §3.1): `'quoted'` strings, bare
 * numbers, bare hex ConnIDs, `1439853377 (23:16:17)` times, `[561] 00 14 00 00..` compound
 * headers, `'key'(list) ` nested lists, and the .NET `Name [type] = value` form.
 *
 * These run once per attribute line of a log that can be hundreds of MB, so the common shapes are
 * recognised by looking at characters; every fast path gives exactly what the regular expression
 * beside it gives, and anything unusual goes to that expression.
 */
import { lookupAttribute, type AttributeKind } from '../model/catalogue';
import type { RawValue } from './record';

/** A compound value opens a KV list; `pairs` is the count its `[n] 00 NN ..` header announces, when it has one. */
export type Parsed = { readonly value: RawValue } | { readonly compound: true; readonly pairs?: number } | { readonly cut: string };

const COMPOUND: Parsed = { compound: true };

/**
 * Log spellings of catalogue attributes that the catalogue's own aliases do not cover: T-Server
 * prints the Reasons KV list as `AttributeReason`.
 */
const LOG_SPELLINGS: Readonly<Record<string, string>> = { Reason: 'Reasons' };

/** Attribute name without the `Attribute` prefix (`AttributeThisDN` → `ThisDN`). */
export function attributeName(raw: string): string {
  const bare = raw.startsWith('Attribute') && raw.length > 'Attribute'.length ? raw.slice('Attribute'.length) : raw;
  const spelled = Object.hasOwn(LOG_SPELLINGS, bare) ? LOG_SPELLINGS[bare] ?? bare : bare;
  return lookupAttribute(spelled)?.name ?? spelled;
}

/** `[64] 00 03 00 00..`: the first two bytes of a KV list are its number of pairs (3). */
const COUNTED = /^\[\d+\] ([0-9a-fA-F]{2}) ([0-9a-fA-F]{2})(?:\s|\.|$)/;

function compound(v: string): Parsed {
  const m = COUNTED.exec(v);
  return m ? { compound: true, pairs: parseInt(`${m[1] ?? ''}${m[2] ?? ''}`, 16) } : COMPOUND;
}

export interface AttributeInfo {
  /** {@link attributeName} of the spelling. */
  readonly name: string;
  /** The catalogue kind of that name (undefined: not in the catalogue). */
  readonly kind: AttributeKind | undefined;
}

/** {@link attributeName} and its kind. */
export function attributeInfo(raw: string): AttributeInfo {
  const name = attributeName(raw);
  return { name, kind: lookupAttribute(name)?.kind };
}

/**
 * Attribute spellings already read by the attribute-line expression (so known to be whole
 * `[A-Za-z]\w*` names), for the parser's fast path: a direct-mapped table, the slot chosen by the
 * length and three characters of the name up to the first TAB, the line's start then checked by the
 * spelling's own sticky expression `<TAB><spelling>[\t ]+`, which also finds where the value
 * starts. (Measured: a Map keyed by the name cut from each line hashes that new string every time;
 * comparing characters in JavaScript, or `startsWith` in place, cost more than that native match.)
 */
export interface Seen {
  readonly raw: string;
  readonly info: AttributeInfo;
  readonly spelling: RegExp;
}
const SEEN: (Seen | undefined)[] = new Array<undefined>(1024).fill(undefined);

/** Puts a spelling read by the expression in the table (in its slot, instead of another one). */
export function remember(spelling: string): AttributeInfo {
  const slot = seenSlot(spelling, 0, spelling.length);
  const seen = SEEN[slot];
  if (seen?.raw === spelling) return seen.info;
  // A copy: the spelling is cut from a chunk of the file, which it would keep alive for good.
  const raw = Buffer.from(spelling, 'latin1').toString('latin1');
  const info = attributeInfo(raw);
  SEEN[slot] = { raw, info, spelling: new RegExp(`\\t${raw}[\\t ]+`, 'y') };
  return info;
}

/**
 * Where the value starts when the line `text.slice(start, end)` is a TAB, `seen`'s spelling and
 * TABs/spaces (all that `seen.spelling` consumes); -1 when it is not.
 */
export function valueStart(seen: Seen, text: string, start: number, end: number): number {
  seen.spelling.lastIndex = start;
  return seen.spelling.test(text) && seen.spelling.lastIndex <= end ? seen.spelling.lastIndex : -1;
}

/** The remembered spelling of the line `text.slice(start, end)` (a TAB, the name up to the next TAB). */
export function seenAt(text: string, start: number, end: number): Seen | undefined {
  const lead = start + 1;
  const tab = text.indexOf('\t', lead);
  if (tab <= lead || tab >= end) return undefined;
  const seen = SEEN[seenSlot(text, lead, tab)];
  return seen && valueStart(seen, text, start, end) >= 0 ? seen : undefined;
}

/** The slot of `line.slice(start, end)` (a name of at least one character) in the table. */
function seenSlot(line: string, start: number, end: number): number {
  const length = end - start;
  const mix = length * 131 + line.charCodeAt(end - 1) * 31 + line.charCodeAt(start + (length >> 1)) * 7 + line.charCodeAt(start + ((length * 3) >> 2));
  return mix & (SEEN.length - 1);
}

/** `text.trim()`, without a new string when both ends are visible ASCII (the usual case). */
function trimmed(text: string): string {
  const n = text.length;
  if (n === 0) return text;
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(n - 1);
  return first > 32 && first < 127 && last > 32 && last < 127 ? text : text.trim();
}

/**
 * `/^-?\d+$/.test(v) ? Number(v) : undefined`, counting the digits itself: up to 15 digits the sum
 * is exact, and `Number(string)` is a runtime call. Undefined past 2^53 (the digits would change).
 */
function integer(v: string): number | undefined {
  const n = v.length;
  const negative = v.charCodeAt(0) === 45;
  let i = negative ? 1 : 0;
  if (i >= n) return undefined;
  let sum = 0;
  for (; i < n; i++) {
    const c = v.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
    sum = sum * 10 + (c - 48);
  }
  if (n > 15) {
    // Past 2^53 a number is not the digits the log printed (an ID in user data): the text is kept.
    const x = Number(v);
    return Number.isSafeInteger(x) ? x : undefined;
  }
  return negative ? -sum : sum;
}

/** `'text'` → text; an unclosed quote means the line was cut off. */
function quoted(text: string, q: string): Parsed | undefined {
  if (text.charCodeAt(0) !== q.charCodeAt(0)) return undefined;
  if (text.length < 2 || text.charCodeAt(text.length - 1) !== q.charCodeAt(0)) return { cut: `unterminated ${q === '"' ? 'double' : 'single'}-quoted value` };
  return { value: text.slice(1, -1) };
}

/**
 * A level-1 value of a native/URS dump, knowing the attribute and its catalogue kind (see
 * {@link attributeInfo}): ConnIDs stay text, sequence numbers are hex.
 */
export function nativeValueOf(name: string, kind: AttributeKind | undefined, text: string): Parsed {
  const v = trimmed(text);
  const first = v.charCodeAt(0);
  if (first === 39) return quoted(v, "'") as Parsed;
  if (first === 91 && /^\[\d+\]/.test(v)) return compound(v);
  if (name === 'EventSequenceNumber' && /^[0-9a-fA-F]+$/.test(v)) {
    const n = parseInt(v, 16);
    return { value: Number.isSafeInteger(n) ? n : v.toLowerCase() };
  }
  if (kind === 'connid' || kind === 'dn' || kind === 'string') return { value: v };
  const whole = integer(v);
  if (whole !== undefined) return { value: whole };
  // A number followed by its reading, `1772619301 (10:15:01)`; only worth the expression after a digit.
  return { value: (first >= 48 && first <= 57) || first === 45 ? withReading(v) : v };
}

/** `1772619301 (10:15:01)` → 1772619301; anything else (or digits past 2^53, which would change) stays text. */
function withReading(v: string): RawValue {
  const lead = /^(-?\d+)(?: \(.*\))?$/.exec(v);
  const x = lead?.[1] === undefined ? NaN : Number(lead[1]);
  return Number.isSafeInteger(x) ? x : v;
}

/**
 * {@link nativeValueOf} of `text.slice(start, end)` when it is one of the common shapes — a whole
 * `'quoted'` string, a bare integer, or the text of a ConnID/DN/string attribute, with nothing to
 * trim — as the bare value, without cutting the text out first or wrapping the result. Undefined
 * for anything else (empty, compound, cut, a time after a number, the hex sequence number…): the
 * caller then takes the general path.
 */
export function nativeScalar(name: string, kind: AttributeKind | undefined, text: string, start: number, end: number): RawValue | undefined {
  if (end <= start) return undefined;
  const first = text.charCodeAt(start);
  const last = text.charCodeAt(end - 1);
  // Visible ASCII at both ends: trim() would change nothing.
  if (!(first > 32 && first < 127 && last > 32 && last < 127)) return undefined;
  if (first === 39) return end - start >= 2 && last === 39 ? text.slice(start + 1, end - 1) : undefined;
  if (first === 91) return undefined;
  if (name === 'EventSequenceNumber') return aNumber(hexAt(text, start, end));
  if (kind === 'connid' || kind === 'dn' || kind === 'string') return text.slice(start, end);
  return aNumber(integerAt(text, start, end));
}

function aNumber(n: number): number | undefined {
  return Number.isNaN(n) ? undefined : n;
}

/**
 * `/^[0-9a-fA-F]+$/` and `parseInt(…, 16)` on `text.slice(start, end)` when the number has at
 * most 13 significant digits (below 2^52, so the sum is exact and a safe integer); NaN otherwise
 * (the general path then decides). Self-contained: the tokenizer's worker runs its source text.
 */
export function hexAt(text: string, start: number, end: number): number {
  let i = start;
  while (i < end - 1 && text.charCodeAt(i) === 48) i += 1;
  if (end - i > 13) return NaN;
  let sum = 0;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    const lower = c | 32; // A–F to a–f (and nothing else into a–f)
    const d = c >= 48 && c <= 57 ? c - 48 : lower >= 97 && lower <= 102 ? lower - 87 : -1;
    if (d < 0) return NaN;
    sum = sum * 16 + d;
  }
  return sum;
}

/** `/^-?\d+$/` on `text.slice(start, end)` (at most 15 digits, so the sum is exact) → the number; NaN otherwise. Self-contained, like {@link hexAt}. */
export function integerAt(text: string, start: number, end: number): number {
  const negative = text.charCodeAt(start) === 45;
  let i = negative ? start + 1 : start;
  if (i >= end || end - i > 15) return NaN;
  let sum = 0;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return NaN;
    sum = sum * 10 + (c - 48);
  }
  return negative ? -sum : sum;
}

/** What the tokenizer is given to read numbers with (the same readers as here). */
export const VALUE_READERS = { integerAt, hexAt };

/** A KV-list value: quoted string, bare integer, or bare text. */
export function kvValue(text: string): Parsed {
  const v = trimmed(text);
  const first = v.charCodeAt(0);
  if (first === 39) return quoted(v, "'") as Parsed;
  if (first === 34) return quoted(v, '"') as Parsed;
  return { value: integer(v) ?? v };
}

/** `'key'<TAB>value`, `'key'(list) [first child]`, or (PSDK) `'key' [type] = value`. */
export type PairLine =
  | { readonly kind: 'pair'; readonly key: string; readonly value: Parsed }
  | { readonly kind: 'list'; readonly key: string; readonly rest: string };

const PAIR = /^'((?:[^']|'')*)'(.*)$/;

/**
 * The quoted key and what follows it: `PAIR`, read directly when the key has no `''` in it and
 * the text is `plain` (holds no `\n`, `\r`, U+2028 or U+2029, which `.` does not match).
 */
function splitPair(t: string, plain: boolean): { key: string; rest: string } | undefined {
  if (t.charCodeAt(0) !== 39) return undefined;
  const close = t.indexOf("'", 1);
  if (close === -1) return undefined;
  // The key ends at the first quote unless a second one follows (`''` is a quote inside the key).
  if (plain && t.charCodeAt(close + 1) !== 39) return { key: t.slice(1, close), rest: t.slice(close + 1) };
  const m = PAIR.exec(t);
  return m ? { key: m[1] ?? '', rest: m[2] ?? '' } : undefined;
}

export function pairLine(text: string, plain = false): PairLine | undefined {
  const m = splitPair(trimmed(text), plain);
  if (!m) return undefined;
  const { key, rest } = m;
  if (rest.startsWith('(list)')) return { kind: 'list', key, rest: rest.slice('(list)'.length).trim() };
  const psdk = rest.includes('[') ? /^\s*\[(\w+)\]\s*=\s?(.*)$/.exec(rest) : null;
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
