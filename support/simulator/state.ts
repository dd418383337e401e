/**
 * The reference simulator's state: DNs, agents and calls. Plain data, cloned on every transition so
 * that {@link transition} stays pure.
 */
import type { DNType, Topology } from '../adapter/contract';
import type { AttrValue, TRequest } from '../model/event';
import type { KVList } from '../model/kvlist';

export type PartyStatus = 'Dialing' | 'Ringing' | 'Established' | 'Held' | 'Busy';

export interface Party {
  readonly dn: string;
  role: string;
  status: PartyStatus;
  /** ACD queue through which the party got the call (ThisQueue), for ACD calls only. */
  queue?: string;
}

export interface Call {
  readonly connId: string;
  readonly callId: string;
  callType: string;
  parties: Party[];
  userData: KVList;
  /** A destination the network has not alerted yet (GenEM interruption point `*`). */
  pendingDestination?: string;
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
}

export interface SimEvent {
  /** The DN whose stream receives the event. */
  readonly dn: string;
  readonly name: string;
  readonly attributes: Record<string, AttrValue>;
}

/** Injected environment: the clock reading and how ConnIDs look. Same inputs → same outputs. */
export interface SimEnv {
  readonly now: number;
  readonly connId: (seq: number) => string;
}

export type Handler = (state: SimState, request: TRequest, env: SimEnv) => SimEvent[];

export function initialState(topology: Topology, profile: SwitchProfile = DEFAULT_PROFILE): SimState {
  const dns: Record<string, DnState> = {};
  for (const party of topology.parties) {
    if (!party.configured || party.type === 'External') continue;
    dns[party.dn] = { dn: party.dn, type: party.type, registered: false, dnd: false, delayAlerting: false };
  }
  return { profile, dns, calls: {}, connSeq: 0, callSeq: 0 };
}

/** Internal DNs receive events; external numbers (unknown to the switch) get none (GenEM rule 1). */
export function isInternal(state: SimState, dn: string): boolean {
  return state.dns[dn] !== undefined;
}

export function str(request: TRequest, name: string): string | undefined {
  const v = request.attributes[name];
  return v === undefined || typeof v === 'object' ? undefined : String(v);
}

export function kv(request: TRequest, name: string): KVList | undefined {
  const v = request.attributes[name];
  return typeof v === 'object' ? v : undefined;
}
