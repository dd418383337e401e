/**
 * One verdict per call thread — what a monitor publishes — and the totals of a verdict stream.
 *
 * A thread usually holds one call as the recognizer splits it; when it holds several (a producer's
 * thread that joins calls the recognizer keeps apart), the thread's outcome is the worst of theirs:
 * unreadable (an input problem: not judged) › deviates › conforms › unrecognised.
 */
import type { CallVerdict, ScenarioRef } from '../recognize';
import { Coverage, type LostMessages } from './coverage';

export type ThreadOutcome = CallVerdict['outcome'];

export interface ThreadVerdict {
  /** `tenant:thread`: what the verdict stream de-duplicates by. */
  readonly key: string;
  readonly tenant: string;
  readonly thread: string;
  readonly outcome: ThreadOutcome;
  /** The thread was whole (its last event and all before it) and every call in it had ended. */
  readonly complete: boolean;
  /** Places of events the thread never received (judged without them, after its idle time). */
  readonly missing?: readonly number[];
  readonly events: number;
  /** The calls in it, as the recognizer judged them. */
  readonly calls: readonly CallVerdict[];
  /** For a deviating thread: the nearest scenario and the diff (of its first deviating call). */
  readonly deviation?: { readonly scenario: ScenarioRef; readonly diff: string };
  /** For an unreadable thread: why (a damaged record, a message that is not an event, events of it that never arrived). */
  readonly unreadable?: string;
  /** The events stream's messages it was judged from, as their producer named them (support/stream/coverage.ts). */
  readonly sources?: readonly string[];
}

/**
 * A message of the events stream taken by a worker without a verdict of its own (its threads had
 * theirs: a redelivery, a re-publish), recorded before it is acknowledged so that the verdicts
 * stream names every message taken (support/stream/coverage.ts). Not a call: the totals count it
 * for nothing else.
 */
export interface SeenNote {
  readonly seen: string;
}

/**
 * Events of a call that came after its verdict — a thread judged after its idle time (`--call-idle`)
 * while the call went on: its verdict judged part of the call, and these events are not judged. Not
 * a call either: the totals count the calls with such events (`late`), which were not judged whole.
 */
export interface LateNote {
  /** The call's key (`tenant:thread`, as its verdict's) and the places of the events that came late. */
  readonly late: { readonly key: string; readonly places: readonly number[] };
  /** The message they came in (support/stream/coverage.ts), when it names one. */
  readonly seen?: string;
}

export type VerdictsMessage = ThreadVerdict | SeenNote | LateNote;

/** A message of the verdicts stream that is a call's verdict (not a note). */
export function isVerdict(m: VerdictsMessage): m is ThreadVerdict {
  return !('seen' in m) && !('late' in m);
}

/** The subject of a message's {@link SeenNote}: `$seen` is no token a tenant's verdict subject has. */
export function seenSubject(verdicts: string, source: string): string {
  return `${verdicts}.$seen.${source.replace(/:/g, '.')}`;
}

/** The subject of a {@link LateNote} (tokens as the verdict subject's, under `$late`). */
export function lateSubject(verdicts: string, tenantToken: string, threadToken: string, firstPlace: number): string {
  return `${verdicts}.$late.${tenantToken}.${threadToken}.${firstPlace}`;
}

export interface ThreadInput {
  readonly key: string;
  readonly tenant: string;
  readonly thread: string;
  readonly events: number;
  readonly whole: boolean;
  readonly missing: readonly number[];
  /** The messages it came in (their Cmc-Source), once each. */
  readonly sources?: readonly string[];
}

const RANK: Record<ThreadOutcome, number> = { unreadable: 3, deviates: 2, conforms: 1, unrecognised: 0 };

/**
 * A thread's verdict from its calls'. A thread with places missing before the last one received
 * (events its producer sent that never reached the monitor: a stream limit discarded them, a
 * producer lost them) is not judged: its calls were judged without events from their middle, and
 * whatever they say (an EventRinging lost on the way reads as the switch never sending it) is kept
 * in `calls` for the reader, not made the thread's outcome — it is unreadable, an input problem.
 */
