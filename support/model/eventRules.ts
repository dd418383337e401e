/**
 * Event-level rules: what GenEM says every event of a given name carries, checked on **every**
 * observed T-Library event, whatever the scenario's tables assert. A table says what one model
 * expects; these rules say what an event must be to be an event at all (an EventRinging without
 * CallID is wrong in every model).
 *
 * Only READ facts become rules: the mandatory (M) attributes of the event tables that were read
 * (GenEM T-Library Events pages, their Voice Microservices copy), the presence list of CallID
 * (VM Attributes page), and the value types GenEM defines. Where GenEM is silent (M/O not read,
 * or read only as INFERRED) nothing is required. Not checked on purpose:
 * - `Event`, `Server`, `time`: mandatory everywhere, but transport metadata the adapter contract
 *   does not carry (an adapter reports the event name; the harness stamps arrival).
 * - VM-only attributes (`id`, `CallThreadID`) and VM's multi-tenant `CustomerID`/`Extensions` in
 *   EventTreatmentApplied: T-Server's own table for that event was not read.
 * - Rules that need the call's history (ThisQueue in EventAbandoned "for an ACD call", ThisQueue in
 *   EventDialing "in predictive dialing"): the model tables check them.
 *
 * Each rule names the GenEM page a reader can check (`source`) and where the fact is recorded in
 * the research digests (`digest`). The table in eventRules.spec.ts lists them all.
 */
import { ENUMS } from './enums';
import { DEFAULT_PROTOCOL, type AttrValue, type TEvent } from './event';

export type EventRule =
  /** Every attribute is present in every event of these names. */
  | { readonly id: string; readonly kind: 'mandatory'; readonly events: readonly string[]; readonly attributes: readonly string[]; readonly source: string; readonly digest: string }
  /** When `when` has value `is`, `requires` is present. */
  | { readonly id: string; readonly kind: 'conditional'; readonly events: readonly string[]; readonly when: string; readonly is: string; readonly requires: string; readonly source: string; readonly digest: string }
  /** `attribute` is present only when `requires` is. */
  | { readonly id: string; readonly kind: 'only-with'; readonly events: readonly string[]; readonly attribute: string; readonly requires: string; readonly source: string; readonly digest: string }
  /** Both attributes, when present, have the same value. */
  | { readonly id: string; readonly kind: 'equal'; readonly events: readonly string[]; readonly attributes: readonly [string, string]; readonly source: string; readonly digest: string }
  /** Wherever the attribute is present (any T-Library event), its value has this type. */
  | { readonly id: string; readonly kind: 'type'; readonly attributes: readonly string[]; readonly type: ValueType; readonly source: string; readonly digest: string };

export type ValueType = 'CallType' | 'ConnID' | 'CallID';

/** The call-handling events of GenEM's Call-Handling, Transfer and Conference Events page. */
const CALL_HANDLING = [
  'EventAbandoned', 'EventDestinationBusy', 'EventDialing', 'EventDiverted', 'EventEstablished', 'EventHeld',
  'EventNetworkReached', 'EventPartyAdded', 'EventPartyChanged', 'EventPartyDeleted', 'EventQueued',
  'EventReleased', 'EventRetrieved', 'EventRinging',
] as const;

/** Every event about a call whose table (or the page's conventions) was read: ConnID and CallType are M. */
const CALL_EVENTS = [...CALL_HANDLING, 'EventRouteRequest', 'EventRouteUsed', 'EventAttachedDataChanged', 'EventNetworkCallStatus', 'EventTreatmentApplied'] as const;

/** The events whose CallID the VM Attributes page lists as mandatory (EventPartyAdded is not among them). */
const CALL_ID_EVENTS = [
  ...CALL_HANDLING.filter((e) => e !== 'EventPartyAdded'), 'EventRouteRequest', 'EventRouteUsed',
  'EventTreatmentApplied', 'EventTreatmentEnd', 'EventTreatmentNotApplied', 'EventAttachedDataChanged', 'EventNetworkCallStatus',
] as const;

const M = (id: string, events: readonly string[], attributes: readonly string[], source: string, digest: string): EventRule =>
  ({ id, kind: 'mandatory', events, attributes, source, digest });

