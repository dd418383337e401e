/**
 * The T-Library message catalogue: event names, request names and attribute names, with the numeric
 * ids of tlib_ext.h 7.1 where they were read (digest 1 §2.2–§2.3, attributes digest §2).
 *
 * Attribute names are written as in T-Server logs without the `Attribute` prefix
 * (`AttributeThisDN` → `ThisDN`). Each attribute has a kind that tells the matcher how to compare it.
 */
import type { EnumName } from './enums';
import type { Protocol } from './event';
import { INTERACTION_ATTRIBUTES, INTERACTION_EVENTS as IS_EVENTS, INTERACTION_REQUESTS as IS_REQUESTS } from './interactionCatalogue';
import { IVR_ATTRIBUTES, IVR_EVENTS, IVR_REQUESTS } from './ivrCatalogue';

/** Messages of the protocols beyond T-Library: Interaction Server's and the IVR protocol. */
const INTERACTION_EVENTS: Readonly<Record<string, readonly Protocol[]>> = { ...IS_EVENTS, ...IVR_EVENTS };
const INTERACTION_REQUESTS: readonly string[] = [...IS_REQUESTS, ...IVR_REQUESTS];

/** Event name → message id (T-Library 7.1 numbering). `undefined` where the id was not read. */
export const EVENTS: Readonly<Record<string, number | undefined>> = {
  EventServerConnected: 50, EventServerDisconnected: 51, EventError: 52, EventRegistered: 53,
  EventUnregistered: 54, EventRegisteredAll: 55, EventUnregisteredAll: 56, EventQueued: 57,
  EventDiverted: 58, EventAbandoned: 59, EventRinging: 60, EventDialing: 61,
  EventNetworkReached: 62, EventDestinationBusy: 63, EventEstablished: 64, EventReleased: 65,
  EventHeld: 66, EventRetrieved: 67, EventPartyChanged: 68, EventPartyAdded: 69,
  EventPartyDeleted: 70, EventRouteRequest: 71, EventRouteUsed: 72, EventAgentLogin: 73,
  EventAgentLogout: 74, EventAgentReady: 75, EventAgentNotReady: 76, EventDNDOn: 77,
  EventDNDOff: 78, EventMailBoxLogin: 79, EventMailBoxLogout: 80, EventVoiceFileOpened: 81,
  EventVoiceFileClosed: 82, EventVoiceFileEndPlay: 83, EventDigitsCollected: 84,
  EventAttachedDataChanged: 85, EventOffHook: 86, EventOnHook: 87, EventForwardSet: 88,
  EventForwardCancel: 89, EventMessageWaitingOn: 90, EventMessageWaitingOff: 91,
  EventAddressInfo: 92, EventServerInfo: 93, EventLinkDisconnected: 94, EventLinkConnected: 95,
  EventUserEvent: 96, EventDTMFSent: 98, EventResourceAllocated: 99, EventResourceFreed: 100,
  EventRemoteConnectionSuccess: 101, EventRemoteConnectionFailed: 102,
  EventListenDisconnected: 106, EventListenReconnected: 107, EventPartyInfo: 109,
  EventCallInfoChanged: 112, EventTreatmentApplied: 114, EventTreatmentNotApplied: 115,
  EventTreatmentEnd: 116, EventHardwareError: 117, EventAgentAfterCallWork: 118,
  EventTreatmentRequired: 119, EventSwitchInfo: 122, EventAnswerAccessNumber: 125,
  EventReqGetAccessNumberCanceled: 126, EventAgentReserved: 128, EventRestoreConnection: 132,
  EventPrimaryChanged: 133, EventLocationInfo: 137, EventACK: 138, EventMonitoringNextCall: 141,
  EventMonitoringCancelled: 142, EventMuteOn: 145, EventMuteOff: 146, EventDNOutOfService: 147,
  EventDNBackInService: 148, EventPrivateInfo: 150, EventBridged: 151, EventQueueLogout: 152,
  EventCallCreated: 160, EventCallDataChanged: 161, EventCallDeleted: 162,
  EventCallPartyAdded: 163, EventCallPartyState: 164, EventCallPartyMoved: 165,
  EventCallPartyDeleted: 166, EventNetworkCallStatus: 178, EventNetworkPrivateInfo: 179,
  EventTransactionStatus: undefined,
};

