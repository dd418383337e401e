import { test } from 'node:test';
import assert from 'node:assert/strict';
import { enumNames, normaliseEnum } from './enums';

test('2, "Inbound" and "CallTypeInbound" normalise to one CallType value', () => {
  const expected = { enumName: 'CallType', name: 'Inbound', value: 2 };
  assert.deepEqual(normaliseEnum('CallType', 2), expected);
  assert.deepEqual(normaliseEnum('CallType', '2'), expected);
  assert.deepEqual(normaliseEnum('CallType', 'Inbound'), expected);
  assert.deepEqual(normaliseEnum('CallType', 'CallTypeInbound'), expected);
  assert.deepEqual(normaliseEnum('CallType', 'calltypeinbound'), expected);
});

test('DN roles accept the Role prefix and the QA model\'s spelling TransferedBy', () => {
  assert.equal(normaliseEnum('DNRole', 'RoleOrigination')?.value, 1);
  assert.equal(normaliseEnum('DNRole', 'TransferedBy')?.name, 'TransferredBy');
  assert.equal(normaliseEnum('DNRole', 10)?.name, 'Observer');
});

test('CallState keeps the T-Library numbering, including the gap before Deafened and Held', () => {
  assert.equal(normaliseEnum('CallState', 'OK')?.value, 0);
  assert.equal(normaliseEnum('CallState', 'Bridged')?.value, 31);
  assert.equal(normaliseEnum('CallState', 'Held')?.value, 50);
  assert.equal(normaliseEnum('CallState', 'SitInvalidNum')?.name, 'SitInvalidnum');
});

test('LegalGuard is AutoIn used as a Not-Ready sub-state; XRouteType starts at -1', () => {
  assert.equal(normaliseEnum('AgentWorkMode', 'LegalGuard')?.value, 2);
  assert.equal(normaliseEnum('AgentWorkMode', 'AgentAfterCallWork')?.value, 3);
  assert.equal(normaliseEnum('XRouteType', -1)?.name, 'Default');
  assert.equal(normaliseEnum('XRouteType', 'DirectNetworkCallID')?.value, 11);
});

test('values that do not exist are rejected', () => {
  assert.equal(normaliseEnum('CallType', 'Sideways'), undefined);
  assert.equal(normaliseEnum('CallType', 9), undefined);
  assert.equal(normaliseEnum('CallState', 'CallTypeInbound'), undefined);
  assert.ok(enumNames('CallType').includes('Consult'));
});
