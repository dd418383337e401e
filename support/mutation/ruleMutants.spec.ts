/**
 * Mutants for the event-level rules: every attribute whose absence breaks a GenEM rule is removed,
 * every typed attribute gets a value of the wrong type — and the suite kills them even where no
 * table asserts the attribute (CallID is in no table of release-phase).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ObservedEvent } from '../model/event';
import { DEFAULT_SEED, runCampaign } from './campaign';
import { generateMutants } from './generate';
import type { ScenarioRecording } from './recording';

const ringing: ObservedEvent = {
  seq: 1, dn: '7002', receivedAt: 0, name: 'EventRinging',
  attributes: { ConnID: '006b02a6f6e10001', CallID: '1', CallType: 'Internal', ThisDN: '7002', ThisDNRole: 'Destination', CallState: 'Ok', OtherDN: '7001' },
};
const recording: ScenarioRecording = {
  uri: 'f.feature', line: 1, name: 's', tags: [], status: 'PASSED', stimulusFrom: 1, bindings: [],
  parties: [{ name: 'Bob', dn: '7002', type: 'Extension', configured: true }], observed: [ringing],
  expectations: [{ mode: 'per-dn', dnColumn: 'forbidden', party: 'Bob', rows: [['event', 'ThisDN'], ['EventRinging', 'Bob']] }],
};

test('each mandatory attribute is removed and each typed attribute mistyped; optional ones are left alone', () => {
  const ids = generateMutants(recording, 700).map((m) => m.id);
  for (const a of ['ConnID', 'CallID', 'CallType', 'ThisDN', 'ThisDNRole', 'CallState']) assert.ok(ids.includes(`remove@1:${a}`), a);
  assert.ok(!ids.includes('remove@1:OtherDN'), 'OtherDN is optional in EventRinging');
  for (const id of ['attribute@1:CallType=NotACallType', 'attribute@1:ConnID=not-a-connid', 'attribute@1:CallID=not-an-integer']) assert.ok(ids.includes(id), id);
});

test('rule mutants of the release phase are all killed, though its tables never name CallID or CallType', async () => {
  const report = await runCampaign({
    paths: ['features/releasing-calls/release-phase.feature:18'], seed: DEFAULT_SEED, maxPerScenario: 0, reorderRuns: 0, equivalentsFile: 'support/mutation/equivalent-mutants.json',
  });
  const rules = report.mutants.filter((m) => /^remove@|=(NotACallType|not-a-connid|not-an-integer)$/.test(m.mutant));
  assert.ok(rules.some((m) => m.mutant.endsWith(':CallID')), 'CallID removed somewhere');
  assert.deepEqual(rules.filter((m) => m.verdict !== 'killed').map((m) => `${m.scenario}: ${m.mutant}`), []);
});