/** Request name → message id (T-Library 7.1 numbering, digest 1 §2.2). */
export const REQUESTS: Readonly<Record<string, number | undefined>> = {
  RequestRegisterClient: 0, RequestQueryServer: 1, RequestQueryAddress: 2,
  RequestRegisterAddress: 3, RequestUnregisterAddress: 4, RequestRegisterAll: 5,
  RequestUnregisterAll: 6, RequestSetInputMask: 7, RequestAgentLogin: 8, RequestAgentLogout: 9,
  RequestAgentReady: 10, RequestAgentNotReady: 11, RequestSetDNDOn: 12, RequestSetDNDOff: 13,
  RequestMakeCall: 14, RequestMakePredictiveCall: 15, RequestAnswerCall: 16,
  RequestReleaseCall: 17, RequestHoldCall: 18, RequestRetrieveCall: 19,
  RequestInitiateConference: 20, RequestCompleteConference: 21, RequestDeleteFromConference: 22,
  RequestInitiateTransfer: 23, RequestMuteTransfer: 24, RequestSingleStepTransfer: 25,
  RequestCompleteTransfer: 26, RequestMergeCalls: 27, RequestAlternateCall: 28,
  RequestReconnectCall: 29, RequestAttachUserData: 30, RequestUpdateUserData: 31,
  RequestDeleteUserData: 32, RequestDeletePair: 33, RequestCallForwardSet: 34,
  RequestCallForwardCancel: 35, RequestRouteCall: 36, RequestGiveMusicTreatment: 37,
  RequestGiveSilenceTreatment: 38, RequestGiveRingBackTreatment: 39, RequestLoginMailBox: 40,
  RequestLogoutMailBox: 41, RequestOpenVoiceFile: 42, RequestCloseVoiceFile: 43,
  RequestPlayVoiceFile: 44, RequestCollectDigits: 45, RequestSetMessageWaitingOn: 46,
  RequestSetMessageWaitingOff: 47, RequestDistributeUserEvent: 48, RequestDistributeEvent: 49,
  RequestSendDTMF: 97, RequestRedirectCall: 103, RequestListenDisconnect: 104,
  RequestListenReconnect: 105, RequestQueryCall: 108, RequestClearCall: 110,
  RequestSetCallInfo: 111, RequestApplyTreatment: 113, RequestSingleStepConference: 120,
  RequestQuerySwitch: 121, RequestGetAccessNumber: 123, RequestCancelReqGetAccessNumber: 124,
  RequestReserveAgent: 127, RequestReserveAgentAndGetAccessNumber: 129,
  RequestAgentSetIdleReason: 130, RequestLostBackupConnection: 134, RequestSetDNInfo: 135,
  RequestQueryLocation: 136, RequestMonitorNextCall: 139, RequestCancelMonitoring: 140,
  RequestSetMuteOn: 143, RequestSetMuteOff: 144, RequestPrivateService: 149,
  RequestStartCallMonitoring: 167, RequestStopCallMonitoring: 168,
  RequestSendReturnReceipt: 169, RequestNetworkConsult: 171, RequestNetworkAlternate: 172,
  RequestNetworkTransfer: 173, RequestNetworkMerge: 174, RequestNetworkReconnect: 175,
  RequestNetworkSingleStepTransfer: 176, RequestNetworkPrivateService: 177,
  RequestTransactionMonitoring: undefined, RequestDeleteAllUserData: undefined,
};

export type AttributeKind = 'connid' | 'dn' | 'enum' | 'kvlist' | 'int' | 'string';

export interface AttributeDefinition {
  readonly name: string;
  readonly kind: AttributeKind;
  readonly enumName?: EnumName;
  /** TAttribute id in tlib_ext.h where it was read. */
  readonly id?: number;
}

