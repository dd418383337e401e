/**
 * Events the model leaves optional, end to end through cucumber and the world: the ACD overflow,
 * whose queue EventDiverted the Genesys QA model of SIP Server accepts within 3 s and does not
 * require ("Sales may also receive, in order:"). A switch that does not send it conforms; one that
 * sends it wrong, or twice, does not.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { faultRuns } from '../mutation/faultRuns';

const FEATURE = 'features/basic-call-models/basic-call-to-acd.feature';
const OVERFLOW = 'The call waits in Sales longer than the overflow time and overflows to Carol';

test('the overflow\'s optional EventDiverted: absent conforms, wrong or doubled does not', async () => {
  const { recording: rec, outcome } = await faultRuns(FEATURE, OVERFLOW);
  const sales = rec.parties.find((p) => p.name === 'Sales')?.dn;
  const diverted = rec.observed.find((e) => e.seq >= rec.stimulusFrom && e.dn === sales && e.name === 'EventDiverted');
  assert.ok(diverted, 'the reference simulator sends the overflow\'s EventDiverted');
  assert.equal(await outcome({ kind: 'drop', at: diverted.seq }), 'passed');
  assert.equal(await outcome({ kind: 'attribute', at: diverted.seq, attribute: 'ThirdPartyDN', value: '7003' }), 'failed');
  assert.equal(await outcome({ kind: 'duplicate', at: diverted.seq }), 'failed');
});
