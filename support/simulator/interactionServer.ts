/**
 * Interaction Server (GenEM Basic Interaction Models, digest 1 §3.11, READ S20): multimedia
 * interactions between agent applications (Interaction Management protocol), reporting engines
 * (Reporting protocol) and the routing server (T-Library RequestRouteCall / EventRouteUsed).
 *
 * The documented message set of each phase is produced, each message to the participant the
 * model names; the order inside a phase follows the text of the model (the figures that give the
 * order were not readable, so features match phases as sets). Where a phase was not read (the
 * invitation timeout, leaving a conference) the reconstruction is marked INFERRED below.
 */
import type { AttrValue, Protocol, TRequest } from '../model/event';
import { reject } from './events';
import { participantsOf, senderOf, toParticipant, type ParticipantEntry } from './participants';
import { str, type Handler, type SimEvent, type SimState } from './state';
import type { Family, Interceptor } from './transition';

const SERVER = 'Interaction Server';
const IM: Protocol = 'Interaction Management';
const REP: Protocol = 'Reporting';

interface Place { readonly kind: 'queue' | 'workbin'; readonly name: string; readonly owner?: string }
type InviteMode = 'deliver' | 'transfer' | 'conference';

interface Interaction {
  readonly id: string;
  place?: Place;
  /** Agent applications handling it. */
  handlers: string[];
  invite?: { readonly agent: string; readonly mode: InviteMode; readonly by: string };
}

export interface InteractionServerState {
  clients: Record<string, { registered: boolean; loggedIn: boolean }>;
  interactions: Record<string, Interaction>;
}

function server(state: SimState): InteractionServerState {
  const beyond = (state.participants ??= { sites: {}, dnSite: {}, participants: {} });
  return (beyond.interactionServer ??= { clients: {}, interactions: {} });
}

type Out = SimEvent[];
const to = (who: string, name: string, protocol: Protocol, attributes: Record<string, AttrValue>): SimEvent =>
  toParticipant(who, name, protocol, SERVER, attributes);
const report = (state: SimState, name: string, attributes: Record<string, AttrValue>): Out =>
  participantsOf(state, 'reporting-engine').filter((r) => r.server === SERVER).map((r) => to(r.id, name, REP, attributes));
const ref = (request: TRequest): Record<string, AttrValue> => (request.attributes.ReferenceID === undefined ? {} : { ReferenceID: request.attributes.ReferenceID });
const ack = (request: TRequest, who: string, extra: Record<string, AttrValue> = {}): SimEvent => to(who, 'EventAck', IM, { ...ref(request), ...extra });

/** The agent application that sent the request; an unregistered client is answered by EventError (READ). */
function client(state: SimState, request: TRequest, needRegistered = true): ParticipantEntry {
  const app = senderOf(state, request);
  if (!app || app.kind !== 'agent-application') reject('InvalidAttribute');
  const known = server(state).clients[app.id];
  if (!app.valid || (needRegistered && !known?.registered)) throw new ImError(app.id);
  return app;
}

/** EventError in the Interaction Management protocol, to the requesting application. */
class ImError extends Error {
  constructor(readonly who: string, readonly code = 1) {
    super('refused by Interaction Server');
  }
}

function interaction(state: SimState, request: TRequest): Interaction {
  const found = server(state).interactions[str(request, 'InteractionId') ?? ''];
  if (!found) reject('InvalidAttribute');
  return found;
}

const idOf = (i: Interaction): Record<string, AttrValue> => ({ InteractionId: i.id });

/** Guard every Interaction Management handler: refusals become EventError (IM) to the sender. */
function im(handler: Handler): Handler {
  return (state, request, env) => {
    try {
      return handler(state, request, env);
    } catch (e) {
      if (e instanceof ImError) return [to(e.who, 'EventError', IM, { ...ref(request), ErrorCode: e.code })];
      throw e;
    }
  };
}

