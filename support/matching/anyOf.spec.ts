import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AttrValue, ObservedEvent } from '../model/event';
import { renderAnyOfMiss } from '../report/diff';
import { matchAnyOf } from './anyOf';
import { parseExpectationTable } from './expectation';
import type { SequenceInput } from './sequence';

const PARTIES: Record<string, string> = { Bob: '7002', Sales: '8001' };
const resolveDn = (ref: string): string => PARTIES[ref] ?? ref;
const AM: AttrValue = [{ key: 'AnswerClass', value: 'AM' }];

function ev(seq: number, dn: string, name: string, attributes: Record<string, AttrValue> = {}): ObservedEvent {
  return { seq, dn, name, attributes: { ThisDN: dn, ConnID: 'c1', ...attributes }, receivedAt: 0 };
}

/** GenEM's predictive call: T-Server "also attaches UserData AnswerClass=AM", on no event named. */
const ATTACHED = parseExpectationTable([
  ['dn', 'event', 'ConnID', 'UserData'],
  ['Sales', 'EventQueued', '$call1', 'AnswerClass=AM'],
  ['Sales', 'EventAttachedDataChanged', '$call1', 'AnswerClass=AM'],
  ['Bob', 'EventRinging', '$call1', 'AnswerClass=AM'],
], { dnColumn: 'required' });

function input(observed: ObservedEvent[]): SequenceInput {
  return { rows: ATTACHED, observed, mode: 'any', bindings: new Map([['$call1', 'c1']]), resolveDn };
}

test('alternatives hold when any one row is matched, by whichever event, and take nothing', () => {
  for (const observed of [
    [ev(1, '8001', 'EventQueued', { UserData: AM }), ev(2, '7002', 'EventRinging')],
    [ev(1, '8001', 'EventQueued'), ev(2, '8001', 'EventAttachedDataChanged', { UserData: AM })],
    [ev(1, '8001', 'EventQueued'), ev(2, '7002', 'EventRinging', { UserData: [...(AM as { key: string; value: AttrValue }[]), { key: 'Lang', value: 'fr' }] })],
  ]) {
    const outcome = matchAnyOf(input(observed));
    assert.equal(outcome.kind, 'matched', JSON.stringify(observed.map((e) => [e.dn, e.name])));
    assert.equal(outcome.kind === 'matched' ? outcome.assignment.size : -1, 0);
  }
});

test('alternatives do not hold when no row is matched: not attached, attached with another value, on another call or at another DN', () => {
  for (const observed of [
    [ev(1, '8001', 'EventQueued'), ev(2, '7002', 'EventRinging')],
    [ev(1, '8001', 'EventQueued', { UserData: [{ key: 'AnswerClass', value: 'HUMAN' }] })],
    [ev(1, '8001', 'EventQueued', { UserData: AM, ConnID: 'c2' })],
    [ev(1, '7002', 'EventQueued', { UserData: AM })],
    [],
  ]) assert.equal(matchAnyOf(input(observed)).kind, 'diverged', JSON.stringify(observed));
});

test('the miss names every alternative and the nearest events', () => {
  const text = renderAnyOfMiss(input([ev(1, '8001', 'EventQueued', { UserData: [{ key: 'AnswerClass', value: 'HUMAN' }] }), ev(2, '7002', 'EventEstablished')]), 'predictive-call.feature:70', (dn) => dn);
  assert.match(text, /none of these was reported after the stimulus \(predictive-call\.feature:70\)/);
  assert.match(text, /8001: EventQueued .*UserData=.*AnswerClass/);
  assert.match(text, /7002: EventRinging/);
  assert.match(text, /\+ 8001: #1 EventQueued .*HUMAN/);
  assert.doesNotMatch(text, /EventEstablished/);
});
