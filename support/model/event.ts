/**
 * Normalised events and requests: what adapters hand to the harness and what the simulator emits.
 */
import { lookupAttribute, type AttributeDefinition } from './catalogue';
import { normaliseEnum } from './enums';
import { toKVList, type KVList } from './kvlist';

export type AttrValue = string | number | KVList;
export type Attributes = Readonly<Record<string, AttrValue>>;

/**
 * The protocol a message belongs to. T-Library is the default; GenEM's multimedia models add
 * Interaction Server's Interaction Management and Reporting protocols (digest 1 §3.11).
 */
export const PROTOCOLS = ['T-Library', 'Interaction Management', 'Reporting', 'IVR'] as const;
export type Protocol = (typeof PROTOCOLS)[number];

export const DEFAULT_PROTOCOL: Protocol = 'T-Library';

/**
 * Who sent a message and to whom, beyond one T-Server (all optional; absent = the one T-Server of a
 * single-site lab talking T-Library to a DN's desktop).
 */
export interface Envelope {
  /** The site (switching domain) whose server produced the event or receives the request. */
  readonly site?: string;
  /** The receiving participant when it is not a DN: an agent application, a reporting engine, URS, a monitoring client. */
  readonly participant?: string;
  /** The message's protocol; absent = T-Library. */
  readonly protocol?: Protocol;
  /** The server or participant that sent it ("T-Server Paris", "Interaction Server", an agent application). */
  readonly sender?: string;
}

/** An event as the system under test produced it, after normalisation. */
export interface TEvent extends Envelope {
  /** Event name, e.g. `EventRinging`. */
  readonly name: string;
  /**
   * The DN (or participant) whose event stream this event belongs to. Usually ThisDN, but some
   * events have no ThisDN (EventAttachedDataChanged at a third party), so adapters say it here.
   */
  readonly dn?: string;
  readonly attributes: Attributes;
  /** Where it came from (a log file and line, a wire message); shown in diffs. */
  readonly origin?: string;
}

/**
 * A request sent by the harness to the system under test: a T-Library request by default; the
 * envelope says which site's server receives it, in which protocol, and which participant sends it.
 */
export interface TRequest extends Envelope {
  /** Request name, e.g. `RequestMakeCall`, or a party action such as `PartyGoesOffHook`. */
  readonly name: string;
  readonly attributes: Attributes;
}

/** An event as recorded by the harness: numbered in arrival order, stamped with arrival time. */
export interface ObservedEvent extends TEvent {
  readonly seq: number;
  readonly dn: string;
  readonly receivedAt: number;
}

export interface NormalisedAttributes {
  readonly attributes: Record<string, AttrValue>;
  /** Problems found (unknown enum values, unparsable lists); unknown attribute names are kept, not problems. */
  readonly problems: string[];
}

/**
 * Normalise raw attribute values: enum names/numbers to canonical names, ConnIDs to lower-case hex,
 * KV lists to ordered pair lists. Unknown attributes are kept as given (real systems send
 * attributes GenEM does not list); canonical names replace `AttributeX` spellings.
 */
export function normaliseAttributes(raw: Readonly<Record<string, unknown>>): NormalisedAttributes {
  const attributes: Record<string, AttrValue> = {};
  const problems: string[] = [];
  for (const [key, value] of Object.entries(raw)) {
    if (value === undefined || value === null) continue;
    const def = lookupAttribute(key);
    const result = def ? normaliseValue(def, value) : { value: scalarOrJson(value) };
    if (result.problem) problems.push(`${def?.name ?? key}: ${result.problem}`);
    if (result.value !== undefined) attributes[def?.name ?? key] = result.value;
  }
  return { attributes, problems };
}

function scalarOrJson(value: unknown): string | number {
  if (typeof value === 'number' || typeof value === 'string') return value;
  return JSON.stringify(value);
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
}

function normaliseValue(def: AttributeDefinition, value: unknown): { value?: AttrValue; problem?: string } {
  switch (def.kind) {
    case 'enum': {
      const v = def.enumName && (typeof value === 'number' || typeof value === 'string') ? normaliseEnum(def.enumName, value) : undefined;
      return v ? { value: v.name } : { value: text(value), problem: `${JSON.stringify(value)} is not a ${def.enumName ?? 'known'} value` };
    }
    case 'kvlist': {
      const list = toKVList(value);
      return list ? { value: list } : { problem: `${JSON.stringify(value)} is not a key-value list` };
    }
    case 'int':
      return { value: typeof value === 'number' ? value : /^-?\d+$/.test(text(value)) ? Number(value) : text(value) };
    case 'connid':
      return { value: text(value).toLowerCase() };
    default:
      return { value: text(value) };
  }
}
