/**
 * ACD queue family: a call to an ACD queue is queued (EventQueued), possibly in more queues and at
 * an IVR queue whose port treats it in converse mode, and is distributed to a Ready agent logged in
 * to one of the queues (EventDiverted at every queue ∥ EventRinging at the agent, ThisQueue = the
 * queue). The caller can abandon from the queues; the IVR port can finish its treatment first.
 *
 * Models: multi-queue call treated at an IVR port (digest 1 §3.1b, READ), call to ACD and to
 * multiple ACDs (digest 1 §4, digest 2 §3.11), overflow (digest 3 §5.21: ThirdPartyDN "Trunk").
 * Plain agent distribution is GENERIC in the QA model (digest 3 §9): the simulator uses the shape of
 * §3.1b step 7 for it. Agents are distributed in the order the topology declares them.
 */
import type { AttrValue } from '../model/event';
import { acdOf, holderEvent, newHolder, onDistributedCall, option, optionList, type Holder } from './acdState';
import { deliver, hasActiveCall, type OfferRule } from './delivery';
import { callAttributes, callEvent, referenceOf, reject } from './events';
import { findCall, str, type Call, type Handler, type Party, type SimEvent, type SimState } from './state';
import type { Family, Interceptor } from './transition';

/** Places the call in `queueDn` (EventQueued at the queue). */
export function enqueue(call: Call, queueDn: string, role = 'Destination', extra: Record<string, AttrValue> = {}): SimEvent {
  const holder = newHolder(queueDn, 'queue', role);
  call.acd?.holders.push(holder);
  return holderEvent(call, holder, 'EventQueued', extra);
}

function isFreeAgent(state: SimState, dn: string, queue: string): boolean {
  const agent = state.dns[dn]?.agent;
  return agent?.queue === queue && agent.status === 'Ready' && !hasActiveCall(state, dn);
}

/** The first Ready agent without a call in one of the queues holding the call (queues in order). */
export function readyAgent(state: SimState, call: Call): { agent: string; via: Holder } | undefined {
  for (const via of call.acd?.holders ?? []) {
    if (via.kind !== 'queue' || via.converse) continue;
    const agent = Object.keys(state.dns).find((dn) => isFreeAgent(state, dn, via.party.dn));
    if (agent) return { agent, via };
  }
  return undefined;
}

/** A destination rings with ThisQueue = the device it came through; `role` is its ThisDNRole. */
export function ringVia(call: Call, dn: string, queue: string, role: string, callState = 'Ok'): SimEvent {
  const party: Party = { dn, role, status: 'Ringing', queue };
  call.parties.push(party);
  return callEvent(call, party, 'EventRinging', { CallState: callState });
}

/** The IVR port lets the call go: at distribution (§3.1b step 7) or when it finished (footnote a). */
function releaseIvrPort(call: Call, extra: Record<string, AttrValue> = {}): SimEvent[] {
  const acd = call.acd;
  const port = acd?.ivrPort ? call.parties.find((p) => p.dn === acd.ivrPort) : undefined;
  if (!acd || !port) return [];
  const event = callEvent(call, port, 'EventReleased', { CallState: 'Ok', ...extra });
  call.parties = call.parties.filter((p) => p !== port);
  delete acd.ivrPort;
  acd.holders = acd.holders.filter((h) => !h.converse);
  return [event];
}

/**
 * Every queue holding the call diverts it to the agent, the IVR port releases it, the agent rings
 * with ThisQueue = the queue it was chosen through (digest 1 §3.1b step 7: one table row). A
 * predictive call's agent takes the role Origination (digest 1 §3.6a note).
 */
export function divertToAgent(call: Call, agent: string, via: Holder): SimEvent[] {
  const acd = call.acd;
  if (!acd) return [];
  const role = acd.predictive ? 'Origination' : 'Destination';
  const diverts = acd.holders.filter((h) => !h.converse)
    .map((h) => holderEvent(call, h, 'EventDiverted', { ThirdPartyDN: agent, ThirdPartyDNRole: role }));
  acd.holders = acd.holders.filter((h) => h.converse);
  return [...diverts, ...releaseIvrPort(call), ringVia(call, agent, via.party.dn, role)];
}

function freePort(state: SimState, ports: readonly string[]): string | undefined {
  return ports.find((dn) => state.dns[dn] && !hasActiveCall(state, dn));
}

/** While no agent is ready: treatment at an IVR port, directly or through the IVR queue (§3.1b steps 4–5). */
function treatAtIvr(state: SimState, call: Call): SimEvent[] {
  const acd = call.acd;
  if (!acd) return [];
  const direct = freePort(state, optionList(state, acd.dialed, 'ivr-port'));
  if (direct) {
    acd.ivrPort = direct;
    return [ringVia(call, direct, acd.dialed, 'Destination', 'ConverseOn')];
  }
  const ivrQueue = option(state, acd.dialed, 'ivr-queue');
  if (!ivrQueue) return [];
  const queued = enqueue(call, ivrQueue);
  const port = freePort(state, optionList(state, ivrQueue, 'ivr-ports'));
  const holder = acd.holders[acd.holders.length - 1];
  if (!port || !holder) return [queued];
  holder.converse = true;
  acd.ivrPort = port;
  return [
    queued,
    holderEvent(call, holder, 'EventDiverted', { ThirdPartyDN: port, ThirdPartyDNRole: 'Destination', CallState: 'ConverseOn' }),
    ringVia(call, port, ivrQueue, 'Destination', 'ConverseOn'),
  ];
}

