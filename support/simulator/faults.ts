/**
 * Fault descriptors for the reference simulator: JSON data (so they travel as world parameters /
 * `adapterOptions.fault`) that say how to corrupt the event stream of one scenario. Used by the
 * mutation campaign (support/mutation/) to prove that every deviation is caught.
 *
 * A fault targets events by their position in the *clean* trace (`at`: 1-based, counting every
 * event the simulator produced in the scenario, setup included). The simulator is deterministic,
 * so position k of a mutant run is position k of the recorded clean run up to the fault.
 */
import type { AttrValue } from '../model/event';
import type { FaultInjector } from './SimulatorAdapter';
import type { SimEvent } from './state';

export type FaultDescriptor =
  /** The event never arrives. */
  | { readonly kind: 'drop'; readonly at: number }
  /** The event arrives twice in a row. */
  | { readonly kind: 'duplicate'; readonly at: number }
  /** Two events of one DN (same request) arrive in the opposite order. */
  | { readonly kind: 'swap'; readonly at: number; readonly with: number }
  /** One attribute has another legal value (enum, DN, number, text, KV list). */
  | { readonly kind: 'attribute'; readonly at: number; readonly attribute: string; readonly value: AttrValue }
  /** A ConnID-kind attribute (ConnID, PreviousConnID, TransferConnID) links to another call. */
  | { readonly kind: 'connid'; readonly at: number; readonly attribute: string; readonly value: string }
  /** An envelope field (site, sender, protocol) says another server, participant or protocol. */
  | { readonly kind: 'envelope'; readonly at: number; readonly field: 'site' | 'sender' | 'protocol'; readonly value: string }
  /** An event nobody expects arrives on a monitored DN, after event `after`. */
  | { readonly kind: 'extra'; readonly after: number; readonly dn: string; readonly name: string; readonly attributes: Readonly<Record<string, AttrValue>> }
  /** The event arrives `ms` wall-clock milliseconds late (past the step timeout). */
  | { readonly kind: 'delay'; readonly at: number; readonly ms: number }
  /** The attribute is missing from the event (an event-level rule of GenEM is broken). */
  | { readonly kind: 'remove'; readonly at: number; readonly attribute: string }
  /**
   * A simulator variant, not one event: on every event (of `event`, when given) the attribute is
   * removed, or set to `value`. Used to show what the event-level rules and the tables catch.
   */
  | { readonly kind: 'variant'; readonly attributes: readonly string[]; readonly event?: string; readonly value?: AttrValue };

/** A short stable identifier, used in reports and in the reviewed list of equivalent mutants. */
export function faultId(f: FaultDescriptor): string {
  switch (f.kind) {
    case 'swap': return `swap@${String(f.at)},${String(f.with)}`;
    case 'envelope': return `envelope@${String(f.at)}:${f.field}=${f.value}`;
    case 'attribute':
    case 'connid': return `${f.kind}@${String(f.at)}:${f.attribute}=${typeof f.value === 'object' ? JSON.stringify(f.value) : String(f.value)}`;
    case 'extra': return `extra@${String(f.after)}:${f.dn}:${f.name}`;
    case 'remove': return `remove@${String(f.at)}:${f.attribute}`;
    case 'variant': return `variant:${f.event ?? 'every event'}:${f.attributes.join('+')}=${f.value === undefined ? 'absent' : JSON.stringify(f.value)}`;
    default: return `${f.kind}@${String(f.at)}`;
  }
}

export function isFaultDescriptor(value: unknown): value is FaultDescriptor {
  if (typeof value !== 'object' || value === null) return false;
  const kind = (value as { kind?: unknown }).kind;
  return typeof kind === 'string' && ['drop', 'duplicate', 'swap', 'attribute', 'connid', 'envelope', 'extra', 'delay', 'remove', 'variant'].includes(kind);
}

/** Deliver `event` later (the adapter shell owns the sink and the timer). */
export type Deferred = (event: SimEvent, ms: number) => void;

/**
 * The injector for one scenario. It numbers the events the simulator produces (request after
 * request) and rewrites the batch that contains the targeted position(s).
 */
export function faultInjector(fault: FaultDescriptor, defer: Deferred): FaultInjector {
  if (fault.kind === 'variant') return (events) => events.map((e) => applyVariant(fault, e));
  let produced = 0;
  return (events) => {
    const first = produced + 1;
    produced += events.length;
    const local = (k: number): number | undefined => (k >= first && k < first + events.length ? k - first : undefined);
    return rewrite(fault, [...events], local, defer);
  };
}

function withoutAttribute(e: SimEvent, attribute: string): SimEvent {
  const attributes = { ...e.attributes };
  Reflect.deleteProperty(attributes, attribute);
  return { ...e, attributes };
}

function changeAttribute(fault: Extract<FaultDescriptor, { kind: 'remove' | 'attribute' | 'connid' }>, e: SimEvent): SimEvent {
  return fault.kind === 'remove' ? withoutAttribute(e, fault.attribute) : { ...e, attributes: { ...e.attributes, [fault.attribute]: fault.value } };
}

function applyVariant(fault: Extract<FaultDescriptor, { kind: 'variant' }>, e: SimEvent): SimEvent {
  if (fault.event !== undefined && e.name !== fault.event) return e;
  const value = fault.value;
  if (value === undefined) return fault.attributes.reduce(withoutAttribute, e);
  return { ...e, attributes: { ...e.attributes, ...Object.fromEntries(fault.attributes.map((a) => [a, value])) } };
}

function swap(events: SimEvent[], i: number, j: number | undefined): SimEvent[] {
  const [a, b] = [events[i], j === undefined ? undefined : events[j]];
  if (j === undefined || !a || !b) return events;
  const out = [...events];
  out[i] = b;
  out[j] = a;
  return out;
}

function rewrite(fault: Exclude<FaultDescriptor, { kind: 'variant' }>, events: SimEvent[], local: (k: number) => number | undefined, defer: Deferred): SimEvent[] {
  const i = local(fault.kind === 'extra' ? fault.after : fault.at);
  const target = i === undefined ? undefined : events[i];
  if (i === undefined || !target) return events;
  switch (fault.kind) {
    case 'drop':
      return events.filter((_, j) => j !== i);
    case 'duplicate':
      return [...events.slice(0, i + 1), target, ...events.slice(i + 1)];
    case 'delay':
      defer(target, fault.ms);
      return events.filter((_, j) => j !== i);
    case 'swap':
      return swap(events, i, local(fault.with));
    case 'remove':
    case 'attribute':
    case 'connid':
      return events.map((e, j) => (j === i ? changeAttribute(fault, e) : e));
    case 'envelope':
      // The value is one the mutation generator took from the same run or the Protocol union.
      return events.map((e, j) => (j === i ? { ...e, [fault.field]: fault.value } : e));
    case 'extra':
      return [...events.slice(0, i + 1), { dn: fault.dn, name: fault.name, attributes: { ...fault.attributes } }, ...events.slice(i + 1)];
  }
}
