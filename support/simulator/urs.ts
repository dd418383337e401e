/**
 * Universal Routing Server and its virtual queues (GenEM Call Routing Events / T-Library Special
 * events; digest 1 §3.1c, genem-attributes §3.6, §3.7, §3.18 — READ from a real URS/T-Server log).
 *
 * A virtual queue is a DN the switch never queues a call on: URS, while its strategy waits for a
 * target, asks T-Server to distribute EventQueued for the VQ (RequestDistributeEvent with
 * AttributeUserEvent = EventQueued), and later EventDiverted (the call was routed; ThirdPartyDN =
 * the destination, role Destination) or EventAbandoned (the caller hung up). T-Server reports each
 * as an ordinary event on the VQ DN, with the call's attributes: ThisDN = ThisQueue = the VQ,
 * ThisDNRole Destination, OtherDN the caller with role Origination, CallType of the call.
 *
 * EventQueued is the request URS sends (the strategy's target selection is URS's business). The
 * EventDiverted and EventAbandoned that follow are URS's reaction to the routing point's
 * EventRouteUsed / EventAbandoned, so they are a reaction here: whoever routes the call or hangs
 * up, URS tells the VQ.
 */
import type { AttrValue, TRequest } from '../model/event';
import { reject, requireDn } from './events';
import { str, type Call, type Handler, type SimEvent, type SimState } from './state';
import type { Family } from './transition';

/** A call URS holds in a virtual queue: what the VQ's events need once the call may be gone. */
export interface VirtualQueueEntry {
  readonly vq: string;
  readonly connId: string;
  readonly callId: AttrValue;
  readonly callType: AttrValue;
  readonly caller: string;
}

export interface UrsState {
  /** ConnID → the VQ entry (one VQ per call in this model). */
  queued: Record<string, VirtualQueueEntry>;
}

function urs(state: SimState): UrsState {
  const beyond = (state.participants ??= { sites: {}, dnSite: {}, participants: {} });
  return (beyond.urs ??= { queued: {} });
}

const DISTRIBUTABLE = new Set(['EventQueued', 'EventDiverted', 'EventAbandoned']);

/** An event on the VQ DN with the call's attributes (log evidence S26). */
export function vqEvent(entry: VirtualQueueEntry, name: string, extra: Record<string, AttrValue> = {}): SimEvent {
  return {
    dn: entry.vq,
    name,
    attributes: {
      ConnID: entry.connId, CallID: entry.callId, CallType: entry.callType,
      ThisDN: entry.vq, ThisQueue: entry.vq, ThisDNRole: 'Destination',
      OtherDN: entry.caller, OtherDNRole: 'Origination', ...extra,
    },
  };
}

/** The calling party: the ACD customer, else the call's origination. */
function callerOf(call: Call): string {
  return call.acd?.customer ?? call.parties.find((p) => p.role === 'Origination')?.dn ?? call.parties[0]?.dn ?? '';
}

const referenceOf = (request: TRequest): Record<string, AttrValue> =>
  (request.attributes.ReferenceID === undefined ? {} : { ReferenceID: request.attributes.ReferenceID });

/** RequestDistributeEvent: T-Server distributes the event URS names on the VQ DN. */
const distributeEvent: Handler = (state, request) => {
  const vq = requireDn(state, request);
  const name = str(request, 'UserEvent') ?? '';
  if (!DISTRIBUTABLE.has(name)) return reject('InvalidAttribute');
  const call = state.calls[str(request, 'ConnID') ?? ''];
  const held = urs(state).queued[str(request, 'ConnID') ?? ''];
  if (name === 'EventQueued') {
    if (!call) return reject('InvalidConnID');
    const entry: VirtualQueueEntry = { vq, connId: call.connId, callId: call.callId, callType: call.callType, caller: callerOf(call) };
    urs(state).queued[call.connId] = entry;
    return [vqEvent(entry, name, referenceOf(request))];
  }
  if (held?.vq !== vq) return reject('InvalidConnID');
  Reflect.deleteProperty(urs(state).queued, held.connId);
  const third = str(request, 'ThirdPartyDN');
  return [vqEvent(held, name, { ...referenceOf(request), ...(third ? { ThirdPartyDN: third, ThirdPartyDNRole: 'Destination' } : {}) })];
};

/** What URS distributes for a VQ call when the switch reports `event` on it (undefined: nothing). */
function followUp(entry: VirtualQueueEntry, event: SimEvent): SimEvent | undefined {
  if (event.participant) return undefined;
  if (event.name === 'EventRouteUsed') {
    const to = event.attributes.ThirdPartyDN;
    return vqEvent(entry, 'EventDiverted', to === undefined ? {} : { ThirdPartyDN: to, ThirdPartyDNRole: 'Destination' });
  }
  // The caller left while the strategy waited: the routing point reports the call abandoned.
  if (event.name === 'EventAbandoned') return vqEvent(entry, 'EventAbandoned', { CallState: 'Ok' });
  return undefined;
}

/** Reaction: URS answers the routing point's EventRouteUsed / EventAbandoned with the VQ's event. */
export function virtualQueueReaction(state: SimState, _request: TRequest, events: readonly SimEvent[]): SimEvent[] {
  const queued = state.participants?.urs?.queued;
  if (!queued || Object.keys(queued).length === 0) return [...events];
  const out: SimEvent[] = [];
  for (const event of events) {
    out.push(event);
    const connId = event.attributes.ConnID;
    const entry = typeof connId === 'string' ? queued[connId] : undefined;
    const next = entry && event.dn !== entry.vq ? followUp(entry, event) : undefined;
    if (entry && next) {
      out.push(next);
      Reflect.deleteProperty(queued, entry.connId);
    }
  }
  return out;
}

export const ursFamily: Family = {
  handlers: { RequestDistributeEvent: distributeEvent },
  reactions: [virtualQueueReaction],
  capabilities: ['virtual-queues'],
};
