/**
 * Genesys Voice Microservices call events (Kafka topic `voice-callthread`, key
 * `{tenant_id}:{callthread_id}`) as the harness's records. What is known of the format comes from
 * the VM copy of GenEM (genem-digest-2 §2.4, genem-attributes A3–A7): an event is an object of
 * T-Library attributes under their T-Library names, except that the event's name is the attribute
 * `id`; `time` is when it was generated (seconds and microseconds since 1970); `Server` names the
 * client connection; call events carry `CallThreadID` (mandatory) besides ConnID, ThisDN,
 * ThisDNRole, CallState. No message captured from a real VM deployment was available: the shapes
 * accepted here (attributes at the top level or under `attributes`; `time` as epoch seconds, as
 * `{seconds, useconds}` or as an ISO string; KV lists as objects or pair lists) are the documented
 * vocabulary, and a message outside them is refused with its topic, partition and offset.
 */
import { toKVList } from '../../model/kvlist';
import { kindOf, type RawValue, type TraceRecord } from '../../trace/record';
import { WireError } from '../wire';

export interface VmEvent {
  readonly tenant: string;
  readonly thread: string;
  readonly record: TraceRecord;
}

/** Attributes of the VM envelope, not of the T-Library event. */
const ENVELOPE = new Set(['id', 'time', 'Server', 'attributes']);

/** A VM message (key and value as text) as a record of its call thread; `where`: `topic[partition]@offset`. */
export function vmEvent(key: string | undefined, value: string, where: string): VmEvent {
  let o: unknown;
  try {
    o = JSON.parse(value);
  } catch {
    throw new WireError(`${where}: not JSON (${JSON.stringify(value.slice(0, 60))})`);
  }
  if (typeof o !== 'object' || o === null || Array.isArray(o)) throw new WireError(`${where}: not a VM event object`);
  const body = o as Record<string, unknown>;
  const name = body.id;
  if (typeof name !== 'string' || !/^(Event|Request)\w+$/.test(name)) throw new WireError(`${where}: no event name (the VM attribute "id")`);
  const attributes = attributesOf(body, name, where);
  const [keyTenant, ...keyThread] = (key ?? '').split(':');
  const thread = text(attributes.CallThreadID) ?? keyThread.join(':');
  if (!thread) throw new WireError(`${where}: ${name}: no call thread (no CallThreadID, and the key "${key ?? ''}" is not tenant:callthread)`);
  const tenant = text(attributes.CustomerID) ?? (keyTenant || 'default');
  const time = timeOf(body.time, where);
  const dn = text(attributes.ThisDN);
  return {
    tenant, thread,
    record: { kind: kindOf(name), name, attributes, ...(dn ? { dn } : {}), source: where, line: 0, format: 'ndjson', ...(time ? { time } : {}) },
  };
}

/** The T-Library attributes of a VM event (at its top level, or under `attributes`), the envelope left out. */
function attributesOf(body: Record<string, unknown>, name: string, where: string): Record<string, RawValue> {
  const source = typeof body.attributes === 'object' && body.attributes !== null && !Array.isArray(body.attributes) ? body.attributes as Record<string, unknown> : body;
  const attributes: Record<string, RawValue> = {};
  for (const [k, v] of Object.entries(source)) {
    if (ENVELOPE.has(k) || v === null || v === undefined) continue;
    const value = rawValue(v);
    if (value === undefined) throw new WireError(`${where}: ${name}: attribute ${k} has a value of no T-Library type (${JSON.stringify(v).slice(0, 60)})`);
    attributes[k] = value;
  }
  return attributes;
}

function text(v: RawValue | undefined): string | undefined {
  return typeof v === 'string' && v ? v : undefined;
}

function rawValue(v: unknown): RawValue | undefined {
  if (typeof v === 'string' || typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'object') return toKVList(v);
  return undefined;
}

/** The record time (`YYYY-MM-DDTHH:MM:SS.ffffff`, UTC) of a VM `time`. */
function timeOf(t: unknown, where: string): string | undefined {
  let ms: number | undefined;
  if (typeof t === 'number') ms = t > 1e11 ? t : t * 1000;
  else if (typeof t === 'object' && t !== null && typeof (t as { seconds?: unknown }).seconds === 'number') {
    const { seconds, useconds } = t as { seconds: number; useconds?: unknown };
    ms = seconds * 1000 + (typeof useconds === 'number' ? useconds / 1000 : 0);
  } else if (typeof t === 'string') ms = Date.parse(t);
  else if (t === undefined) return undefined;
  if (ms === undefined || Number.isNaN(ms)) throw new WireError(`${where}: time ${JSON.stringify(t)} is not a time`);
  return new Date(ms).toISOString().replace('Z', '');
}