export function threadVerdict(t: ThreadInput, calls: readonly CallVerdict[]): ThreadVerdict {
  let outcome: ThreadOutcome = 'unrecognised';
  for (const c of calls) if (RANK[c.outcome] > RANK[outcome]) outcome = c.outcome;
  const lost = t.missing.length > 0;
  const deviation = lost ? undefined : calls.find((c) => c.deviation)?.deviation;
  const unreadable = lost ? lostEvents(t) : calls.find((c) => c.unreadable)?.unreadable;
  if (lost) outcome = 'unreadable';
  // Optional fields set in place, in this order (the order of its JSON): not object spreads, once per call.
  const verdict: { -readonly [K in keyof ThreadVerdict]?: ThreadVerdict[K] } = { key: t.key, tenant: t.tenant, thread: t.thread, outcome, complete: t.whole && calls.every((c) => c.complete) };
  if (t.missing.length) verdict.missing = t.missing;
  verdict.events = t.events;
  verdict.calls = calls;
  if (deviation) verdict.deviation = deviation;
  if (unreadable) verdict.unreadable = unreadable;
  if (t.sources?.length) verdict.sources = t.sources;
  return verdict as ThreadVerdict;
}

/** Why a thread with places missing is not judged (see {@link threadVerdict}). */
function lostEvents(t: ThreadInput): string {
  const shown = t.missing.slice(0, 10).join(', ') + (t.missing.length > 10 ? ` … (${t.missing.length} in all)` : '');
  return `thread ${t.key}: its events at places ${shown} never reached the monitor (${t.events} did): not judged, since its calls would be judged without events from their middle — a stream limit that discarded them, or a producer that lost them, not the switch`;
}

/** A message the monitor could not read as an event: its own verdict (unreadable), so nothing is dropped unseen. */
export function wireProblemVerdict(key: string, problem: string, source?: string): ThreadVerdict {
  return { key, tenant: '', thread: key, outcome: 'unreadable', complete: false, events: 1, calls: [], unreadable: problem, ...(source ? { sources: [source] } : {}) };
}

export interface Totals {
  /** Distinct calls (threads) with a verdict. */
  calls: number;
  conformant: number;
  deviating: number;
  unrecognised: number;
  /** Not judged: a record damaged, a message that is not an event. */
  unreadable: number;
  /** Judged before they were whole or over (idle). */
  incomplete: number;
  /** Verdict messages for a call that already had one (should be 0: exactly one verdict per call). */
  duplicates: number;
  /** Messages of the events stream no worker took (support/stream/coverage.ts): their calls have no verdict. */
  lost: number;
  /** Calls with events that came after their verdict (judged after --call-idle while going on): not judged whole. */
  late: number;
}

const FIELD: Record<ThreadOutcome, 'conformant' | 'deviating' | 'unrecognised' | 'unreadable'> = {
  conforms: 'conformant', deviates: 'deviating', unrecognised: 'unrecognised', unreadable: 'unreadable',
};

/** Totals of a verdict stream, read from its start: every message counts, a second one for a call as a duplicate. */
export class VerdictTotals {
  private readonly seen = new Set<string>();
  private readonly coverage = new Coverage();
  private readonly late = new Set<string>();
  readonly totals: Totals = { calls: 0, conformant: 0, deviating: 0, unrecognised: 0, unreadable: 0, incomplete: 0, duplicates: 0, lost: 0, late: 0 };

  /** A message of the verdicts stream: a verdict, a {@link SeenNote} or a {@link LateNote}. */
  addMessage(m: VerdictsMessage): void {
    if ('late' in m) {
      this.late.add(m.late.key);
      this.totals.late = this.late.size;
    }
    if (isVerdict(m)) this.add(m);
    else if (m.seen !== undefined) this.coverage.add(m.seen);
  }

  add(v: Pick<ThreadVerdict, 'key' | 'outcome' | 'complete' | 'sources'>): void {
    // A duplicate's messages were taken too (by the worker that stored it).
    if (v.sources) for (const s of v.sources) this.coverage.add(s);
    if (this.seen.has(v.key)) {
      this.totals.duplicates += 1;
      return;
    }
    this.seen.add(v.key);
    this.totals.calls += 1;
    this.totals[FIELD[v.outcome]] += 1;
    if (!v.complete) this.totals.incomplete += 1;
  }

  /** The events stream's messages no verdict names so far (sets `totals.lost`); `partial`: the verdicts read lack the stream's oldest (see Coverage.lost). */
  lost(partial = false): LostMessages {
    const lost = this.coverage.lost(10, partial);
    this.totals.lost = lost.messages;
    return lost;
  }
}
