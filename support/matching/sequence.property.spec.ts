/**
 * The matcher's search against the plain exhaustive search it replaced (kept below, verbatim but
 * for a counter, as the oracle): on random small tables and event orders both give the same
 * outcome, and for a match the same assignment and bindings. Then the cases that made the old
 * search factorial, answered within a bounded number of steps.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ObservedEvent } from '../model/event';
import type { Bindings } from './cells';
import { parseExpectationTable, TableError, type ExpectedRow } from './expectation';
import { lanes, matchRow, matchSequence, type DnLane, type OrderMode, type SearchStats, type SequenceInput, type SequenceOutcome } from './sequence';

// ---- The oracle: support/matching/sequence.ts's search before issue 21 (factorial). -------------

interface SearchState {
  readonly assignment: Map<number, ObservedEvent>;
  incompleteSeen: boolean;
  tries: number;
}

function exhaustiveMatch(input: SequenceInput, counter: { tries: number } = { tries: 0 }): SequenceOutcome {
  const all = lanes(input);
  const state: SearchState = { assignment: new Map(), incompleteSeen: false, tries: 0 };
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
  counter.tries = state.tries;
  if (result) return result;
  return state.incompleteSeen ? { kind: 'incomplete' } : { kind: 'diverged' };
}

type Leaf = (bindings: Bindings, complete: boolean) => boolean;

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

function searchLane(
  all: readonly DnLane[], start: Bindings, resolveDn: (ref: string) => string, state: SearchState, leaf: Leaf,
): boolean {
  const stack: Slot[] = [];
  const descend = (laneIdx: number, groupIdx: number, pos: number, bindings: Bindings, complete: boolean): 'accepted' | 'rejected' | 'pushed' => {
    for (;;) {
      const lane = all[laneIdx];
      if (!lane) return leaf(bindings, complete) ? 'accepted' : 'rejected';
      const group = lane.groups[groupIdx];
      const window = group ? lane.observed.slice(pos, pos + group.length) : [];
      if (!group || window.length === 0) {
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
      state.tries += 1;
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

// ---- Random tables and event orders. ------------------------------------------------------------

const PARTIES: Record<string, string> = { Alice: '7001', Bob: '7002' };
const resolveDn = (ref: string): string => PARTIES[ref] ?? ref;
const NAMES = ['EventRinging', 'EventEstablished', 'EventReleased'];
const CONN_CELLS = ['', 'any', 'absent', '$c1', '$c2', '$c3', 'aa01', '$c1 or absent', 'aa02 or $c2'];
const OTHER_CELLS = ['', 'Alice', 'Bob', 'any', '$d1', 'Bob or absent'];
const CONN_VALUES = [undefined, 'aa01', 'aa02', 'aa03'];
const OTHER_VALUES = [undefined, '7001', '7002'];

const rowArb = fc.record({
  dn: fc.constantFrom('Alice', 'Bob'),
  step: fc.integer({ min: 1, max: 3 }),
  event: fc.constantFrom(...NAMES),
  conn: fc.constantFrom(...CONN_CELLS),
  other: fc.constantFrom(...OTHER_CELLS),
});
const eventArb = fc.record({
  dn: fc.constantFrom('7001', '7002', '7003'),
  name: fc.constantFrom(...NAMES),
  conn: fc.constantFrom(...CONN_VALUES),
  other: fc.constantFrom(...OTHER_VALUES),
});
const caseArb = fc.record({
  rows: fc.array(rowArb, { minLength: 1, maxLength: 6 }),
  events: fc.array(eventArb, { maxLength: 8 }),
  mode: fc.constantFrom<OrderMode>('per-dn', 'total', 'any'),
  bound: fc.constantFrom<readonly [string, string][]>([], [['$c3', 'aa03']], [['$c1', 'aa01']]),
});

interface Case {
  readonly rows: readonly { dn: string; step: number; event: string; conn: string; other: string }[];
  readonly events: readonly { dn: string; name: string; conn: string | undefined; other: string | undefined }[];
  readonly mode: OrderMode;
  readonly bound: readonly (readonly [string, string])[];
}

function inputOf(c: Case): SequenceInput {
  const table = [['dn', 'step', 'event', 'ConnID', 'OtherDN'], ...c.rows.map((r) => [r.dn, String(r.step), r.event, r.conn, r.other])];
  const observed = c.events.map((e, i): ObservedEvent => ({
    seq: i + 1, dn: e.dn, name: e.name, receivedAt: 0,
    attributes: { ThisDN: e.dn, ...(e.conn ? { ConnID: e.conn } : {}), ...(e.other ? { OtherDN: e.other } : {}) },
  }));
  return { rows: allowedTable(table), observed, mode: c.mode, bindings: new Map(c.bound), resolveDn };
}

/**
 * The table as a feature may write it: a cell that refuses what GenEM allows (OtherDN may be absent
 * in EventReleased: `*OPT`) is refused before a run, so the generated cell gets GenEM's marker.
 */
