/**
 * A worker's call threads being put together from an at-least-once stream: events arrive in any
 * order across threads, possibly twice (a redelivery after a crash, a re-publish), and a thread's
 * events may come back out of order when some are redelivered. Each thread's events are kept by
 * their place in it; a thread is whole when its last event and everything before it are there. A
 * thread never completed is handed on after an idle time (judged as it is). Memory: the open
 * threads, plus the keys of the recently judged ones and the last place each was judged with (so a
 * late redelivery of a thread whose verdict is stored is recognised at once and not judged again as a
 * fragment, and events past that place — a thread judged after its idle time while the call went on —
 * are told apart as late; one whose verdict could not be stored is forgotten, and made anew from its
 * redelivered events).
 *
 * `H` is the broker's handle of a delivery (what to acknowledge once the thread's verdict is stored).
 */
import { RecentMap } from '../model/recent';
import type { TraceRecord } from '../trace/record';
import { threadKey } from './partition';
import type { ThreadEvent } from './wire';

export interface Delivery<H> {
  /** The message's events of one thread: one, or a run of them (support/stream/wire.ts; a bundle's message is a delivery per thread in it, with one position). */
  readonly events: readonly ThreadEvent[];
  readonly handle: H;
  /** The message's position in the stream (a redelivery has the same one). */
  readonly position: number;
}

export interface AssembledThread<H> {
  readonly key: string;
  readonly tenant: string;
  readonly thread: string;
  /** The events there are, in thread order. */
  readonly records: readonly TraceRecord[];
  /** The last event and every one before it are there. */
  readonly whole: boolean;
  /** The places (seq) missing before the highest one seen, when not whole. */
  readonly missing: readonly number[];
  /** Every delivery of it (redeliveries included), to acknowledge. */
  readonly handles: readonly H[];
}

interface Open<H> {
  readonly tenant: string;
  readonly thread: string;
  readonly events: Map<number, TraceRecord>;
  readonly positions: Set<number>;
  readonly handles: H[];
  last: number | undefined;
  touched: number;
}

export type Added<H> =
  | { readonly kind: 'open' }
  | { readonly kind: 'whole'; readonly thread: AssembledThread<H> }
  /** A delivery of a thread whose verdict is stored (redelivered before its acknowledgement landed): acknowledge it. */
  | { readonly kind: 'judged'; readonly key: string; readonly handle: H }
  /** A delivery of a thread whose verdict is being stored: acknowledge it once it is, not before. */
  | { readonly kind: 'storing'; readonly key: string; readonly handle: H }
  /**
   * Events of a thread handed on before they came (`places` past the last one it was judged with):
   * a thread judged after its idle time while the call went on. Its verdict judged part of the
   * call; these events are not judged — say so, never drop them unseen.
   */
  | { readonly kind: 'late'; readonly key: string; readonly handle: H; readonly places: readonly number[] };

/** A thread handed on: whether its verdict is stored, and the last place it was judged with. */
interface HandedOn {
  stored: boolean;
  readonly upTo: number;
}

export class ThreadAssembler<H> {
  private readonly open = new Map<string, Open<H>>();
  /** Threads handed on: their verdict being stored, or stored (at least the `remember` most recent). */
  private readonly judged: RecentMap<string, HandedOn>;
  /** Stream messages held by open threads, and by how many (a bundle's message is held by each of its open threads). */
  private readonly heldPositions = new Map<number, number>();

  /** `now()`: wall-clock ms (for idle threads); `remember`: the most recently judged keys kept (at least these, at most twice as many). */
  constructor(private readonly now: () => number = Date.now, remember = 100_000) {
    this.judged = new RecentMap(remember);
  }

  get openThreads(): number {
    return this.open.size;
  }

  /** Distinct stream messages held in open threads (not yet acknowledged). */
  get held(): number {
    return this.heldPositions.size;
  }

