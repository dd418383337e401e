/**
 * T-Library requests → the Workspace client's voice methods (`genesys-workspace-client-js` 9.0.1,
 * VoiceApi). ThisDN picks the agent session; ReferenceID has no place in the Workspace API. An
 * attribute the method has no parameter for makes the request inexpressible (the scenario is
 * skipped with the reason, never sent half).
 */
import type { AttrValue, TRequest } from '../../model/event';
import { isKVList } from '../../model/kvlist';
import { normaliseEnum } from '../../model/enums';
import { RequestNotExpressible } from '../contract';
import { toKvpairs } from './wire';

export interface VoiceCall {
  readonly method: string;
  readonly args: readonly unknown[];
}

/** What the session knows about its agent, to tell whether a login is the one it can make. */
export interface SessionAgent {
  readonly agentId: string;
  readonly queue?: string;
}

type Attrs = Readonly<Record<string, AttrValue>>;

/** An attribute value in a message (a KV list as JSON). */
const shown = (v: AttrValue | undefined): string => (typeof v === 'object' ? JSON.stringify(v) : String(v));

interface Mapping {
  /** Attributes the method takes (besides ThisDN and ReferenceID). */
  readonly takes: readonly string[];
  readonly build: (a: Attrs, agent: SessionAgent) => VoiceCall;
}

const str = (a: Attrs, name: string): string => {
  const v = a[name];
  if (typeof v !== 'string' && typeof v !== 'number') throw new RequestNotExpressible(`${name} is missing`);
  return String(v);
};
const call = (method: string, ...names: string[]): Mapping => ({ takes: ['ConnID', ...names], build: (a) => ({ method, args: [str(a, 'ConnID'), ...names.map((n) => str(a, n))] }) });
const userData = (a: Attrs): unknown[] => {
  const list = a.UserData;
  if (list === undefined) return [];
  if (!isKVList(list)) throw new RequestNotExpressible('UserData is not a KV list');
  return [toKvpairs(list)];
};
const withData = (method: string): Mapping => ({ takes: ['ConnID', 'OtherDN', 'UserData'], build: (a) => ({ method, args: [str(a, 'ConnID'), str(a, 'OtherDN'), ...(a.UserData === undefined ? [] : [{ userData: userData(a)[0] }])] }) });
/** T-Library puts the held call in ConnID and the consultation in TransferConnID; the client wants the consultation first. */
const completing = (method: string): Mapping => ({ takes: ['ConnID', 'TransferConnID'], build: (a) => ({ method, args: [str(a, 'TransferConnID'), str(a, 'ConnID')] }) });
const dn = (method: string): Mapping => ({ takes: [], build: () => ({ method, args: [] }) });