function allowedTable(table: string[][]): ReturnType<typeof parseExpectationTable> {
  for (let tries = 0; ; tries++) {
    try {
      return parseExpectationTable(table, { dnColumn: 'required' });
    } catch (e) {
      if (!(e instanceof TableError) || !/refuses absent/.test(e.message) || e.column === undefined || tries > 20) throw e;
      const row = table[e.row];
      if (!row) throw e;
      row[e.column] = `${row[e.column] ?? ''} *OPT`;
    }
  }
}

/** Everything an outcome says, in order: kind, then which event each row took and the bindings. */
function summary(o: SequenceOutcome): unknown {
  if (o.kind !== 'matched') return o.kind;
  return { assignment: [...o.assignment].map(([row, e]) => [row, e.seq]), bindings: [...o.bindings] };
}

test('the search answers as the exhaustive search does: outcome, assignment and bindings', () => {
  const seen = { matched: 0, incomplete: 0, diverged: 0 };
  fc.assert(fc.property(caseArb, (c) => {
    const input = inputOf(c);
    const got = matchSequence(input);
    seen[got.kind] += 1;
    assert.deepEqual(summary(got), summary(exhaustiveMatch(input)));
  }), { numRuns: 3000, seed: 21 });
  // Not vacuous: every outcome occurs.
  assert.ok(seen.matched > 20 && seen.incomplete > 50 && seen.diverged > 50, JSON.stringify(seen));
});

test('the same on orders of events that fit the table: a shuffle of the rows\' own events', () => {
  // Events made from the rows themselves (so most cases match or nearly do), shuffled, some dropped.
  const fitted = fc.record({
    rows: fc.array(rowArb, { minLength: 2, maxLength: 7 }),
    mode: fc.constantFrom<OrderMode>('per-dn', 'total', 'any'),
    seed: fc.array(fc.nat(), { minLength: 8, maxLength: 8 }),
    drop: fc.nat({ max: 2 }),
  });
  const seen = { matched: 0, incomplete: 0, diverged: 0 };
  fc.assert(fc.property(fitted, ({ rows, mode, seed, drop }) => {
    const events = rows.map((r, i) => ({
      dn: resolveDn(r.dn), name: r.event,
      conn: r.conn.startsWith('$') ? `aa0${String((seed[i] ?? 0) % 3 + 1)}` : r.conn === 'aa01' ? 'aa01' : r.conn === 'absent' ? undefined : 'aa02',
      other: r.other === 'Alice' ? '7001' : r.other === 'Bob' ? '7002' : r.other === '' ? undefined : '7002',
    }));
    const order = events.map((e, i) => ({ e, k: seed[i] ?? i })).sort((a, b) => a.k - b.k).map((x) => x.e).slice(0, events.length - drop);
    const input = inputOf({ rows, events: order, mode, bound: [] });
    const got = matchSequence(input);
    seen[got.kind] += 1;
    assert.deepEqual(summary(got), summary(exhaustiveMatch(input)));
  }), { numRuns: 2000, seed: 2121 });
  assert.ok(seen.matched > 50 && seen.incomplete > 20 && seen.diverged > 50, JSON.stringify(seen));
});

// ---- The factorial cases, answered in a bounded number of steps. ----------------------------------

function anyOrderCase(rows: number, cell: (i: number) => string, value: (i: number) => string, lastName: string, mode: OrderMode = 'any'): SequenceInput {
  const table = [['dn', 'step', 'event', 'ConnID']];
  const observed: ObservedEvent[] = [];
  for (let i = 0; i < rows; i += 1) {
    table.push(['Alice', '1', 'EventAttachedDataChanged', cell(i)]);
    const name = i === rows - 1 ? lastName : 'EventAttachedDataChanged';
    observed.push({ seq: i + 1, dn: '7001', name, receivedAt: 0, attributes: { ThisDN: '7001', ConnID: value(i) } });
  }
  return { rows: parseExpectationTable(table, { dnColumn: 'required' }), observed, mode, bindings: new Map(), resolveDn };
}

