/**
 * What a Workspace API server shows one agent's session of the T-Library events of its DN: the
 * calls of the DN as Workspace call objects (state Dialing / Ringing / Established / Held /
 * Released, participants, user data) and the DN's agent state. One projection per session.
 *
 * Events that change nothing a Workspace call or DN carries (EventQueued, EventDiverted,
 * EventNetworkReached, EventRegistered…) are not shown, as on a real Genesys Web Services: the
 * caller counts them (`unshown`) so the facade can say what it left out.
 */
import type { AttrValue } from '../../../model/event';
import { isKVList, type KVList } from '../../../model/kvlist';
import { normaliseEnum } from '../../../model/enums';
import type { SimEvent } from '../../../simulator/state';
import { toKvpairs, type AgentStateName, type CallStateName, type Participant, type VoiceMessage, type WorkspaceCall, type WorkspaceDn } from '../wire';

interface CallRecord {
  id: string;
  previousConnId?: string;
  parentConnId?: string;
  callType?: string;
  state: CallStateName;
  participants: Participant[];
  userData: KVList;
}

const text = (v: AttrValue | undefined): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

/** `Destination` → `RoleDestination` (the Workspace API writes the T-Library enum name). */
function roleName(v: AttrValue | undefined): string | undefined {
  const raw = text(v);
  if (raw === undefined) return undefined;
  const value = normaliseEnum('DNRole', raw);
  return value ? `Role${value.name}` : raw;
}

function callTypeName(v: AttrValue | undefined): string | undefined {
  const raw = text(v);
  if (raw === undefined) return undefined;
  return normaliseEnum('CallType', raw)?.name ?? raw;
}

function workModeName(v: AttrValue | undefined): string | undefined {
  const raw = text(v);
  if (raw === undefined) return undefined;
  return normaliseEnum('AgentWorkMode', raw)?.name ?? raw;
}

/** `{ [key]: value }` when there is a value, `{}` otherwise (optional fields stay absent). */
function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value ? ({ [key]: value } as Partial<Record<K, string>>) : {};
}

/** Capabilities per state, as the agent-api-simulator's data/voice/capabilities.yaml lists them. */
const CAPABILITIES: Readonly<Record<CallStateName, readonly string[]>> = {
  Dialing: ['release', 'clear', 'attach-user-data', 'update-user-data', 'delete-user-data-pair', 'send-dtmf'],
  Ringing: ['answer', 'clear', 'redirect', 'attach-user-data', 'update-user-data', 'delete-user-data-pair'],
  Established: ['release', 'hold', 'clear', 'attach-user-data', 'update-user-data', 'delete-user-data-pair', 'send-dtmf', 'initiate-conference', 'initiate-transfer', 'single-step-conference', 'single-step-transfer'],
  Held: ['retrieve', 'release', 'clear', 'attach-user-data', 'update-user-data', 'delete-user-data-pair'],
  Released: ['complete', 'attach-user-data', 'update-user-data', 'delete-user-data-pair'],
};

export class DnProjection {
  private readonly calls = new Map<string, CallRecord>();
  private dn: WorkspaceDn;
  /** Events of this DN that the Workspace API does not show, by name. */
  readonly unshown = new Map<string, number>();

  /** `membersOf`: who is on a call now, for the view of a conference member (whose events name no OtherDN). */
  constructor(readonly number: string, agentId: string | undefined, private readonly membersOf: (connId: string) => readonly string[] = () => []) {
    this.dn = { number, ...(agentId ? { agentId } : {}), agentState: 'LoggedOut', dnd: false };
  }

  get dnState(): WorkspaceDn {
    return this.dn;
  }

  /** The messages this session receives for one event of its DN (none when the API does not show it). */
  project(event: SimEvent): VoiceMessage[] {
    const handler = this.handlers[event.name];
    if (handler) return handler(event.attributes);
    this.unshown.set(event.name, (this.unshown.get(event.name) ?? 0) + 1);
    return [];
  }

