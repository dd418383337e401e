/**
 * Building blocks shared by the request-family modules: call lookup, the attribute set of a call
 * event, and EventError. Every module imports these instead of spelling events by hand.
 */
import type { AttrValue, TRequest } from '../model/event';
import { str, type Call, type Party, type SimEvent, type SimState } from './state';

/** T-Server error codes used by the simulator. GenEM's Negative-Response page lists the
 * mechanism (EventError, ErrorCode mandatory) but no code list was read, so features do not
 * assert the numbers; they are stable here so that traces are byte-stable. */
export const ERROR = {
  UnknownDN: { code: 56, message: 'Invalid DN: the DN is not configured on the switch' },
  InvalidConnID: { code: 71, message: 'Invalid ConnID: no such call on this DN' },
  InvalidState: { code: 41, message: 'Invalid state: the call is not in a state that allows the request' },
  DNBusy: { code: 50, message: 'The DN already has an active call' },
  AgentAlreadyLoggedIn: { code: 61, message: 'Another agent is logged in on this DN, or the agent is logged in elsewhere' },
  AgentNotLoggedIn: { code: 62, message: 'No agent is logged in on this DN' },
  InvalidAttribute: { code: 111, message: 'A mandatory attribute of the request is missing or invalid' },
  Unsupported: { code: 100, message: 'The request is not supported by this switch' },
} as const;

export type ErrorKind = keyof typeof ERROR;

export function errorEvent(request: TRequest, kind: ErrorKind, extra: Record<string, AttrValue> = {}): SimEvent {
  const dn = str(request, 'ThisDN') ?? '';
  const { code, message } = ERROR[kind];
  const connId = str(request, 'ConnID');
  return {
    dn,
    name: 'EventError',
    attributes: {
      ReferenceID: request.attributes.ReferenceID ?? 0,
      ErrorCode: code,
      ErrorMessage: message,
      ...(dn ? { ThisDN: dn } : {}),
      ...(connId ? { ConnID: connId } : {}),
      ...extra,
    },
  };
}

/** Thrown inside a handler to answer the request with EventError; caught by `transition`. */
export class RequestRejected extends Error {
  constructor(readonly kind: ErrorKind) {
    super(ERROR[kind].message);
  }
}

export function reject(kind: ErrorKind): never {
  throw new RequestRejected(kind);
}

export function partyOf(call: Call, dn: string): Party | undefined {
  return call.parties.find((p) => p.dn === dn);
}

/** The call named by the request's ConnID on the request's ThisDN (EventError otherwise). */
export function callOfRequest(state: SimState, request: TRequest): { call: Call; party: Party } {
  const dn = requireDn(state, request);
  const connId = str(request, 'ConnID');
  const call = connId ? state.calls[connId] : undefined;
  const party = call ? partyOf(call, dn) : undefined;
  if (!call || !party) reject('InvalidConnID');
  return { call, party };
}

/** The request's ThisDN, which must be configured on the switch. */
export function requireDn(state: SimState, request: TRequest): string {
  const dn = str(request, 'ThisDN');
  if (!dn || !state.dns[dn]) reject('UnknownDN');
  return dn;
}

/**
 * The single other party of a two-party view; undefined in a conference (GenEM complex party).
 * Supervisor legs and the other appearances of one's own line are not "real" parties (digest 3 §6):
 * a supervisor sees the observed agent's other party, and the appearances of a line that another
 * party sees alerting are reported as the line itself.
 */
export function otherParty(call: Call, dn: string): Party | undefined {
  const others = call.parties.filter((p) => p.dn !== dn);
  if (others.length === 1) return others[0];
  const me = partyOf(call, dn);
  if (me?.observes && me.observes !== dn) return otherParty(call, me.observes);
  const real = others.filter((p) => p.role !== 'Observer' && !(me?.line && p.line === me.line));
  if (real.length === 1) return real[0];
  const line = real[0]?.line;
  if (line && real.every((p) => p.line === line)) return real.find((p) => p.dn === line) ?? { ...(real[0] as Party), dn: line };
  return undefined;
}

/**
 * The attributes every call event carries for `party`: ConnID, CallID, CallType, ThisDN,
 * ThisDNRole, ThisQueue (ACD calls only), OtherDN/OtherDNRole when exactly one other party exists.
 */
export function callAttributes(call: Call, party: Party, extra: Record<string, AttrValue> = {}): Record<string, AttrValue> {
  const other = otherParty(call, party.dn);
  return {
    ConnID: call.connId,
    CallID: call.callId,
    CallType: call.callType,
    ThisDN: party.dn,
    ThisDNRole: party.role,
    ...(party.queue ? { ThisQueue: party.queue } : {}),
    ...(other ? { OtherDN: other.dn, OtherDNRole: other.role } : {}),
    // GenEM (digest 1 S4/S5): PreviousConnID must be present whenever CallType is Consult.
    ...(call.consultOf ? { PreviousConnID: call.consultOf } : {}),
    ...extra,
  };
}

export function callEvent(call: Call, party: Party, name: string, extra: Record<string, AttrValue> = {}): SimEvent {
  return { dn: party.dn, name, attributes: callAttributes(call, party, extra) };
}

/** Events for every internal party except `exceptDn` (external parties get none, GenEM rule 1). */
export function toInternalParties(state: SimState, call: Call, make: (p: Party) => SimEvent | undefined, exceptDn?: string): SimEvent[] {
  return call.parties
    .filter((p) => p.dn !== exceptDn && state.dns[p.dn] !== undefined)
    .map(make)
    .filter((e): e is SimEvent => e !== undefined);
}

export function referenceOf(request: TRequest): Record<string, AttrValue> {
  const ref = request.attributes.ReferenceID;
  return ref === undefined ? {} : { ReferenceID: ref };
}

export function newCall(state: SimState, connId: (seq: number) => string, callType: string): Call {
  state.connSeq += 1;
  state.callSeq += 1;
  const call: Call = { connId: connId(state.connSeq), callId: String(state.callSeq), callType, parties: [], userData: [] };
  state.calls[call.connId] = call;
  return call;
}
