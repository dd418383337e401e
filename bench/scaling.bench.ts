/**
 * Matcher scaling: a long trace (10k / 100k / 1M events) of basic calls, `concurrency` calls in
 * progress at once (their events interleave), consumed the way the world consumes a scenario's
 * events: when a call has delivered its last event, its Then table (6 rows, 2 DNs, `$conn` bound,
 * per-DN order) is matched with `matchSequence` against the pending (unconsumed) events in arrival
 * order, and the assigned events are consumed. Events are generated as they arrive and dropped
 * once consumed, so memory stays bounded by the window, not the trace. The per-event time must
 * stay flat as the trace grows: the result is the 1M/100k per-event ratio.
 *
 * Not measured here: one Then table of millions of rows (a Then table restates one GenEM model,
 * so tables stay small); `deepTableLimit` checks that one table of up to 64,000 rows matches (the
 * search keeps its own stack, so the call stack does not bound the rows).
 */
import type { ObservedEvent } from '../support/model/event';
import { parseExpectationTable, type ExpectedRow } from '../support/matching/expectation';
import { matchSequence } from '../support/matching/sequence';

/** One call of the basic model: [DN index (0 = caller, 1 = called), event]. */
const CALL: readonly (readonly [0 | 1, string])[] = [
  [0, 'EventDialing'], [1, 'EventRinging'], [1, 'EventEstablished'], [0, 'EventEstablished'], [0, 'EventReleased'], [1, 'EventReleased'],
];

function tableFor(a: string, b: string): ExpectedRow[] {
  const table = [['dn', 'event', 'ConnID', 'ThisDN', 'OtherDN']];
  // GenEM's allowances: EventDialing's OtherDN is *DIAL, EventReleased's *OPT (support/model/allowances.ts).
  const marked = (name: string, dn: string): string => (name === 'EventDialing' ? `${dn} *DIAL` : name === 'EventReleased' ? `${dn} *OPT` : dn);
  for (const [side, name] of CALL) table.push(side === 0 ? [a, name, '$conn1', a, marked(name, b)] : [b, name, '$conn1', b, marked(name, a)]);
  return parseExpectationTable(table, { dnColumn: 'required' });
}

/** Event `step` of call `call` on `slot`'s DN pair. */
function eventOf(slot: { readonly a: string; readonly b: string }, step: number, call: number, seq: number): ObservedEvent {
  const [side, name] = CALL[step] ?? [0, 'EventDialing'];
  const [dn, other] = side === 0 ? [slot.a, slot.b] : [slot.b, slot.a];
  return { name, dn, seq, receivedAt: seq, attributes: { ConnID: call.toString(16).padStart(16, '0'), ThisDN: dn, OtherDN: other } };
}

export interface ScalingPoint {
  readonly events: number;
  readonly nsPerEvent: number;
  /** Largest number of pending events one match saw. */
  readonly maxWindow: number;
}

/** Stream `events` events through the session+matcher path; throws if any call does not match. */
export function traceThroughMatcher(events: number, concurrency: number): ScalingPoint {
  const calls = Math.ceil(events / CALL.length);
  const slots = Array.from({ length: concurrency }, (_, s) => ({ a: String(100000 + 2 * s), b: String(100001 + 2 * s), table: tableFor(String(100000 + 2 * s), String(100001 + 2 * s)) }));
  const progress = new Array<number>(concurrency).fill(0);
  let pending: ObservedEvent[] = [];
  let seq = 0;
  let started = 0;
  let done = 0;
  let maxWindow = 0;
  const active: number[] = [];
  const callOf = new Array<number>(concurrency).fill(0);
  for (let s = 0; s < concurrency && started < calls; s += 1) {
    active.push(s);
    callOf[s] = started;
    started += 1;
  }
  const begin = process.hrtime.bigint();
  // Round-robin over the slots: the calls' events interleave as on a busy switch.
  for (let turn = 0; active.length > 0; turn += 1) {
    const i = turn % active.length;
    const s = active[i] ?? 0;
    const slot = slots[s];
    const step = progress[s] ?? 0;
    if (!slot) throw new Error('scaling bench: slot state');
    seq += 1;
    pending.push(eventOf(slot, step, callOf[s] ?? 0, seq));
    progress[s] = step + 1;
    if (step + 1 < CALL.length) continue;
    maxWindow = Math.max(maxWindow, pending.length);
    const r = matchSequence({ rows: slot.table, observed: pending, mode: 'per-dn', bindings: new Map(), resolveDn: (x) => x });
    if (r.kind !== 'matched') throw new Error(`scaling bench: call ${callOf[s] ?? 0} did not match (${r.kind})`);
    const consumed = new Set([...r.assignment.values()].map((e) => e.seq));
    pending = pending.filter((e) => !consumed.has(e.seq));
    done += 1;
    progress[s] = 0;
    if (started < calls) {
      callOf[s] = started;
      started += 1;
    } else active.splice(i, 1);
  }
  const ns = Number(process.hrtime.bigint() - begin);
  if (done !== calls || pending.length !== 0) throw new Error(`scaling bench: ${done}/${calls} calls matched, ${pending.length} events left`);
  return { events: seq, nsPerEvent: ns / seq, maxWindow };
}

