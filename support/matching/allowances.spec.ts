/**
 * GenEM's allowances as data: `*DIAL` / `*OPT` cells accept the value or absence, `busy reason`
 * names every busy reason, and a table that refuses an allowance is rejected before the run with
 * the allowance's source (so the same event asserts the same thing in every feature).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ALLOWANCES } from '../model/allowances';
import { lookupAttribute } from '../model/catalogue';
import { describeCell, matchCell, parseCell } from './cells';
import { parseExpectationTable, TableError } from './expectation';

const ctx = { bindings: new Map(), resolveDn: (ref: string) => (ref === 'Bob' ? '7002' : ref) };
const cell = (attribute: string, text: string) => {
  const def = lookupAttribute(attribute);
  assert.ok(def);
  const m = parseCell(def, text);
  assert.ok(m);
  return m;
};

test('*DIAL and *OPT: the value or absent, nothing else; described in GenEM notation', () => {
  const m = cell('OtherDN', 'Bob *DIAL');
  assert.equal(matchCell(m, '7002', ctx).ok, true);
  assert.equal(matchCell(m, undefined, ctx).ok, true);
  assert.equal(matchCell(m, '7003', ctx).ok, false);
  assert.equal(describeCell(m), 'Bob *DIAL');
  assert.equal(describeCell(cell('OtherDNRole', 'Destination *OPT')), 'Destination *OPT');
  assert.throws(() => cell('OtherDN', ' *DIAL'));
});

test('busy reason: Busy, AllTrunksBusy and every SIT value, not Ok', () => {
  const m = cell('CallState', 'busy reason');
  for (const v of ['Busy', 'SitInvalidnum', 'SitVacant', 'AllTrunksBusy']) assert.equal(matchCell(m, v, ctx).ok, true, v);
  assert.equal(matchCell(m, 'Ok', ctx).ok, false);
  assert.equal(describeCell(m), 'busy reason');
});

test('a table stricter than an allowance is rejected with the allowance and how to write it', () => {
  const table = (header: string[], row: string[]) => () => parseExpectationTable([header, row], { dnColumn: 'forbidden' });
  assert.throws(table(['event', 'OtherDN'], ['EventDialing', 'Bob']), (e: unknown) =>
    e instanceof TableError && /"Bob" refuses absent, which GenEM allows in EventDialing's OtherDN .*\*DIAL.*write it as e\.g\. "Bob \*DIAL"/.test(e.message) && e.column === 1);
  assert.throws(table(['event', 'CallType'], ['EventDialing', 'Internal']), /refuses Unknown, which GenEM allows in EventDialing's CallType/);
  assert.throws(table(['event', 'OtherDN'], ['EventReleased', 'Bob']), /EventReleased's OtherDN.*\*OPT/);
  assert.throws(table(['event', 'CallState'], ['EventDestinationBusy', 'Busy']), /refuses AllTrunksBusy, SitDetected, SitInvalidnum.*write it as e\.g\. "busy reason"/);
  for (const ok of [['EventDialing', 'Bob *DIAL'], ['EventDialing', 'absent'], ['EventRinging', 'Bob'], ['EventReleased', 'Bob *OPT']]) {
    assert.doesNotThrow(table(['event', 'OtherDN'], ok), ok.join(' '));
  }
  assert.doesNotThrow(table(['event', 'CallType'], ['EventDialing', 'Consult or Unknown']));
});

test('every allowance names an attribute of the catalogue and a GenEM source', () => {
  for (const a of ALLOWANCES) {
    assert.ok(lookupAttribute(a.attribute), a.attribute);
    assert.match(a.source, /^GenEM /);
  }
});
