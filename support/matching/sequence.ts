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
import { matchCell, show, type Bindings, type CellContext } from './cells';
import { cellValue, type ExpectedRow } from './expectation';
import { WindowMatching, type Compatible } from './feasibility';
import { compatible, planGroup, variableDomains, withinDomains, type Domains, type GroupPlan, type Window } from './pruning';

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

/** What one search did: the spec bounds these instead of timing the search. */
export interface SearchStats {
  /** Rows tried against an event (one `matchRow` each). */
  tries: number;
  /** Row–event compatibility checks made by the pruning. */
  checks: number;
}

/**
 * Match expected rows against observed events under the ordering rule.
 *
 * The answer is the first assignment of a depth-first search over lanes → groups → the row each
 * event of a group's window is (rows in table order), with bindings carried from event to event:
 * `matched` when it assigns every row, `incomplete` when the events ran out with every event seen
 * so far assigned, `diverged` when no such assignment exists. The search skips only subtrees that
 * cannot hold an answer, so it answers as the plain exhaustive search does (the property spec
 * compares them), without its factorial cost:
 * - whether an answer can be complete is known before searching (every lane has at least as many
 *   events as rows), so the search stops at its first leaf of either kind;
 * - a group's window must have a bipartite matching of its events onto its rows, checked when the
 *   search enters the group and, warm-started, after every choice (feasibility.ts); once the
 *   search has had to step back, for every window at once, with each `$variable` limited to the
 *   values the rows that name it can take (pruning.ts);
 * - rows with the same step, event and cells are interchangeable: only the first unused is tried;
 * - in `total` mode step order is checked as each event is placed, not once at the end;
 * - a state that failed (lane, group, rows used in it, bindings) is not searched again.
 */
export function matchSequence(input: SequenceInput, stats: SearchStats = { tries: 0, checks: 0 }): SequenceOutcome {
  return new Search(input, stats).run();
}

interface LanePlan {
  readonly groups: readonly GroupPlan[];
  readonly observed: readonly ObservedEvent[];
}

/** The choice of the row for window event `i` of one group. */
interface Slot {
  readonly lane: number;
  readonly group: number;
  readonly pos: number;
  readonly plan: GroupPlan;
  readonly window: readonly ObservedEvent[];
  readonly i: number;
  /** Rows of the group taken on the current path (shared by the group's slots). */
  readonly used: Uint8Array;
  readonly bindings: Bindings;
  /** The remaining events of the window onto unused rows, as last found. */
  readonly matching: WindowMatching;
  /** Identifies the state for the failure memo. */
  readonly key: string;
  next: number;
  chosen: number;
}

type Step = 'leaf' | 'pushed' | 'rejected';

class Search {
  private readonly lanes: readonly LanePlan[];
  /** Every lane has at least as many events as rows: only a complete answer is possible. */
  private readonly complete: boolean;
  private readonly checkOrder: boolean;
  private readonly stack: Slot[] = [];
  private readonly assignment = new Map<number, ObservedEvent>();
  /** (step, seq) of the events placed so far, for the incremental total-order check. */
  private readonly placed: { readonly step: number; readonly seq: number }[] = [];
  /** States searched without reaching a leaf. */
  private readonly failed = new Set<string>();
  private readonly shown = new WeakMap<Bindings, string>();
  private domains: Domains = new Map();
  private prepared = false;
  /** The matching of a group of one row: never asked (its row is the search's only try). */
  private readonly oneRow = WindowMatching.empty(1, 1);
  private result: SequenceOutcome = { kind: 'diverged' };

  constructor(private readonly input: SequenceInput, private readonly stats: SearchStats) {
    const all = lanes(input);
    this.lanes = all.map((l) => ({ observed: l.observed, groups: l.groups.map(planGroup) }));
    this.complete = all.every((l) => l.observed.length >= l.groups.reduce((n, g) => n + g.length, 0));
    this.checkOrder = input.mode === 'total' && this.complete;
  }

  run(): SequenceOutcome {
    let step = this.descend(0, 0, 0, this.input.bindings);
    while (step !== 'leaf' && this.stack.length > 0) {
      const slot = this.stack[this.stack.length - 1] as Slot;
      this.undo(slot);
      step = this.advance(slot);
      if (step === 'rejected') {
        if (slot.key) this.failed.add(slot.key);
        this.stack.pop();
        // Most tables match on the first way down; the rest pays for the look at the whole.
        if (!this.prepared && !this.prepare()) return this.result;
      }
    }
    return this.result;
  }

  /**
   * Once the search had to step back: the variables' domains, and each window's events onto
   * distinct compatible rows. False when nothing can match.
   */
  private prepare(): boolean {
    this.prepared = true;
    const windows: Window[] = this.lanes.flatMap((lane) => {
      let pos = 0;
      return lane.groups.map((plan) => {
        pos += plan.rows.length;
        return { plan, events: lane.observed.slice(pos - plan.rows.length, pos) };
      });
    });
    const domains = variableDomains(windows, this.input.bindings, this.input.resolveDn);
    if (!domains) return false;
    this.domains = domains;
    return windows.every(({ plan, events }) => {
      const ok = this.compatibility(plan, events, this.input.bindings);
      if (plan.rows.length === 1) return events.length === 0 || ok(0, 0);
      return WindowMatching.empty(events.length, plan.rows.length).complete(0, new Uint8Array(plan.rows.length), ok, false);
    });
  }

