import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TraceRecord } from './record';
import { RoutedCalls } from './routedCalls';

function ev(name: string, conn: string, dn: string, queue = dn): TraceRecord {
  return { kind: 'event', name, dn, attributes: { ConnID: conn, ThisDN: dn, ThisQueue: queue }, source: 'x.log:1', line: 1, format: 'native' };
}

function variant(records: readonly TraceRecord[]): string | undefined {
  const routed = new RoutedCalls();
  for (const r of records) routed.note(r);
  return routed.variant();
}

test('a log shows which routing variant its switch has: every route used diverted, none, or no evidence', () => {
  assert.equal(variant([ev('EventRouteUsed', 'c1', '9001'), ev('EventDiverted', 'c1', '9001'), ev('EventDiverted', 'c2', '9001'), ev('EventRouteUsed', 'c2', '9001')]), 'diverted-after-route-used', 'in either order');
  assert.equal(variant([ev('EventRouteUsed', 'c1', '9001'), ev('EventRouteUsed', 'c2', '9002')]), 'route-used-only');
  assert.equal(variant([ev('EventRouteUsed', 'c1', '9001'), ev('EventDiverted', 'c1', '9001'), ev('EventRouteUsed', 'c2', '9001')]), undefined, 'both: neither is the switch\'s');
  assert.equal(variant([ev('EventDiverted', 'c1', '8001')]), undefined, 'a queue\'s EventDiverted, no route used');
  assert.equal(variant([ev('EventRouteUsed', 'c1', '9001'), ev('EventDiverted', 'c1', '8001')]), 'route-used-only', 'diverted at another DN (a queue) is not the routing point\'s');
  assert.equal(variant([ev('EventRouteUsed', 'c1', '7002', '9001')]), undefined, 'ThisQueue is not ThisDN: not a routing point\'s own report');
});
