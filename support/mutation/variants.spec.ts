/**
 * Whole-suite simulator variants (issue 16's acceptance): a switch that leaves out an attribute
 * GenEM makes mandatory on every event must fail most of the suite, whatever each table asserts
 * (the event-level rules catch it); a switch that uses an allowance GenEM documents (*DIAL, "may be
 * Unknown") must fail nothing.
 *
 * Each variant runs every feature against the reference simulator with the variant applied to
 * every event it produces (support/simulator/faults.ts, kind `variant`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FaultDescriptor } from '../simulator/faults';
import type { ScenarioOutcome } from '../report/outcomes';
import { InProcessRunner, MUTANT_ADAPTER } from './runner';

const runner = new InProcessRunner();
const FEATURES = ['features/**/*.feature'];

interface Tally { readonly executed: number; readonly notPassed: number; readonly examples: readonly string[] }

async function runVariant(fault: FaultDescriptor): Promise<Tally> {
  const { outcomes } = await runner.run(FEATURES, { adapter: MUTANT_ADAPTER, timeoutMs: 400, adapterOptions: { fault } });
  const executed = outcomes.filter((o) => o.outcome !== 'skipped');
  const bad = executed.filter((o) => o.outcome !== 'passed');
  return { executed: executed.length, notPassed: bad.length, examples: bad.slice(0, 5).map(describe) };
}

function describe(o: ScenarioOutcome): string {
  return `${o.uri}:${String(o.line)} ${o.outcome}: ${o.reason ?? ''}`;
}

for (const attribute of ['CallID', 'ConnID', 'CallType']) {
  test(`a switch that sends no ${attribute} fails at least half of the executed scenarios`, async () => {
    const t = await runVariant({ kind: 'variant', attributes: [attribute] });
    console.log(`variant without ${attribute}: ${String(t.notPassed)} of ${String(t.executed)} executed scenarios fail`);
    assert.ok(t.notPassed * 2 >= t.executed, `only ${String(t.notPassed)} of ${String(t.executed)} fail`);
  });
}

test('a switch that leaves OtherDN and OtherDNRole out of EventDialing (*DIAL) fails no scenario', async () => {
  const dn = await runVariant({ kind: 'variant', event: 'EventDialing', attributes: ['OtherDN', 'OtherDNRole'] });
  assert.equal(dn.notPassed, 0, dn.examples.join('\n'));
});

test('a switch that reports EventDialing with CallType Unknown ("may be Unknown") fails no scenario', async () => {
  const t = await runVariant({ kind: 'variant', event: 'EventDialing', attributes: ['CallType'], value: 'Unknown' });
  assert.equal(t.notPassed, 0, t.examples.join('\n'));
});
