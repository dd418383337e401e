/**
 * The reference simulator's state: DNs, agents and calls. Plain data, cloned on every transition
 * ({@link cloneState}) so that {@link transition} stays pure.
 */
import type { DNType, Topology } from '../adapter/contract';
import type { AttrValue, TRequest } from '../model/event';
import type { KVList } from '../model/kvlist';
import type { AcdCall } from './acdState';
import type { OfferRule } from './delivery';
import type { Envelope } from '../model/event';
import { participantsState, type ParticipantsState } from './participants';

export type PartyStatus = 'Dialing' | 'Ringing' | 'Established' | 'Held' | 'Busy';

export interface Party {
  readonly dn: string;
  role: string;
  status: PartyStatus;
  /** ACD queue through which the party got the call (ThisQueue), for ACD calls only. */
  queue?: string;
  /** A supervisor's leg (role Observer): the DN of the agent it observes (OtherDN rules, digest 3 §6). */
  observes?: string;
  /** An appearance of a shared or bridged line: the line's DN (see appearances.ts). */
  line?: string;
  /** Mute state of the party's leg (digest 3 §5.18); absent = Connect. */
  mute?: 'Connect' | 'Muted' | 'Coach';
}

export interface Call {
  readonly connId: string;
  readonly callId: string;
  callType: string;
  parties: Party[];
  userData: KVList;
  /** A destination the network has not alerted yet (GenEM interruption point `*`). */
  pendingDestination?: string;
  /** For a consultation call (TInitiateTransfer/TInitiateConference/TMuteTransfer): the main call's ConnID. */
  consultOf?: string;
  /** Listeners that TListenDisconnect cut off from the conversation (DNs). */
  notListening?: string[];
  /** Queues, routing points, IVR treatment or a predictive dialer handling the call (acdState.ts). */
  acd?: AcdCall;
}

export interface AgentState {
  readonly agentId: string;
  readonly queue?: string;
  status: 'NotReady' | 'Ready' | 'AfterCallWork';
  workMode: string;
}

export interface DnState {
  readonly dn: string;
  readonly type: DNType;
  registered: boolean;
  agent?: AgentState;
  dnd: boolean;
  /** Calls to this DN are not alerted until the network delivers them (test control). */
  delayAlerting: boolean;
  /** Call forwarding set by TCallSetForward (see dnFeatures.ts). */
  forward?: { mode: string; to: string };
  messageWaiting?: boolean;
  /** This DN is an appearance of another DN's line (PartyConfig.appearanceOf). */
  appearanceOf?: { readonly line: string; readonly kind: 'shared' | 'bridged' };
  /** DN options from the topology (PartyConfig.options; the ones read are listed in acdState.ts). */
  options?: Readonly<Record<string, string>>;
}

/** Behaviour switches where GenEM says the behaviour is switch-dependent. */
export interface SwitchProfile {
  /** How after-call work is reported: SIP Server uses EventAgentNotReady(WorkMode AfterCallWork). */
  readonly afterCallWorkEvent: 'EventAgentNotReady' | 'EventAgentAfterCallWork';
}

export const DEFAULT_PROFILE: SwitchProfile = { afterCallWorkEvent: 'EventAgentNotReady' };

export interface SimState {
  readonly profile: SwitchProfile;
  dns: Record<string, DnState>;
  calls: Record<string, Call>;
  connSeq: number;
  callSeq: number;
  /** Supervision sessions (TMonitorNextCall, see monitoring.ts). */
  supervisions?: Supervision[];
  /** Outside numbers that answer the next call with busy (party action, see outbound.ts). */
  busyNumbers?: string[];
  /** Beyond one T-Server: sites, non-DN participants and their servers' state (participants.ts); absent = one site, DNs only. */
  participants?: ParticipantsState;
  /** Some DN is an appearance of a line (appearances.ts); absent = none, which the per-request reactions skip. */
  readonly hasAppearances?: true;
}

