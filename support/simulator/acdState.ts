/**
 * What the switch keeps about a call that distribution devices handle: ACD queues, routing points
 * (and route queues), an IVR port treating it in converse mode, a hunt group, a predictive dialer.
 * Shared by acd.ts, huntGroup.ts, routing.ts and predictive.ts.
 *
 * Queues and routing points are not "real parties" of the call (digest 3 §6): they are kept as
 * {@link Holder}s beside `call.parties`, so the two-party rules of the core (OtherDN, release) keep
 * working for the caller and the agent once the call has left them.
 *
 * DN options the simulator reads (PartyConfig.options, party names resolved to DNs):
 * | option | on | meaning |
 * |---|---|---|
 * | `also-queue` | ACD queue | comma list of queues the call is placed in as well (digest 1 §3.1b step 3) |
 * | `ivr-queue` | ACD queue | the IVR queue the call is placed in while no agent is ready (§3.1b step 4) |
 * | `ivr-ports` | IVR queue | comma list of the IVR port DNs the IVR queue diverts to (ConverseOn) |
 * | `ivr-port` | ACD queue | an IVR port that treats the call directly, without an IVR queue |
 * | `overflow` | ACD queue | where the call goes when it waited too long (digest 3 §5.21 overflow) |
 * | `hg-type`, `hg-members` | ACD queue | a hunt group: fork / linear / circular over the members (N1 names) |
 * | `route-queue` | ACD queue | `true`: the queue routes like a routing point (a route queue) |
 * | `divert-on-ringing` | routing point | `false`: the RP stays on the call until the destination answers |
 * | `default-route` | routing point | the switch's default destination (RouteType Default without a destination, routing timeout) |
 * | `ivr` | extension | an IVR port behind the switch: IVR Server sends the named IVR a CallStatus per call event (ivrServer.ts) |
 * | `ivr-in-front` | routing point | the named IVR's routing point in front of the switch, reported by IVR Server (ivrServer.ts) |
 * | `virtual-queue` | ACD queue | `true`: a virtual queue of URS; only distributed events reach it (urs.ts) |
 */
import type { AttrValue, TRequest } from '../model/event';
import { partyOf } from './events';
import { str, type Call, type Party, type SimEnv, type SimEvent, type SimState } from './state';
import type { Interceptor } from './transition';

/** A queue or routing point holding the call until it diverts it or the caller abandons. */
export interface Holder {
  /** The device's own view of the call: dn, role (Destination; Origination for a dialer), ThisQueue = dn. */
  readonly party: Party;
  readonly kind: 'queue' | 'routing-point';
  /** Diverted to an IVR port in converse mode but still holding the call (digest 1 §3.1b step 5 and `*`). */
  converse?: boolean;
}

/** A route waiting for its destination to answer (divert-on-ringing = false, digest 3 §5.19). */
export interface PendingRoute {
  readonly rp: string;
  readonly to: string;
  /** ReferenceID of the TRouteCall: EventRouteUsed carries it, EventError names it on failure. */
  readonly referenceId: AttrValue;
}

export interface HuntGroup {
  readonly queue: string;
  readonly type: 'fork' | 'linear' | 'circular';
  readonly members: readonly string[];
  /** Linear / circular: the member tried next. */
  index: number;
  /** Members that released this call while it rang them. */
  released: string[];
}

export interface AcdCall {
  /** The party the devices report as OtherDN: the caller, or the customer of a predictive call. */
  readonly customer: string;
  /** What the caller dialled (queue, routing point): the caller's OtherDN until the call connects. */
  readonly dialed: string;
  holders: Holder[];
  /** The IVR port treating the call while it stays queued (CallState ConverseOn). */
  ivrPort?: string;
  route?: PendingRoute;
  huntGroup?: HuntGroup;
  /** A predictive call: whether the customer answered, and what to do with an answering machine. */
  predictive?: { answered: boolean; readonly machine: 'connect' | 'drop' };
  /** A treatment applied at a routing point (TApplyTreatment) that has not ended. */
  treatment?: { readonly rp: string; readonly type: string; readonly referenceId: AttrValue };
}

