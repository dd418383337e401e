/**
 * One event of a call thread on the wire (any engine): the harness's record of it (support/trace/
 * record.ts, as `npm run trace` writes it) with the thread it belongs to and its place in the
 * thread. The place makes a redelivered or re-published event recognisable, and lets a consumer
 * put a thread back in order and know when it has all of it (`last` is set on the thread's final
 * event, when the producer knows it).
 *
 * The message id (`tenant:thread:seq`) is what a broker de-duplicates a re-publish by.
 *
 * A message may carry a run of a thread's consecutive events (a batch: `seq` is the first one's
 * place, `records` the events in thread order, `last` set when the run ends the thread): one
 * message per thread's run instead of one per event is what lets a stream carry tens of thousands
 * of events a second on a small machine. Its message id names the run, `tenant:thread:first-last`:
 * the same log fed again is cut the same way (the feed's batch size decides), so a re-publish is
 * still de-duplicated by the broker — and whatever the broker lets through twice, the consumer
 * de-duplicates by place in the thread, and the verdict stream by call.
 *
 * A message may also carry several whole short threads of one tenant and partition (a bundle:
 * `threads`, each `{thread, seq, last, records}`): a basic call is a handful of events, and the
 * broker, the feed and a worker each pay per message. Its id is its first run's and how many runs
 * follow, `tenant:thread:first-last+n`; a consumer acknowledges it once every thread in it has its
 * verdict stored.
 */
import { kindOf, TRACE_FORMATS, type RawValue, type TraceRecord } from '../trace/record';
import { threadKey } from './partition';

export interface ThreadEvent {
  readonly tenant: string;
  readonly thread: string;
  /** 0, 1, 2 … in the thread. */
  readonly seq: number;
  /** Set on the thread's last event (a producer that cannot know leaves it to the idle timeout). */
  readonly last?: boolean;
  readonly record: TraceRecord;
}

/** The broker's de-duplication id of an event. */
export function messageId(e: Pick<ThreadEvent, 'tenant' | 'thread' | 'seq'>): string {
  return `${threadKey(e.tenant, e.thread)}:${e.seq}`;
}

/** The broker's de-duplication id of a batch: its thread and the places of its first and last events. */
export function batchId(tenant: string, thread: string, first: number, count: number): string {
  return count === 1 ? messageId({ tenant, thread, seq: first }) : `${threadKey(tenant, thread)}:${first}-${first + count - 1}`;
}

/** A single-event message (what {@link encodeBatch} writes for a run of one). */
export function encodeEvent(e: ThreadEvent): string {
  return encodeBatch(e.tenant, e.thread, e.seq, [encodeRecord(e.record)], e.last === true);
}

/**
 * One record as the JSON text a batch holds (see {@link encodeBatch}): the text of `JSON.stringify`
 * of its wire fields (kind, name, dn, attributes, source, line, time, format, truncated; the optional
 * ones when set), written field by field (no object made and walked per event: the
 * feed's largest cost per event).
 */
export function encodeRecord(r: TraceRecord): string {
  let text = `{"kind":${quoted(r.kind)},"name":${quoted(r.name)}`;
  if (r.dn) text += `,"dn":${quoted(r.dn)}`;
  text += `,"attributes":${JSON.stringify(r.attributes)},"source":${quoted(r.source)},"line":${JSON.stringify(r.line)}`;
  if (r.time) text += `,"time":${quoted(r.time)}`;
  text += `,"format":${quoted(r.format)}`;
  if (r.truncated) text += `,"truncated":${JSON.stringify(r.truncated)}`;
  return `${text}}`;
}

