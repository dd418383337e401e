/**
 * Events the model leaves optional, end to end through cucumber and the world: the ACD overflow,
 * whose queue EventDiverted the Genesys QA model of SIP Server accepts within 3 s and does not
 * require ("Sales may also receive, in order:"). A switch that does not send it conforms; one that
 * sends it wrong, or twice, does not.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recordingsOf } from '../mutation/recording';
import { InProcessRunner, MUTANT_ADAPTER } from '../mutation/runner';
import type { FaultDescriptor } from '../simulator/faults';

const FEATURE = 'features/basic-call-models/basic-call-to-acd.feature';
const OVERFLOW = 'The call waits in Sales longer than the overflow time and overflows to Carol';

test('the overflow\'s optional EventDiverted: absent conforms, wrong or doubled does not', async () => {
  const runner = new InProcessRunner({ extraRequire: ['support/mutation/recordHook.ts'] });
  const world = { adapter: MUTANT_ADAPTER, timeoutMs: 1500 };
  const clean = await runner.run([FEATURE], world, { names: [OVERFLOW] });
  const [rec] = recordingsOf(clean.messages);
  assert.equal(rec?.status, 'PASSED');
  const sales = rec.parties.find((p) => p.name === 'Sales')?.dn;
  const diverted = rec.observed.find((e) => e.seq >= rec.stimulusFrom && e.dn === sales && e.name === 'EventDiverted');
  assert.ok(diverted, 'the reference simulator sends the overflow\'s EventDiverted');
  const outcome = async (fault: FaultDescriptor): Promise<string | undefined> => {
    const { outcomes } = await runner.run([`${rec.uri}:${String(rec.line)}`], { ...world, adapterOptions: { fault } });
    return outcomes[0]?.outcome;
  };
  assert.equal(await outcome({ kind: 'drop', at: diverted.seq }), 'passed');
  assert.equal(await outcome({ kind: 'attribute', at: diverted.seq, attribute: 'ThirdPartyDN', value: '7003' }), 'failed');
  assert.equal(await outcome({ kind: 'duplicate', at: diverted.seq }), 'failed');
});
