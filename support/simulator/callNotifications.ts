/**
 * T-Library call-based notifications (GenEM T-Library Call-Based Notifications, digest 1 §3.9,
 * §2.3; attributes digest §2.6, §3.20): a call-monitoring client is told about calls, not DNs.
 *
 * - EventCallCreated / EventCallDataChanged / EventCallDeleted are the only three call
 *   notifications (READ). CallUUID never changes; a consultation carries OrigCallUUID (READ); a call
 *   merged into another is deleted with RefCallUUID (READ).
 * - Party level: EventCallPartyAdded / State / Moved / Deleted with PartyUUID, DN and the packed
 *   PartyState (names READ; which attribute goes where is INFERRED, attributes digest §3.20). The
 *   caller is added as Initiated and then becomes Connected+Dialing, as in the SCA example (READ).
 *
 * A reaction, not a request family: it watches every request's outcome and reports the call
 * changes to each declared call-monitoring client. Without such a client it does nothing.
 */
import type { AttrValue, TRequest } from '../model/event';
import { participantsOf, toParticipant } from './participants';
import { str, type Call, type Party, type SimEvent, type SimState } from './state';
import type { Family } from './transition';

/** Packed TPartyState values (digest 1 §2.1): GTS group plus the Dialing modifier. */
export const PARTY_STATE = { Initiated: 0x1, Alerting: 0xa, Busy: 0xb, Connected: 0xc, Held: 0xe, ConnectedDialing: 0x1000c } as const;

interface TrackedParty { readonly uuid: string; state: number }
interface TrackedCall { readonly uuid: string; readonly connId: string; userData: string; parties: Record<string, TrackedParty> }

export interface CallMonitorState {
  seq: number;
  calls: Record<string, TrackedCall>;
}

const STATE_OF: Readonly<Record<Party['status'], number>> = {
  Dialing: PARTY_STATE.ConnectedDialing, Ringing: PARTY_STATE.Alerting, Established: PARTY_STATE.Connected,
  Held: PARTY_STATE.Held, Busy: PARTY_STATE.Busy,
};

type Emit = (name: string, attributes: Record<string, AttrValue>) => void;

/** Reaction: the call-based notifications of this request's outcome, after its DN events. */
export function callNotifications(state: SimState, request: TRequest, events: readonly SimEvent[]): SimEvent[] {
  const monitors = participantsOf(state, 'call-monitor');
  const beyond = state.participants;
  if (monitors.length === 0 || !beyond) return [...events];
  const monitor = (beyond.callMonitor ??= { seq: 0, calls: {} });
  const out: SimEvent[] = [...events];
  const emit: Emit = (name, attributes) => {
    for (const m of monitors) out.push(toParticipant(m.id, name, 'T-Library', m.server, attributes));
  };
  const ctrl = str(request, 'ThisDN');
  const gone = Object.values(monitor.calls).filter((t) => !state.calls[t.connId]);
  const moved = new Map<string, { from: TrackedCall; party: TrackedParty }>();
  for (const t of gone) for (const [dn, party] of Object.entries(t.parties)) moved.set(dn, { from: t, party });
  const into = new Map<TrackedCall, string>();
  for (const call of Object.values(state.calls)) report(monitor, call, moved, into, emit, ctrl);
  for (const t of gone) {
    for (const [dn, party] of Object.entries(t.parties)) {
      if (moved.has(dn)) emit('EventCallPartyDeleted', { CallUUID: t.uuid, ConnID: t.connId, PartyUUID: party.uuid, DN: dn, ...ctrlOf(ctrl) });
    }
    const ref = into.get(t);
    emit('EventCallDeleted', { CallUUID: t.uuid, ConnID: t.connId, ...(ref ? { RefCallUUID: ref } : {}), ...ctrlOf(ctrl) });
    Reflect.deleteProperty(monitor.calls, t.connId);
  }
  return out;
}

const ctrlOf = (ctrl: string | undefined): Record<string, AttrValue> => (ctrl ? { CtrlParty: ctrl } : {});

function report(
  monitor: CallMonitorState, call: Call, moved: Map<string, { from: TrackedCall; party: TrackedParty }>,
  into: Map<TrackedCall, string>, emit: Emit, ctrl: string | undefined,
): void {
  let tracked = monitor.calls[call.connId];
  if (!tracked) {
    monitor.seq += 1;
    tracked = { uuid: uuid('C', monitor.seq), connId: call.connId, userData: JSON.stringify(call.userData), parties: {} };
    monitor.calls[call.connId] = tracked;
    const orig = call.consultOf ? monitor.calls[call.consultOf]?.uuid : undefined;
    emit('EventCallCreated', {
      CallUUID: tracked.uuid, ConnID: call.connId, CallType: call.callType, CallID: call.callId,
      ...(orig ? { OrigCallUUID: orig } : {}), ...(call.userData.length ? { UserData: call.userData } : {}),
    });
  } else if (tracked.userData !== JSON.stringify(call.userData)) {
    tracked.userData = JSON.stringify(call.userData);
    emit('EventCallDataChanged', { CallUUID: tracked.uuid, ConnID: call.connId, UserData: call.userData });
  }
  const base = { CallUUID: tracked.uuid, ConnID: call.connId };
  for (const party of call.parties) {
    const now = STATE_OF[party.status];
    const known = tracked.parties[party.dn];
    if (known) {
      if (known.state !== now) emit('EventCallPartyState', { ...base, PartyUUID: known.uuid, DN: party.dn, PartyState: now });
      known.state = now;
      continue;
    }
    const from = moved.get(party.dn);
    if (from) {
      moved.delete(party.dn);
      into.set(from.from, tracked.uuid);
      tracked.parties[party.dn] = { uuid: from.party.uuid, state: now };
      emit('EventCallPartyMoved', { CallUUID: from.from.uuid, NewCallUUID: tracked.uuid, ConnID: call.connId, PartyUUID: from.party.uuid, DN: party.dn, PartyState: now });
      continue;
    }
    monitor.seq += 1;
    const added = { uuid: uuid('P', monitor.seq), state: now };
    tracked.parties[party.dn] = added;
    // The SCA example (digest 1 §3.8): a dialing party is added as Initiated, then reported Connected+Dialing.
    const first = now === PARTY_STATE.ConnectedDialing ? PARTY_STATE.Initiated : now;
    emit('EventCallPartyAdded', { ...base, PartyUUID: added.uuid, DN: party.dn, PartyState: first });
    if (first !== now) emit('EventCallPartyState', { ...base, PartyUUID: added.uuid, DN: party.dn, PartyState: now });
  }
  for (const [dn, party] of Object.entries(tracked.parties)) {
    if (call.parties.some((p) => p.dn === dn)) continue;
    Reflect.deleteProperty(tracked.parties, dn);
    emit('EventCallPartyDeleted', { ...base, PartyUUID: party.uuid, DN: dn, ...ctrlOf(ctrl) });
  }
}

/** Deterministic UUID-looking identifiers (same requests → same trace). */
function uuid(kind: 'C' | 'P', seq: number): string {
  return `${kind === 'C' ? '0c' : '0p'}${seq.toString(16).padStart(30, '0')}`.toUpperCase();
}

export const callNotificationsFamily: Family = { handlers: {}, reactions: [callNotifications], capabilities: ['call-monitoring'] };
