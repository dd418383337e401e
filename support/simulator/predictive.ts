/**
 * Predictive dialing: TMakePredictiveCall from an ACD group (queue) or a routing point to a
 * customer, the outcome of the dial, and the distribution of the answered call to an agent.
 *
 * Model: digest 1 §3.6a (READ with attributes) and §3.6b (with routing, event order READ).
 * - EventDialing at the group: ThisDN = ThisQueue = the group, ThisDNRole Origination.
 * - The customer answers (a person, or a machine when the request asks to connect machines via
 *   Extensions `AnsMachine=connect`): EventQueued (CallState Ok / AnsweringMachineDetected with
 *   UserData AnswerClass=AM), then EventDiverted to a Ready agent, whose EventRinging has ThisDNRole
 *   Origination. A routing point instead asks for a route (EventRouteRequest).
 * - The dial fails (party action `Network.DialOutcome` with a failure CallState, or an answering
 *   machine that is not connected): EventReleased at the group with that CallState (`*`).
 * - The customer hangs up while queued (`**`) or while the agent rings (`***`): EventAbandoned.
 */
import { kvUpdate } from '../model/kvlist';
import { enqueue, placeCall } from './acd';
import { holderEvent, newHolder, onDistributedCall, type AcdCall } from './acdState';
import { arriveAtRoutingPoint } from './routing';
import { newCall, referenceOf, reject, requireDn } from './events';
import { findCall, str, kv, type Call, type Handler, type SimEvent, type SimState } from './state';
import type { Family } from './transition';

const makePredictiveCall: Handler = (state, request, env) => {
  const group = requireDn(state, request);
  const type = state.dns[group]?.type;
  const customer = str(request, 'OtherDN');
  if ((type !== 'ACDQueue' && type !== 'RoutingPoint') || !customer || customer === group) reject('InvalidAttribute');
  const machine = kv(request, 'Extensions')?.some((p) => p.key === 'AnsMachine' && p.value === 'connect') ? 'connect' : 'drop';
  const call = newCall(state, env.connId, 'Outbound');
  call.parties.push({ dn: customer, role: 'Destination', status: 'Ringing' });
  const holder = newHolder(group, type === 'RoutingPoint' ? 'routing-point' : 'queue', 'Origination');
  holder.party.status = 'Dialing';
  const acd: AcdCall = { customer, dialed: customer, holders: [holder], predictive: { answered: false, machine } };
  call.acd = acd;
  return [holderEvent(call, holder, 'EventDialing', referenceOf(request))];
};

/** The customer answered (a person: Ok; a machine that is connected: AnsweringMachineDetected). */
function answered(state: SimState, call: Call, callState: 'Ok' | 'AnsweringMachineDetected'): SimEvent[] {
  const acd = call.acd;
  const group = acd?.holders[0];
  const customer = call.parties.find((p) => p.dn === acd?.customer);
  if (!acd?.predictive || !group || !customer) return [];
  acd.predictive.answered = true;
  customer.status = 'Established';
  acd.holders = [];
  const machine = callState === 'AnsweringMachineDetected';
  if (machine) call.userData = kvUpdate(call.userData, [{ key: 'AnswerClass', value: 'AM' }]);
  const extra = { CallState: callState, ...(machine ? { UserData: call.userData } : {}) };
  if (group.kind === 'routing-point') return arriveAtRoutingPoint(call, group.party.dn, 'Origination', callState);
  return [enqueue(call, group.party.dn, 'Origination', extra), ...placeCall(state, call)];
}

/** The customer of a predictive call that is still being dialled. */
function dialledCall(state: SimState, customer: string | undefined): Call | undefined {
  return findCall(state, (c) => c.acd?.predictive?.answered === false && c.acd.customer === customer);
}

/** Party action: how the dial ended, as a CallState (digest 1 §3.6a `*` lists the failures). */
const dialOutcome: Handler = (state, request) => {
  const call = dialledCall(state, str(request, 'ThisDN'));
  const group = call?.acd?.holders[0];
  if (!call?.acd?.predictive || !group) return reject('InvalidState');
  const outcome = str(request, 'CallState') ?? 'Ok';
  if (outcome === 'Ok' || (outcome === 'AnsweringMachineDetected' && call.acd.predictive.machine === 'connect')) {
    return answered(state, call, outcome);
  }
  const released = holderEvent(call, group, 'EventReleased', { CallState: outcome });
  Reflect.deleteProperty(state.calls, call.connId);
  return [released];
};

/** The customer answers the dialled call (a person). */
const customerAnswers = onDistributedCall((state, { call, party }) => {
  if (call.acd?.predictive?.answered !== false || party.dn !== call.acd.customer) return undefined;
  return answered(state, call, 'Ok');
});

export const predictiveFamily: Family = {
  handlers: { RequestMakePredictiveCall: makePredictiveCall, 'Network.DialOutcome': dialOutcome },
  intercepts: { 'Party.Answers': customerAnswers },
  capabilities: ['dial-outcome-control'],
};
