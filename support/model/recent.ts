/**
 * A map bounded over an endless stream: it remembers at least the `limit` keys set most recently,
 * and never more than twice as many. Setting a key makes it the most recent; reading it does not.
 *
 * Two generations, not a Map that deletes its oldest key on each new one. V8's Map leaves a hole per
 * deleted entry until it rehashes, and `keys().next()` walks the holes from the start: an eviction
 * costs time in proportion to the holes before the oldest key. At 100,000 keys that was ~30 µs per
 * key set (bench/recent.bench.ts). A monitor worker paid it for every call once it had judged
 * 100,000, a quarter of its time per event. Here a full young generation becomes the old one, and
 * the old one is dropped whole.
 */
export class RecentMap<K, V> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`a RecentMap's limit is a whole number of keys (at least 1), not ${String(limit)}`);
  }

  get size(): number {
    return this.young.size + this.old.size;
  }

  get(key: K): V | undefined {
    const v = this.young.get(key);
    return v !== undefined || this.young.has(key) ? v : this.old.get(key);
  }

  has(key: K): boolean {
    return this.young.has(key) || this.old.has(key);
  }

  /** Sets the key's value and makes it the most recent key. */
  set(key: K, value: V): this {
    if (!this.young.has(key)) {
      this.old.delete(key);
      if (this.young.size >= this.limit) {
        this.old = this.young;
        this.young = new Map();
      }
    }
    this.young.set(key, value);
    return this;
  }

  delete(key: K): boolean {
    // Both: a key is in one generation at most, and `||` would stop at the first.
    const young = this.young.delete(key);
    const old = this.old.delete(key);
    return young || old;
  }
}

/**
 * The keys seen, for a source that may never end: every key when `limit` is undefined (a file: its
 * whole input), else at least the `limit` most recent and never more than twice as many
 * ({@link RecentMap}) — a bridge that runs for months must not remember every call it ever saw.
 */
export class KeySet<K> {
  private readonly all: Set<K> | undefined;
  private readonly recent: RecentMap<K, true> | undefined;

  constructor(limit?: number) {
    if (limit === undefined) this.all = new Set();
    else this.recent = new RecentMap(limit);
  }

  get size(): number {
    return this.all?.size ?? this.recent?.size ?? 0;
  }

  has(key: K): boolean {
    return this.all?.has(key) ?? this.recent?.has(key) ?? false;
  }

  add(key: K): this {
    this.all?.add(key);
    this.recent?.set(key, true);
    return this;
  }
}
