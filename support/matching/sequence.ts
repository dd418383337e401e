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
  const observedByDn = new Map<string, ObservedEvent[]>();
  for (const e of input.observed) {
    const events = observedByDn.get(e.dn);
    if (events) events.push(e);
    else observedByDn.set(e.dn, [e]);
  }
  return [...byDn].map(([dn, rows]) => ({ dn, groups: groupRows(rows, input.mode), observed: observedByDn.get(dn) ?? [] }));
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
  searchLane(all, input.bindings, input.resolveDn, state, leaf);
  if (result) return result;
  return state.incompleteSeen ? { kind: 'incomplete' } : { kind: 'diverged' };
}

type Leaf = (bindings: Bindings, complete: boolean) => boolean;

/**
 * One choice of the search: which row of `group` the `i`-th event of `window` is. The slots of one
 * group share `used`; `chosen` is the row taken now (undone when the search comes back).
 */
interface Slot {
  readonly laneIdx: number;
  readonly groupIdx: number;
  readonly pos: number;
  readonly complete: boolean;
  readonly group: readonly ExpectedRow[];
  readonly window: readonly ObservedEvent[];
  readonly i: number;
  readonly used: Set<number>;
  readonly bindings: Bindings;
  next: number;
  chosen: number | undefined;
}

/**
 * Depth-first search over lanes → groups → the rows each event of a group's window may be; true
 * once a leaf accepted. An explicit stack, not recursion: a table of thousands of rows must not
 * overflow the call stack (each row is one level).
 */
function searchLane(
  all: readonly DnLane[], start: Bindings, resolveDn: (ref: string) => string, state: SearchState, leaf: Leaf,
): boolean {
  const stack: Slot[] = [];
  /** From a position, skip what has no event to assign; a leaf, or the next slot on the stack. */
  const descend = (laneIdx: number, groupIdx: number, pos: number, bindings: Bindings, complete: boolean): 'accepted' | 'rejected' | 'pushed' => {
    for (;;) {
      const lane = all[laneIdx];
      if (!lane) return leaf(bindings, complete) ? 'accepted' : 'rejected';
      const group = lane.groups[groupIdx];
      const window = group ? lane.observed.slice(pos, pos + group.length) : [];
      if (!group || window.length === 0) {
        // The lane is done, or it ran out of events before this group (the rest is missing).
        if (group) complete = false;
        laneIdx += 1;
        groupIdx = 0;
        pos = 0;
        continue;
      }
      stack.push({ laneIdx, groupIdx, pos, complete, group, window, i: 0, used: new Set(), bindings, next: 0, chosen: undefined });
      return 'pushed';
    }
  };
  if (descend(0, 0, 0, start, true) === 'accepted') return true;
  while (stack.length > 0) {
    const slot = stack[stack.length - 1] as Slot;
    if (slot.chosen !== undefined) {
      slot.used.delete(slot.chosen);
      state.assignment.delete(slot.chosen);
      slot.chosen = undefined;
    }
    const event = slot.window[slot.i] as ObservedEvent;
    let deeper = false;
    while (!deeper && slot.next < slot.group.length) {
      const row = slot.group[slot.next] as ExpectedRow;
      slot.next += 1;
      if (slot.used.has(row.index)) continue;
      const b = matchRow(row, event, { bindings: slot.bindings, resolveDn });
      if (!b) continue;
      slot.used.add(row.index);
      state.assignment.set(row.index, event);
      slot.chosen = row.index;
      if (slot.i + 1 < slot.window.length) {
        stack.push({ ...slot, i: slot.i + 1, bindings: b, next: 0, chosen: undefined });
        deeper = true;
        continue;
      }
      // The window is assigned: the next group of the lane, or (events ran out) the next lane.
      const partial = slot.window.length < slot.group.length;
      const outcome = partial
        ? descend(slot.laneIdx + 1, 0, 0, b, false)
        : descend(slot.laneIdx, slot.groupIdx + 1, slot.pos + slot.group.length, b, slot.complete);
      if (outcome === 'accepted') return true;
      if (outcome === 'pushed') {
        deeper = true;
        continue;
      }
      slot.used.delete(row.index);
      state.assignment.delete(row.index);
      slot.chosen = undefined;
    }
    if (!deeper) stack.pop();
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