const registerClient: Handler = (state, request) => {
  const app = client(state, request, false);
  server(state).clients[app.id] = { registered: true, loggedIn: false };
  return [ack(request, app.id)];
};

const agentLogin: Handler = (state, request) => {
  const app = client(state, request);
  const c = server(state).clients[app.id];
  if (c) c.loggedIn = true;
  return [
    ack(request, app.id),
    ...report(state, 'EventAgentLogin', { AgentID: app.id }),
    // The reporting engine's EventCurrentAgentStatus, relayed to the agent by the primary server (READ).
    to(app.id, 'EventCurrentAgentStatus', REP, { AgentID: app.id }),
  ];
};

const agentLogout: Handler = (state, request) => {
  const app = client(state, request);
  const c = server(state).clients[app.id];
  if (!c?.loggedIn) throw new ImError(app.id);
  c.loggedIn = false;
  return [ack(request, app.id), ...report(state, 'EventAgentLogout', { AgentID: app.id })];
};

const availability: Handler = (state, request) => [ack(request, client(state, request).id)];

/** The interaction leaves its queue or workbin (Reporting EventPartyRemoved, as the models print it). */
function leavePlace(state: SimState, i: Interaction): Out {
  const from = i.place;
  delete i.place;
  return report(state, 'EventPartyRemoved', { ...idOf(i), ...(from ? { Queue: from.name } : {}) });
}

function placeIn(state: SimState, i: Interaction, place: Place): Out {
  i.place = place;
  i.handlers = [];
  const events = report(state, 'EventPlacedInQueue', { ...idOf(i), Queue: place.name });
  if (place.kind === 'workbin') {
    events.push(...report(state, 'EventPlacedInWorkbin', { ...idOf(i), Workbin: place.name }));
    // Only a registered application has a session to be told in (the receiver is reconstructed).
    if (place.owner && server(state).clients[place.owner]?.registered) events.push(to(place.owner, 'EventWorkbinContentChanged', IM, { ...idOf(i), Workbin: place.name }));
  }
  return events;
}

function targetPlace(request: TRequest): Place | undefined {
  const workbin = str(request, 'Workbin');
  const owner = str(request, 'TargetAgent');
  if (workbin) return { kind: 'workbin', name: workbin, ...(owner ? { owner } : {}) };
  const queue = str(request, 'Queue');
  return queue ? { kind: 'queue', name: queue } : undefined;
}

/** URS asks Interaction Server to deliver the interaction to an agent, or to place it in a queue or workbin. */
const routeInteraction: Handler = (state, request) => {
  const router = senderOf(state, request);
  const i = interaction(state, request);
  if (!router || router.kind !== 'router') reject('InvalidAttribute');
  const place = targetPlace(request);
  const routeUsed = to(router.id, 'EventRouteUsed', 'T-Library', { ...idOf(i), ...ref(request) });
  if (place) return [...leavePlace(state, i), ...placeIn(state, i, place), routeUsed];
  const agent = str(request, 'TargetAgent') ?? '';
  if (!server(state).clients[agent]?.loggedIn) reject('InvalidState');
  i.invite = { agent, mode: 'deliver', by: router.id };
  return [...report(state, 'EventAgentInvited', { ...idOf(i), AgentID: agent }), to(agent, 'EventInvite', IM, idOf(i)), ...leavePlace(state, i)];
};

/** The interaction `app` is invited to, and the invitation (which it ends). */
function invited(state: SimState, request: TRequest, app: ParticipantEntry): { i: Interaction; mode: InviteMode; by: string } {
  const i = interaction(state, request);
  const inv = i.invite;
  if (inv?.agent !== app.id) throw new ImError(app.id);
  delete i.invite;
  return { i, mode: inv.mode, by: inv.by };
}

