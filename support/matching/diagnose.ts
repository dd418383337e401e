/**
 * When a sequence does not match, collect every mismatch (never stop at the first): per DN, which
 * expected rows were found, which are missing (with the nearest candidate and per-attribute
 * differences), which observed events are unexpected, and where the first divergence is.
 */
import type { ObservedEvent } from '../model/event';
import { describeCell, matchCell, show, type Bindings, type CellContext } from './cells';
import { cellValue, type ExpectedRow } from './expectation';
import { lanes, matchRow, type SequenceInput } from './sequence';

export interface AttributeDifference {
  readonly attribute: string;
  readonly expected: string;
  readonly actual: string;
}

export type RowVerdict =
  | { readonly kind: 'matched'; readonly row: ExpectedRow; readonly event: ObservedEvent; readonly outOfOrder: boolean }
  | { readonly kind: 'missing'; readonly row: ExpectedRow; readonly nearest?: ObservedEvent; readonly differences: readonly AttributeDifference[] };

export interface LaneDiagnosis {
  readonly dn: string;
  readonly rows: readonly RowVerdict[];
  readonly unexpected: readonly ObservedEvent[];
  readonly observedCount: number;
}

export interface Diagnosis {
  readonly lanes: readonly LaneDiagnosis[];
  readonly bindings: Bindings;
  readonly firstDivergence?: string;
  /** What `firstDivergence` names: the DN, the observed event (by seq) and/or the expected row (by index), for diagrams. */
  readonly firstDivergenceAt?: { readonly dn: string; readonly seq?: number; readonly row?: number };
  readonly orderViolations: readonly string[];
}

/** Explain why `input` did not match. */
export function diagnose(input: SequenceInput): Diagnosis {
  let bindings = input.bindings;
  const result: LaneDiagnosis[] = [];
  for (const lane of lanes(input)) {
    const rows = lane.groups.flat();
    const consumed = new Set<number>();
    const found = new Map<number, ObservedEvent>();
    for (const row of rows) {
      const hit = lane.observed.find((e) => !consumed.has(e.seq) && matchRow(row, e, { bindings, resolveDn: input.resolveDn }));
      if (!hit) continue;
      bindings = matchRow(row, hit, { bindings, resolveDn: input.resolveDn }) ?? bindings;
      consumed.add(hit.seq);
      found.set(row.index, hit);
    }
    const verdicts = rows.map((row): RowVerdict => {
      const event = found.get(row.index);
      if (event) return { kind: 'matched', row, event, outOfOrder: false };
      const nearest = nearestCandidate(row, lane.observed.filter((e) => !consumed.has(e.seq)), { bindings, resolveDn: input.resolveDn });
      if (nearest) consumed.add(nearest.event.seq);
      return { kind: 'missing', row, differences: nearest?.differences ?? [], ...(nearest ? { nearest: nearest.event } : {}) };
    });
    result.push({
      dn: lane.dn,
      rows: markOutOfOrder(verdicts, lane.groups),
      unexpected: lane.observed.filter((e) => !consumed.has(e.seq)),
      observedCount: lane.observed.length,
    });
  }
  return { lanes: result, bindings, orderViolations: totalOrderViolations(input, result), ...firstDivergence(input, result) };
}

function nearestCandidate(row: ExpectedRow, pool: readonly ObservedEvent[], ctx: CellContext):
  { event: ObservedEvent; differences: AttributeDifference[] } | undefined {
  let best: { event: ObservedEvent; differences: AttributeDifference[]; score: number } | undefined;
  for (const event of pool) {
    const differences = differencesOf(row, event, ctx);
    const score = differences.length + (event.name === row.event ? 0 : 100);
    if (!best || score < best.score) best = { event, differences, score };
  }
  return best && { event: best.event, differences: best.differences };
}