export const EVENT_RULES: readonly EventRule[] = [
  M('call-event', CALL_EVENTS, ['ConnID', 'CallType'],
    'GenEM T-Library Events: every call event carries ConnID and CallType (Call-Handling, Call-Routing, User-Data and Network Attended Transfer event tables)',
    'genem-digest-1 §2.0 (S4, S5, S7); genem-attributes §3 common call block'),
  M('call-id', CALL_ID_EVENTS, ['CallID'],
    'GenEM Event Attributes, CallID: mandatory in the call events listed (0 when the switch supplies none); EventPartyAdded is not listed. User-Data and Network Attended Transfer event tables: CallID M',
    'genem-digest-2 §2.4 (N3); genem-digest-1 §2.3 EventAttachedDataChanged, EventNetworkCallStatus (S6, S7); genem-attributes §2 CallID (A4/A7), §3 common call block'),
  M('ringing', ['EventRinging'], ['ThisDN', 'ThisDNRole', 'CallState'],
    'GenEM T-Library Events, Call-Handling Events: EventRinging attribute table', 'genem-digest-1 §2.3 EventRinging (S4)'),
  M('dialing', ['EventDialing'], ['ThisDN', 'ThisDNRole'],
    'GenEM T-Library Events, Call-Handling Events: EventDialing attribute table', 'genem-digest-1 §2.3 EventDialing (S4)'),
  M('abandoned', ['EventAbandoned'], ['ThisDN', 'ThisDNRole', 'CallState'],
    'GenEM (Voice Microservices copy), Call-Handling Events: EventAbandoned attribute table', 'genem-digest-1 §2.3 EventAbandoned (S14)'),
  M('route-request', ['EventRouteRequest', 'EventRouteUsed'], ['ThisDN', 'ThisQueue'],
    'GenEM T-Library Events, Call-Routing Events: EventRouteRequest and EventRouteUsed attribute tables', 'genem-digest-1 §2.3 EventRouteRequest, EventRouteUsed (S5)'),
  M('attached-data', ['EventAttachedDataChanged'], ['UserData'],
    'GenEM T-Library Events, User-Data Events: EventAttachedDataChanged attribute table', 'genem-digest-1 §2.3 EventAttachedDataChanged (S6)'),
  M('network-call-status', ['EventNetworkCallStatus'], ['ThisDN', 'ThisDNRole', 'NetworkCallState', 'NetworkDestState'],
    'GenEM T-Library Events, Network Attended Transfer Events: EventNetworkCallStatus attribute table', 'genem-digest-1 §2.3 EventNetworkCallStatus (S7)'),
  M('network-private-info', ['EventNetworkPrivateInfo'], ['PrivateEvent'],
    'GenEM T-Library Events, Network Attended Transfer Events: EventNetworkPrivateInfo attribute table', 'genem-digest-1 §2.3 EventNetworkPrivateInfo (S7)'),
  M('treatment-applied', ['EventTreatmentApplied'], ['ThisDN', 'ThisDNRole'],
    'GenEM (Voice Microservices copy), Call-Treatment Events: EventTreatmentApplied, mandatory part', 'genem-attributes §3.19 (A6)'),
  M('call-created', ['EventCallCreated'], ['CallUUID', 'ConnID'],
    'GenEM T-Library Call-Based Notifications: EventCallCreated attribute table', 'genem-digest-1 §2.3 EventCallCreated (S16)'),
  M('transaction-status', ['EventTransactionStatus'], ['SubscriptionID', 'Extensions'],
    'GenEM ISCC Transaction Monitoring, The Transaction Monitoring Event: EventTransactionStatus', 'genem-digest-1 §2.3, §3.10 (S17)'),
  M('registered', ['EventRegistered'], ['ThisDN', 'ReferenceID', 'Extensions', 'InfoType'],
    'GenEM T-Library Events, Registration Events: EventRegistered attribute table', 'genem-attributes §3.15 (A1)'),
  M('unregistered', ['EventUnregistered'], ['ThisDN'],
    'GenEM T-Library Events, Registration Events: EventUnregistered attribute table', 'genem-attributes §3.16 (A1)'),
  M('error', ['EventError'], ['ReferenceID', 'ErrorCode'],
    'GenEM T-Library Events, Negative-Response Events: EventError attribute table', 'genem-attributes §3.17 (A2)'),
  M('agent-login', ['EventAgentLogin', 'EventAgentLogout'], ['ThisDN'],
    'GenEM (Voice Microservices copy), Agent-State and DN Events: EventAgentLogin and EventAgentLogout attribute tables', 'genem-attributes §3.11, §3.12 (A3)'),
  {
    id: 'consult-previous', kind: 'conditional', events: ['EventDialing', 'EventRouteRequest', 'EventAbandoned'], when: 'CallType', is: 'Consult', requires: 'PreviousConnID',
    source: 'GenEM T-Library Events: PreviousConnID must appear when CallType is Consult (EventDialing, EventRouteRequest, EventAbandoned tables)',
    digest: 'genem-digest-1 §2.3 (S4, S5, S14); genem-attributes §2 PreviousConnID',
  },
  {
    id: 'dialing-other-role', kind: 'only-with', events: ['EventDialing'], attribute: 'OtherDNRole', requires: 'OtherDN',
    source: 'GenEM T-Library Events, Call-Handling Events: EventDialing, OtherDNRole is present only when OtherDN is',
    digest: 'genem-digest-1 §2.3 EventDialing (S4); genem-attributes §2 OtherDN',
  },
  {
    id: 'routing-queue', kind: 'equal', events: ['EventRouteRequest', 'EventRouteUsed'], attributes: ['ThisDN', 'ThisQueue'],
    source: 'GenEM T-Library Events, Call-Routing Events: ThisQueue equals ThisDN in EventRouteRequest and EventRouteUsed',
    digest: 'genem-digest-1 §2.3 EventRouteRequest, EventRouteUsed (S5)',
  },
  {
    id: 'call-type-value', kind: 'type', attributes: ['CallType'], type: 'CallType',
    source: 'GenEM Event Attributes, CallType: Unknown, Internal, Inbound, Outbound or Consult (TCallType)',
    digest: 'genem-digest-1 §2.1 CallType (S25)',
  },
  {
    id: 'connid-value', kind: 'type', attributes: ['ConnID', 'PreviousConnID', 'TransferConnID', 'ConferenceConnID', 'FirstTransferConnID', 'LastTransferConnID'], type: 'ConnID',
    source: 'GenEM Call Models and Flows: a ConnID is hexadecimal (16 digits in T-Server logs; <ConnID>@<meta> in the Voice Microservices)',
    digest: 'genem-digest-1 §3.0 rule 8 (S14, S26); log-formats §1–§3',
  },
  {
    id: 'callid-value', kind: 'type', attributes: ['CallID'], type: 'CallID',
    source: 'GenEM Event Attributes, CallID: the switch\'s integer call identifier, 0 when the switch supplies none',
    digest: 'genem-attributes §2 CallID (A4/A7)',
  },
];

