/**
 * The cast of a scenario, and which events are outside its models: an agent's after-call work at a
 * DN the call model casts as a plain extension is no business of that model; at a DN it casts as an
 * agent's, it is (support/model/agentState.ts).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Parties } from './parties';

describe('Parties.outsideModel', () => {
  const parties = new Parties();
  parties.declare({ name: 'Alice', dn: '7001', type: 'Extension', configured: true });
  parties.declare({ name: 'Bob', dn: '7002', type: 'Extension', configured: true, agentId: '1002' });
  const acw = (dn: string, extra: Record<string, unknown> = {}): { name: string; dn: string; attributes: Record<string, unknown> } =>
    ({ name: 'EventAgentNotReady', dn, attributes: { ThisDN: dn, AgentWorkMode: 'AfterCallWork', ...extra } });

  it('an agent-state event at a DN the scenario casts as no agent\'s is outside its models', () => {
    assert.equal(parties.outsideModel(acw('7001')), true);
    assert.equal(parties.outsideModel({ name: 'EventAgentReady', dn: '7001', attributes: {} }), true);
    assert.equal(parties.outsideModel(acw('7009')), true, 'a DN the scenario does not cast');
  });

  it('at an agent\'s DN, about a call, or a call event: inside (judged)', () => {
    assert.equal(parties.outsideModel(acw('7002')), false, 'Bob is cast as an agent: his work modes are the model\'s');
    assert.equal(parties.outsideModel(acw('7001', { ConnID: '00a1' })), false, 'an event about a call');
    assert.equal(parties.outsideModel({ name: 'EventReleased', dn: '7001', attributes: { ThisDN: '7001' } }), false);
  });

  it('an Interaction Server report of an agent-state name (EventAgentLogin to the reporting engine) is a message of the model, judged', () => {
    assert.equal(parties.outsideModel({ name: 'EventAgentLogin', dn: 'Stat', protocol: 'Reporting', attributes: { AgentID: 'Anna' } }), false);
    assert.equal(parties.outsideModel({ name: 'EventAgentLogin', dn: '7001', protocol: 'T-Library', attributes: { ThisDN: '7001' } }), true);
  });

  it('a handset event is outside the models of a system that reports its handsets (off-hook:reported), at any DN; judged otherwise', () => {
    const offHook = { name: 'EventOffHook', dn: '7002', attributes: { ThisDN: '7002' } };
    assert.equal(parties.outsideModel(offHook, true), true);
    assert.equal(parties.outsideModel({ ...offHook, name: 'EventOnHook' }, true), true);
    assert.equal(parties.outsideModel(offHook), false, 'a system that says its phones report nothing');
    assert.equal(parties.outsideModel({ name: 'EventReleased', dn: '7002', attributes: { ThisDN: '7002' } }, true), false);
  });
});
