/**
 * UserData, Extensions and Reasons are T-Library KV lists: ordered, duplicate keys allowed, values
 * that are strings, integers or nested lists (TAttachUserData adds pairs without removing existing
 * ones, even with the same key — digest 1 §2.4).
 */
export type KVValue = string | number | KVList;
export interface KVPair {
  readonly key: string;
  readonly value: KVValue;
}
export type KVList = readonly KVPair[];

export function isKVList(value: unknown): value is KVList {
  return Array.isArray(value) && value.every((p) => typeof p === 'object' && p !== null && 'key' in p && 'value' in p);
}

/** Accepts a KV list, an array of `[key, value]` tuples, or a plain object (in key order). */
export function toKVList(raw: unknown): KVList | undefined {
  if (isKVList(raw)) return raw.map((p) => ({ key: p.key, value: toKVValue(p.value) }));
  if (Array.isArray(raw)) {
    const pairs: KVPair[] = [];
    for (const item of raw) {
      if (!Array.isArray(item) || item.length !== 2) return undefined;
      const [key, value] = item as [unknown, unknown];
      pairs.push({ key: typeof key === 'string' ? key : JSON.stringify(key), value: toKVValue(value) });
    }
    return pairs;
  }
  if (typeof raw === 'object' && raw !== null) {
    return Object.entries(raw).map(([key, value]) => ({ key, value: toKVValue(value) }));
  }
  return undefined;
}

function toKVValue(raw: unknown): KVValue {
  if (typeof raw === 'number' || typeof raw === 'string') return raw;
  return toKVList(raw) ?? JSON.stringify(raw);
}

export class KVSyntaxError extends Error {}

/**
 * Parse the table notation `key=value; other=2; nested={a=1; b=x}`.
 * Values that are all digits become integers; `'…'` quotes keep digits as a string.
 */
export function parseKVList(text: string): KVList {
  const parser = new KVParser(text);
  const list = parser.list();
  parser.expectEnd();
  return list;
}

class KVParser {
  private pos = 0;
  constructor(private readonly text: string) {}

  list(): KVPair[] {
    const pairs: KVPair[] = [];
    this.skipSpace();
    while (this.pos < this.text.length && this.peek() !== '}') {
      pairs.push(this.pair());
      this.skipSpace();
      if (this.peek() === ';' || this.peek() === ',') {
        this.pos += 1;
        this.skipSpace();
      } else break;
    }
    return pairs;
  }

  expectEnd(): void {
    this.skipSpace();
    if (this.pos < this.text.length) this.fail(`unexpected "${this.text.slice(this.pos)}"`);
  }

  private pair(): KVPair {
    const key = this.token('=').trim();
    if (!key) this.fail('a key is missing');
    if (this.peek() !== '=') this.fail(`"${key}" has no "=value"`);
    this.pos += 1;
    this.skipSpace();
    if (this.peek() === '{') {
      this.pos += 1;
      const nested = this.list();
      if (this.peek() !== '}') this.fail('a nested list is not closed with "}"');
      this.pos += 1;
      return { key, value: nested };
    }
    if (this.peek() === "'") {
      const end = this.text.indexOf("'", this.pos + 1);
      if (end < 0) this.fail('a quoted value is not closed');
      const value = this.text.slice(this.pos + 1, end);
      this.pos = end + 1;
      return { key, value };
    }
    const raw = this.token(';,}').trim();
    return { key, value: /^-?\d+$/.test(raw) ? Number(raw) : raw };
  }

  private token(stops: string): string {
    const start = this.pos;
    while (this.pos < this.text.length && !stops.includes(this.text.charAt(this.pos))) this.pos += 1;
    return this.text.slice(start, this.pos);
  }

  private peek(): string {
    return this.text.charAt(this.pos);
  }

  private skipSpace(): void {
    while (/\s/.test(this.peek()) && this.pos < this.text.length) this.pos += 1;
  }

  private fail(message: string): never {
    throw new KVSyntaxError(`key-value list "${this.text}": ${message}`);
  }
}

export function formatKVList(list: KVList): string {
  return list.map((p) => `${p.key}=${formatKVValue(p.value)}`).join('; ');
}

function formatKVValue(value: KVValue): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return /^-?\d+$/.test(value) ? `'${value}'` : value;
  return `{${formatKVList(value)}}`;
}

export function kvValuesEqual(a: KVValue, b: KVValue): boolean {
  if (typeof a !== 'object' || typeof b !== 'object') return a === b;
  return a.length === b.length && a.every((p, i) => {
    const q = b[i];
    return q !== undefined && p.key === q.key && kvValuesEqual(p.value, q.value);
  });
}

/**
 * True when every expected pair is found in `actual`, each matched to a different actual pair
 * (so two expected `k=1` pairs need two actual ones). Nested lists match as subsets too.
 */
export function kvSubset(expected: KVList, actual: KVList): boolean {
  const used = new Set<number>();
  return expected.every((want) => {
    const idx = actual.findIndex((have, i) => !used.has(i) && have.key === want.key && kvValueSubset(want.value, have.value));
    if (idx < 0) return false;
    used.add(idx);
    return true;
  });
}

function kvValueSubset(want: KVValue, have: KVValue): boolean {
  if (typeof want === 'object' && typeof have === 'object') return kvSubset(want, have);
  return want === have;
}

/** Replace the values of existing keys, append new keys (TUpdateUserData). */
export function kvUpdate(base: KVList, changes: KVList): KVList {
  const out = [...base];
  for (const change of changes) {
    const idx = out.findIndex((p) => p.key === change.key);
    if (idx >= 0) out[idx] = change;
    else out.push(change);
  }
  return out;
}
