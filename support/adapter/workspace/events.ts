/**
 * One agent session's Workspace notifications → the T-Library events of its DN, from the changes
 * the notifications show (never from anything but the Workspace API's own fields):
 *
 * - a new call in state Dialing / Ringing → EventDialing / EventRinging;
 * - Dialing or Ringing → Established: EventEstablished; Established → Held: EventHeld;
 *   Held → Established: EventRetrieved; → Released: EventReleased;
 * - a new ConnID (the client reports `previousConnId`), or the other party replaced → EventPartyChanged;
 *   a consultation's first event names its main call (`parentConnId`) in PreviousConnID;
 * - participants added / removed → EventPartyAdded / EventPartyDeleted;
 * - `notificationType: AttachedDataChanged` → EventAttachedDataChanged;
 * - DnStateChanged: agent state LoggedIn / LoggedOut / Ready / NotReady → EventAgentLogin / …Logout /
 *   …Ready / …NotReady, `dnd` → EventDNDOn/Off, `forwardTo` → EventForwardSet/Cancel;
 * - EventError → EventError.
 *
 * Attributes: ThisDN (the session's DN), ConnID, PreviousConnID, CallType, OtherDN and OtherDNRole
 * (when the call has exactly one other party), UserData, AgentID, AgentWorkMode, ErrorCode,
 * ErrorMessage. A notification of a shape the adapter cannot read is a problem (the scenario is
 * broken); a well-formed one that shows no change it can name is passed on under the name
 * `WorkspaceUnmapped` (listed as unknown, and unexpected if it arrives after the stimulus).
 */
import type { AttrValue } from '../../model/event';
import { normaliseEnum } from '../../model/enums';
import type { RawEvent } from '../contract';
import type { VoiceNotification } from './hostProtocol';
import type { KVList } from '../../model/kvlist';
import { AGENT_STATES, CALL_STATES, fromKvpairs, type AgentStateName, type CallStateName } from './wire';

export const UNMAPPED = 'WorkspaceUnmapped';

export interface Mapped {
  readonly events: RawEvent[];
  /** The notification could not be read: the adapter reports the scenario broken with this. */
  readonly problem?: string;
}

interface KnownCall {
  readonly state: CallStateName;
  readonly others: readonly string[];
}

interface DnView {
  readonly agentState: AgentStateName;
  readonly dnd: boolean;
  readonly forwardTo: string | undefined;
}

type Json = Readonly<Record<string, unknown>>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const excerpt = (v: unknown): string => JSON.stringify(v)?.slice(0, 300) ?? String(v);

/** Call state transitions and the event each means. */
const TRANSITIONS: Readonly<Record<string, string>> = {
  'Dialing>Established': 'EventEstablished',
  'Ringing>Established': 'EventEstablished',
  'Established>Held': 'EventHeld',
  'Held>Established': 'EventRetrieved',
  'Dialing>Released': 'EventReleased',
  'Ringing>Released': 'EventReleased',
  'Established>Released': 'EventReleased',
  'Held>Released': 'EventReleased',
};

const AGENT_EVENTS: Readonly<Record<AgentStateName, string>> = {
  LoggedIn: 'EventAgentLogin', LoggedOut: 'EventAgentLogout', Ready: 'EventAgentReady', NotReady: 'EventAgentNotReady',
};

export class DnEvents {
  private readonly calls = new Map<string, KnownCall>();
  private dn: DnView | undefined;

  constructor(readonly number: string, private readonly origin: string) {}

  /** The DN's agent state as last reported (undefined before the first DnStateChanged). */
  get agentState(): AgentStateName | undefined {
    return this.dn?.agentState;
  }

  map(n: VoiceNotification): Mapped {
    const raw = n.raw;
    const origin = `${this.origin} voice message ${n.seq}`;
    if (!isObject(raw) || typeof raw.messageType !== 'string') return { events: [], problem: `${origin} is not a Workspace voice notification: ${excerpt(raw)}` };
    switch (raw.messageType) {
      case 'CallStateChanged': return this.callStateChanged(n, origin);
      case 'DnStateChanged': return this.dnStateChanged(n, origin);
      case 'EventError': return this.error(raw, origin);
      default: return { events: [], problem: `${origin} has messageType "${raw.messageType}", which the adapter cannot map: ${excerpt(raw)}` };
    }
  }