const accept: Handler = (state, request) => {
  const app = client(state, request);
  const { i, mode, by } = invited(state, request, app);
  const added = report(state, 'EventPartyAdded', { ...idOf(i), AgentID: app.id });
  if (mode === 'deliver') {
    i.handlers = [app.id];
    return [to(by, 'EventRouteUsed', 'T-Library', idOf(i)), ...added];
  }
  if (mode === 'transfer') {
    i.handlers = [app.id];
    return [to(by, 'EventAck', IM, idOf(i)), ...added, ...report(state, 'EventPartyRemoved', { ...idOf(i), AgentID: by })];
  }
  i.handlers.push(app.id);
  // Conference: every party is told in Interaction Management too (READ "all parties informed").
  return [to(by, 'EventAck', IM, idOf(i)), ...added, ...i.handlers.map((h) => to(h, 'EventPartyAdded', IM, { ...idOf(i), AgentID: app.id }))];
};

const rejectInvite: Handler = (state, request) => {
  const app = client(state, request);
  const { i, mode, by } = invited(state, request, app);
  const rejected = report(state, 'EventRejected', { ...idOf(i), AgentID: app.id });
  if (mode === 'deliver') return [ack(request, app.id, idOf(i)), ...rejected, to(by, 'EventRouteUsed', 'T-Library', idOf(i))];
  return [ack(request, app.id, idOf(i)), to(by, 'EventError', IM, idOf(i)), ...rejected];
};

/** Test control: the invitation timer expires. INFERRED for delivery (EventRevoked + EventPartyRemoved). */
const inviteTimeout: Handler = (state, request) => {
  const i = Object.values(server(state).interactions).find((x) => x.invite?.agent === str(request, 'AgentID'));
  if (!i?.invite) reject('InvalidState');
  const { agent, mode, by } = i.invite;
  delete i.invite;
  if (mode === 'deliver') return [to(agent, 'EventRevoked', IM, idOf(i)), ...report(state, 'EventPartyRemoved', { ...idOf(i), AgentID: agent })];
  return [to(by, 'EventError', IM, idOf(i)), to(agent, 'EventRevoked', IM, idOf(i))];
};

const invite = (mode: 'transfer' | 'conference'): Handler => (state, request) => {
  const app = client(state, request);
  const i = interaction(state, request);
  const target = str(request, 'TargetAgent') ?? '';
  if (!i.handlers.includes(app.id) || !server(state).clients[target]?.loggedIn) throw new ImError(app.id);
  i.invite = { agent: target, mode, by: app.id };
  return [...report(state, 'EventAgentInvited', { ...idOf(i), AgentID: target }), to(target, 'EventInvite', IM, idOf(i))];
};

/** A party leaves a conference. READ: EventAck; the rest INFERRED (PartyRemoved to reporting and the others). */
const leave: Handler = (state, request) => {
  const app = client(state, request);
  const i = interaction(state, request);
  if (!i.handlers.includes(app.id)) throw new ImError(app.id);
  i.handlers = i.handlers.filter((h) => h !== app.id);
  const events: Out = [ack(request, app.id, idOf(i)), ...report(state, 'EventPartyRemoved', { ...idOf(i), AgentID: app.id })];
  events.push(...i.handlers.map((h) => to(h, 'EventPartyRemoved', IM, { ...idOf(i), AgentID: app.id })));
  return events;
};

const placeByAgent: Handler = (state, request) => {
  const app = client(state, request);
  const i = interaction(state, request);
  const place = targetPlace(request);
  if (!i.handlers.includes(app.id) || !place) throw new ImError(app.id);
  return [ack(request, app.id, idOf(i)), ...report(state, 'EventPartyRemoved', { ...idOf(i), AgentID: app.id }), ...placeIn(state, i, place)];
};

