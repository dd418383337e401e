/**
 * The messages of Interaction Server's two protocols, as GenEM's Basic Interaction Models name
 * them (digest 1 §3.11, READ S20): Interaction Management (agent applications and other clients ↔
 * Interaction Server) and Reporting (Interaction Server → reporting engines such as Stat Server).
 *
 * Kept apart from the T-Library catalogue (catalogue.ts) because the same names mean different
 * messages in different protocols (EventAgentLogin, EventPartyAdded, EventError). A message's
 * protocol travels in the event's envelope (`protocol`) and expectation tables can name it.
 * Ids are not listed: none were read.
 */
import type { AttributeDefinition } from './catalogue';
import type { Protocol } from './event';

const IM: Protocol = 'Interaction Management';
const REP: Protocol = 'Reporting';

/** Event name → the non-T-Library protocols it is a message of. */
export const INTERACTION_EVENTS: Readonly<Record<string, readonly Protocol[]>> = {
  EventAck: [IM],
  EventError: [IM],
  EventInvite: [IM],
  EventRevoked: [IM],
  EventPulledInteractions: [IM],
  EventWorkbinContentChanged: [IM],
  EventPartyAdded: [IM, REP],
  EventPartyRemoved: [IM, REP],
  EventAgentLogin: [REP],
  EventAgentLogout: [REP],
  EventCurrentAgentStatus: [REP],
  EventAgentInvited: [REP],
  EventRejected: [REP],
  EventPlacedInQueue: [REP],
  EventPlacedInWorkbin: [REP],
  EventTakenFromQueue: [REP],
  EventTakenFromWorkbin: [REP],
  EventInteractionSubmitted: [REP],
};

/** Interaction Management requests (an agent application or another client → Interaction Server). */
export const INTERACTION_REQUESTS: readonly string[] = [
  'RequestRegisterClient', 'RequestAgentLogin', 'RequestAgentLogout', 'RequestAgentAvailable',
  'RequestAgentNotAvailable', 'RequestAccept', 'RequestReject', 'RequestPlaceInQueue',
  'RequestPlaceInWorkbin', 'RequestPull', 'RequestSubmit', 'RequestTransfer', 'RequestConference',
  'RequestLeaveInteraction',
];

/** Attributes of the interaction protocols (names as Interaction Server logs print them). */
export const INTERACTION_ATTRIBUTES: readonly AttributeDefinition[] = [
  { name: 'InteractionId', kind: 'string' },
  { name: 'InteractionType', kind: 'string' },
  { name: 'ClientName', kind: 'string' },
  { name: 'PlaceId', kind: 'string' },
  { name: 'Queue', kind: 'string' },
  { name: 'Workbin', kind: 'string' },
  { name: 'TargetAgent', kind: 'string' },
  { name: 'FromAgent', kind: 'string' },
  { name: 'AgentStatus', kind: 'string' },
  { name: 'InteractionCount', kind: 'int' },
];
