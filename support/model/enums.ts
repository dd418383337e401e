/**
 * T-Library enumerations with their numeric values.
 *
 * Sources (see shared digests): tlib_ext.h 7.1 (S25) for CallType, DN roles, CallState 0–31/49/50,
 * AgentWorkMode, RouteType, XRouteType, MediaType, network attended transfer enums; the PSDK
 * T-Library reference (A8) for ForwardMode; a Genesys QA harness enum file (A11) for Cause and
 * CallState 32–48/51–53. Where only the *order* of names was read, the numbering is the position in
 * the list and is marked `inferredNumbering` so that a user of a real system can see the doubt.
 *
 * Every value can be written as its number (`2`), its name (`Inbound`) or its prefixed name
 * (`CallTypeInbound`), case-insensitively; all three normalise to one {@link EnumValue}.
 */

export interface EnumDefinition {
  readonly name: string;
  /** Prefixes accepted in front of a value name, e.g. `CallType` in `CallTypeInbound`. */
  readonly prefixes: readonly string[];
  readonly values: Readonly<Record<string, number>>;
  /** Other spellings seen in sources, mapped to the canonical name. */
  readonly aliases?: Readonly<Record<string, string>>;
  /** True when the numbers were not read but follow the order of the documented list. */
  readonly inferredNumbering?: boolean;
}

export interface EnumValue {
  readonly enumName: string;
  readonly name: string;
  readonly value: number;
}

function sequential(names: readonly string[], start = 0): Record<string, number> {
  const out: Record<string, number> = {};
  names.forEach((n, i) => {
    out[n] = start + i;
  });
  return out;
}

const CALL_STATE_NAMES = [
  'Ok', 'Transferred', 'Conferenced', 'GeneralError', 'SystemError', 'RemoteRelease', 'Busy',
  'NoAnswer', 'SitDetected', 'AnsweringMachineDetected', 'AllTrunksBusy', 'SitInvalidnum',
  'SitVacant', 'SitIntercept', 'SitUnknown', 'SitNocircuit', 'SitReorder', 'FaxDetected',
  'QueueFull', 'Cleared', 'Overflowed', 'Abandoned', 'Redirected', 'Forwarded', 'Consult',
  'Pickedup', 'Dropped', 'Droppednoanswer', 'Unknown', 'Covered', 'ConverseOn', 'Bridged',
  // 32–48: READ only as positions in a QA-harness enum (A11); probably Outbound call results.
  'Silence', 'Answer', 'NuTone', 'NoDialTone', 'NoProgress', 'NoRingBack', 'NoEstablished',
  'PagerDetected', 'WrongParty', 'DialErr', 'DropErr', 'SwitchErr', 'NoFreePortErr',
  'TransferErr', 'Stale', 'AgentCallBackErr', 'GroupCallBackErr',
  'Deafened', 'Held', 'DoNotCall', 'Cancel', 'WrongNumber',
] as const;