  private callStateChanged(n: VoiceNotification, origin: string): Mapped {
    const read = readCall(n, origin);
    if ('problem' in read) return { events: [], problem: read.problem };
    return this.callChanged(read, origin);
  }

  /**
   * A call as the agent's session now shows it, read from whichever API's notification carried it
   * (the Workspace API here; GWS API v2 in a desktop's console log, support/trace/consoleLog.ts):
   * the events the change from the call's last view means.
   */
  callChanged(read: CallChange, origin: string): Mapped {
    const { id, state, others, participants, userData, previous, callType, parentConnId, notificationType } = read;
    // A consultation names its main call in parentConnId (T-Library: PreviousConnID of the consultation's first events).
    const parent = !previous && !this.calls.has(id) ? parentConnId : undefined;
    const linked = previous ?? parent;
    const names = this.callEvents(id, previous, state, others, notificationType);
    // A change of the call's data carries its whole current set, empty after the last key was deleted.
    const dataChanged = names.includes('EventAttachedDataChanged');
    const attributes: Record<string, AttrValue> = {
      ThisDN: this.number, ConnID: id,
      ...(linked ? { PreviousConnID: linked } : {}),
      ...enumAttribute('CallType', callType),
      ...(participants.length === 1 && participants[0] ? otherParty(participants[0]) : {}),
      ...(userData.length || dataChanged ? { UserData: userData } : {}),
    };
    if (state === 'Released') this.calls.delete(id);
    else this.calls.set(id, { state, others });
    if (previous && previous !== id) this.calls.delete(previous);
    return { events: names.map((name) => ({ name, dn: this.number, attributes, origin })) };
  }

  /** The events one call notification means, in the order T-Server would send them. */
  private callEvents(id: string, previous: string | undefined, state: CallStateName, others: readonly string[], notificationType: unknown): string[] {
    const known = this.calls.get(previous ?? id);
    if (!known) return state === 'Dialing' ? ['EventDialing'] : state === 'Ringing' ? ['EventRinging'] : [UNMAPPED];
    const names: string[] = previous ? ['EventPartyChanged'] : known.state === state ? partyEvents(known.others, others) : [];
    if (known.state !== state) names.push(TRANSITIONS[`${known.state}>${state}`] ?? UNMAPPED);
    if (notificationType === 'AttachedDataChanged') names.push('EventAttachedDataChanged');
    return names.length ? names : [UNMAPPED];
  }

  private dnStateChanged(n: VoiceNotification, origin: string): Mapped {
    const payload = n.client?.event === 'DnStateChanged' ? n.client.payload : undefined;
    const dn = isObject(payload) ? payload.dn : undefined;
    if (!isObject(dn) || dn.number !== this.number || !AGENT_STATES.includes(dn.agentState as AgentStateName)) {
      return { events: [], problem: `${origin}: a DnStateChanged for another DN or with an agent state other than ${AGENT_STATES.join('/')}: ${excerpt(n.raw)}` };
    }
    return this.dnChanged({ agentState: dn.agentState as AgentStateName, dnd: dn.dnd === true, forwardTo: forwardOf(dn), agentId: dn.agentId, agentWorkMode: dn.agentWorkMode }, origin);
  }

  /** The DN as the agent's session now shows it (any API's notification): the events its change means; none for the first view. */
  dnChanged(view: DnChange, origin: string): Mapped {
    const next: DnView = { agentState: view.agentState, dnd: view.dnd, forwardTo: view.forwardTo };
    const before = this.dn;
    this.dn = next;
    // The first report is the DN's state when the session starts, not a change.
    if (!before) return { events: [] };
    const attributes: Record<string, AttrValue> = { ThisDN: this.number, ...(typeof view.agentId === 'string' ? { AgentID: view.agentId } : {}) };
    const event = (name: string, extra: Record<string, AttrValue> = {}): RawEvent => ({ name, dn: this.number, attributes: { ...attributes, ...extra }, origin });
    const events: RawEvent[] = [];
    if (next.dnd !== before.dnd) events.push(event(next.dnd ? 'EventDNDOn' : 'EventDNDOff'));
    if (next.forwardTo !== before.forwardTo) events.push(next.forwardTo ? event('EventForwardSet', { OtherDN: next.forwardTo }) : event('EventForwardCancel'));
    // A report that changes neither DND nor forwarding is a report of the agent's state.
    if (next.agentState !== before.agentState || events.length === 0) events.push(event(AGENT_EVENTS[next.agentState], enumAttribute('AgentWorkMode', view.agentWorkMode)));
    return { events };
  }

