/**
 * Stimuli recognised in real-format logs (stimuli.ts): client requests, party actions on the phone
 * (EventOffHook/EventDialing, EventEstablished at the ringing party, EventReleased without a
 * request), requests the log does not show (a ReferenceID no logged request has), and the releases
 * that are only consequences; and what the replay index knows of DNs and calls (logIndex.ts).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readTrace } from './read';
import type { TraceRecord } from './record';
import { LogIndex } from './logIndex';
import { StimulusTracker } from './stimuli';

const fixture = (name: string): string => join(__dirname, 'fixtures', name);

async function stimuliOf(name: string): Promise<string[]> {
  const records: TraceRecord[] = [];
  await readTrace(fixture(name), (r) => records.push(r));
  const tracker = new StimulusTracker();
  return records.flatMap((r, i) => {
    const s = tracker.push(r, i);
    return s ? [`${s.origin} ${s.name} ${JSON.stringify(s.attributes)}`] : [];
  });
}

describe('stimuli of a log', () => {
  it('a call driven from the phones: dialling, answering and hanging up, each the request it equals', async () => {
    assert.deepEqual(await stimuliOf('replay/phone-basic-call.log'), [
      'phone RequestMakeCall {"ThisDN":"5001","OtherDN":"5002"}',
      'phone RequestAnswerCall {"ThisDN":"5002","ConnID":"006e0212a4c10041"}',
      'phone RequestReleaseCall {"ThisDN":"5001","ConnID":"006e0212a4c10041"}',
    ], 'EventOffHook/EventOnHook are no stimuli; Bob\'s release is the consequence of Alice\'s');
  });

  it('a call driven by CTI requests: the requests, and no party action besides', async () => {
    const found = await stimuliOf('replay/cti-hold-retrieve-consultation.log');
    assert.deepEqual(found.map((s) => s.split(' ').slice(0, 2).join(' ')), [
      'request RequestMakeCall', 'request RequestAnswerCall', 'request RequestHoldCall', 'request RequestMakeCall',
      'request RequestAnswerCall', 'request RequestReleaseCall', 'request RequestRetrieveCall', 'request RequestReleaseCall',
    ]);
  });

  it('an event answering a request the log does not show is that request (the ReferenceID the harness binds to $request)', async () => {
    const found = await stimuliOf('native-sipserver.log');
    assert.deepEqual(found, [
      'request RequestMakeCall {"ThisDN":"2001","OtherDN":"2002","MakeCallType":0,"ReferenceID":5}',
      'unlogged RequestAnswerCall {"ThisDN":"2002","ConnID":"00a1020304050001"}',
    ]);
  });

  it('a release with one monitored party (the far end outside) is nobody\'s act; an inbound call is the caller calling in', () => {
    const tracker = new StimulusTracker();
    const event = (name: string, attributes: Record<string, string | number>, line: number): TraceRecord => ({ kind: 'event', name, dn: '5002', attributes: { ThisDN: '5002', ConnID: '00aa000000000001', ...attributes }, source: `x.log:${line}`, line, format: 'native' });
    const found = [
      event('EventRinging', { OtherDN: '+15550100', CallType: 2 }, 1),
      event('EventEstablished', { OtherDN: '+15550100', CallType: 2 }, 2),
      event('EventReleased', { OtherDN: '+15550100', CallType: 2 }, 3),
    ].map((r, i) => tracker.push(r, i)?.name);
    assert.deepEqual(found, ['Party.CallsIn', 'RequestAnswerCall', undefined]);
    assert.equal(tracker.openCalls, 0, 'nothing kept of a finished call');
  });
});

describe('the replay index', () => {
  it('knows DN kinds from the events and links calls by CallUUID', async () => {
    const records: TraceRecord[] = [];
    await readTrace(fixture('replay/deviant-connid-change.log'), (r) => records.push(r));
    const index = new LogIndex(records, true);
    assert.equal(index.kindOf('5001'), 'device');
    assert.equal(index.kindOf('+15550100'), 'external');
    assert.equal(index.group('006e0212a4c10031'), index.group('006e0212a4c10032'), 'the changed ConnID is the same call (same CallUUID)');
    assert.deepEqual(index.callsBefore('5002', 0), []);
    assert.deepEqual(index.callsBefore('5002', records.length), ['006e0212a4c10032'], 'Bob is left on the ConnID nobody released');
  });
});
