/**
 * The workspace adapter end to end: Genesys's own client (genesys-workspace-client-js, in the shared
 * worker thread) against the Workspace API facade over the reference simulator, on a loopback port
 * this spec starts and stops. A call, the server misbehaving (a notification of unknown shape, a
 * 401), and CometD reconnects: the long poll cut (nothing lost) and a re-handshake (reported, and
 * the session goes on). Every test is bounded in time.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { EventSink, RawEvent, Topology } from '../contract';
import { startWorkspaceFacade, type RunningFacade } from './facade/server';
import { createWorkspaceAdapter, WORKSPACE_TIER, type WorkspaceAdapter } from './WorkspaceAdapter';
import { eventFaultInjector } from '../../simulator/eventFaults';

const T = { timeout: 60_000 };
const API_KEY = 'spec-api-key-0001';
const topology: Topology = {
  parties: [
    { name: 'Alice', dn: '7001', type: 'Extension', configured: true, agentId: '1001' },
    { name: 'Bob', dn: '7002', type: 'Extension', configured: true },
  ],
};

class Recorder implements EventSink {
  readonly events: RawEvent[] = [];
  readonly failures: Error[] = [];
  event(e: RawEvent): void {
    this.events.push(e);
  }
  fail(error: Error): void {
    this.failures.push(error);
  }
  names(dn: string): string[] {
    return this.events.filter((e) => e.dn === dn).map((e) => e.name);
  }
  async until(check: () => boolean, ms = 10_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`not within ${ms} ms; events: ${this.events.map((e) => `${e.dn ?? ''} ${e.name}`).join(', ')}; failures: ${this.failures.map((f) => f.message).join('; ')}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

async function adapterFor(facade: RunningFacade, apiKey = API_KEY): Promise<WorkspaceAdapter> {
  return createWorkspaceAdapter({ baseUrl: facade.url, apiKey, facade: true });
}

/** Alice calls Bob through the adapter; returns the call's ConnID once Bob's phone rings. */
async function aliceCallsBob(adapter: WorkspaceAdapter, sink: Recorder): Promise<string> {
  await adapter.send({ name: 'RequestMakeCall', attributes: { ThisDN: '7001', OtherDN: '7002', ReferenceID: 1 } });
  await sink.until(() => sink.names('7002').includes('EventRinging'));
  const ringing = sink.events.find((e) => e.dn === '7002' && e.name === 'EventRinging');
  return String(ringing?.attributes.ConnID);
}