/** After queuing: a ready agent if there is one, else the IVR treatment the queue is set up with. */
export function placeCall(state: SimState, call: Call): SimEvent[] {
  const ready = readyAgent(state, call);
  return ready ? divertToAgent(call, ready.agent, ready.via) : treatAtIvr(state, call);
}

/** A call to an ACD queue (not a hunt group, not a route queue): queued in it and the queues it adds. */
const queueOffer: OfferRule = ({ state, call, caller, to }) => {
  if (state.dns[to]?.type !== 'ACDQueue' || option(state, to, 'hg-type') || option(state, to, 'route-queue') === 'true') return undefined;
  acdOf(call, caller.dn, to);
  const queued = [to, ...optionList(state, to, 'also-queue')].map((q) => enqueue(call, q));
  return [...queued, ...placeCall(state, call)];
};

/** Calls waiting in queues go to agents that became ready (oldest call first). */
function distributeWaiting(state: SimState): SimEvent[] {
  return Object.values(state.calls).flatMap((call) => {
    if (call.acd?.predictive?.answered === false) return [];
    const ready = readyAgent(state, call);
    return ready ? divertToAgent(call, ready.agent, ready.via) : [];
  });
}

const agentReady: Interceptor = (next) => (state, request, env) => [...next(state, request, env), ...distributeWaiting(state)];

/**
 * The caller (or a predictive call's customer) leaves while devices still hold the call: its own
 * EventReleased names what it dialled, every queue/RP gets EventAbandoned, the parties the call was
 * offered to are abandoned (ringing) or released (an IVR port in treatment) — digest 1 §3.1b `*`.
 */
export function customerLeaves(state: SimState, call: Call, leaving: Party, ref: Record<string, AttrValue>): SimEvent[] {
  const acd = call.acd;
  if (!acd) return [];
  const events: SimEvent[] = [];
  if (state.dns[leaving.dn]) {
    events.push({ dn: leaving.dn, name: 'EventReleased', attributes: callAttributes(call, leaving, { OtherDN: acd.dialed, OtherDNRole: 'Destination', CallState: 'Ok', ...ref }) });
  }
  events.push(...acd.holders.map((h) => holderEvent(call, h, 'EventAbandoned', { CallState: 'Ok' })));
  for (const p of call.parties.filter((q) => q !== leaving && state.dns[q.dn])) {
    events.push(callEvent(call, p, p.status === 'Ringing' ? 'EventAbandoned' : 'EventReleased', { OtherDN: leaving.dn, OtherDNRole: leaving.role, CallState: 'Ok' }));
  }
  Reflect.deleteProperty(state.calls, call.connId);
  return events;
}

const leaving = onDistributedCall((state, { call, party }, request) => {
  const acd = call.acd;
  if (!acd) return undefined;
  if (party.dn === acd.customer) return customerLeaves(state, call, party, referenceOf(request));
  if (party.dn === acd.ivrPort) return releaseIvrPort(call, referenceOf(request));
  return undefined;
});

/** The IVR port answers in converse mode: only the port is told (digest 1 §3.1b step 6). */
const ivrAnswers = onDistributedCall((_state, { call, party }, request) => {
  if (party.dn !== call.acd?.ivrPort) return undefined;
  if (party.status !== 'Ringing') reject('InvalidState');
  party.status = 'Established';
  return [callEvent(call, party, 'EventEstablished', { CallState: 'Ok', ...referenceOf(request) })];
});

/** Party action: the call waited in the queue longer than its overflow time (digest 3 §5.21). */
const queueTimeout: Handler = (state, request, env) => {
  const queue = str(request, 'ThisDN') ?? '';
  const to = option(state, queue, 'overflow');
  const call = findCall(state, (c) => c.acd?.holders.some((h) => h.party.dn === queue));
  const holder = call?.acd?.holders.find((h) => h.party.dn === queue);
  const caller = call?.parties.find((p) => p.dn === call.acd?.customer);
  if (!to || !call?.acd || !holder || !caller) return reject('InvalidState');
  // ThirdPartyDN is literally "Trunk", even for an internal overflow destination (digest 3 §9).
  const diverted = holderEvent(call, holder, 'EventDiverted', { ThirdPartyDN: 'Trunk', ThirdPartyDNRole: 'Destination' });
  call.acd.holders = call.acd.holders.filter((h) => h !== holder);
  return [diverted, ...deliver(state, call, caller, to, env)];
};

export const acdFamily: Family = {
  handlers: { 'Network.QueueTimeout': queueTimeout },
  offerRules: [queueOffer],
  intercepts: {
    RequestAgentReady: agentReady,
    RequestReleaseCall: leaving,
    'Party.HangsUp': leaving,
    RequestAnswerCall: ivrAnswers,
  },
  capabilities: ['timeout-control', 'ivr:caller-connected-to-agent-only'],
};