/** Largest single Then table (rows, 1 event per DN; 250, 500, … up to `maxRows`) that `matchSequence` matches. */
export function deepTableLimit(maxRows: number): number {
  let ok = 0;
  for (let rows = 250; rows <= maxRows; rows *= 2) {
    const table = [['dn', 'event', 'ThisDN']];
    const observed: ObservedEvent[] = [];
    for (let i = 0; i < rows; i += 1) {
      table.push([String(100000 + i), 'EventRinging', String(100000 + i)]);
      observed.push({ name: 'EventRinging', dn: String(100000 + i), seq: i + 1, receivedAt: 0, attributes: { ThisDN: String(100000 + i) } });
    }
    try {
      matchSequence({ rows: parseExpectationTable(table, { dnColumn: 'required' }), observed, mode: 'per-dn', bindings: new Map(), resolveDn: (x) => x });
      ok = rows;
    } catch (e) {
      if (e instanceof RangeError) return ok;
      throw e;
    }
  }
  return ok;
}

export interface ScalingResult {
  /** Each size's fastest run. */
  readonly points: readonly ScalingPoint[];
  /** per-event time at the largest size / at the size before it (their fastest runs). */
  readonly ratio: number;
  /** Runs of each size (taken in turn: small to large, then again). */
  readonly runs: number;
  /** The same ratio within each run, in run order (the spread the fastest runs hide). */
  readonly runRatios: readonly number[];
  readonly deepTableRows: number;
}

/**
 * Each size `runs` times, the sizes taken in turn (so a slow spell of this shared machine falls
 * on all of them alike, not on one), and each size's fastest run kept, like the other benchmarks.
 * A run of a smaller size repeats its trace until it has as many events as the largest (10 × 100k
 * for 1M): every measurement then spans about the same time. The fastest of several short runs
 * is more likely to fall in a quiet moment than the fastest of long ones, which made the ratio
 * to the largest size look worse than the matcher is (4.24, 4.17, 4.82, 3.68 µs/event for 100k,
 * 1M, 100k, 1M run one after another).
 */
export function scalingBench(sizes: readonly number[], concurrency: number, runs = 3): ScalingResult {
  traceThroughMatcher(Math.min(sizes[0] ?? 1000, 10_000), concurrency); // warm-up (JIT)
  const largest = Math.max(...sizes);
  const best: ScalingPoint[] = [];
  const runRatios: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const points = sizes.map((n) => repeated(n, concurrency, Math.max(1, Math.round(largest / n))));
    points.forEach((p, i) => {
      const kept = best[i];
      if (!kept || p.nsPerEvent < kept.nsPerEvent) best[i] = p;
    });
    runRatios.push(lastRatio(points));
  }
  return { points: best, ratio: lastRatio(best), runs, runRatios, deepTableRows: deepTableLimit(64_000) };
}

/** {@link traceThroughMatcher} of `events`, `times` times over: the mean time per event, the largest window. */
function repeated(events: number, concurrency: number, times: number): ScalingPoint {
  let ns = 0;
  let seen = 0;
  let maxWindow = 0;
  for (let i = 0; i < times; i += 1) {
    const p = traceThroughMatcher(events, concurrency);
    ns += p.nsPerEvent * p.events;
    seen += p.events;
    maxWindow = Math.max(maxWindow, p.maxWindow);
  }
  return { events: seen / times, nsPerEvent: ns / seen, maxWindow };
}

function lastRatio(points: readonly ScalingPoint[]): number {
  const last = points[points.length - 1];
  const before = points[points.length - 2] ?? last;
  return last && before ? last.nsPerEvent / before.nsPerEvent : 1;
}