export const ENUMS = {
  CallType: {
    name: 'CallType',
    prefixes: ['CallType'],
    values: sequential(['Unknown', 'Internal', 'Inbound', 'Outbound', 'Consult']),
  },
  DNRole: {
    name: 'DNRole',
    prefixes: ['Role', 'DNRole'],
    values: sequential([
      'Unknown', 'Origination', 'Destination', 'ConferenceMember', 'NewParty', 'AddedBy',
      'DeletedBy', 'TransferredBy', 'DeletedParty', 'ConferencedBy', 'Observer',
    ]),
    aliases: { TransferedBy: 'TransferredBy' }, // N1 spells it with one r
  },
  CallState: {
    name: 'CallState',
    prefixes: ['CallState'],
    values: sequential(CALL_STATE_NAMES),
    aliases: { OK: 'Ok' },
  },
  AgentWorkMode: {
    name: 'AgentWorkMode',
    prefixes: ['AgentWorkMode', 'WorkMode', 'Agent'],
    values: sequential([
      'Unknown', 'ManualIn', 'AutoIn', 'AfterCallWork', 'AuxWork', 'NoCallDisconnect', 'WalkAway',
      'ReturnBack',
    ]),
    aliases: { LegalGuard: 'AutoIn' },
  },
  RouteType: {
    name: 'RouteType',
    prefixes: ['RouteType'],
    values: sequential([
      'Unknown', 'Default', 'Label', 'OverwriteDNIS', 'DDD', 'IDDD', 'Direct', 'Reject',
      'Announcement', 'PostFeature', 'DirectAgent', 'Priority', 'DirectPriority', 'AgentID',
      'CallDisconnect',
    ]),
  },
  XRouteType: {
    name: 'XRouteType',
    prefixes: ['XRouteType'],
    values: sequential([
      'Default', 'Route', 'Direct', 'Reroute', 'DirectUUI', 'DirectANI', 'DirectNoToken',
      'DNISPooling', 'DirectDigits', 'PullBack', 'ExtProtocol', 'RouteUUI', 'DirectNetworkCallID',
    ], -1),
  },
  TreatmentType: {
    name: 'TreatmentType',
    prefixes: ['TreatmentType', 'Treatment'],
    values: sequential([
      'Unknown', 'IVR', 'Music', 'RingBack', 'Silence', 'Busy', 'CollectDigits', 'PlayAnnouncement',
      'PlayAnnouncementAndDigits', 'VerifyDigits', 'RecordUserAnnouncement',
      'DeleteUserAnnouncement', 'CancelCall', 'PlayApplication', 'SetDefaultRoute', 'TextToSpeech',
      'TextToSpeechAndDigits', 'FastBusy', 'RAN',
    ]),
    inferredNumbering: true,
  },
  AddressType: {
    name: 'AddressType',
    prefixes: ['AddressType', 'Address'],
    values: {
      ...sequential([
        'Unknown', 'DN', 'Position', 'Queue', 'RouteDN', 'Trunk', 'VoiceChannel', 'DataChannel',
        'Announcement', 'ASAI', 'ACDGroup', 'VSP', 'RouteQueue', 'AgentID',
      ]),
      Other: 99,
    },
    inferredNumbering: true,
  },
  MediaType: {
    name: 'MediaType',
    prefixes: ['MediaType'],
    values: sequential([
      'Voice', 'VoIP', 'EMail', 'VMail', 'SMail', 'Chat', 'Video', 'Cobrowsing', 'Whiteboard',
      'AppSharing', 'WebForm', 'WorkItem',
    ]),
  },
  MakeCallType: {
    name: 'MakeCallType',
    prefixes: ['MakeCallType', 'MakeCall'],
    values: sequential(['Regular', 'DirectAgent', 'SupervisorAssist', 'Priority', 'DirectPriority']),
    inferredNumbering: true,
  },
  MergeType: {
    name: 'MergeType',
    prefixes: ['MergeType', 'Merge'],
    values: sequential(['ForTransfer', 'ForConference']),
    inferredNumbering: true,
  },
  RegisterMode: {
    name: 'RegisterMode',
    prefixes: ['RegisterMode', 'Mode'],
    values: sequential(['Share', 'Private', 'Monitor']),
    inferredNumbering: true,
  },
  ControlMode: {
    name: 'ControlMode',
    prefixes: ['ControlMode'],
    values: sequential(['RegisterDefault', 'RegisterForce', 'RegisterLocal']),
    inferredNumbering: true,
  },
  ForwardMode: {
    name: 'ForwardMode',
    prefixes: ['ForwardMode', 'Fwd'],
    values: sequential(['None', 'Unconditional', 'OnBusy', 'OnNoAnswer', 'OnBusyAndNoAnswer', 'SendAllCalls']),
  },
  AddressStatus: {
    name: 'AddressStatus',
    prefixes: ['AddressStatus'],
    values: sequential([
      'Idle', 'Origination', 'Dialing', 'Talking', 'Ringing', 'Held', 'Treatment', 'LockedOut',
      'Maintenance', 'Available', 'Vacant',
    ]),
    inferredNumbering: true,
  },
  NetworkCallState: {
    name: 'NetworkCallState',
    prefixes: ['NetworkCallState'],
    values: sequential(['Unknown', 'Consulting', 'ConsultHeld', 'Transferred', 'Conferenced', 'Reconnected', 'Disconnected', 'Null']),
  },
  NetworkDestState: {
    name: 'NetworkDestState',
    prefixes: ['NetworkDestState'],
    values: sequential(['Unknown', 'Routing', 'Delivering', 'NoParty', 'Ok']),
    aliases: { Failed: 'NoParty' },
  },
  NetworkPartyRole: {
    name: 'NetworkPartyRole',
    prefixes: ['NetworkPartyRole'],
    values: sequential(['Unknown', 'OrigParty', 'DestParty']),
  },
  Cause: {
    name: 'Cause',
    prefixes: ['Cause'],
    values: sequential([
      'EMPTY', 'ACD', 'Busy', 'NoAnswer', 'Reject', 'Route', 'Coverage', 'ConverseOn', 'Forward',
      'Redirect', 'Transfer', '1stepTransfer', 'Conference', 'AMdetected', 'FaxDetected',
      'SITdetected',
    ]),
  },
  MonitorNextCallType: {
    name: 'MonitorNextCallType',
    prefixes: ['MonitorNextCallType'],
    values: sequential(['MonitorOneCall', 'MonitorAllCalls']),
  },
} as const satisfies Record<string, EnumDefinition>;

