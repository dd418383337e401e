/**
 * The event-level rules, as a table with their sources: the table below is the specification, and
 * the rules module must say exactly this. Each rule is then shown to catch its violation and to let
 * through what GenEM allows (a rule must never fail a correct system).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ATTRIBUTES, EVENTS } from './catalogue';
import type { TEvent } from './event';
import { checkEventRules, EVENT_RULES, judgeableAt, renderRuleViolations, type EventRule } from './eventRules';

/** rule | applies to | what it requires | where a reader checks it [digest line]. */
const TABLE = `
call-event | EventAbandoned EventDestinationBusy EventDialing EventDiverted EventEstablished EventHeld EventNetworkReached EventPartyAdded EventPartyChanged EventPartyDeleted EventQueued EventReleased EventRetrieved EventRinging EventRouteRequest EventRouteUsed EventAttachedDataChanged EventNetworkCallStatus EventTreatmentApplied | ConnID CallType | GenEM T-Library Events: every call event carries ConnID and CallType (Call-Handling, Call-Routing, User-Data and Network Attended Transfer event tables) [genem-digest-1 §2.0 (S4, S5, S7); genem-attributes §3 common call block]
call-id | EventAbandoned EventDestinationBusy EventDialing EventDiverted EventEstablished EventHeld EventNetworkReached EventPartyChanged EventPartyDeleted EventQueued EventReleased EventRetrieved EventRinging EventRouteRequest EventRouteUsed EventTreatmentApplied EventTreatmentEnd EventTreatmentNotApplied EventAttachedDataChanged EventNetworkCallStatus | CallID | GenEM Event Attributes, CallID: mandatory in the call events listed (0 when the switch supplies none); EventPartyAdded is not listed. User-Data and Network Attended Transfer event tables: CallID M [genem-digest-2 §2.4 (N3); genem-digest-1 §2.3 EventAttachedDataChanged, EventNetworkCallStatus (S6, S7); genem-attributes §2 CallID (A4/A7), §3 common call block]
ringing | EventRinging | ThisDN ThisDNRole CallState | GenEM T-Library Events, Call-Handling Events: EventRinging attribute table [genem-digest-1 §2.3 EventRinging (S4)]
dialing | EventDialing | ThisDN ThisDNRole | GenEM T-Library Events, Call-Handling Events: EventDialing attribute table [genem-digest-1 §2.3 EventDialing (S4)]
abandoned | EventAbandoned | ThisDN ThisDNRole CallState | GenEM (Voice Microservices copy), Call-Handling Events: EventAbandoned attribute table [genem-digest-1 §2.3 EventAbandoned (S14)]
route-request | EventRouteRequest EventRouteUsed | ThisDN ThisQueue | GenEM T-Library Events, Call-Routing Events: EventRouteRequest and EventRouteUsed attribute tables [genem-digest-1 §2.3 EventRouteRequest, EventRouteUsed (S5)]
attached-data | EventAttachedDataChanged | UserData | GenEM T-Library Events, User-Data Events: EventAttachedDataChanged attribute table [genem-digest-1 §2.3 EventAttachedDataChanged (S6)]
network-call-status | EventNetworkCallStatus | ThisDN ThisDNRole NetworkCallState NetworkDestState | GenEM T-Library Events, Network Attended Transfer Events: EventNetworkCallStatus attribute table [genem-digest-1 §2.3 EventNetworkCallStatus (S7)]
network-private-info | EventNetworkPrivateInfo | PrivateEvent | GenEM T-Library Events, Network Attended Transfer Events: EventNetworkPrivateInfo attribute table [genem-digest-1 §2.3 EventNetworkPrivateInfo (S7)]
treatment-applied | EventTreatmentApplied | ThisDN ThisDNRole | GenEM (Voice Microservices copy), Call-Treatment Events: EventTreatmentApplied, mandatory part [genem-attributes §3.19 (A6)]
call-created | EventCallCreated | CallUUID ConnID | GenEM T-Library Call-Based Notifications: EventCallCreated attribute table [genem-digest-1 §2.3 EventCallCreated (S16)]
transaction-status | EventTransactionStatus | SubscriptionID Extensions | GenEM ISCC Transaction Monitoring, The Transaction Monitoring Event: EventTransactionStatus [genem-digest-1 §2.3, §3.10 (S17)]
registered | EventRegistered | ThisDN ReferenceID Extensions InfoType | GenEM T-Library Events, Registration Events: EventRegistered attribute table [genem-attributes §3.15 (A1)]
unregistered | EventUnregistered | ThisDN | GenEM T-Library Events, Registration Events: EventUnregistered attribute table [genem-attributes §3.16 (A1)]
error | EventError | ReferenceID ErrorCode | GenEM T-Library Events, Negative-Response Events: EventError attribute table [genem-attributes §3.17 (A2)]
agent-login | EventAgentLogin EventAgentLogout | ThisDN | GenEM (Voice Microservices copy), Agent-State and DN Events: EventAgentLogin and EventAgentLogout attribute tables [genem-attributes §3.11, §3.12 (A3)]
consult-previous | EventDialing EventRouteRequest EventAbandoned | PreviousConnID when CallType is Consult | GenEM T-Library Events: PreviousConnID must appear when CallType is Consult (EventDialing, EventRouteRequest, EventAbandoned tables) [genem-digest-1 §2.3 (S4, S5, S14); genem-attributes §2 PreviousConnID]
dialing-other-role | EventDialing | OtherDNRole only with OtherDN | GenEM T-Library Events, Call-Handling Events: EventDialing, OtherDNRole is present only when OtherDN is [genem-digest-1 §2.3 EventDialing (S4); genem-attributes §2 OtherDN]
routing-queue | EventRouteRequest EventRouteUsed | ThisQueue equal to ThisDN | GenEM T-Library Events, Call-Routing Events: ThisQueue equals ThisDN in EventRouteRequest and EventRouteUsed [genem-digest-1 §2.3 EventRouteRequest, EventRouteUsed (S5)]
call-type-value | any T-Library event | CallType a CallType | GenEM Event Attributes, CallType: Unknown, Internal, Inbound, Outbound or Consult (TCallType) [genem-digest-1 §2.1 CallType (S25)]
connid-value | any T-Library event | ConnID PreviousConnID TransferConnID ConferenceConnID FirstTransferConnID LastTransferConnID a ConnID | GenEM Call Models and Flows: a ConnID is hexadecimal (16 digits in T-Server logs; <ConnID>@<meta> in the Voice Microservices) [genem-digest-1 §3.0 rule 8 (S14, S26); log-formats §1–§3]
callid-value | any T-Library event | CallID a CallID | GenEM Event Attributes, CallID: the switch's integer call identifier, 0 when the switch supplies none [genem-attributes §2 CallID (A4/A7)]
`;

