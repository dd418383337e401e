/**
 * Workspace notifications → T-Library events of one DN (events.ts), without a server: the payloads
 * are what genesys-workspace-client-js 9.0.1 emits for the agent-api-simulator's message shapes.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DnEvents, UNMAPPED } from './events';
import type { VoiceNotification } from './hostProtocol';

let seq = 0;
function call(state: string, extra: Record<string, unknown> = {}, payload: Record<string, unknown> = {}): VoiceNotification {
  const c = { type: 'Call', id: 'c1', connId: 'c1', callType: 'Internal', state, participants: [{ number: '7002', role: 'RoleDestination' }], userData: [], capabilities: [], ...extra };
  const raw = { messageType: 'CallStateChanged', notificationType: 'StateChange', call: c, ...payload };
  seq += 1;
  return { type: 'voice', sid: 1, seq, raw, client: { event: 'CallStateChanged', payload: { call: c, notificationType: raw.notificationType, ...payload } } };
}
function dn(agentState: string, extra: Record<string, unknown> = {}): VoiceNotification {
  const d = { number: '7001', agentId: '1001', agentState, dnd: false, ...extra };
  seq += 1;
  return { type: 'voice', sid: 1, seq, raw: { messageType: 'DnStateChanged', dn: d }, client: { event: 'DnStateChanged', payload: { dn: d } } };
}
const names = (m: { events: readonly { name: string }[] }): string[] => m.events.map((e) => e.name);

describe('Workspace call states become the DN\'s T-Library events', () => {
  it('a call from dialing to released, with the other party and its role', () => {
    const d = new DnEvents('7001', 'DN 7001');
    const dialing = d.map(call('Dialing'));
    assert.deepEqual(dialing.events[0]?.attributes, { ThisDN: '7001', ConnID: 'c1', CallType: 'Internal', OtherDN: '7002', OtherDNRole: 'Destination' });
    assert.deepEqual(names(dialing), ['EventDialing']);
    assert.deepEqual(names(d.map(call('Established'))), ['EventEstablished']);
    assert.deepEqual(names(d.map(call('Held'))), ['EventHeld']);
    assert.deepEqual(names(d.map(call('Established'))), ['EventRetrieved']);
    assert.deepEqual(names(d.map(call('Established', { userData: [{ key: 'Segment', type: 'str', value: 'Gold' }] }, { notificationType: 'AttachedDataChanged' }))), ['EventAttachedDataChanged']);
    const emptied = d.map(call('Established', { userData: [] }, { notificationType: 'AttachedDataChanged' }));
    assert.deepEqual(emptied.events.map((e) => [e.name, e.attributes.UserData]), [['EventAttachedDataChanged', []]], 'the whole current set, empty once the last key is deleted (other events carry no empty list: the dialing above)');
    assert.deepEqual(names(d.map(call('Established', { participants: [{ number: '7002' }, { number: '7003' }] }))), ['EventPartyAdded']);
    assert.deepEqual(names(d.map(call('Established', { participants: [{ number: '7003' }] }))), ['EventPartyDeleted']);
    assert.deepEqual(names(d.map(call('Released'))), ['EventReleased']);
  });

  it('a new ConnID (the client\'s previousConnId) is EventPartyChanged; a consultation names its main call', () => {
    const d = new DnEvents('7001', 'DN 7001');
    d.map(call('Ringing'));
    const changed = d.map(call('Established', { id: 'c2' }, { previousConnId: 'c1' }));
    assert.deepEqual(names(changed), ['EventPartyChanged', 'EventEstablished']);
    assert.equal(changed.events[0]?.attributes.PreviousConnID, 'c1');
    const consult = d.map(call('Dialing', { id: 'c3', callType: 'Consult', parentConnId: 'c2' }));
    assert.deepEqual(consult.events[0]?.attributes.PreviousConnID, 'c2');
  });

  it('a change it cannot name is passed on as unmapped; a shape it cannot read is a problem', () => {
    const d = new DnEvents('7001', 'DN 7001');
    assert.deepEqual(names(d.map(call('Held'))), [UNMAPPED], 'a call first seen held');
    d.map(call('Dialing', { id: 'c9' }));
    assert.deepEqual(names(d.map(call('Dialing', { id: 'c9' }))), [UNMAPPED], 'nothing changed');
    assert.match(d.map({ type: 'voice', sid: 1, seq: 99, raw: 'text' }).problem ?? '', /DN 7001 voice message 99 is not a Workspace voice notification/);
    assert.match(d.map(call('Ringing', { participants: 'x' })).problem ?? '', /participants is not a list/);
    assert.match(d.map({ type: 'voice', sid: 1, seq: 5, raw: { messageType: 'CallStateChanged', call: {} } }).problem ?? '', /the Workspace client could not read this CallStateChanged/);
  });

  it('DN states: the first report is the baseline; then agent state, DND and forwarding', () => {
    const d = new DnEvents('7001', 'DN 7001');
    assert.deepEqual(names(d.map(dn('LoggedOut'))), []);
    assert.deepEqual(names(d.map(dn('LoggedIn'))), ['EventAgentLogin']);
    const notReady = d.map(dn('NotReady', { agentWorkMode: 'AfterCallWork' }));
    assert.deepEqual(notReady.events[0]?.attributes, { ThisDN: '7001', AgentID: '1001', AgentWorkMode: 'AfterCallWork' });
    assert.deepEqual(names(d.map(dn('NotReady', { agentWorkMode: 'AfterCallWork' }))), ['EventAgentNotReady'], 'a repeated report is a report');
    assert.deepEqual(names(d.map(dn('NotReady', { dnd: true }))), ['EventDNDOn']);
    assert.deepEqual(names(d.map(dn('NotReady', { dnd: true, forwardTo: '7003' }))), ['EventForwardSet']);
    assert.deepEqual(names(d.map(dn('Ready', { dnd: true, forwardTo: '7003' }))), ['EventAgentReady']);
    assert.match(d.map(dn('Dancing')).problem ?? '', /agent state other than LoggedOut\/LoggedIn\/Ready\/NotReady/);
  });

  it('EventError from the raw message (the client only logs it)', () => {
    const d = new DnEvents('7001', 'DN 7001');
    const error = d.map({ type: 'voice', sid: 1, seq: 1, raw: { messageType: 'EventError', error: { errorCode: '415', errorMessage: 'Invalid Destination DN' } } });
    assert.deepEqual(error.events[0], { name: 'EventError', dn: '7001', attributes: { ThisDN: '7001', ErrorCode: 415, ErrorMessage: 'Invalid Destination DN' }, origin: 'DN 7001 voice message 1' });
  });
});