const pull: Handler = (state, request) => {
  const app = client(state, request);
  const i = interaction(state, request);
  const from = i.place;
  if (!from) throw new ImError(app.id);
  delete i.place;
  i.handlers = [app.id];
  const events: Out = [
    ...report(state, 'EventPartyAdded', { ...idOf(i), AgentID: app.id }),
    to(app.id, 'EventPulledInteractions', IM, { ...idOf(i), ...ref(request) }),
    ...report(state, 'EventTakenFromQueue', { ...idOf(i), Queue: from.name }),
  ];
  if (from.kind === 'workbin') {
    events.push(...report(state, 'EventTakenFromWorkbin', { ...idOf(i), Workbin: from.name }), to(app.id, 'EventWorkbinContentChanged', IM, { ...idOf(i), Workbin: from.name }));
  }
  return events;
};

/** Test control: the pulled interaction's timer expires and Interaction Server revokes it (READ). */
const pullTimeout: Handler = (state, request) => {
  const agent = str(request, 'AgentID') ?? '';
  const i = Object.values(server(state).interactions).find((x) => x.handlers.includes(agent));
  if (!i) reject('InvalidState');
  i.handlers = [];
  return [...report(state, 'EventPartyRemoved', { ...idOf(i), AgentID: agent }), to(agent, 'EventRevoked', IM, idOf(i))];
};

const submit: Handler = (state, request) => {
  const app = client(state, request);
  const id = str(request, 'InteractionId') ?? `ix-${String(Object.keys(server(state).interactions).length + 1)}`;
  const i: Interaction = { id, handlers: [app.id] };
  server(state).interactions[id] = i;
  return [ack(request, app.id, idOf(i)), ...report(state, 'EventInteractionSubmitted', idOf(i)), ...report(state, 'EventPartyAdded', { ...idOf(i), AgentID: app.id })];
};

/** Test control: an interaction arrives and waits (a media server submitted it; nobody is told here). */
const arrives: Handler = (state, request) => {
  const id = str(request, 'InteractionId') ?? '';
  const place = targetPlace(request);
  server(state).interactions[id] = { id, handlers: [], ...(place ? { place } : {}) };
  return [];
};

/** Test control: the agent application's connection drops. EventAgentLogout only if it was logged in (READ). */
const disconnects: Handler = (state, request) => {
  const agent = str(request, 'AgentID') ?? '';
  const c = server(state).clients[agent];
  const wasLoggedIn = c?.loggedIn === true;
  server(state).clients[agent] = { registered: false, loggedIn: false };
  return wasLoggedIn ? report(state, 'EventAgentLogout', { AgentID: agent }) : [];
};

/** T-Library names the Interaction Server shares: only the interaction requests are taken over. */
const forInteractions = (mine: Handler, isMine: (request: TRequest) => boolean): Interceptor => (next) => (state, request, env) =>
  (isMine(request) ? im(mine)(state, request, env) : next(state, request, env));
const imRequest = (request: TRequest): boolean => request.protocol === IM;

export const interactionServerFamily: Family = {
  handlers: {
    RequestRegisterClient: im(registerClient), RequestAgentAvailable: im(availability), RequestAgentNotAvailable: im(availability),
    RequestAccept: im(accept), RequestReject: im(rejectInvite), RequestTransfer: im(invite('transfer')),
    RequestConference: im(invite('conference')), RequestLeaveInteraction: im(leave), RequestPlaceInQueue: im(placeByAgent),
    RequestPlaceInWorkbin: im(placeByAgent), RequestPull: im(pull), RequestSubmit: im(submit),
    'Interaction.Arrives': arrives, 'Interaction.InviteTimeout': inviteTimeout, 'Interaction.PullTimeout': pullTimeout,
    'Interaction.ClientDisconnects': disconnects,
  },
  intercepts: {
    RequestAgentLogin: forInteractions(agentLogin, imRequest),
    RequestAgentLogout: forInteractions(agentLogout, imRequest),
    RequestRouteCall: forInteractions(routeInteraction, (r) => r.attributes.InteractionId !== undefined),
  },
  capabilities: ['interaction-server'],
};