/** One broken rule on one event. */
export interface RuleViolation {
  readonly rule: EventRule;
  readonly event: TEvent;
  /** The attribute at fault (missing, unexpected or ill-typed). */
  readonly attribute: string;
  /** What is wrong, in a sentence without the source ("has no CallID"). */
  readonly problem: string;
}

const CALL_TYPES: ReadonlySet<string> = new Set(Object.keys(ENUMS.CallType.values));
const CONNID = /^[0-9a-f]{1,16}(@\S+)?$/i;
const INTEGER = /^-?\d+$/;

function valueText(value: AttrValue): string | undefined {
  return typeof value === 'object' ? undefined : String(value);
}

/** Does `value` have type `type`? (Values are normalised: enum names, ConnIDs lower-case.) */
export function hasType(type: ValueType, value: AttrValue): boolean {
  const text = valueText(value);
  if (text === undefined) return false;
  switch (type) {
    case 'CallType': return CALL_TYPES.has(text);
    case 'ConnID': return CONNID.test(text);
    case 'CallID': return INTEGER.test(text);
  }
}

/**
 * The rules are those of T-Server's T-Library events. Other protocols (Interaction Server's, IVR)
 * have none here, and neither has a T-Library message Interaction Server sends (its EventRouteUsed
 * to the router stands in for an acknowledgement, GenEM Basic Interaction Models: it is about an
 * interaction, not a call), whether or not it names the interaction: the features allow it without
 * an InteractionId, and then T-Server's table for a routing point's EventRouteUsed is not its own.
 */
function judged(event: TEvent): boolean {
  return (event.protocol ?? DEFAULT_PROTOCOL) === DEFAULT_PROTOCOL && event.attributes.InteractionId === undefined && event.sender !== INTERACTION_SERVER;
}

/** The sender the multimedia features name for Interaction Server's messages. */
const INTERACTION_SERVER = 'Interaction Server';

type Check<K extends EventRule['kind']> = (rule: Extract<EventRule, { kind: K }>, a: TEvent['attributes'], at: (attribute: string, problem: string) => RuleViolation) => RuleViolation[];

