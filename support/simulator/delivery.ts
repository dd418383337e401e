/**
 * Offering a call to a destination DN. What happens depends on the destination (an extension rings,
 * a busy extension reports busy, an ACD queue queues, a routing point asks for a route, DND or
 * forwarding redirect the offer...). Request families add their cases as {@link OfferRule}s in
 * their `Family` entry (see transition.ts), which the step hands to `deliver` in `env.offerRules`;
 * the first rule that returns events wins, the base rules below apply last.
 */
import { callAttributes, callEvent, reject } from './events';
import { findCall, type Call, type Party, type SimEnv, type SimEvent, type SimState } from './state';

export interface Offer {
  readonly state: SimState;
  readonly call: Call;
  /** The party that placed the call (EventDialing's ThisDN, or the outside caller). */
  readonly caller: Party;
  readonly to: string;
  readonly env: SimEnv;
}

/** Handles the offer and returns its events, or returns undefined to let the next rule decide. */
export type OfferRule = (offer: Offer) => SimEvent[] | undefined;

/** True when the DN has a call that is not on hold (a single-line set is then busy). */
export function hasActiveCall(state: SimState, dn: string): boolean {
  return findCall(state, (c) => c.parties.some((p) => p.dn === dn && p.status !== 'Held')) !== undefined;
}

export function deliver(state: SimState, call: Call, caller: Party, to: string, env: SimEnv): SimEvent[] {
  const offer: Offer = { state, call, caller, to, env };
  for (const rule of env.offerRules ?? []) {
    const events = rule(offer);
    if (events) return events;
  }
  for (const rule of BASE_RULES) {
    const events = rule(offer);
    if (events) return events;
  }
  return reject('Unsupported');
}

/** An outside number: the network takes the call; nobody there gets events (GenEM rule 1). */
const outside: OfferRule = ({ state, call, to }) => {
  if (state.dns[to]) return undefined;
  call.parties.push({ dn: to, role: 'Destination', status: 'Ringing' });
  return [];
};

/** A single-line extension with a call that is not on hold is busy (GenEM interruption point **). */
const busy: OfferRule = ({ state, call, caller, to }) => {
  if (!hasActiveCall(state, to)) return undefined;
  caller.status = 'Busy';
  delete call.pendingDestination;
  if (!state.dns[caller.dn]) return [];
  return [{ dn: caller.dn, name: 'EventDestinationBusy', attributes: callAttributes(call, caller, { OtherDN: to, OtherDNRole: 'Destination', CallState: 'Busy' }) }];
};

/** The network holds the offer back (GenEM interruption point *: dialing reported, no ringing yet). */
const heldBack: OfferRule = ({ state, call, to }) => {
  const target = state.dns[to];
  if (!target?.delayAlerting) return undefined;
  target.delayAlerting = false;
  call.pendingDestination = to;
  return [];
};

/** An extension or ACD position rings. */
const ring: OfferRule = ({ state, call, to }) => {
  const type = state.dns[to]?.type;
  if (type !== 'Extension' && type !== 'ACDPosition') return undefined;
  const party: Party = { dn: to, role: 'Destination', status: 'Ringing' };
  call.parties.push(party);
  return [callEvent(call, party, 'EventRinging', { CallState: 'Ok' })];
};

const BASE_RULES: readonly OfferRule[] = [outside, busy, heldBack, ring];