function counted(input: SequenceInput): { kind: string; stats: SearchStats } {
  const stats: SearchStats = { tries: 0, checks: 0 };
  return { kind: matchSequence(input, stats).kind, stats };
}

test('12 interchangeable any-order rows with a wrong last event: not matched, in a bounded number of steps', () => {
  const same = anyOrderCase(12, () => '$conn1', () => 'cc01', 'EventReleased');
  for (const mode of ['any', 'per-dn', 'total'] as const) {
    const { kind, stats } = counted({ ...same, mode });
    assert.equal(kind, 'diverged', mode);
    assert.ok(stats.tries + stats.checks <= 12 * 12, `${mode}: ${JSON.stringify(stats)}`);
  }
  // The right last event matches, each event taking the next row in table order.
  const right = matchSequence(anyOrderCase(12, () => '$conn1', () => 'cc01', 'EventAttachedDataChanged'));
  assert.equal(right.kind, 'matched');
  assert.deepEqual(right.kind === 'matched' ? [...right.assignment].map(([row, e]) => [row, e.seq]) : [], Array.from({ length: 12 }, (_, i) => [i, i + 1]));
});

test('12 rows that differ only in their variables, the last event one no row can take: bounded too', () => {
  // Every event fits every row by name and each row binds its own variable, so the rows are not
  // twins; the last event's ConnID is the first one's, which a fresh variable cannot take.
  const input = anyOrderCase(12, (i) => `$c${String(i + 1)}`, (i) => `cc${String(i === 11 ? 0 : i).padStart(2, '0')}`, 'EventAttachedDataChanged');
  const { kind, stats } = counted(input);
  assert.equal(kind, 'diverged');
  assert.ok(stats.tries <= 12 * 12 && stats.checks <= 12 * 12 * 12 * 2, JSON.stringify(stats));
  // The old search on 7 such rows already tries thousands of rows (7! orders of the first 6).
  const old = { tries: 0 };
  assert.equal(exhaustiveMatch(anyOrderCase(7, (i) => `$c${String(i + 1)}`, (i) => `cc${String(i === 6 ? 0 : i).padStart(2, '0')}`, 'EventAttachedDataChanged'), old).kind, 'diverged');
  assert.ok(old.tries > 5000, JSON.stringify(old));
});

test('waiting for the 12th event of interchangeable rows is incomplete at once, not after every order', () => {
  const input = anyOrderCase(12, (i) => `$c${String(i + 1)}`, (i) => `cc${String(i).padStart(2, '0')}`, 'EventAttachedDataChanged');
  const { kind, stats } = counted({ ...input, observed: input.observed.slice(0, 11) });
  assert.equal(kind, 'incomplete');
  assert.ok(stats.tries <= 12 * 12, JSON.stringify(stats));
});

test('two DNs: a lane that fails only through a binding made in the lane before is not searched once per order', () => {
  // Alice's 8 rows bind $c1..$c8 in any order; Bob's one row needs $c1's value, which Bob lacks.
  const table = [['dn', 'event', 'ConnID']];
  const observed: ObservedEvent[] = [];
  for (let i = 0; i < 8; i += 1) {
    table.push(['Alice', 'EventAttachedDataChanged', `$c${String(i + 1)}`]);
    observed.push({ seq: i + 1, dn: '7001', name: 'EventAttachedDataChanged', receivedAt: 0, attributes: { ThisDN: '7001', ConnID: `cc0${String(i)}` } });
  }
  table.push(['Bob', 'EventAttachedDataChanged', '$c1']);
  observed.push({ seq: 9, dn: '7002', name: 'EventAttachedDataChanged', receivedAt: 0, attributes: { ThisDN: '7002', ConnID: 'dd00' } });
  const { kind, stats } = counted({ rows: parseExpectationTable(table, { dnColumn: 'required' }), observed, mode: 'any', bindings: new Map(), resolveDn });
  assert.equal(kind, 'diverged');
  // The states are (rows used, bindings): at most 2^8 of them, each tried against 8 rows.
  assert.ok(stats.tries <= 256 * 8, JSON.stringify(stats));
});
