/**
 * One event of a call thread on the wire (any engine): the harness's record of it (support/trace/
 * record.ts, as `npm run trace` writes it) with the thread it belongs to and its place in the
 * thread. The place makes a redelivered or re-published event recognisable, and lets a consumer
 * put a thread back in order and know when it has all of it (`last` is set on the thread's final
 * event, when the producer knows it).
 *
 * The message id (`tenant:thread:seq`) is what a broker de-duplicates a re-publish by.
 */
import { kindOf, type RawValue, type TraceRecord } from '../trace/record';
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

export function encodeEvent(e: ThreadEvent): string {
  const r = e.record;
  const record = {
    kind: r.kind, name: r.name, ...(r.dn ? { dn: r.dn } : {}), attributes: r.attributes, source: r.source, line: r.line,
    ...(r.time ? { time: r.time } : {}), format: r.format, ...(r.truncated ? { truncated: r.truncated } : {}),
  };
  return JSON.stringify({ tenant: e.tenant, thread: e.thread, seq: e.seq, ...(e.last ? { last: true } : {}), record });
}

/** A message that is not a thread event: why, naming where it came from (`where`: subject and stream position). */
export class WireError extends Error {
  override readonly name = 'WireError';
}

/** The event of a message, or a {@link WireError} saying what is wrong with it. */
export function decodeEvent(text: string, where: string): ThreadEvent {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new WireError(`${where}: not JSON (${printableStart(text)})`);
  }
  const o = value as { tenant?: unknown; thread?: unknown; seq?: unknown; last?: unknown; record?: unknown };
  if (typeof o !== 'object' || o === null) throw new WireError(`${where}: not a thread event object`);
  if (typeof o.tenant !== 'string' || typeof o.thread !== 'string' || !o.thread) throw new WireError(`${where}: no tenant/thread`);
  if (typeof o.seq !== 'number' || !Number.isInteger(o.seq) || o.seq < 0) throw new WireError(`${where}: no sequence number in its thread`);
  const record = recordOf(o.record, where);
  if (!record) throw new WireError(`${where}: thread ${o.tenant}:${o.thread} event ${o.seq} has no {name, attributes} record`);
  return { tenant: o.tenant, thread: o.thread, seq: o.seq, ...(o.last === true ? { last: true } : {}), record };
}

function recordOf(value: unknown, where: string): TraceRecord | undefined {
  const r = value as Partial<Record<keyof TraceRecord, unknown>> | undefined;
  if (typeof r !== 'object' || r === null || typeof r.name !== 'string' || typeof r.attributes !== 'object' || r.attributes === null || Array.isArray(r.attributes)) return undefined;
  return {
    kind: kindOf(r.name), name: r.name, attributes: r.attributes as Record<string, RawValue>,
    ...(typeof r.dn === 'string' && r.dn ? { dn: r.dn } : {}),
    source: typeof r.source === 'string' ? r.source : where, line: typeof r.line === 'number' ? r.line : 0,
    ...(typeof r.time === 'string' ? { time: r.time } : {}),
    format: FORMATS.has(r.format as string) ? (r.format as TraceRecord['format']) : 'ndjson',
    ...(typeof r.truncated === 'string' ? { truncated: r.truncated } : {}),
  };
}

const FORMATS = new Set(['native', 'urs', 'psdk', 'ndjson']);

function printableStart(text: string): string {
  return JSON.stringify(text.slice(0, 60));
}
