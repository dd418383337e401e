import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ObservedEvent } from '../model/event';
import { parseExpectationTable } from './expectation';
import { matchSequence, type OrderMode } from './sequence';

const PARTIES: Record<string, string> = { Alice: '7001', Bob: '7002', Carol: '7003' };
const resolveDn = (ref: string): string => PARTIES[ref] ?? ref;

function ev(seq: number, dn: string, name: string, attributes: Record<string, string | number> = {}): ObservedEvent {
  return { seq, dn, name, attributes: { ThisDN: dn, ...attributes }, receivedAt: 0 };
}

function table(text: string): string[][] {
  return text.trim().split('\n').map((line) => line.trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim()));
}

function run(expected: string, observed: ObservedEvent[], mode: OrderMode = 'per-dn'): string {
  const rows = parseExpectationTable(table(expected), { dnColumn: 'required' });
  return matchSequence({ rows, observed, mode, bindings: new Map(), resolveDn }).kind;
}

const ESTABLISHED = `
  | dn    | event            | ConnID | OtherDN |
  | Alice | EventEstablished | $c1    | Bob     |
  | Bob   | EventEstablished | $c1    | Alice   |`;

test('different DNs interleave freely in per-DN mode', () => {
  const a = ev(1, '7001', 'EventEstablished', { ConnID: 'x1', OtherDN: '7002' });
  const b = ev(2, '7002', 'EventEstablished', { ConnID: 'x1', OtherDN: '7001' });
  assert.equal(run(ESTABLISHED, [a, b]), 'matched');
  assert.equal(run(ESTABLISHED, [{ ...b, seq: 1 }, { ...a, seq: 2 }]), 'matched');
});

test('total order rejects an event that arrives before an event of an earlier documented row', () => {
  const a = ev(2, '7001', 'EventEstablished', { ConnID: 'x1', OtherDN: '7002' });
  const b = ev(1, '7002', 'EventEstablished', { ConnID: 'x1', OtherDN: '7001' });
  assert.equal(run(ESTABLISHED, [b, a], 'total'), 'diverged');
  assert.equal(run(ESTABLISHED, [{ ...a, seq: 1 }, { ...b, seq: 2 }], 'total'), 'matched');
});

test('per-DN order is strict, but one step\'s events may come in any order', () => {
  const strict = `
    | dn  | event          | ConnID |
    | Bob | EventReleased  | $c2    |
    | Bob | EventRetrieved | $c1    |`;
  const grouped = `
    | dn  | step | event          | ConnID |
    | Bob | 1    | EventReleased  | $c2    |
    | Bob | 1    | EventRetrieved | $c1    |`;
  const swapped = [ev(1, '7002', 'EventRetrieved', { ConnID: 'a' }), ev(2, '7002', 'EventReleased', { ConnID: 'b' })];
  assert.equal(run(strict, swapped), 'diverged');
  assert.equal(run(grouped, swapped), 'matched');
});

test('a binding must be equal on every use, and two variables cannot bind one value', () => {
  const a = ev(1, '7001', 'EventEstablished', { ConnID: 'x1', OtherDN: '7002' });
  assert.equal(run(ESTABLISHED, [a, ev(2, '7002', 'EventEstablished', { ConnID: 'x2', OtherDN: '7001' })]), 'diverged');
  const twoCalls = `
    | dn    | event        | ConnID |
    | Alice | EventHeld    | $c1    |
    | Alice | EventDialing | $c2    |`;
  assert.equal(run(twoCalls, [ev(1, '7001', 'EventHeld', { ConnID: 'x1' }), ev(2, '7001', 'EventDialing', { ConnID: 'x1' })]), 'diverged');
  assert.equal(run(twoCalls, [ev(1, '7001', 'EventHeld', { ConnID: 'x1' }), ev(2, '7001', 'EventDialing', { ConnID: 'x2' })]), 'matched');
});

test('a consistent prefix is incomplete (keep waiting); a wrong first event has diverged (stop waiting)', () => {
  assert.equal(run(ESTABLISHED, [ev(1, '7001', 'EventEstablished', { ConnID: 'x1', OtherDN: '7002' })]), 'incomplete');
  assert.equal(run(ESTABLISHED, [ev(1, '7001', 'EventReleased', { ConnID: 'x1' })]), 'diverged');
  assert.equal(run(ESTABLISHED, []), 'incomplete');
});

test('events on DNs the table does not name are left for the unexpected-events check', () => {
  const a = ev(1, '7001', 'EventEstablished', { ConnID: 'x1', OtherDN: '7002' });
  const c = ev(2, '7003', 'EventRinging', { ConnID: 'x9' });
  const b = ev(3, '7002', 'EventEstablished', { ConnID: 'x1', OtherDN: '7001' });
  assert.equal(run(ESTABLISHED, [a, c, b]), 'matched');
});

test('one table of 20,000 rows on one DN matches, and a missing last event is found (no recursion per row)', () => {
  const rows = [['dn', 'event', 'ReferenceID']];
  const observed: ObservedEvent[] = [];
  for (let i = 0; i < 20_000; i += 1) {
    rows.push(['Alice', 'EventAttachedDataChanged', String(i)]);
    observed.push(ev(i + 1, '7001', 'EventAttachedDataChanged', { ReferenceID: i }));
  }
  const expected = parseExpectationTable(rows, { dnColumn: 'required' });
  assert.equal(matchSequence({ rows: expected, observed, mode: 'per-dn', bindings: new Map(), resolveDn }).kind, 'matched');
  assert.equal(matchSequence({ rows: expected, observed: observed.slice(0, -1), mode: 'per-dn', bindings: new Map(), resolveDn }).kind, 'incomplete');
});