/** Per-attribute differences between an expected row and an observed event. */
export function differencesOf(row: ExpectedRow, event: ObservedEvent, ctx: CellContext): AttributeDifference[] {
  const out: AttributeDifference[] = [];
  if (event.name !== row.event) out.push({ attribute: 'event', expected: row.event, actual: event.name });
  for (const cell of row.cells) {
    const actual = cellValue(event, cell.attribute);
    const r = matchCell(cell.matcher, actual, ctx);
    if (!r.ok) {
      // A variable's own reason says why it could not bind ("a new value, but … is already $conn1").
      const expected = cell.matcher.kind === 'bind' ? r.reason.replace(/^expected /, '') : describeCell(cell.matcher, ctx.bindings);
      out.push({ attribute: cell.attribute, expected, actual: actual === undefined ? 'absent' : show(actual) });
    }
  }
  return out;
}

/** A matched row is out of order when its event arrived before an event of an earlier step. */
function markOutOfOrder(verdicts: RowVerdict[], groups: readonly (readonly ExpectedRow[])[]): RowVerdict[] {
  const stepOf = new Map<number, number>();
  groups.forEach((g, i) => g.forEach((r) => stepOf.set(r.index, i)));
  return verdicts.map((v) => {
    if (v.kind !== 'matched') return v;
    const mine = stepOf.get(v.row.index) ?? 0;
    const early = verdicts.some((o) => o.kind === 'matched' && (stepOf.get(o.row.index) ?? 0) < mine && o.event.seq > v.event.seq);
    return early ? { ...v, outOfOrder: true } : v;
  });
}

function totalOrderViolations(input: SequenceInput, result: readonly LaneDiagnosis[]): string[] {
  if (input.mode !== 'total') return [];
  const matched = result.flatMap((l) => l.rows.filter((r): r is Extract<RowVerdict, { kind: 'matched' }> => r.kind === 'matched').map((r) => ({ ...r, dn: l.dn })));
  const out: string[] = [];
  for (const a of matched) {
    for (const b of matched) {
      if (a.row.step < b.row.step && a.event.seq > b.event.seq) {
        out.push(`${a.row.event} on ${a.dn} (step ${a.row.step}) arrived after ${b.row.event} on ${b.dn} (step ${b.row.step})`);
      }
    }
  }
  return out;
}

function firstDivergence(input: SequenceInput, result: readonly LaneDiagnosis[]): Pick<Diagnosis, 'firstDivergence' | 'firstDivergenceAt'> {
  for (const lane of result) {
    const observed = input.observed.filter((e) => e.dn === lane.dn);
    const rowsInOrder = lane.rows.map((r) => r.row);
    for (const [i, event] of observed.entries()) {
      const verdict = lane.rows.find((v) => (v.kind === 'matched' ? v.event : v.nearest) === event);
      const expectedHere = rowsInOrder[i];
      const at = `DN ${lane.dn}, event ${i + 1}`;
      if (!verdict) {
        return {
          firstDivergence: `${at}: unexpected #${event.seq} ${event.name}${expectedHere ? ` where ${describeRow(expectedHere)} was expected` : ' after the expected events'}`,
          firstDivergenceAt: { dn: lane.dn, seq: event.seq, ...(expectedHere ? { row: expectedHere.index } : {}) },
        };
      }
      if (verdict.kind === 'missing') {
        const diffs = verdict.differences.map((d) => d.attribute).join(', ');
        return {
          firstDivergence: `${at}: expected ${describeRow(verdict.row)}, observed #${event.seq} ${event.name} (differs in ${diffs})`,
          firstDivergenceAt: { dn: lane.dn, seq: event.seq, row: verdict.row.index },
        };
      }
      if (verdict.outOfOrder) {
        return { firstDivergence: `${at}: #${event.seq} ${event.name} arrived before an event documented earlier`, firstDivergenceAt: { dn: lane.dn, seq: event.seq, row: verdict.row.index } };
      }
    }
    const missing = lane.rows.find((v) => v.kind === 'missing');
    if (missing) {
      return {
        firstDivergence: `DN ${lane.dn}, event ${observed.length + 1}: expected ${describeRow(missing.row)}, nothing more was observed`,
        firstDivergenceAt: { dn: lane.dn, row: missing.row.index },
      };
    }
  }
  return {};
}

function describeRow(row: ExpectedRow): string {
  return `${row.event}${row.line ? ` (line ${row.line})` : ''}`;
}
