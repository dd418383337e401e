/**
 * Golden test of the diff a person reads when a scenario is not conformant: the whole text, not a
 * pattern, so any change to the wording, order, alignment or content of the diff shows here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ObservedEvent } from '../model/event';
import { diagnose } from '../matching/diagnose';
import { parseExpectationTable } from '../matching/expectation';
import { matchSequence, type SequenceInput } from '../matching/sequence';
import { renderDiff } from './diff';

const PARTIES: Record<string, string> = { Alice: '7001', Bob: '7002', Carol: '7003' };
const NAMES: Record<string, string> = { '7001': 'Alice', '7002': 'Bob', '7003': 'Carol' };

function ev(seq: number, dn: string, name: string, attributes: Record<string, string>): ObservedEvent {
  return { seq, dn, name, attributes: { ThisDN: dn, ...attributes }, receivedAt: 0, origin: `lab.log:${String(100 + seq)}` };
}

/** Alice calls Bob; Bob's phone rings with the wrong role, Alice's events come swapped, Bob gets an extra event. */
const TABLE = [
  ['dn', 'step', 'event', 'ConnID', 'ThisDNRole', 'OtherDN'],
  ['Alice', '1', 'EventDialing', '$conn1', 'Origination', 'Bob *DIAL'],
  ['Bob', '2', 'EventRinging', '$conn1', 'Destination', 'Alice'],
  ['Alice', '3', 'EventNetworkReached', '$conn1', '', 'Bob'],
  ['Bob', '4', 'EventEstablished', '$conn1', 'Destination', 'Alice'],
];
const LINES = [30, 31, 32, 33, 34];
const OBSERVED = [
  ev(1, '7001', 'EventNetworkReached', { ConnID: '006b02a6f6e10001', OtherDN: '7002' }),
  ev(2, '7001', 'EventDialing', { ConnID: '006b02a6f6e10001', ThisDNRole: 'Origination', OtherDN: '7002' }),
  ev(3, '7002', 'EventRinging', { ConnID: '006b02a6f6e10001', ThisDNRole: 'Origination', OtherDN: '7001' }),
  ev(4, '7002', 'EventHeld', { ConnID: '006b02a6f6e10001' }),
];

const GOLDEN = `Not conformant: the observed events differ from the model
  at features/basic-call-models/internal-call.feature:29 (Then each DN receives, in documented order:)
  Expected 4 event(s) on 2 DN(s), in documented order across DNs; received 4 on those DNs.
  First divergence: DN 7001, event 1: #1 EventNetworkReached arrived before an event documented earlier
  Order: EventDialing on 7001 (step 1) arrived after EventNetworkReached on 7001 (step 3)

DN 7001 (Alice): expected 2, received 2
    EventDialing           ConnID=$conn1 (= 006b02a6f6e10001) ThisDNRole=Origination OtherDN=Bob *DIAL (line 31)   ✓ #2
    EventNetworkReached    ConnID=$conn1 (= 006b02a6f6e10001) OtherDN=Bob (line 33)   ✓ #1 (arrived out of order)

DN 7002 (Bob): expected 2, received 2
  - EventRinging           ConnID=$conn1 (= 006b02a6f6e10001) ThisDNRole=Destination OtherDN=Alice (line 32)   missing
      nearest: #3 EventRinging ConnID=006b02a6f6e10001 ThisDN=7002 ThisDNRole=Origination OtherDN=7001 [lab.log:103]
        ThisDNRole: expected Destination, got Origination
  - EventEstablished       ConnID=$conn1 (= 006b02a6f6e10001) ThisDNRole=Destination OtherDN=Alice (line 34)   missing
      nearest: #4 EventHeld ConnID=006b02a6f6e10001 ThisDN=7002 [lab.log:104]
        event: expected EventEstablished, got EventHeld
        ThisDNRole: expected Destination, got absent
        OtherDN: expected Alice, got absent

Bindings: $conn1 = 006b02a6f6e10001`;

test('the diff of a failed table, whole: divergence, order, per-row verdicts, nearest events, bindings', () => {
  const input: SequenceInput = {
    rows: parseExpectationTable(TABLE, { dnColumn: 'required', lines: LINES }),
    observed: OBSERVED,
    mode: 'total',
    bindings: new Map(),
    resolveDn: (ref) => PARTIES[ref] ?? ref,
  };
  assert.equal(matchSequence(input).kind, 'diverged');
  const text = renderDiff(diagnose(input), {
    title: 'Not conformant: the observed events differ from the model',
    location: 'features/basic-call-models/internal-call.feature:29 (Then each DN receives, in documented order:)',
    mode: 'total',
    partyOf: (dn) => NAMES[dn],
  });
  assert.equal(text, GOLDEN);
});
