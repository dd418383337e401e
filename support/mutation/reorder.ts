/**
 * Legal reorderings (GenEM ordering rule, support/matching/sequence.ts): a conformant system may
 * deliver a scenario's events in any order the rule allows, and the scenario must still pass.
 * At matcher level: take each table's events from a recorded clean run, permute them the ways the
 * table's mode allows, renumber them in the new arrival order, and match again.
 *
 * - `per-dn`: per DN, the documented order; events of one `step` any order; DNs interleave freely.
 * - `total`: steps in order across DNs; events of one step (any DN) in any order.
 * - `any`: any order.
 */
import fc from 'fast-check';
import type { AttrValue, ObservedEvent } from '../model/event';
import { parseExpectationTable, type ExpectedRow } from '../matching/expectation';
import { matchExpectation, withoutAllowedExtras } from '../matching/optional';
import { extrasAllowedDns, readTags } from '../model/tags';
import type { OrderMode, SequenceInput } from '../matching/sequence';
import type { ScenarioRecording } from './recording';

/** One Then table of a recorded run with the events it consumed, ready for re-matching. */
export interface TableCase {
  readonly scenario: string;
  readonly table: number;
  readonly mode: OrderMode;
  readonly optional?: true;
  readonly rows: readonly ExpectedRow[];
  readonly events: readonly ObservedEvent[];
  /** Which row each event matched in the clean run (event seq → row). */
  readonly rowOf: ReadonlyMap<number, ExpectedRow>;
  readonly bindings: ReadonlyMap<string, AttrValue>;
  readonly resolveDn: (ref: string) => string;
  readonly defaultDn?: string;
}

/** Replay the Then steps of a recording as the World does (same consumption, same bindings). */
export function tableCases(rec: ScenarioRecording): TableCase[] {
  const byName = new Map(rec.parties.map((p) => [p.name, p.dn]));
  const resolveDn = (ref: string): string => byName.get(ref.replace(/'s$/, '')) ?? ref;
  // As the World: `$request` is the When's ReferenceID, `$callN` the Nth call (ConnID) of the scenario.
  let bindings = new Map<string, AttrValue>([
    ...(rec.request !== undefined ? [['$request', rec.request] as const] : []),
    ...rec.bindings.filter(([k]) => /^\$call\d+$/.test(k)),
  ]);
  let remaining = rec.observed.filter((e) => e.seq >= rec.stimulusFrom);
  const unjudged = extrasAllowedDns(readTags(rec.tags), resolveDn);
  const out: TableCase[] = [];
  for (const [table, x] of rec.expectations.entries()) {
    // Alternatives take no event of their own: nothing of theirs to reorder (the tables that took their events are).
    if (x.anyOf) continue;
    const rows = parseExpectationTable(x.rows, { dnColumn: x.dnColumn });
    const defaultDn = x.party ? resolveDn(x.party) : undefined;
    const result = matchExpectation(withoutAllowedExtras({ rows, observed: remaining, mode: x.mode, bindings, resolveDn, ...(defaultDn ? { defaultDn } : {}) }, unjudged), x.optional);
    if (result.kind !== 'matched') throw new Error(`${rec.uri}:${String(rec.line)}: table ${String(table + 1)} does not match its own clean run`);
    const rowOf = new Map<number, ExpectedRow>();
    for (const [index, e] of result.assignment) {
      const row = rows.find((r) => r.index === index);
      if (row) rowOf.set(e.seq, row);
    }
    const events = remaining.filter((e) => rowOf.has(e.seq));
    out.push({ scenario: `${rec.uri}:${String(rec.line)} ${rec.name}`, table: table + 1, mode: x.mode, ...(x.optional ? { optional: true } : {}), rows, events, rowOf, bindings, resolveDn, ...(defaultDn ? { defaultDn } : {}) });
    bindings = new Map(result.bindings);
    remaining = remaining.filter((e) => !rowOf.has(e.seq));
  }
  return out;
}

/** Random source: an integer in [0, n). */
export type Pick = (n: number) => number;

function shuffle<T>(items: readonly T[], pick: Pick): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = pick(i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Merge lanes at random, keeping each lane's own order. */
function interleave<T>(lanes: readonly (readonly T[])[], pick: Pick): T[] {
  const queues = lanes.map((l) => [...l]).filter((l) => l.length > 0);
  const out: T[] = [];
  while (queues.length > 0) {
    const i = pick(queues.length);
    const q = queues[i] as T[];
    out.push(q.shift() as T);
    if (q.length === 0) queues.splice(i, 1);
  }
  return out;
}

function stepOf(c: TableCase, e: ObservedEvent): number {
  return c.rowOf.get(e.seq)?.step ?? 0;
}

/** A legal arrival order of the table's events under its mode. */
export function legalPermutation(c: TableCase, pick: Pick): ObservedEvent[] {
  if (c.mode === 'any') return shuffle(c.events, pick);
  const steps = [...new Set(c.events.map((e) => stepOf(c, e)))].sort((a, b) => a - b);
  if (c.mode === 'total') return steps.flatMap((s) => shuffle(c.events.filter((e) => stepOf(c, e) === s), pick));
  const dns = [...new Set(c.events.map((e) => e.dn))];
  const lanes = dns.map((dn) => steps.flatMap((s) => shuffle(c.events.filter((e) => e.dn === dn && stepOf(c, e) === s), pick)));
  return interleave(lanes, pick);
}

/** Does the table still match when its events arrive in this order (renumbered)? */
export function matchesInOrder(c: TableCase, order: readonly ObservedEvent[]): boolean {
  const observed = order.map((e, i) => ({ ...e, seq: i + 1 }));
  const input: SequenceInput = { rows: c.rows, observed, mode: c.mode, bindings: c.bindings, resolveDn: c.resolveDn, ...(c.defaultDn ? { defaultDn: c.defaultDn } : {}) };
  return matchExpectation(input, c.optional).kind === 'matched';
}

export interface ReorderResult {
  /** Distinct legal orders checked (over all tables). */
  readonly checked: number;
  readonly passed: number;
  readonly failures: readonly string[];
}

/** Property: every legal order of every table matches. `runs` random orders per table (fast-check). */
export function checkReorderings(cases: readonly TableCase[], runs: number, seed: number): ReorderResult {
  let checked = 0;
  let passed = 0;
  const failures: string[] = [];
  for (const c of cases) {
    const seen = new Set<string>();
    const property = fc.property(fc.gen(), (g) => {
      const order = legalPermutation(c, (n) => g(fc.nat, { max: n - 1 }));
      const key = order.map((e) => e.seq).join(',');
      const ok = matchesInOrder(c, order);
      if (!seen.has(key)) {
        seen.add(key);
        checked += 1;
        if (ok) passed += 1;
      }
      return ok;
    });
    const details = fc.check(property, { numRuns: runs, seed, endOnFailure: true });
    if (details.failed) failures.push(`${c.scenario}, table ${String(c.table)}: a legal order did not match: ${fc.stringify(details.counterexample)}`);
  }
  return { checked, passed, failures };
}