function row(r: EventRule): string {
  const what = (): [string, string] => {
    switch (r.kind) {
      case 'mandatory': return [r.events.join(' '), r.attributes.join(' ')];
      case 'conditional': return [r.events.join(' '), `${r.requires} when ${r.when} is ${r.is}`];
      case 'only-with': return [r.events.join(' '), `${r.attribute} only with ${r.requires}`];
      case 'equal': return [r.events.join(' '), `${r.attributes[1]} equal to ${r.attributes[0]}`];
      case 'type': return ['any T-Library event', `${r.attributes.join(' ')} a ${r.type}`];
    }
  };
  const [events, requirement] = what();
  return `${r.id} | ${events} | ${requirement} | ${r.source} [${r.digest}]`;
}

const event = (name: string, attributes: TEvent['attributes'], extra: Partial<TEvent> = {}): TEvent => ({ name, dn: '7002', attributes, ...extra });
const RINGING = { ConnID: '006b02a6f6e10001', CallID: '17', CallType: 'Internal', ThisDN: '7002', ThisDNRole: 'Destination', CallState: 'Ok' };
const DIALING = { ConnID: '006b02a6f6e10001', CallID: '17', CallType: 'Internal', ThisDN: '7001', ThisDNRole: 'Origination', OtherDN: '7002', OtherDNRole: 'Destination' };
const without = (attributes: Record<string, string>, ...names: string[]): Record<string, string> =>
  Object.fromEntries(Object.entries(attributes).filter(([k]) => !names.includes(k)));
const ids = (events: readonly TEvent[]): string[] => checkEventRules(events).map((v) => `${v.rule.id}:${v.attribute}`);

test('the rules module lists exactly the rules of the table, with their sources', () => {
  assert.deepEqual(EVENT_RULES.map(row), TABLE.trim().split('\n'));
});

test('every rule names known events and attributes', () => {
  for (const r of EVENT_RULES) {
    const events = 'events' in r ? r.events : [];
    for (const e of events) assert.ok(Object.hasOwn(EVENTS, e), `${r.id}: unknown event ${e}`);
    const attributes = r.kind === 'mandatory' || r.kind === 'type' || r.kind === 'equal' ? r.attributes : r.kind === 'conditional' ? [r.when, r.requires] : [r.attribute, r.requires];
    for (const a of attributes) assert.ok(ATTRIBUTES.has(a), `${r.id}: unknown attribute ${a}`);
  }
});

test('a well-formed EventRinging and EventDialing break no rule', () => {
  assert.deepEqual(ids([event('EventRinging', RINGING), event('EventDialing', DIALING)]), []);
});

