/**
 * What the matcher's search (sequence.ts) knows before it starts, to skip what cannot work:
 * which rows are interchangeable twins, which values each `$variable` can still take, and whether
 * an event can still be a row whatever is bound later. All of it is a necessary condition for an
 * answer, never a sufficient one: the search itself decides.
 */
import type { ObservedEvent } from '../model/event';
import { matchCell, show, type Bindings } from './cells';
import { cellValue, type ExpectedRow } from './expectation';

export interface GroupPlan {
  readonly rows: readonly ExpectedRow[];
  /** Per row: the previous row of the group with the same step, event and cells, or -1. */
  readonly twinBefore: readonly number[];
}

/** A group of rows and the events it must take (fewer than its rows when the events ran out). */
export interface Window {
  readonly plan: GroupPlan;
  readonly events: readonly ObservedEvent[];
}

/** Per variable, the values (as shown) it can take in an answer; a variable not listed: any. */
export type Domains = ReadonlyMap<string, ReadonlySet<string>>;

const NO_TWIN: readonly number[] = [-1];

/** Rows of a group with the same step, event and cells are interchangeable: link each to its twin. */
export function planGroup(rows: readonly ExpectedRow[]): GroupPlan {
  if (rows.length === 1) return { rows, twinBefore: NO_TWIN };
  const last = new Map<string, number>();
  const twinBefore = rows.map((row, k) => {
    const signature = JSON.stringify([row.step, row.event, row.dn ?? '', row.cells]);
    const before = last.get(signature) ?? -1;
    last.set(signature, k);
    return before;
  });
  return { rows, twinBefore };
}

/**
 * Can `event` still be `row`, whatever is bound later? Each cell is checked against the bindings
 * so far, not the bindings the row's own earlier cells would add (a cell that fits once more
 * variables are bound also fits now), and a variable not bound yet must take a value of its domain.
 * So a "no" here is a "no" for good.
 */
export function compatible(row: ExpectedRow, event: ObservedEvent, bindings: Bindings, resolveDn: (ref: string) => string, domains: Domains): boolean {
  if (event.name !== row.event) return false;
  const ctx = { bindings, resolveDn };
  return row.cells.every((c) => {
    const value = cellValue(event, c.attribute);
    if (!matchCell(c.matcher, value, ctx).ok) return false;
    if (c.matcher.kind !== 'bind' || bindings.has(c.matcher.variable) || value === undefined) return true;
    return domains.get(c.matcher.variable)?.has(show(value)) ?? true;
  });
}

/** Do the variables `bindings` binds beyond `before` take values of their domains? */
export function withinDomains(bindings: Bindings, before: Bindings, domains: Domains): boolean {
  if (bindings === before || domains.size === 0) return true;
  for (const [variable, value] of bindings) {
    if (before.has(variable)) continue;
    const domain = domains.get(variable);
    if (domain && !domain.has(show(value))) return false;
  }
  return true;
}

/**
 * The values each variable can take: every row of a full window must take one of its window's
 * events, so a variable a row names bare (`$conn1`, not inside `… or …`) ends up with the value of
 * one of the events that row is compatible with — for every such row. Narrowed until nothing
 * changes (a narrower domain makes fewer events compatible). `undefined`: some variable has no
 * value left, so nothing can match.
 */
export function variableDomains(windows: readonly Window[], bindings: Bindings, resolveDn: (ref: string) => string): Domains | undefined {
  const domains = new Map<string, Set<string>>();
  const rows = windows
    .filter((w) => w.events.length === w.plan.rows.length)
    .flatMap(({ plan, events }) => plan.rows.filter(bindsBare).map((row) => ({ row, events })));
  for (let changed = true; changed;) {
    changed = false;
    for (const { row, events } of rows) {
      const outcome = narrowByRow(row, events, { bindings, resolveDn, domains });
      if (outcome === 'empty') return undefined;
      changed ||= outcome === 'narrowed';
    }
  }
  return domains;
}

/** Narrows the domains of the variables `row` names bare to the values of the events it fits. */
function narrowByRow(row: ExpectedRow, events: readonly ObservedEvent[], ctx: { readonly bindings: Bindings; readonly resolveDn: (ref: string) => string; readonly domains: Map<string, Set<string>> }): 'narrowed' | 'same' | 'empty' {
  const fits = events.filter((e) => compatible(row, e, ctx.bindings, ctx.resolveDn, ctx.domains));
  let outcome: 'narrowed' | 'same' = 'same';
  for (const cell of row.cells) {
    if (cell.matcher.kind !== 'bind' || ctx.bindings.has(cell.matcher.variable)) continue;
    const values = new Set(fits.map((e) => cellValue(e, cell.attribute)).filter((v) => v !== undefined).map(show));
    const narrowed = narrow(ctx.domains.get(cell.matcher.variable), values);
    if (!narrowed) continue;
    if (narrowed.size === 0) return 'empty';
    ctx.domains.set(cell.matcher.variable, narrowed);
    outcome = 'narrowed';
  }
  return outcome;
}

function bindsBare(row: ExpectedRow): boolean {
  return row.cells.some((c) => c.matcher.kind === 'bind');
}

/** The domain narrowed to `values`, or undefined when it does not change. */
function narrow(domain: ReadonlySet<string> | undefined, values: ReadonlySet<string>): Set<string> | undefined {
  if (!domain) return new Set(values);
  const next = new Set([...domain].filter((v) => values.has(v)));
  return next.size === domain.size ? undefined : next;
}