export function option(state: SimState, dn: string, key: string): string | undefined {
  return state.dns[dn]?.options?.[key];
}

export function optionList(state: SimState, dn: string, key: string): string[] {
  return (option(state, dn, key) ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
}

/** The ACD state of a call, created on first use (a call may pass several devices). */
export function acdOf(call: Call, customer: string, dialed: string): AcdCall {
  call.acd ??= { customer, dialed, holders: [] };
  return call.acd;
}

/** True while a device, an IVR port, a hunt group, a pending route or an undialled prediction owns the call. */
export function isDistributing(call: Call): boolean {
  const acd = call.acd;
  if (!acd) return false;
  return acd.holders.length > 0 || acd.ivrPort !== undefined || acd.huntGroup !== undefined
    || acd.route !== undefined || acd.predictive?.answered === false;
}

/** The customer's role in the call (Origination for a caller, Destination for a dialled customer). */
function customerRole(call: Call, customer: string): string {
  return partyOf(call, customer)?.role ?? 'Origination';
}

/** An event on a device: ThisDN = ThisQueue = the device, OtherDN = the customer (digest 1 §2.3, S26). */
export function holderEvent(call: Call, holder: Holder, name: string, extra: Record<string, AttrValue> = {}): SimEvent {
  const customer = call.acd?.customer;
  return {
    dn: holder.party.dn,
    name,
    attributes: {
      ConnID: call.connId,
      CallID: call.callId,
      CallType: call.callType,
      ThisDN: holder.party.dn,
      ThisDNRole: holder.party.role,
      ThisQueue: holder.party.dn,
      ...(customer ? { OtherDN: customer, OtherDNRole: customerRole(call, customer) } : {}),
      // GenEM (digest 1 S4/S5): PreviousConnID must be present whenever CallType is Consult.
      ...(call.consultOf ? { PreviousConnID: call.consultOf } : {}),
      ...extra,
    },
  };
}

/** A new holder for `dn` (not yet added to the call). */
export function newHolder(dn: string, kind: Holder['kind'], role = 'Destination'): Holder {
  return { party: { dn, role, status: 'Ringing', queue: dn }, kind };
}

/** The party the request's ThisDN has on a call that a device handles (newest call first). */
export function distributedCallOf(state: SimState, dn: string, connId?: string): { call: Call; party: Party } | undefined {
  // Runs for every request that names a DN: with a ConnID, look the call up instead of scanning.
  const byKey = connId ? state.calls[connId] : undefined;
  if (byKey && byKey.connId === connId) {
    const party = isDistributing(byKey) ? partyOf(byKey, dn) : undefined;
    return party ? { call: byKey, party } : undefined;
  }
  const calls = Object.values(state.calls).filter((c) => (!connId || c.connId === connId) && isDistributing(c));
  for (const call of calls.reverse()) {
    const party = partyOf(call, dn);
    if (party) return { call, party };
  }
  return undefined;
}

/** How a family takes over a request on the distributed calls it handles (see Family.intercepts). */
export type CallRule = (state: SimState, found: { call: Call; party: Party }, request: TRequest, env: SimEnv) => SimEvent[] | undefined;

/**
 * Wraps a handler of another family (answer, release, hang up): `rule` decides for a call that a
 * device still handles and the request's DN is on; every other request goes to `next` unchanged.
 */
export function onDistributedCall(rule: CallRule): Interceptor {
  return (next) => (state, request, env) => {
    const dn = str(request, 'ThisDN');
    const found = dn ? distributedCallOf(state, dn, str(request, 'ConnID')) : undefined;
    return (found ? rule(state, found, request, env) : undefined) ?? next(state, request, env);
  };
}