const A = (name: string, kind: AttributeKind, extra: Partial<AttributeDefinition> = {}): AttributeDefinition =>
  ({ name, kind, ...extra });

const DEFINITIONS: readonly AttributeDefinition[] = [
  A('ConnID', 'connid', { id: 9 }), A('PreviousConnID', 'connid', { id: 10 }),
  A('TransferConnID', 'connid', { id: 11 }), A('ConferenceConnID', 'connid', { id: 12 }),
  A('FirstTransferConnID', 'connid', { id: 106 }), A('LastTransferConnID', 'connid', { id: 107 }),
  A('ThisDN', 'dn', { id: 20 }), A('ThisQueue', 'dn', { id: 21 }), A('OtherDN', 'dn', { id: 24 }),
  A('OtherQueue', 'dn'), A('ThirdPartyDN', 'dn', { id: 28 }), A('ThirdPartyQueue', 'dn', { id: 29 }),
  A('ThisTrunk', 'dn'), A('OtherTrunk', 'dn'), A('ThirdPartyTrunk', 'dn'),
  A('NetworkOrigDN', 'dn'), A('NetworkDestDN', 'dn'), A('DN', 'dn'),
  A('ThisDNRole', 'enum', { id: 23, enumName: 'DNRole' }),
  A('OtherDNRole', 'enum', { id: 27, enumName: 'DNRole' }),
  A('ThirdPartyDNRole', 'enum', { id: 31, enumName: 'DNRole' }),
  A('CallType', 'enum', { id: 54, enumName: 'CallType' }),
  A('CallState', 'enum', { id: 13, enumName: 'CallState' }),
  A('AgentWorkMode', 'enum', { id: 16, enumName: 'AgentWorkMode' }),
  A('RouteType', 'enum', { enumName: 'RouteType' }), A('XRouteType', 'enum', { enumName: 'XRouteType' }),
  A('TreatmentType', 'enum', { enumName: 'TreatmentType' }),
  A('AddressType', 'enum', { enumName: 'AddressType' }), A('MediaType', 'enum', { enumName: 'MediaType' }),
  A('MakeCallType', 'enum', { enumName: 'MakeCallType' }), A('MergeType', 'enum', { enumName: 'MergeType' }),
  A('RegisterMode', 'enum', { enumName: 'RegisterMode' }), A('ControlMode', 'enum', { enumName: 'ControlMode' }),
  A('ForwardMode', 'enum', { enumName: 'ForwardMode' }), A('AddressStatus', 'enum', { enumName: 'AddressStatus' }),
  A('NetworkCallState', 'enum', { enumName: 'NetworkCallState' }),
  A('NetworkDestState', 'enum', { enumName: 'NetworkDestState' }),
  A('NetworkPartyRole', 'enum', { enumName: 'NetworkPartyRole' }),
  A('Cause', 'enum', { id: 114, enumName: 'Cause' }),
  A('MonitorNextCallType', 'enum', { enumName: 'MonitorNextCallType' }),
  A('UserData', 'kvlist'), A('Extensions', 'kvlist'), A('Reasons', 'kvlist'),
  A('CallHistory', 'kvlist'), A('TreatmentParms', 'kvlist'),
  A('ReferenceID', 'int', { id: 2 }), A('CallID', 'string', { id: 3 }), A('ErrorCode', 'int'),
  A('EventSequenceNumber', 'int'), A('TimeinSecs', 'int'), A('TimeinuSecs', 'int'),
  A('PrivateEvent', 'int'), A('PartyState', 'int'), A('InfoType', 'string'), A('InfoStatus', 'string'),
  A('Timeout', 'int'), A('ClientID', 'int'),
  A('AgentID', 'string', { id: 14 }), A('ANI', 'string'), A('DNIS', 'string'),
  A('CustomerID', 'string'), A('ErrorMessage', 'string'), A('Server', 'string'), A('time', 'string'),
  A('CollectedDigits', 'string'), A('LastCollectedDigit', 'string'), A('NetworkCallID', 'string'),
  A('NetworkNodeID', 'string'), A('TransferredNetworkCallID', 'string'),
  A('TransferredNetworkNodeID', 'string'), A('CallUUID', 'string'), A('OrigCallUUID', 'string'),
  A('RefCallUUID', 'string'), A('NewCallUUID', 'string'), A('PartyUUID', 'string'),
  A('ISLinkList', 'string'), A('CtrlParty', 'dn'), A('UserEvent', 'string'),
  A('Location', 'string'), A('DialedNumber', 'string'), A('SubscriptionID', 'string'),
  A('Password', 'string'), A('AgentType', 'string'), A('DNDState', 'string'),
  A('SubscriptionOperation', 'string'),
  ...INTERACTION_ATTRIBUTES,
  ...IVR_ATTRIBUTES,
];