  add(d: Delivery<H>): Added<H> {
    const event = d.events[0];
    // Nothing to hold it by: 'open' would leave the delivery neither held nor acknowledged.
    if (!event) throw new Error(`a delivery with no events (stream position ${String(d.position)}): decodeEvents never makes one`);
    const key = threadKey(event.tenant, event.thread);
    const judged = this.judged.get(key);
    if (judged) return afterHandedOn(judged, key, d);
    let t = this.open.get(key);
    if (!t) {
      const whole = this.wholeAtOnce(key, d);
      if (whole) return { kind: 'whole', thread: whole };
      t = { tenant: event.tenant, thread: event.thread, events: new Map(), positions: new Set(), handles: [], last: undefined, touched: 0 };
      this.open.set(key, t);
    }
    t.touched = this.now();
    t.handles.push(d.handle);
    if (!t.positions.has(d.position)) {
      t.positions.add(d.position);
      this.heldPositions.set(d.position, (this.heldPositions.get(d.position) ?? 0) + 1);
    }
    for (const e of d.events) {
      if (!t.events.has(e.seq)) t.events.set(e.seq, e.record);
      if (e.last) t.last = e.seq;
    }
    if (t.last !== undefined && t.events.size === t.last + 1 && maxKey(t.events) === t.last) return { kind: 'whole', thread: this.close(key, t) };
    return { kind: 'open' };
  }

  /**
   * A thread not open yet whose delivery holds all of it — places 0 … last in order, the last one
   * marked (a bundle's call, the usual case) — handed on at once, as {@link close} would hand it
   * on, without the maps an open thread is kept in; undefined for any other delivery.
   */
  private wholeAtOnce(key: string, d: Delivery<H>): AssembledThread<H> | undefined {
    const events = d.events;
    const n = events.length;
    for (let i = 0; i < n; i++) {
      const e = events[i] as ThreadEvent;
      if (e.seq !== i || (e.last === true) !== (i === n - 1)) return undefined;
    }
    const first = events[0] as ThreadEvent;
    const records: TraceRecord[] = new Array<TraceRecord>(n);
    for (let i = 0; i < n; i++) records[i] = (events[i] as ThreadEvent).record;
    this.handedOn(key, n - 1);
    return { key, tenant: first.tenant, thread: first.thread, records, whole: true, missing: [], handles: [d.handle] };
  }

  /** The verdict of a thread handed on is stored: later deliveries of it are acknowledged at once. */
  stored(key: string): void {
    const judged = this.judged.get(key);
    if (judged) judged.stored = true;
  }

  /** The verdict of a thread handed on could not be stored: its events, when they come back, make it anew. */
  failed(key: string): void {
    this.judged.delete(key);
  }

  /** The threads nothing arrived for in `idleMs` (wall clock), handed on as they are. */
  expireIdle(idleMs: number): AssembledThread<H>[] {
    const cutoff = this.now() - idleMs;
    const out: AssembledThread<H>[] = [];
    for (const [key, t] of this.open) if (t.touched <= cutoff) out.push(this.close(key, t));
    return out;
  }

  /** Every open thread, handed on as it is (the end of a bounded run). */
  drain(): AssembledThread<H>[] {
    return [...this.open].map(([key, t]) => this.close(key, t));
  }

  /** A thread handed on: its verdict is being stored. */
  private handedOn(key: string, upTo: number): void {
    this.judged.set(key, { stored: false, upTo });
  }

  private close(key: string, t: Open<H>): AssembledThread<H> {
    this.open.delete(key);
    for (const p of t.positions) {
      const n = (this.heldPositions.get(p) ?? 1) - 1;
      if (n > 0) this.heldPositions.set(p, n);
      else this.heldPositions.delete(p);
    }
    const seqs = [...t.events.keys()].sort((a, b) => a - b);
    const top = Math.max(t.last ?? -1, seqs[seqs.length - 1] ?? -1);
    this.handedOn(key, top);
    const missing: number[] = [];
    for (let s = 0; s <= top; s++) if (!t.events.has(s)) missing.push(s);
    return {
      key, tenant: t.tenant, thread: t.thread, records: seqs.map((s) => t.events.get(s) as TraceRecord),
      whole: t.last !== undefined && missing.length === 0, missing, handles: t.handles,
    };
  }
}

/** A delivery of a thread handed on: late events (past the last place it was judged with), or a redelivery of what it was judged with. */
function afterHandedOn<H>(judged: HandedOn, key: string, d: Delivery<H>): Added<H> {
  let places: number[] | undefined;
  for (const e of d.events) if (e.seq > judged.upTo) (places ??= []).push(e.seq);
  if (places) return { kind: 'late', key, handle: d.handle, places };
  return { kind: judged.stored ? 'judged' : 'storing', key, handle: d.handle };
}

function maxKey(m: Map<number, unknown>): number {
  let max = -1;
  for (const k of m.keys()) if (k > max) max = k;
  return max;
}
