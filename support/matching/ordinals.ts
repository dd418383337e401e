/**
 * Scenario-wide ordinal variables: `$call1`, `$call2`… name the scenario's calls (distinct ConnIDs
 * in order of first appearance, preconditions included); `$subscription1`… its transaction-monitoring
 * subscriptions (distinct SubscriptionIDs). They link an expected event to something a `Given` set
 * up, whose identifier the switch chose (a ConnID, a subscription identifier), without hard-coding it.
 */
import type { AttrValue, TEvent } from '../model/event';
import type { CellMatcher } from './cells';
import type { ExpectedRow } from './expectation';

/** Variable prefix → the attribute whose distinct values it numbers. */
const ORDINALS: Readonly<Record<string, string>> = { call: 'ConnID', subscription: 'SubscriptionID' };

export interface OrdinalRef {
  readonly variable: string;
  readonly attribute: string;
  /** 1-based. */
  readonly n: number;
}

/** The ordinal variables a table uses. */
export function referencedOrdinals(rows: readonly ExpectedRow[]): OrdinalRef[] {
  const found = new Map<string, OrdinalRef>();
  const visit = (m: CellMatcher): void => {
    if (m.kind === 'bind') {
      const hit = /^\$([a-z]+)(\d+)$/.exec(m.variable);
      const attribute = hit?.[1] ? ORDINALS[hit[1]] : undefined;
      if (hit?.[2] && attribute && Object.hasOwn(ORDINALS, hit[1] ?? '')) found.set(m.variable, { variable: m.variable, attribute, n: Number(hit[2]) });
    } else if (m.kind === 'oneOf') m.options.forEach(visit);
    else if (m.kind === 'orAbsent') visit(m.inner);
  };
  for (const row of rows) for (const cell of row.cells) visit(cell.matcher);
  return [...found.values()];
}

/** Distinct string values of `attribute` in arrival order. */
function distinct(events: readonly TEvent[], attribute: string): string[] {
  const seen = new Set<string>();
  for (const e of events) {
    const v = e.attributes[attribute];
    if (typeof v === 'string') seen.add(v);
  }
  return [...seen];
}

/** Whether every referenced ordinal exists yet (else the table waits for more events). */
export function ordinalsExist(events: readonly TEvent[], refs: readonly OrdinalRef[]): boolean {
  return refs.every((r) => r.n <= distinct(events, r.attribute).length);
}

/** `bindings` plus each referenced ordinal that exists. */
export function ordinalBindings(events: readonly TEvent[], refs: readonly OrdinalRef[], bindings: ReadonlyMap<string, AttrValue>): Map<string, AttrValue> {
  const out = new Map(bindings);
  for (const r of refs) {
    const value = distinct(events, r.attribute)[r.n - 1];
    if (value !== undefined) out.set(r.variable, value);
  }
  return out;
}
