import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ObservedEvent } from '../model/event';
import { parseExpectationTable } from './expectation';
import { matchOptional, receivedNone, withoutAllowedExtras } from './optional';
import type { SequenceOutcome } from './sequence';

const PARTIES: Record<string, string> = { Alice: '7001', Sales: '8001', Carol: '7003' };
const resolveDn = (ref: string): string => PARTIES[ref] ?? ref;

function ev(seq: number, dn: string, name: string, attributes: Record<string, string | number> = {}): ObservedEvent {
  return { seq, dn, name, attributes: { ThisDN: dn, ConnID: 'c1', ...attributes }, receivedAt: 0 };
}

/** The overflow's optional EventDiverted at Sales (the QA model: "optional within 3 s"). */
const DIVERTED = [
  ['event', 'ConnID', 'ThirdPartyDN', 'ThirdPartyDNRole'],
  ['EventDiverted', '$call1', 'Trunk', 'Destination'],
];

function run(observed: ObservedEvent[], rows: string[][] = DIVERTED): SequenceOutcome {
  const expected = parseExpectationTable(rows, { dnColumn: 'forbidden' });
  return matchOptional({ rows: expected, observed, mode: 'per-dn', bindings: new Map([['$call1', 'c1']]), resolveDn, defaultDn: 'Sales' });
}

test('an optional event that did not come holds, and takes nothing', () => {
  const outcome = run([ev(1, '7003', 'EventRinging'), ev(2, '8001', 'EventReleased')]);
  assert.equal(outcome.kind, 'matched');
  assert.ok(receivedNone(outcome));
});

test('an optional event that came right is matched and taken', () => {
  const diverted = ev(2, '8001', 'EventDiverted', { ThirdPartyDN: 'Trunk', ThirdPartyDNRole: 'Destination' });
  const outcome = run([ev(1, '7003', 'EventRinging'), diverted]);
  assert.equal(outcome.kind, 'matched');
  assert.ok(!receivedNone(outcome));
  assert.deepEqual(outcome.kind === 'matched' ? [...outcome.assignment.values()] : [], [diverted]);
});

test('an optional event that came wrong is not conformant; a second copy is left for the events nobody expected', () => {
  assert.equal(run([ev(1, '8001', 'EventDiverted', { ThirdPartyDN: '7003', ThirdPartyDNRole: 'Destination' })]).kind, 'diverged');
  const right = { ThirdPartyDN: 'Trunk', ThirdPartyDNRole: 'Destination' };
  const outcome = run([ev(1, '8001', 'EventDiverted', right), ev(2, '8001', 'EventDiverted', right)]);
  assert.deepEqual(outcome.kind === 'matched' ? [...outcome.assignment.values()].map((e) => e.seq) : outcome.kind, [1]);
});

test('the same event on another DN is not the optional one', () => {
  const outcome = run([ev(1, '7003', 'EventDiverted', { ThirdPartyDN: 'Trunk', ThirdPartyDNRole: 'Destination' })]);
  assert.ok(receivedNone(outcome));
});

test('an optional unit of two events is all or nothing: half of it is incomplete, then the diff', () => {
  const rows = [['event', 'ConnID', 'ThirdPartyDN'], ['EventRouteUsed', '$call1', 'Trunk'], ['EventDiverted', '$call1', 'Trunk']];
  assert.equal(run([ev(1, '8001', 'EventRouteUsed', { ThirdPartyDN: 'Trunk' })], rows).kind, 'incomplete');
  assert.equal(run([ev(1, '8001', 'EventDiverted', { ThirdPartyDN: 'Trunk' }), ev(2, '8001', 'EventRouteUsed', { ThirdPartyDN: 'Trunk' })], rows).kind, 'diverged');
  assert.ok(receivedNone(run([], rows)));
});

test('on a party whose unexpected events a scenario allows, only the events its rows name are matched', () => {
  const rows = parseExpectationTable([['dn', 'event', 'ConnID'], ['Sales', 'EventQueued', '$call1'], ['Carol', 'EventRinging', '$call1']], { dnColumn: 'required' });
  const observed = [ev(1, '8001', 'EventUserEvent'), ev(2, '8001', 'EventQueued'), ev(3, '7003', 'EventDialing'), ev(4, '7003', 'EventRinging')];
  const input = { rows, observed, mode: 'per-dn' as const, bindings: new Map([['$call1', 'c1']]), resolveDn };
  assert.deepEqual(withoutAllowedExtras(input, new Set(['8001'])).observed.map((e) => e.seq), [2, 3, 4], 'Sales allows extras: its EventUserEvent is not matched; Carol does not');
  assert.deepEqual(withoutAllowedExtras(input, undefined).observed.map((e) => e.seq), [2, 4], 'the whole scenario allows extras');
  assert.equal(withoutAllowedExtras(input, new Set()), input, 'no party allows extras: unchanged');
});

test('events outside the scenario\'s models are left out on every DN, unless the table names them there', () => {
  const rows = parseExpectationTable([['dn', 'event', 'ConnID'], ['Carol', 'EventDialing', '$call1'], ['Sales', 'EventOffHook', '']], { dnColumn: 'required' });
  const observed = [ev(1, '7003', 'EventOffHook'), ev(2, '7003', 'EventDialing'), ev(3, '8001', 'EventOffHook'), ev(4, '7003', 'EventUserEvent')];
  const input = { rows, observed, mode: 'per-dn' as const, bindings: new Map([['$call1', 'c1']]), resolveDn };
  const handset = (e: { readonly name: string }): boolean => e.name === 'EventOffHook';
  assert.deepEqual(withoutAllowedExtras(input, new Set(), handset).observed.map((e) => e.seq), [2, 3, 4], 'Carol\'s handset is left out, Sales\'s is named there; other events stay');
  assert.equal(withoutAllowedExtras(input, new Set(), () => false), input, 'nothing outside: unchanged');
});
