/**
 * Stimuli recognised in real-format logs (stimuli.ts): client requests, party actions on the phone
 * (EventOffHook/EventDialing, EventEstablished at the ringing party, EventReleased without a
 * request), requests the log does not show (a ReferenceID no logged request has), and the releases
 * that are only consequences; and what the replay index knows of DNs and calls (logIndex.ts).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTrace } from './read';
import type { TraceRecord } from './record';
import { LogIndex } from './logIndex';
import { ScenarioMatch } from './replayMatch';
import { StimulusTracker } from './stimuli';

const fixture = (name: string): string => join(__dirname, 'fixtures', name);

/** The stimuli of the fixture `name`, each as `origin name attributes`. */
async function stimuliOf(name: string): Promise<string[]> {
  return stimuliOfFile(fixture(name));
}

async function stimuliOfFile(file: string): Promise<string[]> {
  const records: TraceRecord[] = [];
  await readTrace(file, (r) => records.push(r));
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

  it('a shared line\'s call: the other appearance stops ringing as a consequence of the answer, and a barge-in is the phone act it is', async () => {
    assert.deepEqual(await stimuliOf('replay/sca-shared-line.log'), [
      'request RequestMakeCall {"ThisDN":"60972","OtherDN":"60970","ReferenceID":1}',
      'request RequestAnswerCall {"ThisDN":"60970","ConnID":"000000a6f6e10001","ReferenceID":2}',
      'phone Phone.BargesInOnSharedLine {"ThisDN":"60970_2"}',
    ], 'EventReleased at 60970_2 after 60970 answered is no hang-up');
  });

  it('a call handed on by its last monitored party (a single-step transfer of an outside caller\'s call): its ringing at the target is the same call, not a new one', async () => {
    assert.deepEqual(await stimuliOf('replay/single-step-transfer-outside.log'), [
      'phone Party.CallsIn {"ThisDN":"7002","OtherDN":"5550100"}',
      'request RequestAnswerCall {"ThisDN":"7002","ConnID":"000000a6f6e10001","ReferenceID":2}',
      'request RequestSingleStepTransfer {"ThisDN":"7002","ConnID":"000000a6f6e10001","OtherDN":"7003","ReferenceID":3}',
    ]);
  });

  it('a supervisor\'s monitoring leg connects as a consequence of the answer it observes, not as the supervisor answering', async () => {
    const found = await stimuliOf('replay/service-observing-queue.log');
    assert.deepEqual(found.map((s) => s.split(' {')[0]), ['request RequestMonitorNextCall', 'request RequestAgentLogin', 'request RequestAgentReady', 'phone Party.CallsIn', 'request RequestAnswerCall']);
  });

  it('releases at the others within a moment of a hang-up on a call of three are its consequences (a bridged appearance), not more hang-ups', async () => {
    const found = await stimuliOf('replay/bridged-appearance.log');
    assert.deepEqual(found.map((s) => s.split(' {')[0]), ['request RequestMakeCall', 'request RequestAnswerCall', 'request RequestReleaseCall']);
  });

  it('what a DN shows a moment after its own act is no new act of its: a retrieve 3 ms after its hold is the switch\'s, 2 s after it a press of the button', async () => {
    const text = readFileSync(fixture('replay/cti-hold-retrieve-consultation.log'), 'utf8');
    const retrieved = (time: string): string => `@${time} [0] 8.1.103.07 distribute_event: message EventRetrieved\n\tAttributeThisDN\t'5002'\n\tAttributeThisDNRole\t2\n` +
      '\tAttributeOtherDN\t\'5001\'\n\tAttributeConnID\t006e0212a4c10051\n\tAttributeCallID\t101\n\tAttributeCallType\t1\n\tAttributeCallState\t0\n';
    const dir = mkdtempSync(join(tmpdir(), 'cmc-soon-'));
    try {
      const after = async (time: string): Promise<string[]> => {
        const file = join(dir, `hold_20260304_101500_000.log`);
        // Right after the EventHeld that answers Bob's RequestHoldCall (10:15:12.159), before his consultation.
        writeFileSync(file, text.replace(/(2026-03-04T10:15:13\.659 Trc 04541 RequestMakeCall)/, `${retrieved(time)}$1`));
        return stimuliOfFile(file);
      };
      const pressed = (found: readonly string[]): boolean => found.some((s) => s.startsWith('phone RequestRetrieveCall {"ThisDN":"5002"'));
      assert.ok(!pressed(await after('10:15:12.1620')), 'a retrieve 3 ms after the hold follows from it: an event the hold scenario judges');
      assert.ok(pressed(await after('10:15:13.6580')), 'a retrieve 1.5 s after the hold is Bob pressing retrieve');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
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

describe('a harness recording\'s stimuli', () => {
  it('an outside caller\'s logged call takes the first new call to reach the DN it called (nothing of that call echoes its ReferenceID)', () => {
    const rec = (name: string, dn: string, attributes: Record<string, string | number>, i: number): TraceRecord =>
      ({ kind: name.startsWith('Event') ? 'event' : 'request', name, dn, attributes, source: `rec.ndjson:${i}`, line: i, format: 'ndjson' });
    const records = [
      rec('EventRinging', '7002', { ConnID: '00a1', ThisDN: '7002', CallType: 'Internal' }, 1), // another call, before the act
      rec('Party.CallsIn', '8001', { ThisDN: '8001', OtherDN: '5550100', ReferenceID: 1 }, 2),
      rec('EventDialing', '8001', { ConnID: '00b2', ThisDN: '8001' }, 3), // 8001 dialling out is not the caller's call
      rec('EventQueued', '8001', { ConnID: '00c3', ThisDN: '8001', CallType: 'Inbound' }, 4),
      rec('EventRinging', '8001', { ConnID: '00d4', ThisDN: '8001', CallType: 'Inbound' }, 5),
    ];
    const index = new LogIndex(records, false);
    assert.deepEqual(index.stimuli.map((st) => [st.name, st.call]), [['Party.CallsIn', '00c3']]);
  });

  it('a request the adapter refused to send (its NotSent line) is no stimulus; a dialling that does not echo the request takes its call', () => {
    const rec = (name: string, dn: string | undefined, attributes: Record<string, string | number>, i: number): TraceRecord =>
      ({ kind: name.startsWith('Event') ? 'event' : name.startsWith('Request') ? 'request' : 'other', name, ...(dn ? { dn } : {}), attributes, source: `rec.ndjson:${i}`, line: i, format: 'ndjson' });
    const records = [
      rec('RequestAgentLogin', '7001', { ThisDN: '7001', AgentID: '2002', ReferenceID: 1 }, 1),
      rec('NotSent', undefined, { request: 'RequestAgentLogin', ReferenceID: 1, reason: 'the API logs in no other agent' }, 2),
      rec('RequestMakeCall', '7001', { ThisDN: '7001', OtherDN: '7002', ReferenceID: 2 }, 3),
      rec('EventDialing', '7001', { ConnID: '00e5', ThisDN: '7001' }, 4), // the API's events carry no ReferenceID
    ];
    const index = new LogIndex(records, false);
    assert.deepEqual(index.stimuli.map((st) => [st.name, st.refused, st.call]), [['RequestAgentLogin', 'the API logs in no other agent', undefined], ['RequestMakeCall', undefined, '00e5']]);
  });
});

describe('what a log shows of the switch', () => {
  const ev = (name: string, conn: string, attributes: Record<string, string | number>, i: number): TraceRecord =>
    ({ kind: 'event', name, dn: String(attributes.ThisDN ?? '7001'), attributes: { ConnID: conn, ThisDN: '7001', ...attributes }, source: `log:${i}`, line: i, format: 'ndjson' });
  const outbound = (conn: string, to: string, then: readonly string[], at: number): TraceRecord[] => [
    ev('EventDialing', conn, { OtherDN: to, CallType: 'Outbound' }, at),
    ...then.map((name, i) => ev(name, conn, { OtherDN: to, CallType: 'Outbound' }, at + i + 1)),
  ];
  const reached = (...calls: TraceRecord[][]): string | undefined => new LogIndex(calls.flat(), true).networkReached;

  it('whether the switch reports reaching the network is what its outbound calls that got somewhere show, all of them', () => {
    assert.equal(reached(outbound('a1', '5550100', ['EventNetworkReached', 'EventEstablished'], 1)), 'reported');
    assert.equal(reached(outbound('a1', '5550100', ['EventEstablished'], 1), outbound('a2', '5550101', ['EventDestinationBusy'], 5)), 'not-reported');
    // One trunk reports it and another does not: neither variant of the models is this switch's.
    assert.equal(reached(outbound('a1', '5550100', ['EventNetworkReached', 'EventEstablished'], 1), outbound('a2', '5550101', ['EventEstablished'], 5)), undefined);
    // A caller who hangs up while dialling says nothing of it; nor does a call to the parking place (CallType Outbound as it is).
    assert.equal(reached(outbound('a1', '5550100', ['EventNetworkReached', 'EventEstablished'], 1), outbound('a2', '5550101', ['EventReleased'], 5)), 'reported');
    assert.equal(reached(outbound('a1', '5550100', ['EventNetworkReached', 'EventEstablished'], 1), outbound('a3', 'gcti::park', ['EventEstablished'], 9)), 'reported');
    assert.equal(reached(outbound('a2', '5550101', ['EventReleased'], 5)), undefined);
  });

  it('a number the switch dialled as an internal call is an extension, though its phone never showed an event; one dialled out is an outside number', () => {
    // The caller hung up before the call reached the phone, or the switch never told it (the
    // faulty switch that drops EventRinging): either way an extension, not Otto outside.
    const index = new LogIndex([...outbound('a1', '5550100', ['EventEstablished'], 1), ev('EventDialing', 'a2', { OtherDN: '7002', CallType: 'Internal' }, 5), ev('EventReleased', 'a2', {}, 6)], true);
    assert.equal(index.kindOf('7002'), 'device');
    assert.equal(index.kindOf('5550100'), 'external');
    assert.equal(index.kindOf('7009'), 'external');
  });

  it('a call to the parking place is nobody\'s call to an outside number', () => {
    const records: TraceRecord[] = [
      { kind: 'request', name: 'RequestMakeCall', dn: '7001', attributes: { ThisDN: '7001', OtherDN: 'gcti::park', ReferenceID: 1 }, source: 'log:1', line: 1, format: 'ndjson' },
      ...outbound('a1', 'gcti::park', ['EventEstablished'], 2).map((r) => ({ ...r, attributes: { ...r.attributes, ReferenceID: 1 } })),
    ];
    const setup = {
      parties: [{ name: 'Alice', dn: '7001', type: 'Extension' as const, configured: true }, { name: 'Otto', dn: '5550199', type: 'External' as const, configured: false }],
      named: ['Alice', 'Otto'], dnMap: {}, identity: false, handset: false,
    };
    const step = new ScenarioMatch(new LogIndex(records, true), setup, 0, []).step({ name: 'RequestMakeCall', attributes: { ThisDN: '7001', OtherDN: '5550199' } }, 'stimulus', () => undefined);
    assert.equal(step.ok, false);
    assert.match(step.ok ? '' : step.reason, /gcti::park is a service of the switch, not Otto/);
  });
});

describe('replay matching with a recording\'s envelopes', () => {
  it('a request recorded for another site (or participant) is not the one the step sends', () => {
    const records: TraceRecord[] = [
      { kind: 'request', name: 'RequestMakeCall', dn: '7001', envelope: { site: 'London' }, attributes: { ThisDN: '7001', OtherDN: '7002', ReferenceID: 1 }, source: 'rec.ndjson:1', line: 1, format: 'ndjson' },
      { kind: 'event', name: 'EventDialing', dn: '7001', envelope: { site: 'London' }, attributes: { ConnID: '00a1', ThisDN: '7001', OtherDN: '7002', ReferenceID: 1 }, source: 'rec.ndjson:2', line: 2, format: 'ndjson' },
    ];
    const index = new LogIndex(records, false);
    const setup = {
      parties: [{ name: 'Alice', dn: '7001', type: 'Extension' as const, configured: true }, { name: 'Bob', dn: '7002', type: 'Extension' as const, configured: true }],
      named: ['Alice', 'Bob'], dnMap: {}, identity: true, handset: false,
    };
    const step = (site: string): ReturnType<ScenarioMatch['step']> => new ScenarioMatch(index, setup, 0, []).step({ name: 'RequestMakeCall', site, attributes: { ThisDN: '7001', OtherDN: '7002' } }, 'stimulus', () => undefined);
    assert.deepEqual(step('London'), { ok: true, referenceId: 1 });
    const paris = step('Paris');
    assert.equal(paris.ok, false);
    assert.match('reason' in paris ? paris.reason : '', /it is London's, not Paris's/);
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

  it('finds the next stimulus of a DN or of a call group by search, as a scan of the stimuli finds it (every replay fixture, and calls that overlap)', async () => {
    // Three basic calls at a time, their acts interleaved (a busy switch): each call's next act is
    // several stimuli on, as in the logs where scanning the stimuli between them took minutes.
    let n = 0;
    const event = (name: string, dn: string, other: string, conn: string): string => `@10:00:${String(10 + (n++ % 50)).padStart(2, '0')}.0000 [0] 8.1 distribute_event: message ${name}\n`
      + `\tAttributeThisDN\t'${dn}'\n\tAttributeOtherDN\t'${other}'\n\tAttributeConnID\t${conn}\n\tAttributeCallID\t${n}\n`;
    const calls = [0, 1, 2, 3, 4, 5].map((i) => ({ a: String(5100 + (i % 3)), b: String(5200 + (i % 3)), conn: `006e0212a4c1${String(100 + i)}0` }));
    let text = 'Application name: SIPS_TEST\n';
    for (const round of [calls.slice(0, 3), calls.slice(3)]) {
      for (const c of round) text += event('EventDialing', c.a, c.b, c.conn);
      for (const c of round) text += event('EventRinging', c.b, c.a, c.conn);
      for (const c of round) text += event('EventEstablished', c.b, c.a, c.conn);
      for (const c of round) text += event('EventReleased', c.a, c.b, c.conn) + event('EventReleased', c.b, c.a, c.conn);
    }
    const dir = mkdtempSync(join(tmpdir(), 'cmc-index-'));
    try {
      writeFileSync(join(dir, 'overlapping.log'), text);
      const logs = [...readdirSync(join(__dirname, 'fixtures', 'replay')).map((f) => fixture(join('replay', f))), fixture('native-sipserver.log'), join(dir, 'overlapping.log')];
      for (const log of logs) {
        const records: TraceRecord[] = [];
        await readTrace(log, (r) => records.push(r));
        const index = new LogIndex(records, true);
        const { stimuli } = index;
        assert.ok(stimuli.length > 0, log);
        const groups = new Set(stimuli.flatMap((s) => (s.call ? [index.group(s.call)] : [])));
        const dns = new Set(stimuli.flatMap((s) => s.dns));
        for (const g of groups) assert.equal(index.group(g), g, `${log}: a group is its own group`);
        for (let after = -1; after <= stimuli.length; after++) {
          for (const g of groups) {
            const scan = stimuli.findIndex((s, j) => j > after && s.call !== undefined && index.group(s.call) === g);
            assert.equal(index.nextOnGroup(g, after), scan < 0 ? undefined : scan, `${log}: group ${g} after ${after}`);
          }
          for (const dn of dns) {
            const scan = stimuli.findIndex((s, j) => j > after && s.dns.includes(dn));
            assert.equal(index.nextNaming(dn, after), scan < 0 ? undefined : scan, `${log}: DN ${dn} after ${after}`);
          }
        }
        if (log.endsWith('overlapping.log')) assert.ok(stimuli.length >= 12 && groups.size === 6, `six calls, their acts interleaved: ${stimuli.length} stimuli, ${groups.size} groups`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the state a log shows a DN in before a scenario starts', () => {
  const ev = (name: string, dn: string, attributes: Record<string, string | number> = {}): TraceRecord => ({ kind: name.startsWith('Event') ? 'event' : 'request', name, dn, attributes: { ThisDN: dn, ...attributes }, source: `log:${name}`, line: 0, format: 'native' });

  it('an agent: logged out after EventAgentLogout, or when the next agent event is a login; logged in after any other agent event; unknown without one', () => {
    const index = new LogIndex([ev('EventAgentLogin', '7001'), ev('EventAgentReady', '7001'), ev('EventAgentLogout', '7001'), ev('EventAgentLogin', '7002')], true);
    assert.deepEqual([0, 1, 2, 3].map((at) => index.agentBefore('7001', at).state), ['out', 'in', 'in', 'out'], 'before its login, after login and ready, after its logout');
    assert.equal(index.agentBefore('7001', 2).event?.name, 'EventAgentReady', 'and which event says so');
    assert.equal(index.agentBefore('7002', 0).state, 'out', 'its first agent event is its login');
    assert.equal(index.agentBefore('7003', 0).state, 'unknown');
  });

  it('do-not-disturb, forwarding and monitoring: on from the event that sets them to the one that ends them; a one-call monitoring ends with the DN\'s next call', () => {
    const c = { ConnID: '00a1', CallType: 2 };
    const index = new LogIndex([
      ev('EventDNDOn', '7001'), ev('EventDNDOff', '7001'), ev('EventForwardSet', '7001', { OtherDN: '7002' }),
      ev('EventMonitoringNextCall', '7002', { MonitorNextCallType: 'MonitorOneCall' }), ev('EventRinging', '7002', c), ev('EventEstablished', '7002', c), ev('EventReleased', '7002', c),
      ev('EventMonitoringNextCall', '7003', { MonitorNextCallType: 'MonitorAllCalls' }), ev('EventRinging', '7003', c), ev('EventReleased', '7003', c),
    ], true);
    const on = (dn: string, at: number): string[] => index.featuresBefore(dn, at).map((f) => f.feature);
    assert.deepEqual([on('7001', 0), on('7001', 1), on('7001', 2), on('7001', 3)], [[], ['do-not-disturb'], [], ['call forwarding']]);
    assert.deepEqual([on('7002', 4), on('7002', 6), on('7002', 7)], [['call monitoring'], ['call monitoring'], []], 'until the monitored call is released');
    assert.deepEqual(on('7003', 10), ['call monitoring'], 'all calls: until cancelled');
  });

  it('an EventHeld without ReferenceID just after the DN\'s own consultation request is that request\'s consequence, not a hold from the phone; after an answer it is the phone', () => {
    const c = { ConnID: '00a1', CallType: 1 };
    const stimuli = (records: TraceRecord[]): string[] => {
      const tracker = new StimulusTracker(true);
      return records.flatMap((r, i) => tracker.push(r, i)?.name ?? []);
    };
    const call = [ev('EventDialing', '7001', { ...c, OtherDN: '7002' }), ev('EventRinging', '7002', c), ev('EventEstablished', '7002', c), ev('EventEstablished', '7001', c)];
    assert.deepEqual(stimuli([...call, ev('RequestInitiateConference', '7002', { ...c, OtherDN: '7003', ReferenceID: 9 }), ev('EventHeld', '7002', c)]).slice(-1), ['RequestInitiateConference']);
    assert.deepEqual(stimuli([...call, ev('EventHeld', '7002', c)]).slice(-1), ['RequestHoldCall']);
  });
});