export type EnumName = keyof typeof ENUMS;

interface EnumIndex {
  readonly byName: ReadonlyMap<string, string>;
  readonly byNumber: ReadonlyMap<number, string>;
}

function buildIndex(def: EnumDefinition): EnumIndex {
  const byName = new Map<string, string>();
  const byNumber = new Map<number, string>();
  for (const [name, value] of Object.entries(def.values)) {
    byName.set(name.toLowerCase(), name);
    if (!byNumber.has(value)) byNumber.set(value, name);
  }
  for (const [alias, target] of Object.entries(def.aliases ?? {})) byName.set(alias.toLowerCase(), target);
  return { byName, byNumber };
}

const INDEX: ReadonlyMap<string, EnumIndex> = new Map(
  Object.values(ENUMS).map((def) => [def.name, buildIndex(def)]),
);

function definition(enumName: EnumName): EnumDefinition {
  return ENUMS[enumName];
}

/**
 * Normalise `2`, `"2"`, `"Inbound"`, `"CallTypeInbound"` (any case) to one value.
 * Returns `undefined` when the input is not a value of the enum.
 * @example normaliseEnum('CallType', 'CallTypeInbound') // { enumName: 'CallType', name: 'Inbound', value: 2 }
 */
export function normaliseEnum(enumName: EnumName, input: string | number): EnumValue | undefined {
  const def = definition(enumName);
  const index = INDEX.get(def.name);
  if (!index) return undefined;
  const make = (name: string): EnumValue => ({ enumName: def.name, name, value: def.values[name] ?? NaN });
  if (typeof input === 'number') {
    const name = index.byNumber.get(input);
    return name === undefined ? undefined : make(name);
  }
  const text = input.trim();
  if (/^-?\d+$/.test(text)) return normaliseEnum(enumName, Number(text));
  const lower = text.toLowerCase();
  const direct = index.byName.get(lower);
  if (direct) return make(direct);
  for (const prefix of def.prefixes) {
    const p = prefix.toLowerCase();
    if (lower.startsWith(p) && lower.length > p.length) {
      const found = index.byName.get(lower.slice(p.length));
      if (found) return make(found);
    }
  }
  return undefined;
}

/** The canonical names of an enum, for error messages ("expected one of …"). */
/** The name of the enum value a raw attribute value is (a number, a numeric or named text), or undefined when it is none. */
export function enumNameOf(enumName: EnumName, raw: unknown): string | undefined {
  return typeof raw === 'number' || typeof raw === 'string' ? normaliseEnum(enumName, raw)?.name : undefined;
}

export function enumNames(enumName: EnumName): string[] {
  return Object.keys(definition(enumName).values);
}