  private readonly handlers: Readonly<Record<string, (a: Record<string, AttrValue>) => VoiceMessage[]>> = {
    EventDialing: (a) => this.newCall(a, 'Dialing'),
    EventRinging: (a) => this.newCall(a, 'Ringing'),
    EventEstablished: (a) => this.update(a, 'Established'),
    EventRetrieved: (a) => this.update(a, 'Established'),
    EventHeld: (a) => this.update(a, 'Held'),
    EventReleased: (a) => this.release(a),
    EventAbandoned: (a) => this.release(a),
    EventPartyChanged: (a) => this.partyChanged(a),
    EventPartyAdded: (a) => this.participants(a, 'added'),
    EventPartyDeleted: (a) => this.participants(a, 'deleted'),
    EventAttachedDataChanged: (a) => this.userData(a),
    EventAgentLogin: (a) => this.agent({ agentState: 'LoggedIn' }, a),
    EventAgentLogout: (a) => this.agent({ agentState: 'LoggedOut' }, a),
    EventAgentReady: (a) => this.agent({ agentState: 'Ready' }, a),
    EventAgentNotReady: (a) => this.agent({ agentState: 'NotReady' }, a),
    EventDNDOn: () => this.dnChange({ dnd: true }),
    EventDNDOff: () => this.dnChange({ dnd: false }),
    EventForwardSet: (a) => this.dnChange({ forwardTo: text(a.ForwardTo) ?? text(a.OtherDN) ?? '' }),
    EventForwardCancel: () => this.dnChange({ forwardTo: undefined }),
    EventError: (a) => [{ messageType: 'EventError', error: { errorCode: typeof a.ErrorCode === 'number' ? a.ErrorCode : text(a.ErrorCode) ?? 0, errorMessage: text(a.ErrorMessage) ?? '' } }],
  };

  /** The calls of the session now (a late subscriber's view). */
  currentCalls(): WorkspaceCall[] {
    return [...this.calls.values()].map((c) => this.view(c));
  }

  private newCall(a: Record<string, AttrValue>, state: CallStateName): VoiceMessage[] {
    const id = text(a.ConnID);
    if (!id) return this.unshownEvent(state === 'Dialing' ? 'EventDialing' : 'EventRinging');
    const other = text(a.OtherDN);
    const role = roleName(a.OtherDNRole);
    const parent = text(a.PreviousConnID);
    const record: CallRecord = {
      id, state,
      // A consultation (TInitiateTransfer/Conference) names the main call: Workspace's parentConnId.
      ...(parent && parent !== id ? { parentConnId: parent } : {}),
      ...optional('callType', callTypeName(a.CallType)),
      participants: other ? [{ number: other, ...(role ? { role } : {}) }] : [],
      userData: isKVList(a.UserData) ? a.UserData : [],
    };
    this.calls.set(id, record);
    return [this.message(record, 'StateChange')];
  }

  private update(a: Record<string, AttrValue>, state: CallStateName): VoiceMessage[] {
    const record = this.record(a);
    if (!record) return this.unshownEvent(state === 'Held' ? 'EventHeld' : 'EventEstablished');
    record.state = state;
    this.otherParty(record, a);
    if (isKVList(a.UserData)) record.userData = a.UserData;
    return [this.message(record, 'StateChange')];
  }

  private release(a: Record<string, AttrValue>): VoiceMessage[] {
    const record = this.record(a);
    if (!record) return this.unshownEvent('EventReleased');
    record.state = 'Released';
    this.calls.delete(record.id);
    return [this.message(record, 'StateChange')];
  }

  /** The call got a new ConnID (PreviousConnID is the old one), or its other party changed. */
  private partyChanged(a: Record<string, AttrValue>): VoiceMessage[] {
    const id = text(a.ConnID);
    const previous = text(a.PreviousConnID);
    const record = (previous ? this.calls.get(previous) : undefined) ?? (id ? this.calls.get(id) : undefined);
    if (!record || !id) return this.unshownEvent('EventPartyChanged');
    if (record.id !== id) {
      this.calls.delete(record.id);
      record.previousConnId = record.id;
      record.id = id;
      this.calls.set(id, record);
    }
    const callType = callTypeName(a.CallType);
    if (callType) record.callType = callType;
    const other = text(a.OtherDN);
    if (other) this.otherParty(record, a);
    else {
      // A conference member's view (GenEM: no OtherDN): the parties of the call it joined, all of
      // them (who is on it now), or at least the party that conferenced it in (ThirdPartyDN).
      const members = this.membersOf(record.id).filter((n) => n !== this.number);
      const third = text(a.ThirdPartyDN);
      if (third && third !== this.number && !members.includes(third)) members.push(third);
      if (members.length) record.participants = members.map((number) => ({ number, role: 'RoleConferenceMember' }));
    }
    if (isKVList(a.UserData)) record.userData = a.UserData;
    return [this.message(record, 'StateChange')];
  }

