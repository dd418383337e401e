/**
 * Legal reorderings (bounded; `npm run mutants` checks 100 random orders per table): every order
 * the GenEM ordering rule allows still matches each scenario's tables, and an order it forbids
 * (two events of one DN from different steps, swapped) does not — so the property is not vacuous.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ObservedEvent } from '../model/event';
import { recordingsOf } from './recording';
import { checkReorderings, matchesInOrder, tableCases, type TableCase } from './reorder';
import { InProcessRunner, MUTANT_ADAPTER } from './runner';

let cases: TableCase[] = [];

before(async () => {
  const run = await new InProcessRunner({ extraRequire: ['support/mutation/recordHook.ts'] }).run(['features/**/*.feature'], { adapter: MUTANT_ADAPTER });
  cases = recordingsOf(run.messages).filter((r) => r.status === 'PASSED').flatMap(tableCases);
});

test('every scenario table matches under legal reorderings', () => {
  assert.ok(cases.length > 20, `only ${String(cases.length)} tables recorded`);
  const result = checkReorderings(cases, 5, 42);
  assert.deepEqual(result.failures, []);
  assert.equal(result.passed, result.checked);
  console.log(`reorderings: ${String(result.passed)} passed of ${String(result.checked)}`);
});

/** Two events of one DN, documented in different steps, with different names. */
function forbiddenSwap(c: TableCase): ObservedEvent[] | undefined {
  if (c.mode === 'any') return undefined;
  for (const [i, a] of c.events.entries()) {
    const j = c.events.findIndex((b, k) => k > i && b.dn === a.dn && b.name !== a.name && c.rowOf.get(b.seq)?.step !== c.rowOf.get(a.seq)?.step);
    const b = c.events[j];
    if (j < 0 || !b) continue;
    const order = [...c.events];
    order[i] = b;
    order[j] = a;
    return order;
  }
  return undefined;
}

test('an order the rule forbids does not match', () => {
  const swapped = cases.map((c) => ({ c, order: forbiddenSwap(c) })).filter((x): x is { c: TableCase; order: ObservedEvent[] } => x.order !== undefined);
  assert.ok(swapped.length > 0, `only ${String(swapped.length)} tables have a forbidden swap`);
  const accepted = swapped.filter(({ c, order }) => matchesInOrder(c, order)).map(({ c }) => `${c.scenario} table ${String(c.table)}`);
  assert.deepEqual(accepted, []);
});
