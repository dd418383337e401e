/**
 * Which messages of the events stream reached a verdict — so that messages the monitor never read
 * (a stream limit, `discard: old` under `max_msgs`, `max_bytes` or `max_age`, removed them before a
 * worker took them; a transport lost them) are counted, not silently missing from the totals.
 *
 * Every message our producers publish (the file feed, the Kafka bridge) carries the header
 * `Cmc-Source: <producer>:<n>`: `n` counts that producer's messages from 0, over all partitions
 * (per partition, a partition whose every message a limit discarded would leave nothing to count
 * from). A worker acknowledges a message only once the verdicts stream holds a record naming it —
 * the verdict of a thread in it or, for a message none of whose threads got a verdict from it (a
 * redelivery or a re-publish of threads judged before), a note that it was seen. Read from its
 * start, the verdicts stream therefore names every message a worker ever took, across worker
 * restarts; a place below the highest one named of its producer that nothing names is a message
 * no worker took. Messages after the last one named cannot be told from messages not
 * sent yet, and are not counted; a limit discarding the oldest messages removes them from the
 * front. A message without the header (a producer of its own) is judged as always and not counted.
 */

export const SOURCE_HEADER = 'Cmc-Source';

export interface SourceRef {
  readonly producer: string;
  readonly n: number;
}

const SOURCE = /^([0-9a-z]{1,32}):(\d{1,15})$/;

export function formatSource(r: SourceRef): string {
  return `${r.producer}:${r.n}`;
}

/** The header's value read, or undefined when it is not `<producer>:<n>`. */
export function parseSource(text: string): SourceRef | undefined {
  const m = SOURCE.exec(text);
  if (!m) return undefined;
  return { producer: m[1] as string, n: Number(m[2]) };
}

/** Sources in the producer's order: by producer, then by place (as numbers: 9 before 10); what is no source, last, as text. */
export function bySource(a: string, b: string): number {
  const x = parseSource(a);
  const y = parseSource(b);
  if (!x || !y) return x ? -1 : y ? 1 : a < b ? -1 : a > b ? 1 : 0;
  return x.producer < y.producer ? -1 : x.producer > y.producer ? 1 : x.n - y.n;
}

/** Messages of one producer that no verdict names: places `from` … `to`. */
export interface SourceGap {
  readonly producer: string;
  readonly from: number;
  readonly to: number;
}

export interface LostMessages {
  /** Messages no verdict names, below the highest one named of their producer. */
  readonly messages: number;
  /** The first gaps (at most `shown`), by producer and place. */
  readonly gaps: readonly SourceGap[];
}

interface Seen {
  readonly producer: string;
  bits: Uint8Array;
  max: number;
}

/** The places named so far, per producer (a bit per place: memory follows the stream's length / 8). */
export class Coverage {
  private readonly seen = new Map<string, Seen>();

  /** Records a named message; false when `text` is no source (it is not counted). */
  add(text: string): boolean {
    const r = parseSource(text);
    if (!r) return false;
    let s = this.seen.get(r.producer);
    if (!s) {
      s = { producer: r.producer, bits: new Uint8Array(64), max: -1 };
      this.seen.set(r.producer, s);
    }
    const byte = r.n >>> 3;
    if (byte >= s.bits.length) {
      const grown = new Uint8Array(Math.max(byte + 1, s.bits.length * 2));
      grown.set(s.bits);
      s.bits = grown;
    }
    s.bits[byte] = (s.bits[byte] as number) | (1 << (r.n & 7));
    if (r.n > s.max) s.max = r.n;
    return true;
  }

  /**
   * The messages missing so far, and the first `shown` gaps. `fromLowest`: count from each
   * producer's lowest place named, not from 0 — when the verdicts read do not start at the verdicts
   * stream's beginning (a retention limit of its own removed its oldest), the places their removed
   * records named would otherwise look unread.
   */
  lost(shown = 10, fromLowest = false): LostMessages {
    let messages = 0;
    const gaps: SourceGap[] = [];
    const all = [...this.seen.values()].sort((a, b) => (a.producer < b.producer ? -1 : a.producer > b.producer ? 1 : 0));
    for (const s of all) {
      let from = -1;
      let n = 0;
      if (fromLowest) while (n <= s.max && (((s.bits[n >>> 3] as number) >>> (n & 7)) & 1) === 0) n++;
      for (; n <= s.max + 1; n++) {
        const has = n > s.max || (((s.bits[n >>> 3] as number) >>> (n & 7)) & 1) === 1;
        if (!has && from < 0) from = n;
        if (has && from >= 0) {
          messages += n - from;
          if (gaps.length < shown) gaps.push({ producer: s.producer, from, to: n - 1 });
          from = -1;
        }
      }
    }
    return { messages, gaps };
  }
}

/** What the totals say of lost messages, for a person: how many, and where the first ones were. */
export function describeLost(lost: LostMessages): string {
  const where = lost.gaps.map((g) => `producer ${g.producer}'s ${g.from === g.to ? `message ${g.from}` : `messages ${g.from}–${g.to}`}`).join('; ');
  return `${lost.messages} message(s) of the events stream never reached a worker (${where}${lost.messages > lost.gaps.reduce((k, g) => k + g.to - g.from + 1, 0) ? '; …' : ''}): a stream limit discarded them before the monitor read them, or they were lost on the way; their calls are not judged`;
}
