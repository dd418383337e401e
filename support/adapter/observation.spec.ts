/** Observation levels (observation.ts): what a coarser adapter cannot judge is named, and only that. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Observation, PartyConfig } from './contract';
import { observationGap, optionalTableGap, withoutUnchecked } from './observation';
import { parseExpectationTable } from '../matching/expectation';

const level: Observation = {
  tier: 'Test level', events: ['EventRinging', 'EventEstablished'], attributes: ['ThisDN', 'ConnID', 'OtherDN'], unchecked: ['ReferenceID'],
  crossDnOrder: false, partyTypes: ['Extension'],
};
const parties: PartyConfig[] = [
  { name: 'Alice', dn: '7001', type: 'Extension', configured: true },
  { name: 'Bob', dn: '7002', type: 'Extension', configured: true },
  { name: 'Sales', dn: '8001', type: 'ACDQueue', configured: true },
];
const partyOf = (p: string): PartyConfig | undefined => parties.find((c) => c.name === p || c.dn === p);
const gap = (text: string, rows: string[][]): string | undefined => observationGap([{ text, rows }], level, partyOf);

describe('observation levels', () => {
  it('a table within the level has no gap; unchecked attributes count as shown', () => {
    assert.equal(gap('each DN receives, in order:', [['dn', 'event', 'ConnID', 'Reference ID'], ['Bob', 'EventRinging', '$call1', '$request']]), undefined);
    assert.equal(gap('Bob receives, in order:', [['event', 'OtherDN'], ['Ringing', 'Alice']]), undefined);
  });

  it('names the event, the DN, the attribute or the order the level cannot show', () => {
    assert.match(gap('each DN receives, in order:', [['dn', 'event'], ['Bob', 'EventQueued']]) ?? '', /expects EventQueued, which the Test level does not show/);
    assert.match(gap('each DN receives, in order:', [['dn', 'event'], ['Sales', 'EventRinging']]) ?? '', /events on Sales \(ACDQueue\), which the Test level has no view of/);
    assert.match(gap('Bob receives, in order:', [['event', 'ThirdPartyDN'], ['EventRinging', 'absent']]) ?? '', /asserts ThirdPartyDN \(EventRinging: absent\)/);
    assert.match(gap('the switch reports, in order:', [['dn', 'event'], ['Alice', 'EventRinging'], ['Bob', 'EventRinging']]) ?? '', /orders events across DNs/);
    assert.equal(gap('the switch reports, in order:', [['dn', 'event'], ['Bob', 'EventRinging'], ['Bob', 'EventEstablished']]), undefined, 'one DN: its own order is seen');
  });

  it('leaves out the unchecked cells and says which', () => {
    const rows = parseExpectationTable([['event', 'ConnID', 'ReferenceID'], ['EventRinging', '$call1', '$request']], { dnColumn: 'forbidden' });
    const { rows: kept, unchecked } = withoutUnchecked(rows, level);
    assert.deepEqual(kept[0]?.cells.map((c) => c.attribute), ['ConnID']);
    assert.deepEqual(unchecked, ['ReferenceID']);
  });

  it('events the model leaves optional do not make the scenario unjudgeable: that table alone is not judged', () => {
    const optional = { text: 'Sales may also receive, in order:', rows: [['event', 'ThirdPartyDN'], ['EventDiverted', 'Trunk']] };
    const required = { text: 'Bob receives, in order:', rows: [['event', 'OtherDN'], ['EventRinging', 'Alice']] };
    assert.equal(observationGap([required, optional], level, partyOf), undefined);
    assert.match(optionalTableGap(optional, level, partyOf) ?? '', /EventDiverted, which the Test level does not show/);
    assert.equal(optionalTableGap({ text: 'Bob may also receive, in order:', rows: [['event'], ['EventEstablished']] }, level, partyOf), undefined);
  });

  it('alternatives are required: at a coarser level they leave the scenario not exercised, even where every row is an event the level shows', () => {
    const alternatives = { text: 'at least one of these is reported:', rows: [['dn', 'event', 'OtherDN'], ['Bob', 'EventRinging', 'Alice']] };
    assert.match(observationGap([alternatives], level, partyOf) ?? '', /alternatives \("at least one of these is reported:"\) are judged at T-Library level only/);
  });
});