const CHECKS: { readonly [K in EventRule['kind']]: Check<K> } = {
  mandatory: (rule, a, at) => rule.attributes.filter((name) => a[name] === undefined).map((name) => at(name, `has no ${name}`)),
  conditional: (rule, a, at) => (a[rule.when] !== rule.is || a[rule.requires] !== undefined ? [] : [at(rule.requires, `has ${rule.when} ${rule.is} but no ${rule.requires}`)]),
  'only-with': (rule, a, at) => (a[rule.attribute] === undefined || a[rule.requires] !== undefined ? [] : [at(rule.attribute, `has ${rule.attribute} without ${rule.requires}`)]),
  equal: (rule, a, at) => {
    const [x, y] = rule.attributes;
    const vx = a[x] === undefined ? undefined : valueText(a[x]);
    const vy = a[y] === undefined ? undefined : valueText(a[y]);
    return vx === undefined || vy === undefined || vx === vy ? [] : [at(y, `has ${y} ${vy} but ${x} ${vx}`)];
  },
  type: (rule, a, at) => rule.attributes.flatMap((name) => {
    const v = a[name];
    return v === undefined || hasType(rule.type, v) ? [] : [at(name, `has ${name} ${JSON.stringify(valueText(v) ?? v)}, which is not a ${rule.type}`)];
  }),
};

function violationsOf(rule: EventRule, event: TEvent): RuleViolation[] {
  if (rule.kind !== 'type' && !rule.events.includes(event.name)) return [];
  const at = (attribute: string, problem: string): RuleViolation => ({ rule, event, attribute, problem });
  return (CHECKS[rule.kind] as Check<EventRule['kind']>)(rule, event.attributes, at);
}

/** Every rule every event breaks, in event order. Pure; events of other protocols are not judged. */
export function checkEventRules(events: readonly TEvent[], rules: readonly EventRule[] = EVENT_RULES): RuleViolation[] {
  return events.filter(judged).flatMap((event) => rules.flatMap((rule) => violationsOf(rule, event)));
}

/** Every attribute a rule reads. */
export function ruleAttributes(rule: EventRule): readonly string[] {
  switch (rule.kind) {
    case 'mandatory': return rule.attributes;
    case 'conditional': return [rule.when, rule.requires];
    case 'only-with': return [rule.attribute, rule.requires];
    case 'equal': return rule.attributes;
    case 'type': return rule.attributes;
  }
}

/**
 * Can `v` be judged from events that carry only the `carried` attributes (an adapter observing at a
 * coarser level than T-Library, e.g. the Workspace API)? A missing attribute the level never carries
 * says nothing about the switch; a rule that reads such an attribute cannot be judged either.
 */
export function judgeableAt(v: RuleViolation, carried: ReadonlySet<string>): boolean {
  if (v.rule.kind === 'mandatory') return carried.has(v.attribute);
  return ruleAttributes(v.rule).every((a) => carried.has(a));
}

/** The attributes GenEM makes mandatory in events named `event` (for the mutation campaign and docs). */
export function mandatoryAttributes(event: string, rules: readonly EventRule[] = EVENT_RULES): string[] {
  return [...new Set(rules.flatMap((r) => (r.kind === 'mandatory' && r.events.includes(event) ? r.attributes : [])))];
}

/** One line per violation: `EventRinging on DN 7002 has no CallID — mandatory: <source>`. */
export function describeViolation(v: RuleViolation, dnLabel: (dn: string) => string = (dn) => `DN ${dn}`): string {
  const dn = v.event.dn ?? (typeof v.event.attributes.ThisDN === 'string' ? v.event.attributes.ThisDN : undefined);
  const where = dn === undefined ? '' : ` on ${dnLabel(dn)}`;
  const origin = v.event.origin ? ` (${v.event.origin})` : '';
  return `${v.event.name}${where}${origin} ${v.problem} — rule ${v.rule.id}: ${v.rule.source} [${v.rule.digest}]`;
}

/**
 * The first line of a scenario's failure on the event-level rules. The reports recognise it: the
 * rules are GenEM's documented facts, so such a failure counts in the verdict even in a scenario
 * whose tables are a reconstruction.
 */
export const RULE_VIOLATIONS_TITLE = 'Not conformant: observed events break GenEM\'s event-level rules (whatever the model tables assert)';

/** The failure text for a scenario: a title, then one line per violation (at most `max`, the rest counted). */
export function renderRuleViolations(violations: readonly RuleViolation[], dnLabel?: (dn: string) => string, max = 50): string {
  const lines = violations.slice(0, max).map((v) => `  ✗ ${describeViolation(v, dnLabel)}`);
  const more = violations.length > max ? [`  … and ${String(violations.length - max)} more`] : [];
  return [RULE_VIOLATIONS_TITLE, ...lines, ...more].join('\n');
}
