/**
 * Hunt groups: an ACD queue with the DN options `hg-type` (fork / linear / circular) and
 * `hg-members` (digest 3 §5.21, READ from the QA model of SIP Server; digest 2 §3.11).
 *
 * - The members tried ring with CallState Covered and ThisQueue = the queue; their OtherDN is the
 *   caller (digest 3 §6). Fork rings every free member at once; linear and circular one at a time.
 * - A member answers: the queue's EventDiverted (ThirdPartyDN = that member) comes before the
 *   member's EventEstablished; the other ringing members are released with CallState Redirected.
 * - A member rejects (releases while ringing): linear/circular try the next member. When nobody is
 *   left, the caller is released with CallState Redirected and the queue gets EventDiverted with
 *   CallState Dropped naming the member that released last.
 * Simplification: the circular position is not kept between calls (each call starts at the first member).
 */
import { holderEvent, newHolder, onDistributedCall, option, optionList, type HuntGroup } from './acdState';
import { hasActiveCall, type OfferRule } from './delivery';
import { callAttributes, referenceOf, reject } from './events';
import type { Call, Party, SimEvent, SimState } from './state';
import type { Family } from './transition';

/** An event at a member: OtherDN is the caller while the group is pending (digest 3 §6). */
function memberEvent(call: Call, member: Party, name: string, extra: Record<string, string | number> = {}): SimEvent {
  const caller = call.parties.find((p) => p.dn === call.acd?.customer);
  return {
    dn: member.dn,
    name,
    attributes: callAttributes(call, member, { ...(caller ? { OtherDN: caller.dn, OtherDNRole: caller.role } : {}), ...extra }),
  };
}

function ringMember(call: Call, group: HuntGroup, dn: string): SimEvent {
  const member: Party = { dn, role: 'Destination', status: 'Ringing', queue: group.queue };
  call.parties.push(member);
  return memberEvent(call, member, 'EventRinging', { CallState: 'Covered' });
}

/** The members to try now: every free one (fork), or the next free one not yet tried (linear, circular). */
function nextMembers(state: SimState, call: Call, group: HuntGroup): string[] {
  const free = (dn: string): boolean => state.dns[dn] !== undefined && !hasActiveCall(state, dn) && !group.released.includes(dn);
  if (group.type === 'fork') return group.members.filter(free);
  const n = group.members.length;
  const order = Array.from({ length: n }, (_, i) => group.members[(group.index + i) % n] ?? '');
  const candidates = group.type === 'linear' ? order.filter((_, i) => group.index + i < n) : order;
  const next = candidates.find(free);
  if (next) group.index = group.members.indexOf(next) + 1;
  return next ? [next] : [];
}

const huntOffer: OfferRule = ({ state, call, caller, to }) => {
  const type = option(state, to, 'hg-type');
  if (state.dns[to]?.type !== 'ACDQueue' || (type !== 'fork' && type !== 'linear' && type !== 'circular')) return undefined;
  const group: HuntGroup = { queue: to, type, members: optionList(state, to, 'hg-members'), index: 0, released: [] };
  call.acd = { customer: caller.dn, dialed: to, holders: [newHolder(to, 'queue')], huntGroup: group };
  const queue = call.acd.holders[0];
  // EventQueued at the group's queue is GENERIC in the QA model (its "queue ring"): INFERRED.
  const queued = queue ? [holderEvent(call, queue, 'EventQueued')] : [];
  return [...queued, ...nextMembers(state, call, group).map((dn) => ringMember(call, group, dn))];
};

function groupOf(call: Call, party: Party): HuntGroup | undefined {
  const group = call.acd?.huntGroup;
  return group && party.queue === group.queue && party.dn !== call.acd?.customer ? group : undefined;
}

/** A member answers: the queue diverts to it, the others are redirected away, then both sides connect. */
const memberAnswers = onDistributedCall((state, { call, party }, request) => {
  const group = groupOf(call, party);
  if (!group || !call.acd) return undefined;
  if (party.status !== 'Ringing') reject('InvalidState');
  const events = call.acd.holders.map((h) => holderEvent(call, h, 'EventDiverted', { ThirdPartyDN: party.dn, ThirdPartyDNRole: 'Destination' }));
  const others = call.parties.filter((p) => p !== party && p.status === 'Ringing' && p.queue === group.queue);
  events.push(...others.map((p) => memberEvent(call, p, 'EventReleased', { CallState: 'Redirected' })));
  call.parties = call.parties.filter((p) => !others.includes(p));
  call.acd.holders = [];
  delete call.acd.huntGroup;
  party.status = 'Established';
  events.push(memberEvent(call, party, 'EventEstablished', { CallState: 'Ok', ...referenceOf(request) }));
  for (const caller of call.parties.filter((p) => p.status === 'Dialing')) {
    caller.status = 'Established';
    if (state.dns[caller.dn]) events.push({ dn: caller.dn, name: 'EventEstablished', attributes: callAttributes(call, caller, { CallState: 'Ok' }) });
  }
  return events;
});

/** Nobody is left to try: the caller is redirected away and the queue reports the call dropped. */
function exhausted(state: SimState, call: Call, last: Party): SimEvent[] {
  const events: SimEvent[] = [];
  const caller = call.parties.find((p) => p.dn === call.acd?.customer);
  if (caller && state.dns[caller.dn]) {
    events.push({ dn: caller.dn, name: 'EventReleased', attributes: callAttributes(call, caller, { OtherDN: call.acd?.dialed ?? '', OtherDNRole: 'Destination', CallState: 'Redirected' }) });
  }
  events.push(...(call.acd?.holders ?? []).map((h) => holderEvent(call, h, 'EventDiverted', { ThirdPartyDN: last.dn, ThirdPartyDNRole: 'Destination', CallState: 'Dropped' })));
  Reflect.deleteProperty(state.calls, call.connId);
  return events;
}

/** A ringing member rejects the call: it is released; the group goes on or gives up. */
const memberRejects = onDistributedCall((state, { call, party }, request) => {
  const group = groupOf(call, party);
  if (!group || party.status !== 'Ringing') return undefined;
  const events = [memberEvent(call, party, 'EventReleased', { CallState: 'Ok', ...referenceOf(request) })];
  call.parties = call.parties.filter((p) => p !== party);
  group.released.push(party.dn);
  const stillRinging = call.parties.some((p) => p.queue === group.queue && p.status === 'Ringing');
  if (stillRinging) return events;
  const next = group.type === 'fork' ? [] : nextMembers(state, call, group);
  if (next.length === 0) return [...events, ...exhausted(state, call, party)];
  return [...events, ...next.map((dn) => ringMember(call, group, dn))];
});

export const huntGroupFamily: Family = {
  handlers: {},
  offerRules: [huntOffer],
  intercepts: { RequestAnswerCall: memberAnswers, RequestReleaseCall: memberRejects },
};