test('each mandatory attribute of EventRinging is required, with the rule and its source in the message', () => {
  for (const name of ['ConnID', 'CallID', 'CallType', 'ThisDN', 'ThisDNRole', 'CallState'] as const) {
    const violations = checkEventRules([event('EventRinging', without(RINGING, name))]);
    assert.equal(violations.length, 1, name);
    assert.equal(violations[0]?.attribute, name);
  }
  const text = renderRuleViolations(checkEventRules([event('EventRinging', without(RINGING, 'CallID'))]));
  assert.match(text, /EventRinging on DN 7002 has no CallID — rule call-id: GenEM Event Attributes, CallID/);
});

test('values must have their type: CallType a CallType, ConnIDs hexadecimal, CallID an integer (0 allowed)', () => {
  assert.deepEqual(ids([event('EventRinging', { ...RINGING, CallType: 'Sideways' })]), ['call-type-value:CallType']);
  assert.deepEqual(ids([event('EventRinging', { ...RINGING, ConnID: 'call-one' })]), ['connid-value:ConnID']);
  assert.deepEqual(ids([event('EventRinging', { ...RINGING, CallID: 'London-1' })]), ['callid-value:CallID']);
  assert.deepEqual(ids([event('EventRinging', { ...RINGING, CallID: '0' }), event('EventRinging', { ...RINGING, CallID: 0 })]), []);
  assert.deepEqual(ids([event('EventRinging', { ...RINGING, ConnID: '00890' }), event('EventRinging', { ...RINGING, ConnID: '006b02a6f6e10001@vm-node-2' })]), [], 'short .NET and VM ConnIDs are ConnIDs');
});

test('conditional rules: PreviousConnID on a consultation; OtherDNRole only with OtherDN; ThisQueue = ThisDN at a routing point', () => {
  assert.deepEqual(ids([event('EventDialing', { ...DIALING, CallType: 'Consult' })]), ['consult-previous:PreviousConnID']);
  assert.deepEqual(ids([event('EventDialing', { ...DIALING, CallType: 'Consult', PreviousConnID: '006b02a6f6e10000' })]), []);
  assert.deepEqual(ids([event('EventDialing', without(DIALING, 'OtherDN'))]), ['dialing-other-role:OtherDNRole']);
  const routed = { ConnID: '006b02a6f6e10001', CallID: '3', CallType: 'Inbound', ThisDN: '9001', ThisQueue: '9002' };
  assert.deepEqual(ids([event('EventRouteUsed', routed)]), ['routing-queue:ThisQueue']);
});

test('where GenEM is silent or allows it, nothing is required', () => {
  assert.deepEqual(ids([
    event('EventDialing', without(DIALING, 'OtherDN', 'OtherDNRole')), // *DIAL: absent when T-Server does not know the other party
    event('EventDialing', { ...DIALING, CallType: 'Unknown' }), // EventDialing's CallType may be Unknown
    event('EventEstablished', { ConnID: '006b02a6f6e10001', CallID: '17', CallType: 'Internal' }), // ThisDN/ThisDNRole M only INFERRED
    event('EventPartyAdded', { ConnID: '006b02a6f6e10001', CallType: 'Internal' }), // CallID not in VM's list
    event('EventAgentReady', { ThisDN: '7002' }), // agent-state table not read
    event('EventRouteUsed', { InteractionId: '42' }, { participant: 'Ursula', sender: 'Interaction Server' }), // an interaction, not a call
    event('EventRouteUsed', {}, { participant: 'Ursula', sender: 'Interaction Server' }), // the same without the id the features allow it to leave out
    event('EventError', { ErrorCode: 5 }, { protocol: 'Interaction Management' }), // another protocol
  ]), []);
});

test('at a coarser observation level, only what the level carries is judged', () => {
  // The Workspace API carries no CallID, ThisDNRole or CallState: their absence says nothing about the switch.
  const carried = new Set(['ThisDN', 'ConnID', 'PreviousConnID', 'CallType', 'OtherDN', 'OtherDNRole']);
  const level = (events: readonly TEvent[]): string[] => checkEventRules(events).filter((v) => judgeableAt(v, carried)).map((v) => `${v.rule.id}:${v.attribute}`);
  assert.deepEqual(level([event('EventRinging', without(RINGING, 'CallID', 'ThisDNRole', 'CallState'))]), []);
  assert.deepEqual(level([event('EventRinging', without(RINGING, 'ConnID', 'CallID'))]), ['call-event:ConnID'], 'what it carries is still required');
  assert.deepEqual(level([event('EventRinging', { ...without(RINGING, 'CallID'), CallType: 'Sideways' })]), ['call-type-value:CallType'], 'and typed');
  assert.deepEqual(level([event('EventDialing', { ...without(DIALING, 'CallID'), CallType: 'Consult' })]), ['consult-previous:PreviousConnID']);
  assert.deepEqual(level([event('EventRouteUsed', { ConnID: '006b02a6f6e10001', CallType: 'Inbound', ThisDN: '9001', ThisQueue: '9002' })]), [], 'a rule reading ThisQueue cannot be judged without it');
});
