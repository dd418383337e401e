/**
 * A switch whose phones report their handsets (SIP Server: EventOffHook with a call dialled from an
 * on-hook phone, EventOnHook as the last call leaves the phone; the QA model's sets) and declares it
 * (`off-hook:reported`) conforms to the call models that do not name those events: they are the
 * device's, not the call's, and one before a DN's first row does not shift its rows. Where a table
 * names one (GenEM's shared-line flow: the caller's EventOffHook) it is still required. A switch
 * that declares `off-hook:not-reported` and sends them does not conform.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InProcessRunner } from '../mutation/runner';

const ADAPTER = 'support/adapter/fixtures/handsetSimulator.ts';
const FEATURES = ['features/basic-call-models/basic-internal-inbound-call.feature', 'features/releasing-calls/release-phase.feature', 'features/shared-call-appearance/sca-inbound-alerting.feature'];
const PICKS_UP = 'Alice picks up her phone and calls the shared line, and both appearances ring';
const DIALS = 'Alice calls Bob, and Bob\'s phone rings after Alice\'s dialing is reported';

test('handset events: outside the call models when the system declares them, unexpected when it says it sends none', async () => {
  const runner = new InProcessRunner();
  const declared = await runner.run(FEATURES, { adapter: ADAPTER, timeoutMs: 1500 });
  const outcome = (name: string, outcomes = declared.outcomes): string | undefined => outcomes.find((o) => o.name === name)?.outcome;
  const notPassed = declared.outcomes.filter((o) => o.outcome !== 'passed' && o.outcome !== 'skipped');
  assert.deepEqual(notPassed.map((o) => `${o.name}: ${o.outcome ?? ''}`), []);
  assert.ok(declared.outcomes.filter((o) => o.outcome === "passed").length >= 12, JSON.stringify(declared.outcomes.map((o) => o.outcome)));
  assert.equal(outcome(DIALS), 'passed', 'the caller\'s EventOffHook before its EventDialing does not shift its row');
  assert.equal(outcome(PICKS_UP), 'passed', 'the shared-line variant that names EventOffHook runs, and holds');
  const undeclared = await runner.run(FEATURES, { adapter: ADAPTER, adapterOptions: { declare: false }, timeoutMs: 1500 });
  assert.equal(outcome(DIALS, undeclared.outcomes), 'failed');
  assert.equal(outcome(PICKS_UP, undeclared.outcomes), 'skipped');
  assert.ok(undeclared.outcomes.filter((o) => o.outcome === "failed").length >= 10, JSON.stringify(undeclared.outcomes.map((o) => o.outcome)));
});