  private error(raw: Json, origin: string): Mapped {
    const error = raw.error;
    if (!isObject(error) || (typeof error.errorCode !== 'number' && typeof error.errorCode !== 'string')) {
      return { events: [], problem: `${origin}: an EventError without error.errorCode: ${excerpt(raw)}` };
    }
    const code = typeof error.errorCode === 'string' && /^\d+$/.test(error.errorCode) ? Number(error.errorCode) : error.errorCode;
    return { events: [{ name: 'EventError', dn: this.number, attributes: { ThisDN: this.number, ErrorCode: code, ...(typeof error.errorMessage === 'string' ? { ErrorMessage: error.errorMessage } : {}) }, origin }] };
  }
}

/** A DN's view in an agent's session: its agent state, do-not-disturb and forwarding. */
export interface DnChange {
  readonly agentState: AgentStateName;
  readonly dnd: boolean;
  readonly forwardTo: string | undefined;
  readonly agentId?: unknown;
  readonly agentWorkMode?: unknown;
}

/** A call as an agent's session shows it: `id` is its ConnID; `participants` the other parties (`number`, `role` when the API gives one). */
export interface CallChange {
  readonly id: string;
  readonly state: CallStateName;
  readonly participants: readonly Json[];
  readonly others: readonly string[];
  readonly userData: KVList;
  readonly previous?: string;
  readonly parentConnId?: string;
  readonly callType?: unknown;
  readonly notificationType?: unknown;
}

/** A CallStateChanged as the client passed it on, checked field by field; a problem says what is wrong. */
function readCall(n: VoiceNotification, origin: string): CallChange | { problem: string } {
  const payload = n.client?.event === 'CallStateChanged' ? n.client.payload : undefined;
  if (!isObject(payload)) return { problem: `${origin}: the Workspace client could not read this CallStateChanged: ${excerpt(n.raw)}` };
  const call = payload.call;
  if (!isObject(call) || typeof call.id !== 'string' || !CALL_STATES.includes(call.state as CallStateName)) {
    return { problem: `${origin}: a CallStateChanged whose call has no id or a state other than ${CALL_STATES.join('/')}: ${excerpt(n.raw)}` };
  }
  const participants = call.participants ?? [];
  if (!Array.isArray(participants) || !participants.every((p) => isObject(p) && typeof p.number === 'string')) {
    return { problem: `${origin}: participants is not a list of {number, role}: ${excerpt(call.participants)}` };
  }
  const userData = call.userData === undefined ? [] : fromKvpairs(call.userData);
  if (!userData) return { problem: `${origin}: userData is not a list of {key, type, value}: ${excerpt(call.userData)}` };
  const listed = participants as Json[];
  return {
    id: call.id, state: call.state as CallStateName, participants: listed, others: listed.map((p) => p.number as string), userData,
    ...(typeof payload.previousConnId === 'string' ? { previous: payload.previousConnId } : {}),
    ...(typeof call.parentConnId === 'string' ? { parentConnId: call.parentConnId } : {}),
    callType: call.callType, notificationType: payload.notificationType,
  };
}

/** Participants that changed while the call's state did not (a state change carries its other party in OtherDN). */
function partyEvents(before: readonly string[], now: readonly string[]): string[] {
  const added = now.filter((o) => !before.includes(o));
  const removed = before.filter((o) => !now.includes(o));
  if (added.length && removed.length) return ['EventPartyChanged'];
  if (added.length) return added.map(() => 'EventPartyAdded');
  return removed.map(() => 'EventPartyDeleted');
}

function forwardOf(dn: Json): string | undefined {
  return typeof dn.forwardTo === 'string' && dn.forwardTo !== '' ? dn.forwardTo : undefined;
}

function enumAttribute(name: 'CallType' | 'AgentWorkMode', value: unknown): Record<string, AttrValue> {
  if (typeof value !== 'string' || value === '') return {};
  return { [name]: normaliseEnum(name, value)?.name ?? value };
}

/** `RoleDestination` → `Destination`. */
function otherParty(p: Json): Record<string, AttrValue> {
  const role = typeof p.role === 'string' ? normaliseEnum('DNRole', p.role)?.name ?? p.role : undefined;
  return { OtherDN: p.number as string, ...(role ? { OtherDNRole: role } : {}) };
}