/** One supervisor observing one agent (digest 2 §3.9, digest 3 §5.17). */
export interface Supervision {
  readonly observer: string;
  readonly agent: string;
  readonly type: 'MonitorOneCall' | 'MonitorAllCalls';
  /** MonitorMode: normal / mute / coach / connect (changed by TSetMuteOn/Off). */
  mode: string;
  readonly scope: string;
  /** The call the observer is bridged into, while it is. */
  connId?: string;
  /** Calls the observer has left: it does not join them again. */
  left?: string[];
  /** A one-call session whose agent has not yet been told that it ended. */
  cancelPending?: boolean;
}

export interface SimEvent extends Envelope {
  /** The DN (or participant) whose stream receives the event. */
  readonly dn: string;
  readonly name: string;
  readonly attributes: Record<string, AttrValue>;
}

/** Injected environment: the clock reading and how ConnIDs look. Same inputs → same outputs. */
export interface SimEnv {
  readonly now: number;
  readonly connId: (seq: number) => string;
  /** How the families offer a call, in family order: added by the step (transition.ts) for `deliver`. */
  readonly offerRules?: readonly OfferRule[];
}

export type Handler = (state: SimState, request: TRequest, env: SimEnv) => SimEvent[];

export function initialState(topology: Topology, profile: SwitchProfile = DEFAULT_PROFILE): SimState {
  const dns: Record<string, DnState> = {};
  for (const party of topology.parties) {
    if (!party.configured || party.type === 'External') continue;
    dns[party.dn] = {
      dn: party.dn, type: party.type, registered: false, dnd: false, delayAlerting: false,
      ...(party.appearanceOf ? { appearanceOf: party.appearanceOf } : {}),
      ...(party.options ? { options: party.options } : {}),
    };
  }
  const participants = participantsState(topology);
  const hasAppearances = topology.parties.some((p) => p.appearanceOf !== undefined);
  return { profile, dns, calls: {}, connSeq: 0, callSeq: 0, ...(participants ? { participants } : {}), ...(hasAppearances ? { hasAppearances } : {}) };
}

/** Internal DNs receive events; external numbers (unknown to the switch) get none (GenEM rule 1). */
export function isInternal(state: SimState, dn: string): boolean {
  return state.dns[dn] !== undefined;
}

/** The first call (in the order of `state.calls`) that `test` accepts; a loop, not Object.values: this runs per request. */
export function findCall(state: SimState, test: (call: Call) => unknown): Call | undefined {
  for (const connId in state.calls) {
    const call = state.calls[connId];
    if (call && test(call)) return call;
  }
  return undefined;
}

export function str(request: TRequest, name: string): string | undefined {
  const v = request.attributes[name];
  return v === undefined || typeof v === 'object' ? undefined : String(v);
}

export function kv(request: TRequest, name: string): KVList | undefined {
  const v = request.attributes[name];
  return typeof v === 'object' ? v : undefined;
}

/**
 * A deep copy of the state, so that handlers can mutate it and `transition` stays pure. The state
 * is plain data (objects, arrays, strings, numbers, booleans), which this copies several times
 * faster than `structuredClone` (~140 µs for a 40-DN state here, the simulator's top cost under
 * load: bench/RESULTS.md). Like `structuredClone`, an object reachable twice (a site's DN shared
 * with the main state, iscc.ts) is copied once and stays shared. Anything else in the state is a
 * programming error and throws.
 */
export function cloneState<T>(value: T): T {
  return copy(value, new Map()) as T;
}

function copy(value: unknown, seen: Map<object, unknown>): unknown {
  if (typeof value !== 'object' || value === null) {
    if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') throw new TypeError(`simulator state holds a ${typeof value}`);
    return value;
  }
  const done = seen.get(value);
  if (done !== undefined) return done;
  if (Array.isArray(value)) {
    const out: unknown[] = new Array<unknown>(value.length);
    seen.set(value, out);
    for (let i = 0; i < value.length; i += 1) out[i] = copy(value[i], seen);
    return out;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) throw new TypeError(`simulator state holds a ${value.constructor.name}`);
  const out: Record<string, unknown> = {};
  seen.set(value, out);
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i += 1) {
    const key = keys[i] as string;
    out[key] = copy((value as Record<string, unknown>)[key], seen);
  }
  return out;
}
