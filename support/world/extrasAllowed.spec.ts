/**
 * `@extras-allowed:<party>` on a party the tables also name: its events that nobody expected are not
 * judged, so they must not shift that party's rows either. The documented call-notification
 * scenario asserts EventCallCreated's table and lets the monitoring client's party events pass: a
 * switch that reports a party added before the call created conforms to it; one whose
 * EventCallCreated is wrong does not.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { faultRuns } from '../mutation/faultRuns';

const FEATURE = 'features/call-based-notifications/call-based-notifications.feature';
const CREATED = 'Alice calls Bob, and the call is created with its CallUUID and ConnID';

test('events a scenario lets pass on a party do not shift the rows it asserts for that party', async () => {
  const { recording: rec, outcome } = await faultRuns(FEATURE, CREATED);
  const created = rec.observed.find((e) => e.name === 'EventCallCreated');
  const added = rec.observed.find((e) => e.name === 'EventCallPartyAdded' && e.dn === created?.dn);
  assert.ok(created && added && added.seq === created.seq + 1, 'the simulator reports the call created, then a party added');
  assert.equal(await outcome({ kind: 'swap', at: created.seq, with: added.seq }), 'passed');
  assert.equal(await outcome({ kind: 'attribute', at: created.seq, attribute: 'ConnID', value: '00ffffffffffffff' }), 'failed');
  assert.equal(await outcome({ kind: 'drop', at: created.seq }), 'failed');
});