const MAPPINGS: Readonly<Record<string, Mapping>> = {
  RequestMakeCall: { takes: ['OtherDN', 'UserData'], build: (a) => ({ method: 'makeCall', args: [str(a, 'OtherDN'), ...(a.UserData === undefined ? [] : [{ userData: userData(a)[0] }])] }) },
  RequestAnswerCall: call('answerCall'),
  RequestReleaseCall: call('releaseCall'),
  RequestHoldCall: call('holdCall'),
  RequestRetrieveCall: call('retrieveCall'),
  RequestClearCall: call('clearCall'),
  RequestRedirectCall: call('redirectCall', 'OtherDN'),
  RequestInitiateTransfer: withData('initiateTransfer'),
  RequestInitiateConference: withData('initiateConference'),
  RequestCompleteTransfer: completing('completeTransfer'),
  RequestCompleteConference: completing('completeConference'),
  RequestMergeCalls: completing('mergeCalls'),
  RequestSingleStepTransfer: withData('singleStepTransfer'),
  RequestSingleStepConference: withData('singleStepConference'),
  RequestDeleteFromConference: call('deleteFromConference', 'OtherDN'),
  // TAlternateCall and TReconnectCall: the current call in ConnID, the held one in PreviousConnID.
  RequestAlternateCall: call('alternateCalls', 'PreviousConnID'),
  RequestReconnectCall: call('reconnectCall', 'PreviousConnID'),
  RequestAttachUserData: { takes: ['ConnID', 'UserData'], build: (a) => ({ method: 'attachUserData', args: [str(a, 'ConnID'), ...userData(a)] }) },
  RequestUpdateUserData: { takes: ['ConnID', 'UserData'], build: (a) => ({ method: 'updateUserData', args: [str(a, 'ConnID'), ...userData(a)] }) },
  RequestDeletePair: call('deleteUserDataPair', 'Key'),
  RequestSendDTMF: call('sendDTMF', 'DTMFDigits'),
  RequestAgentLogin: {
    takes: ['AgentID', 'ThisQueue'],
    build: (a, agent) => {
      // The client logs in the agent and queue the session was activated with; it cannot name others.
      if (a.AgentID !== undefined && shown(a.AgentID) !== agent.agentId) throw new RequestNotExpressible(`the session's agent is ${agent.agentId}; the Workspace API logs in no other (AgentID ${shown(a.AgentID)})`);
      if (a.ThisQueue !== undefined && shown(a.ThisQueue) !== agent.queue) throw new RequestNotExpressible(`the Workspace API logs in to the session's queue${agent.queue ? ` ${agent.queue}` : ''}, not ${shown(a.ThisQueue)}`);
      return { method: 'login', args: [] };
    },
  },
  RequestAgentLogout: { takes: ['AgentID'], build: () => ({ method: 'logout', args: [] }) },
  RequestAgentReady: {
    takes: ['AgentWorkMode'],
    build: (a) => {
      const mode = a.AgentWorkMode === undefined ? undefined : workMode(a.AgentWorkMode);
      if (mode !== undefined && mode !== 'AutoIn') throw new RequestNotExpressible(`ready() takes no work mode (AgentWorkMode ${shown(a.AgentWorkMode)})`);
      return { method: 'ready', args: [] };
    },
  },
  RequestAgentNotReady: {
    takes: ['AgentWorkMode'],
    build: (a) => ({ method: 'notReady', args: a.AgentWorkMode === undefined ? [] : [workMode(a.AgentWorkMode)] }),
  },
  RequestSetDNDOn: dn('dndOn'),
  RequestSetDNDOff: dn('dndOff'),
  RequestCallForwardSet: { takes: ['OtherDN', 'ForwardMode'], build: (a) => (unconditional(a), { method: 'setForward', args: [str(a, 'OtherDN')] }) },
  RequestCallForwardCancel: { takes: ['ForwardMode'], build: (a) => (unconditional(a), { method: 'cancelForward', args: [] }) },
};

function workMode(v: AttrValue): string {
  return (typeof v === 'string' || typeof v === 'number' ? normaliseEnum('AgentWorkMode', v)?.name : undefined) ?? shown(v);
}

function unconditional(a: Attrs): void {
  if (a.ForwardMode !== undefined && a.ForwardMode !== 'Unconditional') throw new RequestNotExpressible(`the Workspace API forwards unconditionally only (ForwardMode ${shown(a.ForwardMode)})`);
}

/** The T-Library requests the Workspace API can express (capabilities.requests). */
export const WORKSPACE_REQUESTS: readonly string[] = Object.keys(MAPPINGS);

/** The voice method for a request; throws RequestNotExpressible for a form the client cannot send. */
export function voiceCallFor(request: TRequest, agent: SessionAgent): VoiceCall {
  const mapping = MAPPINGS[request.name];
  if (!mapping) throw new RequestNotExpressible(`the Workspace API has no operation for ${request.name}`);
  const extra = Object.keys(request.attributes).filter((k) => k !== 'ThisDN' && k !== 'ReferenceID' && !mapping.takes.includes(k));
  if (extra.length) throw new RequestNotExpressible(`the Workspace API operation for ${request.name} has no field for ${extra.join(', ')}`);
  return mapping.build(request.attributes, agent);
}