describe('the workspace adapter through the real Workspace API client', () => {
  let facade: RunningFacade;
  before(async () => {
    facade = await startWorkspaceFacade({ host: '127.0.0.1', port: 0, apiKey: API_KEY });
  });
  after(async () => {
    await facade.close();
  });

  it('declares its level, and turns a call into each DN\'s events; settled() means everything arrived', T, async () => {
    const adapter = await adapterFor(facade);
    assert.equal(adapter.capabilities.observation?.tier, WORKSPACE_TIER);
    assert.ok(adapter.capabilities.features.includes('external-parties'), 'party actions go through the facade');
    assert.ok(!adapter.capabilities.features.includes('multi-site'), 'other servers are beyond the Workspace API');
    const sink = new Recorder();
    await adapter.open(topology, sink);
    // Alice's agent was logged in by activate-channels and logged out again: the features start logged out.
    assert.deepEqual(sink.names('7001'), ['EventAgentLogin', 'EventAgentNotReady', 'EventAgentLogout']);
    const before = sink.events.length;
    await adapter.send({ name: 'RequestMakeCall', attributes: { ThisDN: '7001', OtherDN: '7002', ReferenceID: 1 } });
    await adapter.settled?.();
    const fresh = sink.events.slice(before);
    assert.deepEqual(fresh.map((e) => `${e.dn ?? ''} ${e.name}`), ['7001 EventDialing', '7002 EventRinging']);
    assert.deepEqual(fresh[1]?.attributes, { ThisDN: '7002', ConnID: fresh[0]?.attributes.ConnID, CallType: 'Internal', OtherDN: '7001', OtherDNRole: 'Origination' });
    const connId = String(fresh[1]?.attributes.ConnID);
    await adapter.send({ name: 'RequestAnswerCall', attributes: { ThisDN: '7002', ConnID: connId, ReferenceID: 2 } });
    await adapter.send({ name: 'RequestAttachUserData', attributes: { ThisDN: '7002', ConnID: connId, UserData: [{ key: 'Segment', value: 'Gold' }], ReferenceID: 3 } });
    await adapter.send({ name: 'RequestHoldCall', attributes: { ThisDN: '7002', ConnID: connId, ReferenceID: 4 } });
    await adapter.send({ name: 'RequestRetrieveCall', attributes: { ThisDN: '7002', ConnID: connId, ReferenceID: 5 } });
    await adapter.send({ name: 'RequestReleaseCall', attributes: { ThisDN: '7001', ConnID: connId, ReferenceID: 6 } });
    await adapter.settled?.();
    assert.deepEqual(sink.names('7002'), ['EventRinging', 'EventEstablished', 'EventAttachedDataChanged', 'EventHeld', 'EventRetrieved', 'EventReleased']);
    assert.deepEqual(sink.events.find((e) => e.name === 'EventAttachedDataChanged')?.attributes.UserData, [{ key: 'Segment', value: 'Gold' }]);
    assert.deepEqual(sink.failures, []);
    await adapter.close();
    assert.equal(facade.testing.labs(), 0, 'the lab was deleted');
  });

  it('a request form the client cannot say is inexpressible (skipped by the harness), not sent half', T, async () => {
    const adapter = await adapterFor(facade);
    const sink = new Recorder();
    await adapter.open(topology, sink);
    try {
      await assert.rejects(adapter.send({ name: 'RequestAgentLogin', attributes: { ThisDN: '7001', AgentID: '2002', ReferenceID: 1 } }), { name: 'RequestNotExpressible', message: /logs in no other \(AgentID 2002\)/ });
      await assert.rejects(adapter.send({ name: 'RequestMakeCall', attributes: { ThisDN: '8001', OtherDN: '7002', ReferenceID: 2 } }), { name: 'RequestNotExpressible', message: /DN 8001 has no agent session/ });
      await assert.rejects(adapter.send({ name: 'RequestCallForwardSet', attributes: { ThisDN: '7001', OtherDN: '7002', ForwardMode: 'OnBusy', ReferenceID: 3 } }), { name: 'RequestNotExpressible', message: /unconditionally only/ });
    } finally {
      await adapter.close();
    }
  });

  it('a notification of unknown shape makes the scenario broken with what arrived', T, async () => {
    const adapter = await adapterFor(facade);
    const sink = new Recorder();
    await adapter.open(topology, sink);
    try {
      assert.ok(facade.testing.inject('7002', { messageType: 'CallStateChanged', notificationType: 'StateChange', call: { state: 'Ringing' } }));
      await sink.until(() => sink.failures.length > 0);
      assert.match(sink.failures[0]?.message ?? '', /DN 7002 voice message \d+: a CallStateChanged whose call has no id .*"state":"Ringing"/);
      facade.testing.inject('7002', { messageType: 'SomethingNew', detail: 1 });
      await sink.until(() => sink.failures.length > 1);
      assert.match(sink.failures[1]?.message ?? '', /messageType "SomethingNew", which the adapter cannot map/);
    } finally {
      await adapter.close();
    }
  });

  it('a 401 — a wrong API key or token — is a clear reason why the adapter cannot open', T, async () => {
    await assert.rejects(adapterFor(facade, 'wrong-key-000000'), /did not give its capabilities: HTTP 401/);
    const adapter = await createWorkspaceAdapter({ baseUrl: facade.url, apiKey: API_KEY, agents: { 7001: { token: 'not-a-token' } } });
    await assert.rejects(adapter.open({ parties: [topology.parties[0] as Topology['parties'][number]] }, new Recorder()), /the Workspace API refused the session of DN 7001 \(agent 1001\): Unauthorized.*access token is missing, unknown or expired/);
  });

  it('the long poll cut: the client reconnects and no event is lost', T, async () => {
    const adapter = await adapterFor(facade);
    const sink = new Recorder();
    await adapter.open(topology, sink);
    try {
      facade.testing.dropConnections();
      const connId = await aliceCallsBob(adapter, sink);
      await adapter.send({ name: 'RequestAnswerCall', attributes: { ThisDN: '7002', ConnID: connId, ReferenceID: 2 } });
      await adapter.settled?.();
      assert.deepEqual(sink.names('7002'), ['EventRinging', 'EventEstablished']);
      assert.deepEqual(sink.names('7001').slice(-2), ['EventDialing', 'EventEstablished']);
      assert.deepEqual(sink.failures, []);
    } finally {
      await adapter.close();
    }
  });

  it('a re-handshake is reported (events may be lost in between), and the session goes on receiving', T, async () => {
    const adapter = await adapterFor(facade);
    const sink = new Recorder();
    await adapter.open(topology, sink);
    try {
      facade.testing.forgetCometdSessions();
      await sink.until(() => sink.failures.length >= 2);
      assert.match(sink.failures[0]?.message ?? '', /CometD connection of DN 700[12] was re-established with a new handshake: notifications sent in between may be lost/);
      // settled() now rejects with the failure (the scenario is broken); the notifications still come.
      await aliceCallsBob(adapter, sink);
      await assert.rejects(adapter.settled?.() ?? Promise.reject(new Error('no settled')), /re-established with a new handshake/);
      assert.deepEqual(sink.names('7002'), ['EventRinging']);
    } finally {
      await adapter.close();
    }
  });

  it('--fault drop:EventHeld reaches the facade\'s simulator: the hold shows no change', T, async () => {
    const faulty = await startWorkspaceFacade({ host: '127.0.0.1', port: 0, apiKey: API_KEY, fault: eventFaultInjector({ kind: 'drop', event: 'EventHeld' }) });
    const adapter = await adapterFor(faulty);
    const sink = new Recorder();
    await adapter.open(topology, sink);
    try {
      const connId = await aliceCallsBob(adapter, sink);
      await adapter.send({ name: 'RequestAnswerCall', attributes: { ThisDN: '7002', ConnID: connId, ReferenceID: 2 } });
      await adapter.send({ name: 'RequestHoldCall', attributes: { ThisDN: '7002', ConnID: connId, ReferenceID: 3 } });
      await adapter.settled?.();
      assert.deepEqual(sink.names('7002'), ['EventRinging', 'EventEstablished']);
    } finally {
      await adapter.close();
      await faulty.close();
    }
  });
});
