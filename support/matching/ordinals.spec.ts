/** `$callN` and `$subscriptionN`: the scenario's Nth call / subscription, preconditions included. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TEvent } from '../model/event';
import { parseExpectationTable } from './expectation';
import { ordinalBindings, ordinalsExist, referencedOrdinals } from './ordinals';

const events: TEvent[] = [
  { name: 'EventACK', dn: 'Mia', attributes: { SubscriptionID: 'S-7' } },
  { name: 'EventRinging', dn: '7002', attributes: { ConnID: '00a1' } },
  { name: 'EventRinging', dn: '7003', attributes: { ConnID: '00a2' } },
];

test('ordinal variables bind to distinct values in order of first appearance', () => {
  const rows = parseExpectationTable([['event', 'ConnID', 'SubscriptionID'], ['EventACK', '$call2', '$subscription1'], ['EventACK', '$other', 'any']], { dnColumn: 'forbidden' });
  const refs = referencedOrdinals(rows);
  assert.deepEqual(refs.map((r) => r.variable), ['$call2', '$subscription1']);
  assert.equal(ordinalsExist(events, refs), true);
  assert.equal(ordinalsExist(events.slice(0, 2), refs), false, '$call2 does not exist yet');
  const b = ordinalBindings(events, refs, new Map([['$request', 3]]));
  assert.deepEqual([...b], [['$request', 3], ['$call2', '00a2'], ['$subscription1', 'S-7']]);
});
