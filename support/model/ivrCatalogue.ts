/**
 * The messages of the IVR Server ↔ IVR protocol (GenEM IVR Protocol Messages, digest 1 §3.12, READ
 * where listed: message names, directions and parameters). The protocol is XML; its messages travel
 * here with the envelope `protocol: 'IVR'` and `sender: 'IVR Server'` (or the IVR), like
 * Interaction Server's protocols (interactionCatalogue.ts).
 *
 * Names as the protocol spells them, with two exceptions forced by the shared attribute namespace:
 * the RouteResponse's `RouteType` is `IvrRouteType` here (T-Library's RouteType enum has other
 * values), CallStatus's `Event` is `CallEvent` (a table's `event` column names the message), and
 * `CallId` is T-Library's CallID (same meaning, the names differ only in case).
 * The IVR → IVR Server requests were not read (the "General Messages" page): `DialOutRegistry`,
 * `DialOutRemove` and `OneStepXfer` are INFERRED from the responses' parameters (DialOutRegistryResp,
 * CallError's FailedReq value OneStepXfer).
 */
import type { AttributeDefinition } from './catalogue';
import type { Protocol } from './event';

const IVR: Protocol = 'IVR';

/** IVR Server → IVR messages (READ, digest 1 §3.12). */
export const IVR_EVENTS: Readonly<Record<string, readonly Protocol[]>> = {
  RouteResponse: [IVR],
  TreatCall: [IVR],
  Cancel: [IVR],
  CallStatus: [IVR],
  CallError: [IVR],
  DialOut: [IVR],
  DialOutRegistryResp: [IVR],
};

/** IVR → IVR Server requests (INFERRED names, see above). */
export const IVR_REQUESTS: readonly string[] = ['DialOutRegistry', 'DialOutRemove', 'OneStepXfer'];

/** The documented value sets (digest 1 §3.12), for the simulator and unit specs. */
export const CALL_STATUS_EVENTS = [
  'Dialing', 'Ringing', 'Established', 'Retrieved', 'Busy', 'Held', 'ConfPartyAdd', 'ConfPartyDel', 'XferComplete', 'Released',
] as const;
export const FAILED_REQUESTS = [
  'Unknown', 'NoSuchCall', 'OneStepXfer', 'OneStepConf', 'InitConf', 'CompleteConf', 'InitXfer', 'CompleteXfer',
  'RetrieveCall', 'MakeCall', 'AgentControl', 'NotAllowed',
] as const;
export const IVR_ROUTE_TYPES = ['Default', 'Normal', 'Reroute', 'RerouteAttended', 'RerouteConferenced'] as const;
export const DIAL_OUT_REGISTRY_RESULTS = ['MiscFailure', 'ConfigError', 'Success'] as const;

/** Parameters of the IVR protocol's messages. */
export const IVR_ATTRIBUTES: readonly AttributeDefinition[] = [
  { name: 'IvrRouteType', kind: 'string' },
  { name: 'Dest', kind: 'dn' },
  { name: 'ExtnsEx', kind: 'kvlist' },
  { name: 'Type', kind: 'string' },
  { name: 'Parameters', kind: 'kvlist' },
  { name: 'CallEvent', kind: 'string' },
  { name: 'FailedReq', kind: 'string' },
  { name: 'TLibErrCode', kind: 'int' },
  { name: 'ReqId', kind: 'int' },
  { name: 'Result', kind: 'string' },
  { name: 'OrigNum', kind: 'string' },
  { name: 'DestNum', kind: 'dn' },
  { name: 'RefID', kind: 'int' },
  { name: 'TimeToAnswer', kind: 'int' },
  { name: 'UDataEx', kind: 'kvlist' },
];
