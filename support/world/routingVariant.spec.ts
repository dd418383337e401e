/**
 * A switch whose routing points report only the route used (no EventDiverted at the routing point
 * with EventRouteUsed) and declares it (`routing:route-used-only`) conforms to the routing models:
 * their scenarios that require the routing point's EventDiverted are the other variant's, and its
 * own run. Before, a documented virtual-queue scenario and the QA model's routing scenarios
 * required that EventDiverted of every switch.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InProcessRunner } from '../mutation/runner';

const ROUTING = ['basic-call-models/basic-call-routing', 'routing/virtual-queue-reporting', 'routing/route-point-default-routing', 'predictive-dialing/predictive-call-with-routing'].map((f) => `features/${f}.feature`);

test('a switch that reports only the route used conforms to the routing models, its own variant\'s scenarios run', async () => {
  const { outcomes } = await new InProcessRunner().run(ROUTING, { adapter: 'support/adapter/fixtures/routeUsedOnlySimulator.ts', timeoutMs: 1500 });
  assert.deepEqual(outcomes.filter((o) => o.outcome !== 'passed' && o.outcome !== 'skipped').map((o) => `${o.name}: ${o.outcome ?? ''}`), []);
  const passed = outcomes.filter((o) => o.outcome === 'passed').map((o) => o.name);
  assert.ok(passed.includes('The router routes the call to Bob; Entry reports only the route used, Bob\'s phone rings'), JSON.stringify(passed));
  assert.ok(passed.includes('The router routes the call to Bob; after the routing point\'s EventRouteUsed, the virtual queue reports the call diverted to Bob'));
  const skipped = outcomes.filter((o) => o.outcome === 'skipped').map((o) => o.name);
  assert.ok(skipped.includes('The router routes the call to Bob; Entry reports the route used and the call diverted, Bob\'s phone rings'), 'the other variant\'s scenario is not its business');
});