  /**
   * A party added to or deleted from the call: the Workspace API shows the call's parties, which
   * the facade takes from who is on the call now (the switch's events so far). OtherDN names the
   * party added or deleted, when the event names one; ThirdPartyDN is who added or deleted it.
   */
  private participants(a: Record<string, AttrValue>, change: 'added' | 'deleted'): VoiceMessage[] {
    const record = this.record(a);
    if (!record) return this.unshownEvent(change === 'added' ? 'EventPartyAdded' : 'EventPartyDeleted');
    const named = text(a.OtherDN);
    const members = new Set(this.membersOf(record.id));
    if (named && change === 'added') members.add(named);
    if (named && change === 'deleted') members.delete(named);
    members.delete(this.number);
    // In a conference every party is a conference member (the former other party too).
    const role = members.size > 1 ? 'RoleConferenceMember' : undefined;
    record.participants = [...members].map((number) => ({ number, ...(role ? { role } : optional('role', record.participants.find((p) => p.number === number)?.role)) }));
    return [this.message(record, 'ParticipantsUpdated')];
  }

  private userData(a: Record<string, AttrValue>): VoiceMessage[] {
    const record = this.record(a);
    if (!record) return this.unshownEvent('EventAttachedDataChanged');
    // T-Server sends the call's whole data after a change (GenEM: UserData of EventAttachedDataChanged).
    if (isKVList(a.UserData)) record.userData = a.UserData;
    return [this.message(record, 'AttachedDataChanged')];
  }

  private otherParty(record: CallRecord, a: Record<string, AttrValue>): void {
    const other = text(a.OtherDN);
    if (!other) {
      // GenEM: a conference member's events name no OtherDN; its call's parties are everyone else on it.
      const others = this.membersOf(record.id).filter((n) => n !== this.number);
      if (others.length > 1) record.participants = others.map((number) => ({ number, role: 'RoleConferenceMember' }));
      return;
    }
    const role = roleName(a.OtherDNRole) ?? record.participants.find((p) => p.number === other)?.role;
    record.participants = [{ number: other, ...(role ? { role } : {}) }];
  }

  private agent(change: { agentState: AgentStateName }, a: Record<string, AttrValue>): VoiceMessage[] {
    const { number, dnd, forwardTo } = this.dn;
    // The work mode is the one this report gives (a new state has no old work mode).
    this.dn = { number, ...optional('agentId', text(a.AgentID) ?? this.dn.agentId), ...change, ...optional('agentWorkMode', workModeName(a.AgentWorkMode)), dnd, ...optional('forwardTo', forwardTo) };
    return [{ messageType: 'DnStateChanged', dn: this.dn }];
  }

  private dnChange(change: Partial<Pick<WorkspaceDn, 'dnd' | 'forwardTo'>>): VoiceMessage[] {
    const { number, agentId, agentState, agentWorkMode } = this.dn;
    const forwardTo = 'forwardTo' in change ? change.forwardTo : this.dn.forwardTo;
    this.dn = { number, ...optional('agentId', agentId), agentState, ...optional('agentWorkMode', agentWorkMode), dnd: change.dnd ?? this.dn.dnd, ...optional('forwardTo', forwardTo) };
    return [{ messageType: 'DnStateChanged', dn: this.dn }];
  }

  private record(a: Record<string, AttrValue>): CallRecord | undefined {
    const id = text(a.ConnID);
    return id ? this.calls.get(id) : undefined;
  }

  private unshownEvent(name: string): VoiceMessage[] {
    this.unshown.set(`${name} (unknown call)`, (this.unshown.get(`${name} (unknown call)`) ?? 0) + 1);
    return [];
  }

  private message(record: CallRecord, notificationType: 'StateChange' | 'AttachedDataChanged' | 'ParticipantsUpdated'): VoiceMessage {
    return { messageType: 'CallStateChanged', notificationType, call: this.view(record) };
  }

  private view(record: CallRecord): WorkspaceCall {
    const first = record.participants[0]?.number;
    const origin = record.participants[0]?.role === 'RoleOrigination';
    return {
      type: 'Call',
      id: record.id,
      connId: record.id,
      callUuid: record.id,
      ...(record.previousConnId ? { previousConnId: record.previousConnId } : {}),
      ...(record.parentConnId ? { parentConnId: record.parentConnId } : {}),
      ...(record.callType ? { callType: record.callType } : {}),
      state: record.state,
      participants: record.participants.map((p) => ({ ...p })),
      ...(first ? (origin ? { ani: first, dnis: this.number } : { ani: this.number, dnis: first }) : {}),
      capabilities: CAPABILITIES[record.state],
      userData: toKvpairs(record.userData),
    };
  }
}