/** Other spellings of attribute names (lower-cased) → canonical name. */
const ALIASES: Readonly<Record<string, string>> = {
  workmode: 'AgentWorkMode',
  connectionid: 'ConnID',
  thisdnrole: 'ThisDNRole',
};

export const ATTRIBUTES: ReadonlyMap<string, AttributeDefinition> = new Map(
  DEFINITIONS.map((d) => [d.name, d]),
);

const BY_LOWER = new Map<string, AttributeDefinition>(DEFINITIONS.map((d) => [d.name.toLowerCase(), d]));

/**
 * The spellings logs and events use, resolved once (immutable): the name and `Attribute<name>` (a
 * native log's). Every other spelling is normalised on each lookup (feature tables, rare names).
 */
const BY_SPELLING: ReadonlyMap<string, AttributeDefinition> = new Map(DEFINITIONS.flatMap((d) => [[d.name, d], [`Attribute${d.name}`, d]] as const));

/**
 * Find an attribute by any accepted spelling: `ThisDN`, `AttributeThisDN`, `this dn`, `thisdn`.
 * Returns `undefined` for an unknown name.
 */
export function lookupAttribute(spelling: string): AttributeDefinition | undefined {
  // Called for every attribute of every event and log line: the usual spellings are one map lookup.
  const usual = BY_SPELLING.get(spelling);
  if (usual) return usual;
  let key = spelling.replace(/[\s_-]+/g, '').toLowerCase();
  if (key.startsWith('attribute') && key.length > 'attribute'.length) key = key.slice('attribute'.length);
  // Own keys only: a spelling such as `constructor` is no alias (and no Object.prototype member).
  const alias = Object.hasOwn(ALIASES, key) ? ALIASES[key] : undefined;
  return BY_LOWER.get(alias ? alias.toLowerCase() : key);
}

export function isKnownEvent(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(EVENTS, name) || Object.prototype.hasOwnProperty.call(INTERACTION_EVENTS, name);
}

/** The protocols an event name belongs to (T-Library, and/or Interaction Server's, interactionCatalogue.ts). */
export function protocolsOf(name: string): readonly Protocol[] {
  const tlib: Protocol[] = Object.prototype.hasOwnProperty.call(EVENTS, name) ? ['T-Library'] : [];
  return [...tlib, ...((Object.hasOwn(INTERACTION_EVENTS, name) && INTERACTION_EVENTS[name]) || [])];
}

export function isKnownRequest(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(REQUESTS, name) || INTERACTION_REQUESTS.includes(name);
}

/** Accepts `EventRinging`, `Ringing` or the numeric id `60`; returns the canonical event name. */
export function lookupEvent(spelling: string): string | undefined {
  const text = spelling.trim();
  if (/^\d+$/.test(text)) {
    const id = Number(text);
    return Object.keys(EVENTS).find((k) => EVENTS[k] === id);
  }
  // Exact spelling first: Interaction Management's EventAck is not T-Library's EventACK.
  const names = [...Object.keys(EVENTS), ...Object.keys(INTERACTION_EVENTS)];
  const exact = names.find((k) => k === text || k === `Event${text}`);
  if (exact) return exact;
  const lower = text.toLowerCase();
  return names.find((k) => k.toLowerCase() === lower || k.toLowerCase() === `event${lower}`);
}
