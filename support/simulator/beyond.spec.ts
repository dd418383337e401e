/**
 * Beyond one T-Server: Interaction Server participants, two sites with their own T-Servers, call
 * monitoring and transaction monitoring — as request → events tables over the pure transition.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Topology } from '../adapter/contract';
import type { AttrValue, TRequest } from '../model/event';
import { parseExpectationTable, TableError } from '../matching/expectation';
import { lookupEvent } from '../model/catalogue';
import { connIdSource } from './clock';
import { initialState, type SimEvent, type SimState } from './state';
import { transition } from './transition';

const env = { now: Date.UTC(2026, 0, 1), connId: connIdSource() };
const req = (name: string, attributes: Record<string, AttrValue>, envelope: Partial<TRequest> = {}): TRequest => ({ name, attributes: { ReferenceID: 3, ...attributes }, ...envelope });

function run(topology: Topology, requests: TRequest[]): { state: SimState; events: SimEvent[] } {
  let state = initialState(topology);
  let events: SimEvent[] = [];
  for (const r of requests) [state, events] = transition(state, r, env);
  return { state, events };
}
const text = (v: AttrValue | undefined): string => (typeof v === 'object' ? JSON.stringify(v) : String(v ?? ''));
const brief = (events: SimEvent[]): string[] => events.map((e) => `${e.dn} ${e.name} ${e.protocol ?? 'T-Library'}${e.site ? ` @${e.site}` : ''}`);

const IS_CAST: Topology = {
  parties: [
    { name: 'Anna', dn: 'Anna', type: 'External', configured: false, participant: { kind: 'agent-application', server: 'Interaction Server' } },
    { name: 'Stat', dn: 'Stat', type: 'External', configured: false, participant: { kind: 'reporting-engine', server: 'Interaction Server' } },
  ],
};
const im = { protocol: 'Interaction Management' as const, sender: 'Anna' };

test('Interaction Server: login after registration is acknowledged to the agent and reported to the reporting engine', () => {
  const { events } = run(IS_CAST, [req('RequestRegisterClient', {}, im), req('RequestAgentLogin', {}, im)]);
  assert.deepEqual(brief(events), ['Anna EventAck Interaction Management', 'Stat EventAgentLogin Reporting', 'Anna EventCurrentAgentStatus Reporting']);
  assert.equal(events[0]?.sender, 'Interaction Server');
});

test('Interaction Server: a request before registration is refused with an Interaction Management EventError', () => {
  const { events } = run(IS_CAST, [req('RequestAgentLogin', {}, im)]);
  assert.deepEqual(brief(events), ['Anna EventError Interaction Management']);
});

test('a T-Library agent login is not taken over by Interaction Server', () => {
  const { events } = run({ parties: [{ name: 'Bob', dn: '7002', type: 'Extension', configured: true }] }, [req('RequestAgentLogin', { ThisDN: '7002', AgentID: '1002' })]);
  assert.equal(events[0]?.name, 'EventAgentLogin');
  assert.equal(events[0]?.protocol, undefined);
});

const SITES: Topology = {
  sites: [{ name: 'Paris', server: 'T-Server Paris' }, { name: 'London', server: 'T-Server London' }],
  parties: [
    { name: 'Alice', dn: '7001', type: 'Extension', configured: true, site: 'Paris' },
    { name: 'Bob', dn: '8001', type: 'Extension', configured: true, site: 'London' },
  ],
};

test('ISCC: a call to another site rings there with the same ConnID, reported by that site’s T-Server', () => {
  const { events } = run(SITES, [req('RequestMakeCall', { ThisDN: '7001', OtherDN: '8001', Location: 'London' })]);
  assert.deepEqual(brief(events), ['7001 EventDialing T-Library @Paris', '8001 EventRinging T-Library @London', '7001 EventRemoteConnectionSuccess T-Library @Paris']);
  assert.equal(events[1]?.attributes.ConnID, events[0]?.attributes.ConnID);
  assert.equal(events[1]?.attributes.LastTransferConnID, events[0]?.attributes.ConnID);
  assert.equal(events[1]?.sender, 'T-Server London');
});

test('ISCC: reroute passes no LastTransferConnID; answering and hanging up are relayed to the other site', () => {
  const dial = req('RequestMakeCall', { ThisDN: '7001', OtherDN: '8001', Location: 'London', XRouteType: 'Reroute' });
  const first = run(SITES, [dial]);
  assert.equal(first.events[1]?.attributes.LastTransferConnID, undefined);
  const connId = text(first.events[0]?.attributes.ConnID);
  const answered = run(SITES, [dial, req('RequestAnswerCall', { ThisDN: '8001', ConnID: connId })]);
  assert.deepEqual(brief(answered.events), ['8001 EventEstablished T-Library @London', '7001 EventEstablished T-Library @Paris']);
  const released = run(SITES, [dial, req('RequestAnswerCall', { ThisDN: '8001', ConnID: connId }), req('RequestReleaseCall', { ThisDN: '7001', ConnID: connId })]);
  assert.deepEqual(brief(released.events), ['7001 EventReleased T-Library @Paris', '8001 EventReleased T-Library @London']);
});

test('call monitoring: a call is created with its parties, and deleted after them', () => {
  const cast: Topology = {
    parties: [
      { name: 'Alice', dn: '7001', type: 'Extension', configured: true },
      { name: 'Bob', dn: '7002', type: 'Extension', configured: true },
      { name: 'Cleo', dn: 'Cleo', type: 'External', configured: false, participant: { kind: 'call-monitor', server: 'T-Server' } },
    ],
  };
  const dial = run(cast, [req('RequestMakeCall', { ThisDN: '7001', OtherDN: '7002' })]);
  assert.deepEqual(dial.events.filter((e) => e.dn === 'Cleo').map((e) => `${e.name} ${text(e.attributes.PartyState)}`.trim()),
    ['EventCallCreated', 'EventCallPartyAdded 1', 'EventCallPartyState 65548', 'EventCallPartyAdded 10']);
  const connId = text(dial.events[0]?.attributes.ConnID);
  const gone = run(cast, [req('RequestMakeCall', { ThisDN: '7001', OtherDN: '7002' }), req('RequestReleaseCall', { ThisDN: '7001', ConnID: connId })]);
  assert.deepEqual(gone.events.filter((e) => e.dn === 'Cleo').map((e) => e.name), ['EventCallPartyDeleted', 'EventCallPartyDeleted', 'EventCallDeleted']);
});

test('transaction monitoring: start is acknowledged with an id; stopping an unknown id is refused', () => {
  const cast: Topology = { ...SITES, parties: [...SITES.parties, { name: 'Mia', dn: 'Mia', type: 'External', configured: false, participant: { kind: 'transaction-monitor', server: 'T-Server Paris' } }] };
  const start = run(cast, [req('RequestTransactionMonitoring', { SubscriptionOperation: 'SubscriptionStart' }, { sender: 'Mia' })]);
  assert.deepEqual(start.events.map((e) => `${e.dn} ${e.name} ${text(e.attributes.SubscriptionID)}`), ['Mia EventACK sub-1']);
  const stop = run(cast, [req('RequestTransactionMonitoring', { SubscriptionOperation: 'SubscriptionStop', SubscriptionID: 'nope' }, { sender: 'Mia' })]);
  assert.equal(stop.events[0]?.name, 'EventError');
});

test('expectation tables: the protocol column must name a protocol of the event; EventAck is not EventACK', () => {
  assert.equal(lookupEvent('EventAck'), 'EventAck');
  assert.equal(lookupEvent('EventACK'), 'EventACK');
  assert.throws(() => parseExpectationTable([['dn', 'event', 'protocol'], ['Anna', 'EventInvite', 'T-Library']], { dnColumn: 'required' }), TableError);
  const rows = parseExpectationTable([['dn', 'event', 'protocol'], ['Anna', 'EventPartyAdded', 'Reporting']], { dnColumn: 'required' });
  assert.equal(rows[0]?.cells[0]?.attribute, 'protocol');
});
