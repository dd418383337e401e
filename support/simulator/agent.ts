/**
 * Agent family: TAgentLogin, TAgentLogout, TAgentSetReady, TAgentSetNotReady.
 * Models: agent login/logout and ready/not-ready/after-call work (digest 2 §3.12, digest 3 §5.22,
 * attributes digest §3.11–3.13). The simulator follows SIP Server where GenEM is switch-dependent:
 * a first login leaves the agent Not Ready (EventAgentNotReady right after EventAgentLogin, without
 * the ReferenceID), and after-call work is reported as configured in the switch profile.
 */
import type { AttrValue } from '../model/event';
import { referenceOf, reject, requireDn } from './events';
import { str, type AgentState, type DnState, type Handler, type SimEvent, type SimState } from './state';

function agentEvent(dn: DnState, agent: AgentState, name: string, extra: Record<string, AttrValue> = {}): SimEvent {
  return {
    dn: dn.dn,
    name,
    attributes: { ThisDN: dn.dn, AgentID: agent.agentId, ...(agent.queue ? { ThisQueue: agent.queue } : {}), ...extra },
  };
}

function loggedIn(state: SimState, dnName: string): { dn: DnState; agent: AgentState } {
  const dn = state.dns[dnName];
  if (!dn?.agent) reject('AgentNotLoggedIn');
  return { dn, agent: dn.agent };
}

const login: Handler = (state, request) => {
  const dn = state.dns[requireDn(state, request)] as DnState;
  const agentId = str(request, 'AgentID');
  if (!agentId) reject('InvalidAttribute');
  if (dn.type !== 'Extension' && dn.type !== 'ACDPosition') reject('InvalidAttribute');
  const elsewhere = Object.values(state.dns).some((d) => d !== dn && d.agent?.agentId === agentId);
  if ((dn.agent && dn.agent.agentId !== agentId) || elsewhere) reject('AgentAlreadyLoggedIn');
  const queue = str(request, 'ThisQueue');
  const relogin = dn.agent;
  const agent: AgentState = relogin ?? { agentId, ...(queue ? { queue } : {}), status: 'NotReady', workMode: 'Unknown' };
  dn.agent = agent;
  const events = [agentEvent(dn, agent, 'EventAgentLogin', referenceOf(request))];
  if (agent.status === 'Ready') events.push(agentEvent(dn, agent, 'EventAgentReady', { ReferenceID: 0 }));
  else if (agent.status === 'NotReady') events.push(agentEvent(dn, agent, 'EventAgentNotReady', { ReferenceID: 0 }));
  return events;
};

const logout: Handler = (state, request) => {
  const { dn, agent } = loggedIn(state, requireDn(state, request));
  delete dn.agent;
  return [agentEvent(dn, agent, 'EventAgentLogout', referenceOf(request))];
};

const ready: Handler = (state, request) => {
  const { dn, agent } = loggedIn(state, requireDn(state, request));
  agent.status = 'Ready';
  agent.workMode = str(request, 'AgentWorkMode') ?? 'AutoIn';
  return [agentEvent(dn, agent, 'EventAgentReady', { AgentWorkMode: agent.workMode, ...referenceOf(request) })];
};

const notReady: Handler = (state, request) => {
  const { dn, agent } = loggedIn(state, requireDn(state, request));
  const workMode = str(request, 'AgentWorkMode') ?? 'AuxWork';
  if (workMode === 'ManualIn' || workMode === 'ReturnBack') reject('InvalidAttribute');
  agent.status = workMode === 'AfterCallWork' ? 'AfterCallWork' : 'NotReady';
  agent.workMode = workMode;
  const name = workMode === 'AfterCallWork' ? state.profile.afterCallWorkEvent : 'EventAgentNotReady';
  return [agentEvent(dn, agent, name, { AgentWorkMode: workMode, ...referenceOf(request) })];
};

export const agentHandlers: Readonly<Record<string, Handler>> = {
  RequestAgentLogin: login,
  RequestAgentLogout: logout,
  RequestAgentReady: ready,
  RequestAgentNotReady: notReady,
};
