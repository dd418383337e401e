/**
 * support/simulator/README.md (the request map) is what `npm run request-map` writes now: a request
 * handler, interceptor or reaction added or moved, or a model that sends another request, shows
 * here until the map is written again.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { REQUEST_MAP_FILE, renderRequestMap, requestRoutes } from '../simulator/requestMap';
import { requestUse } from './requestUse';

test('the request map in support/simulator/README.md is up to date (npm run request-map writes it)', async () => {
  const uses = await requestUse();
  assert.ok(uses.size > 30, `only ${String(uses.size)} requests were sent by the features`);
  assert.equal(readFileSync(REQUEST_MAP_FILE, 'utf8'), renderRequestMap(uses), 'run `npm run request-map` and commit support/simulator/README.md');
});

test('every request has a module, and the interceptors of a request are named', () => {
  const routes = requestRoutes();
  assert.deepEqual(routes.filter((r) => r.module === '(unknown)' || r.interceptedBy.some((i) => i.module === '(unknown)')), []);
  const hold = routes.find((r) => r.request === 'RequestHoldCall');
  assert.ok(hold?.interceptedBy.some((i) => i.module === 'iscc.ts'), 'iscc.ts takes over RequestHoldCall for routed calls');
});