  /** From a position, skip what has no event to assign; then a leaf, or a new slot on the stack. */
  private descend(lane: number, group: number, pos: number, bindings: Bindings): Step {
    for (;;) {
      const plan = this.lanes[lane]?.groups[group];
      if (lane >= this.lanes.length) return this.leaf(bindings);
      const window = plan ? (this.lanes[lane] as LanePlan).observed.slice(pos, pos + plan.rows.length) : [];
      if (!plan || window.length === 0) {
        // The lane is done, or it ran out of events before this group (the rest is missing).
        [lane, group, pos] = [lane + 1, 0, 0];
        continue;
      }
      const used = new Uint8Array(plan.rows.length);
      const key = this.keyOf(lane, group, used, bindings);
      // One row: the search's own try is the whole check (and the matching is never asked).
      const matching = plan.rows.length === 1 ? this.oneRow : WindowMatching.empty(window.length, plan.rows.length);
      const feasible = plan.rows.length === 1 || matching.complete(0, used, this.compatibility(plan, window, bindings), false);
      if (!feasible || (key && this.failed.has(key))) return 'rejected';
      this.stack.push({ lane, group, pos, plan, window, i: 0, used, bindings, matching, key, next: 0, chosen: -1 });
      return 'pushed';
    }
  }

  private leaf(bindings: Bindings): Step {
    this.result = this.complete ? { kind: 'matched', assignment: new Map(this.assignment), bindings } : { kind: 'incomplete' };
    return 'leaf';
  }

  /** Try the slot's remaining rows for its event; the first that leads somewhere stays chosen. */
  private advance(slot: Slot): Step {
    const event = slot.window[slot.i] as ObservedEvent;
    while (slot.next < slot.plan.rows.length) {
      const k = slot.next;
      slot.next += 1;
      const bindings = this.choose(slot, k, event);
      if (!bindings) continue;
      const step = this.deeper(slot, bindings);
      if (step !== 'rejected') return step;
      this.undo(slot);
    }
    return 'rejected';
  }

  /** Row `k` for the slot's event, if it matches and keeps to the domains and the order. */
  private choose(slot: Slot, k: number, event: ObservedEvent): Bindings | undefined {
    const twin = slot.plan.twinBefore[k] ?? -1;
    if (slot.used[k] === 1 || (twin >= 0 && slot.used[twin] !== 1)) return undefined;
    const row = slot.plan.rows[k] as ExpectedRow;
    this.stats.tries += 1;
    const bindings = matchRow(row, event, { bindings: slot.bindings, resolveDn: this.input.resolveDn });
    if (!bindings || !withinDomains(bindings, slot.bindings, this.domains)) return undefined;
    if (this.checkOrder && !this.inOrder(row.step, event.seq)) return undefined;
    slot.used[k] = 1;
    slot.chosen = k;
    this.assignment.set(row.index, event);
    if (this.checkOrder) this.placed.push({ step: row.step, seq: event.seq });
    return bindings;
  }

  /** After a choice: the slot for the next event of the window, or the next group or lane. */
  private deeper(slot: Slot, bindings: Bindings): Step {
    const { plan, window, i } = slot;
    if (i + 1 < window.length) {
      const key = this.keyOf(slot.lane, slot.group, slot.used, bindings);
      if (key && this.failed.has(key)) return 'rejected';
      const matching = slot.matching.commit(i, slot.chosen);
      if (!matching.complete(i + 1, slot.used, this.compatibility(plan, window, bindings), bindings !== slot.bindings)) return 'rejected';
      this.stack.push({ ...slot, i: i + 1, bindings, matching, key, next: 0, chosen: -1 });
      return 'pushed';
    }
    // The window is assigned: the next group of the lane, or (events ran out) the next lane.
    return window.length < plan.rows.length
      ? this.descend(slot.lane + 1, 0, 0, bindings)
      : this.descend(slot.lane, slot.group + 1, slot.pos + plan.rows.length, bindings);
  }

  private undo(slot: Slot): void {
    if (slot.chosen < 0) return;
    slot.used[slot.chosen] = 0;
    this.assignment.delete((slot.plan.rows[slot.chosen] as ExpectedRow).index);
    if (this.checkOrder) this.placed.pop();
    slot.chosen = -1;
  }

  /** No placed event of an earlier step arrived after `seq`, none of a later step before it. */
  private inOrder(step: number, seq: number): boolean {
    return this.placed.every((p) => (p.step < step ? p.seq < seq : p.step > step ? p.seq > seq : true));
  }

  private compatibility(plan: GroupPlan, window: readonly ObservedEvent[], bindings: Bindings): Compatible {
    return (e, r) => {
      this.stats.checks += 1;
      return compatible(plan.rows[r] as ExpectedRow, window[e] as ObservedEvent, bindings, this.input.resolveDn, this.domains);
    };
  }

  /**
   * A search state: position, rows used in the group, bindings. In `total` mode the events placed
   * are the same for every path to it (a group's rows share one step), so it identifies it too.
   */
  private keyOf(lane: number, group: number, used: Uint8Array, bindings: Bindings): string {
    // A group of one row is reached in one way per state of the groups before it, which the memo
    // of their own slots covers.
    if (used.length === 1) return '';
    let bound = this.shown.get(bindings);
    if (bound === undefined) {
      bound = JSON.stringify([...bindings].map(([k, v]): [string, string] => [k, show(v)]).sort(([a], [b]) => (a < b ? -1 : 1)));
      this.shown.set(bindings, bound);
    }
    return `${String(lane)}/${String(group)}/${used.join('')}/${bound}`;
  }
}
