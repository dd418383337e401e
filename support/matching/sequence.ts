/**
 * Partial-order sequence matching — GenEM's ordering rule (Call Models and Flows, general rules):
 *
 * 1. Events on one DN arrive in the documented order (strict, per DN).
 * 2. Events of one documented table row (same `step`) may arrive in any order.
 * 3. Different DNs interleave freely, unless the model orders them: the `total` mode additionally
 *    requires every event of step n to arrive before every event of step n+1, across DNs.
 *
 * Modes: `per-dn` (rules 1–2), `total` (1–3), `any` (no order at all, sets per DN).
 * Matching is pure: it never throws and never waits. The caller re-runs it as events arrive.
 */
import type { ObservedEvent } from '../model/event';
import { matchCell, type Bindings, type CellContext } from './cells';
import { cellValue, type ExpectedRow } from './expectation';

export type OrderMode = 'per-dn' | 'total' | 'any';

export type SequenceOutcome =
  /** Every row matched an observed event, in an allowed order. */
  | { readonly kind: 'matched'; readonly assignment: ReadonlyMap<number, ObservedEvent>; readonly bindings: Bindings }
  /** Everything observed so far fits the expectation; more events are needed. */
  | { readonly kind: 'incomplete' }
  /** Some observed event cannot be part of any allowed match: waiting cannot help. */
  | { readonly kind: 'diverged' };

export interface SequenceInput {
  readonly rows: readonly ExpectedRow[];
  /** Observed events not yet consumed by an earlier step, in arrival order. */
  readonly observed: readonly ObservedEvent[];
  readonly mode: OrderMode;
  readonly bindings: Bindings;
  readonly resolveDn: (ref: string) => string;
  /** The DN a table without `dn` column is about. */
  readonly defaultDn?: string;
}

export interface DnLane {
  readonly dn: string;
  /** Expected rows grouped by step, in documented order. */
  readonly groups: readonly (readonly ExpectedRow[])[];
  readonly observed: readonly ObservedEvent[];
}

/** Split rows and observed events into one lane per expected DN. */
export function lanes(input: SequenceInput): DnLane[] {
  const byDn = new Map<string, ExpectedRow[]>();
  for (const row of input.rows) {
    const ref = row.dn ?? input.defaultDn;
    const dn = ref === undefined ? '' : input.resolveDn(ref);
    const rows = byDn.get(dn);
    if (rows) rows.push(row);
    else byDn.set(dn, [row]);
  }
  return [...byDn].map(([dn, rows]) => ({
    dn,
    groups: groupRows(rows, input.mode),
    observed: input.observed.filter((e) => e.dn === dn),
  }));
}

function groupRows(rows: readonly ExpectedRow[], mode: OrderMode): ExpectedRow[][] {
  if (mode === 'any') return [[...rows]];
  const sorted = [...rows].sort((a, b) => a.step - b.step || a.index - b.index);
  const groups: ExpectedRow[][] = [];
  for (const row of sorted) {
    const last = groups[groups.length - 1];
    if (last && last[0]?.step === row.step) last.push(row);
    else groups.push([row]);
  }
  return groups;
}

/** Does `event` satisfy `row` (name and every cell) under `bindings`? Returns the new bindings. */
export function matchRow(row: ExpectedRow, event: ObservedEvent, ctx: CellContext): Bindings | undefined {
  if (event.name !== row.event) return undefined;
  let bindings = ctx.bindings;
  for (const cell of row.cells) {
    const r = matchCell(cell.matcher, cellValue(event, cell.attribute), { ...ctx, bindings });
    if (!r.ok) return undefined;
    bindings = r.bindings;
  }
  return bindings;
}

interface SearchState {
  readonly assignment: Map<number, ObservedEvent>;
  incompleteSeen: boolean;
}

/** Match expected rows against observed events under the ordering rule. */
export function matchSequence(input: SequenceInput): SequenceOutcome {
  const all = lanes(input);
  const state: SearchState = { assignment: new Map(), incompleteSeen: false };
  let result: SequenceOutcome | undefined;
  const leaf = (bindings: Bindings, complete: boolean): boolean => {
    if (!complete) {
      state.incompleteSeen = true;
      return false;
    }
    if (input.mode === 'total' && !stepsInOrder(input.rows, state.assignment)) return false;
    result = { kind: 'matched', assignment: new Map(state.assignment), bindings };
    return true;
  };
  searchLane(all, 0, 0, 0, input.bindings, true, input.resolveDn, state, leaf);
  if (result) return result;
  return state.incompleteSeen ? { kind: 'incomplete' } : { kind: 'diverged' };
}

type Leaf = (bindings: Bindings, complete: boolean) => boolean;

/** Depth-first search over lanes → groups → permutations; returns true once a leaf accepted. */
function searchLane(
  all: readonly DnLane[], laneIdx: number, groupIdx: number, pos: number, bindings: Bindings,
  complete: boolean, resolveDn: (ref: string) => string, state: SearchState, leaf: Leaf,
): boolean {
  const lane = all[laneIdx];
  if (!lane) return leaf(bindings, complete);
  const group = lane.groups[groupIdx];
  const nextLane = (b: Bindings, c: boolean): boolean => searchLane(all, laneIdx + 1, 0, 0, b, c, resolveDn, state, leaf);
  if (!group) return nextLane(bindings, complete);
  const window = lane.observed.slice(pos, pos + group.length);
  const partial = window.length < group.length;
  return assignGroup(group, window, 0, new Set(), bindings, resolveDn, state, (b) =>
    partial ? nextLane(b, false) : searchLane(all, laneIdx, groupIdx + 1, pos + group.length, b, complete, resolveDn, state, leaf));
}

/** Assign the events of `window` to distinct rows of `group` (any permutation). */
function assignGroup(
  group: readonly ExpectedRow[], window: readonly ObservedEvent[], i: number, used: Set<number>,
  bindings: Bindings, resolveDn: (ref: string) => string, state: SearchState, next: (b: Bindings) => boolean,
): boolean {
  const event = window[i];
  if (!event) return next(bindings);
  for (const row of group) {
    if (used.has(row.index)) continue;
    const b = matchRow(row, event, { bindings, resolveDn });
    if (!b) continue;
    used.add(row.index);
    state.assignment.set(row.index, event);
    if (assignGroup(group, window, i + 1, used, b, resolveDn, state, next)) return true;
    used.delete(row.index);
    state.assignment.delete(row.index);
  }
  return false;
}

function stepsInOrder(rows: readonly ExpectedRow[], assignment: ReadonlyMap<number, ObservedEvent>): boolean {
  for (const a of rows) {
    for (const b of rows) {
      if (a.step >= b.step) continue;
      const ea = assignment.get(a.index);
      const eb = assignment.get(b.index);
      if (ea && eb && ea.seq > eb.seq) return false;
    }
  }
  return true;
}