/** Characters JSON.stringify writes escaped in a string (and any surrogate, lone ones being escaped too). */
// eslint-disable-next-line no-control-regex -- exactly the characters JSON.stringify escapes
const ESCAPED = /["\\\u0000-\u001f\ud800-\udfff]/;

/** `JSON.stringify(s)`: a string with nothing to escape (a name, a DN, a path, a time) quoted as it is, after one test. */
function quoted(s: string): string {
  return ESCAPED.test(s) ? JSON.stringify(s) : `"${s}"`;
}

/**
 * A run of a thread's events as one message: `records` are the texts of {@link encodeRecord} for
 * places `first`, `first + 1` …; `last`: the run ends the thread. A run of one is written as a
 * single event (what a consumer of an older version reads).
 */
export function encodeBatch(tenant: string, thread: string, first: number, records: readonly string[], last: boolean): string {
  const head = `{"tenant":${JSON.stringify(tenant)},"thread":${JSON.stringify(thread)},"seq":${first}${last ? ',"last":true' : ''}`;
  return records.length === 1 ? `${head},"record":${records[0] ?? ''}}` : `${head},"records":[${records.join(',')}]}`;
}

/** A thread's run in a bundle (see {@link encodeBundle}). */
export interface BundleRun {
  readonly thread: string;
  /** The place of its first event. */
  readonly first: number;
  /** The texts of {@link encodeRecord}. */
  readonly records: readonly string[];
  /** The run ends the thread. */
  readonly last: boolean;
}

/** The JSON of a bundle's run: what a run adds to a bundle (its comma aside). */
export function encodeRun(run: BundleRun): string {
  return `{"thread":${JSON.stringify(run.thread)},"seq":${run.first}${run.last ? ',"last":true' : ''},"records":[${run.records.join(',')}]}`;
}

/**
 * Runs of several threads (of one tenant, one partition) as one message, `runs` the texts of
 * {@link encodeRun}: a basic call is a handful of events, and a message per call is what the broker,
 * the feed and the workers each pay for (a publish, its acknowledgement, a delivery, an ack). A
 * consumer acknowledges a bundle once every thread in it has its verdict stored.
 */
export function encodeBundle(tenant: string, runs: readonly string[]): string {
  return `{"tenant":${JSON.stringify(tenant)},"threads":[${runs.join(',')}]}`;
}

/**
 * The broker's de-duplication id of a bundle: its first run's (`tenant:thread:first-last`) and how
 * many runs follow it (`+n`) — no run starts two messages, and the same log fed again with the same
 * batch size is cut into the same bundles.
 */
export function bundleId(tenant: string, thread: string, first: number, count: number, more: number): string {
  return `${threadKey(tenant, thread)}:${first}-${first + count - 1}+${more}`;
}

/** A message that is not a thread event: why, naming where it came from (`where`: subject and stream position). */
export class WireError extends Error {
  override readonly name = 'WireError';
}

/** The event of a single-event message, or a {@link WireError} saying what is wrong with it. */
export function decodeEvent(text: string, where: string): ThreadEvent {
  const events = decodeEvents(text, where);
  if (events.length !== 1 || !events[0]) throw new WireError(`${where}: ${events.length} events where one was expected`);
  return events[0];
}

/**
 * The events of a message — one event, a batch (a run of one thread's events, in thread order), or
 * a bundle (runs of several threads, each in thread order) — or a {@link WireError} saying what is
 * wrong with it (a batch or bundle is refused whole: one damaged record makes the message
 * unreadable, nothing in it silently dropped).
 */
export function decodeEvents(text: string, where: string): ThreadEvent[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new WireError(`${where}: not JSON (${printableStart(text)})`);
  }
  const o = value as RunFields & { tenant?: unknown; threads?: unknown };
  if (typeof o !== 'object' || o === null) throw new WireError(`${where}: not a thread event object`);
  if (o.threads === undefined) return decodeRun(o.tenant, o, where, []);
  // A bundle (encodeBundle): every run read, or the message refused whole.
  if (o.thread !== undefined || o.record !== undefined || o.records !== undefined) throw new WireError(`${where}: a bundle ("threads") with a thread of its own ("thread", "record" or "records")`);
  if (!Array.isArray(o.threads) || o.threads.length === 0) throw new WireError(`${where}: a bundle with no threads (an array of at least one)`);
  const events: ThreadEvent[] = [];
  for (const run of o.threads as unknown[]) {
    const r = run as RunFields | null;
    if (typeof r !== 'object' || r === null || r.records === undefined || r.record !== undefined) throw new WireError(`${where}: a thread of a bundle that is not {thread, seq, records}`);
    decodeRun(o.tenant, r, where, events);
  }
  return events;
}

interface RunFields { thread?: unknown; seq?: unknown; last?: unknown; record?: unknown; records?: unknown }

/** One thread's event or run (a message's, or a bundle's), appended to `into`. */
function decodeRun(tenant: unknown, o: RunFields, where: string, into: ThreadEvent[]): ThreadEvent[] {
  const { thread, seq } = o;
  if (typeof tenant !== 'string' || typeof thread !== 'string' || !thread) throw new WireError(`${where}: no tenant/thread`);
  if (typeof seq !== 'number' || !Number.isInteger(seq) || seq < 0) throw new WireError(`${where}: no sequence number in its thread`);
  const batch = o.records !== undefined;
  if (batch && o.record !== undefined) throw new WireError(`${where}: thread ${tenant}:${thread} message from event ${seq} has both "record" and "records" (one or the other)`);
  if (batch && (!Array.isArray(o.records) || o.records.length === 0)) throw new WireError(`${where}: thread ${tenant}:${thread} batch from event ${seq} has no records (an array of at least one)`);
  return eventsOf(tenant, thread, seq, o.last === true, batch ? (o.records as unknown[]) : [o.record], where, into);
}

/** A loop and objects built field by field, not map and spreads: this runs once per event in a worker. */
function eventsOf(tenant: string, thread: string, seq: number, last: boolean, values: readonly unknown[], where: string, into: ThreadEvent[]): ThreadEvent[] {
  for (let i = 0; i < values.length; i++) {
    const record = recordOf(values[i], where);
    if (!record) throw new WireError(`${where}: thread ${tenant}:${thread} event ${seq + i} has no {name, attributes} record`);
    const e: { tenant: string; thread: string; seq: number; last?: boolean; record: TraceRecord } = { tenant, thread, seq: seq + i, record };
    if (last && i === values.length - 1) e.last = true;
    into.push(e);
  }
  return into;
}

function recordOf(value: unknown, where: string): TraceRecord | undefined {
  const r = value as Partial<Record<keyof TraceRecord, unknown>> | undefined;
  if (typeof r !== 'object' || r === null || typeof r.name !== 'string' || typeof r.attributes !== 'object' || r.attributes === null || Array.isArray(r.attributes)) return undefined;
  const name = r.name;
  const record: { -readonly [K in keyof TraceRecord]: TraceRecord[K] } = {
    kind: name.startsWith('Event') ? 'event' : kindOf(name), name, attributes: r.attributes as Record<string, RawValue>,
    source: typeof r.source === 'string' ? r.source : where, line: typeof r.line === 'number' ? r.line : 0,
    format: isFormat(r.format) ? r.format : 'ndjson',
  };
  if (typeof r.dn === 'string' && r.dn) record.dn = r.dn;
  if (typeof r.time === 'string') record.time = r.time;
  if (typeof r.truncated === 'string') record.truncated = r.truncated;
  return record;
}

function isFormat(f: unknown): f is TraceRecord['format'] {
  return (TRACE_FORMATS as readonly unknown[]).includes(f);
}

function printableStart(text: string): string {
  return JSON.stringify(text.slice(0, 60));
}
