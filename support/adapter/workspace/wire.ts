/**
 * The Genesys Workspace API (v3) as this project uses it: the shapes of the notifications on the
 * CometD channel `/workspace/v3/voice`, as `genesys-workspace-client-js` 9.0.1 reads them and as
 * Genesys's own stand-in (GenesysPureEngage/agent-api-simulator, controllers/voice.js) publishes
 * them. Shared by the facade (which writes them) and the adapter (which reads them, and checks every
 * one against these shapes: a notification of another shape is reported, never guessed at).
 */
import type { KVList, KVPair, KVValue } from '../../model/kvlist';

/** A user data pair as the Workspace API carries it: `type` is `str`, `int` or `kvlist`. */
export interface Kvpair {
  readonly key: string;
  readonly type: 'str' | 'int' | 'kvlist';
  readonly value: string | number | readonly Kvpair[];
}

export interface Participant {
  /** The other party's number (DN or outside number). */
  readonly number: string;
  /** Its T-Library role as the Workspace API names it: `RoleOrigination`, `RoleDestination`, `RoleConferenceMember`, `RoleNewParty`… */
  readonly role?: string;
}

/** The call states a Workspace call goes through (Workspace API Call.state). */
export const CALL_STATES = ['Dialing', 'Ringing', 'Established', 'Held', 'Released'] as const;
export type CallStateName = (typeof CALL_STATES)[number];

/** A call as one agent's session sees it (Workspace API model Call). */
export interface WorkspaceCall {
  readonly type: 'Call';
  readonly id: string;
  readonly connId: string;
  readonly callUuid: string;
  readonly previousConnId?: string;
  readonly parentConnId?: string;
  readonly callType?: string;
  readonly state: CallStateName;
  readonly participants: readonly Participant[];
  readonly dnis?: string;
  readonly ani?: string;
  readonly capabilities: readonly string[];
  readonly userData: readonly Kvpair[];
}

/** Agent states of a DN (Workspace API model Dn.agentState). */
export const AGENT_STATES = ['LoggedOut', 'LoggedIn', 'Ready', 'NotReady'] as const;
export type AgentStateName = (typeof AGENT_STATES)[number];

/** One agent's DN (Workspace API model Dn, with the `dnd` and `forwardTo` fields GWS adds). */
export interface WorkspaceDn {
  readonly number: string;
  readonly agentId?: string;
  readonly agentState: AgentStateName;
  readonly agentWorkMode?: string;
  readonly dnd: boolean;
  readonly forwardTo?: string;
}

export type VoiceMessage =
  | { readonly messageType: 'CallStateChanged'; readonly notificationType: 'StateChange' | 'AttachedDataChanged' | 'ParticipantsUpdated'; readonly call: WorkspaceCall }
  | { readonly messageType: 'DnStateChanged'; readonly dn: WorkspaceDn }
  | { readonly messageType: 'EventError'; readonly error: { readonly errorCode: number | string; readonly errorMessage: string } };

export const VOICE_CHANNEL = '/workspace/v3/voice';
export const INITIALIZATION_CHANNEL = '/workspace/v3/initialization';
export const SESSION_COOKIE = 'WORKSPACE_SESSIONID';
/** The facade's test-control plane (like the agent-api-simulator's `/sim/manage/...`), not part of the Workspace API. */
export const CONTROL_PREFIX = '/sim/cmc';

export function toKvpairs(list: KVList): Kvpair[] {
  return list.map((p) => toKvpair(p));
}

function toKvpair(p: KVPair): Kvpair {
  if (typeof p.value === 'object') return { key: p.key, type: 'kvlist', value: toKvpairs(p.value) };
  return { key: p.key, type: typeof p.value === 'number' ? 'int' : 'str', value: p.value };
}

/** A Workspace user data list back to a KV list; undefined when it is not one (the caller reports it). */
export function fromKvpairs(raw: unknown): KVList | undefined {
  if (!Array.isArray(raw)) return undefined;
  const out: KVPair[] = [];
  for (const item of raw as unknown[]) {
    if (typeof item !== 'object' || item === null) return undefined;
    const { key, value } = item as { key?: unknown; value?: unknown };
    if (typeof key !== 'string') return undefined;
    let v: KVValue | undefined;
    if (typeof value === 'string' || typeof value === 'number') v = value;
    else v = fromKvpairs(value);
    if (v === undefined) return undefined;
    out.push({ key, value: v });
  }
  return out;
}
