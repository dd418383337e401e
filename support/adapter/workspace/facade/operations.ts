/**
 * Workspace API voice operations (REST, `POST /workspace/v3/voice/...`, bodies as
 * `genesys-workspace-client-js` 9.0.1 sends them) → the T-Library request a Genesys Web Services
 * server sends to T-Server for them. Pure: the session supplies its DN, agent and queue.
 */
import type { AttrValue, TRequest } from '../../../model/event';
import { fromKvpairs } from '../wire';

export interface SessionView {
  readonly dn: string;
  readonly agentId?: string;
  readonly queue?: string;
}

/** A request the body does not allow: answered with HTTP 400 and this message. */
export class BadOperation extends Error {}

type Body = Readonly<Record<string, unknown>>;

function dataOf(body: Body): Body {
  const data = body.data;
  return typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Body) : {};
}

function field(data: Body, name: string, operation: string): string {
  const value = data[name];
  if (typeof value !== 'string' || value.length === 0) throw new BadOperation(`${operation}: data.${name} is required`);
  return value;
}

function userData(data: Body, operation: string, required: boolean): Record<string, AttrValue> {
  if (data.userData === undefined && !required) return {};
  const list = fromKvpairs(data.userData);
  if (!list) throw new BadOperation(`${operation}: data.userData must be a list of {key, type, value}`);
  return { UserData: list };
}

type Build = (data: Body, self: { readonly ThisDN: string }, connId: string, op: string) => TRequest;

const onCall = (name: string, extra?: (data: Body, op: string) => Record<string, AttrValue>): Build =>
  (data, self, connId, op) => ({ name, attributes: { ...self, ConnID: connId, ...(extra ? extra(data, op) : {}) } });
const destination = (data: Body, op: string): Record<string, AttrValue> => ({ OtherDN: field(data, 'destination', op), ...userData(data, op, false) });
/** The consultation is the call of the path; the held (main) call is parentConnId (T-Library: ConnID held, TransferConnID consult). */
const completing = (name: string): Build => (data, self, connId, op) => ({ name, attributes: { ...self, ConnID: field(data, 'parentConnId', op), TransferConnID: connId } });

const CALL_OPERATIONS: Readonly<Record<string, Build>> = {
  answer: onCall('RequestAnswerCall'),
  hold: onCall('RequestHoldCall'),
  retrieve: onCall('RequestRetrieveCall'),
  release: onCall('RequestReleaseCall'),
  clear: onCall('RequestClearCall'),
  redirect: onCall('RequestRedirectCall', (data, op) => ({ OtherDN: field(data, 'destination', op) })),
  'initiate-transfer': onCall('RequestInitiateTransfer', destination),
  'initiate-conference': onCall('RequestInitiateConference', destination),
  'complete-transfer': completing('RequestCompleteTransfer'),
  'complete-conference': completing('RequestCompleteConference'),
  'single-step-transfer': onCall('RequestSingleStepTransfer', destination),
  'single-step-conference': onCall('RequestSingleStepConference', destination),
  'delete-from-conference': onCall('RequestDeleteFromConference', (data, op) => ({ OtherDN: field(data, 'dnToDrop', op) })),
  alternate: onCall('RequestAlternateCall', (data, op) => ({ PreviousConnID: field(data, 'heldConnId', op) })),
  reconnect: onCall('RequestReconnectCall', (data, op) => ({ PreviousConnID: field(data, 'heldConnId', op) })),
  merge: (data, self, connId, op) => ({ name: 'RequestMergeCalls', attributes: { ...self, ConnID: field(data, 'otherConnId', op), TransferConnID: connId } }),
  'attach-user-data': onCall('RequestAttachUserData', (data, op) => userData(data, op, true)),
  'update-user-data': onCall('RequestUpdateUserData', (data, op) => userData(data, op, true)),
  'delete-user-data-pair': onCall('RequestDeletePair', (data, op) => ({ Key: field(data, 'key', op) })),
  'send-dtmf': onCall('RequestSendDTMF', (data, op) => ({ DTMFDigits: field(data, 'dtmfDigits', op) })),
};

type DnBuild = (body: Body, session: SessionView) => TRequest;

const agentOf = (session: SessionView): Record<string, AttrValue> => (session.agentId ? { AgentID: session.agentId } : {});

const DN_OPERATIONS: Readonly<Record<string, DnBuild>> = {
  'make-call': (body, s) => ({ name: 'RequestMakeCall', attributes: { ThisDN: s.dn, ...destination(dataOf(body), 'make-call') } }),
  ready: (_, s) => ({ name: 'RequestAgentReady', attributes: { ThisDN: s.dn, ...agentOf(s) } }),
  'not-ready': (body, s) => {
    // The client sends {data: {agentWorkMode}, reasonCode} (VoiceApi.notReady).
    const mode = dataOf(body).agentWorkMode;
    return { name: 'RequestAgentNotReady', attributes: { ThisDN: s.dn, ...agentOf(s), ...(typeof mode === 'string' ? { AgentWorkMode: mode } : {}) } };
  },
  'dnd-on': (_, s) => ({ name: 'RequestSetDNDOn', attributes: { ThisDN: s.dn } }),
  'dnd-off': (_, s) => ({ name: 'RequestSetDNDOff', attributes: { ThisDN: s.dn } }),
  login: (_, s) => ({ name: 'RequestAgentLogin', attributes: { ThisDN: s.dn, ...agentOf(s), ...(s.queue ? { ThisQueue: s.queue } : {}) } }),
  logout: (_, s) => ({ name: 'RequestAgentLogout', attributes: { ThisDN: s.dn, ...agentOf(s) } }),
  'set-forward': (body, s) => ({ name: 'RequestCallForwardSet', attributes: { ThisDN: s.dn, OtherDN: field(dataOf(body), 'forwardTo', 'set-forward'), ForwardMode: 'Unconditional' } }),
  'cancel-forward': (_, s) => ({ name: 'RequestCallForwardCancel', attributes: { ThisDN: s.dn, ForwardMode: 'Unconditional' } }),
};

/** `voice/<op>` (no call) and `voice/calls/<id>/<op>` → the T-Library request, or undefined for an unknown operation. */
export function voiceRequest(path: readonly string[], body: Body, session: SessionView): TRequest | undefined {
  if (path[0] === 'calls' && path.length === 3) {
    const build = CALL_OPERATIONS[path[2] ?? ''];
    return build?.(dataOf(body), { ThisDN: session.dn }, decodeURIComponent(path[1] ?? ''), path[2] ?? '');
  }
  if (path.length !== 1) return undefined;
  return DN_OPERATIONS[path[0] ?? '']?.(body, session);
}
