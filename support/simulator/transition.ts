/**
 * The reference simulator's core: a pure function
 *
 *     transition(state, request, env) → [nextState, events]
 *
 * It never reads the wall clock or a random source: `env.now` and `env.connId` are injected, so the
 * same requests always give byte-identical traces. The request families live in one module each
 * over the shared state; a family registers its handlers in {@link FAMILIES}.
 */
import type { AttrValue, TRequest } from '../model/event';
import { acdFamily } from './acd';
import { agentHandlers } from './agent';
import { appearancesFamily } from './appearances';
import { callControlHandlers } from './callControl';
import type { OfferRule } from './delivery';
import { dnFeaturesFamily } from './dnFeatures';
import { errorEvent, RequestRejected } from './events';
import { monitoringFamily } from './monitoring';
import { huntGroupFamily } from './huntGroup';
import { callNotificationsFamily } from './callNotifications';
import { interactionServerFamily } from './interactionServer';
import { isccFamily } from './iscc';
import { networkTransferHandlers } from './networkTransfer';
import { networkHandlers } from './network';
import { predictiveFamily } from './predictive';
import { outboundFamily } from './outbound';
import { registrationHandlers } from './registration';
import { routingFamily } from './routing';
import { specialDnsFamily } from './specialDns';
import { cloneState, type Handler, type SimEnv, type SimEvent, type SimState } from './state';
import { transferConferenceFamily } from './transferConference';
import { userDataHandlers } from './userData';
import { ursFamily } from './urs';
import { ivrServerFamily } from './ivrServer';

/** A request family: its request handlers and, optionally, how it changes the offer of a call. */
export interface Family {
  readonly handlers: Readonly<Record<string, Handler>>;
  readonly offerRules?: readonly OfferRule[];
  /** Adapter capabilities (`@requires:` names) the family provides, beyond its request names. */
  readonly capabilities?: readonly string[];
  /**
   * What the family adds to any request's outcome (a supervisor bridged in when its agent answers,
   * a bridged appearance following its principal): gets the handler's events, returns the new list.
   */
  readonly reactions?: readonly Reaction[];
  /**
   * Requests of other families that this family takes over for the calls it handles (the caller
   * hangs up while queued, an IVR port answers in converse mode...): each wraps the handler it
   * intercepts and calls `next` for every call it does not handle. Applied in family order.
   */
  readonly intercepts?: Readonly<Record<string, Interceptor>>;
}

export type Interceptor = (next: Handler) => Handler;

export type Reaction = (state: SimState, request: TRequest, events: readonly SimEvent[], env: SimEnv) => SimEvent[];

/** One line per family module. Order matters only for offer rules (earlier families decide first). */
export const FAMILIES: Readonly<Record<string, Family>> = {
  callControl: { handlers: callControlHandlers },
  specialDns: specialDnsFamily,
  userData: { handlers: userDataHandlers },
  agent: { handlers: agentHandlers },
  registration: { handlers: registrationHandlers },
  network: { handlers: networkHandlers, capabilities: ['external-parties', 'alerting-control'] },
  transferConference: transferConferenceFamily,
  acd: acdFamily,
  huntGroup: huntGroupFamily,
  routing: routingFamily,
  predictive: predictiveFamily,
  dnFeatures: dnFeaturesFamily,
  outbound: outboundFamily,
  appearances: appearancesFamily,
  monitoring: monitoringFamily,
  networkTransfer: { handlers: networkTransferHandlers, capabilities: ['network-transfer'] },
  interactionServer: interactionServerFamily,
  callNotifications: callNotificationsFamily,
  iscc: isccFamily,
  urs: ursFamily,
  ivrServer: ivrServerFamily,
};

const HANDLERS: ReadonlyMap<string, Handler> = intercepted(new Map(
  Object.values(FAMILIES).flatMap((family) => Object.entries(family.handlers)),
));
const OFFER_RULES: readonly OfferRule[] = Object.values(FAMILIES).flatMap((f) => f.offerRules ?? []);
const REACTIONS: readonly Reaction[] = Object.values(FAMILIES).flatMap((f) => f.reactions ?? []);

function intercepted(handlers: Map<string, Handler>): Map<string, Handler> {
  for (const family of Object.values(FAMILIES)) {
    for (const [name, wrap] of Object.entries(family.intercepts ?? {})) {
      const next = handlers.get(name);
      if (next) handlers.set(name, wrap(next));
    }
  }
  return handlers;
}

/** Capabilities the families provide (`@requires:` names). */
export function familyCapabilities(): string[] {
  return Object.values(FAMILIES).flatMap((f) => f.capabilities ?? []);
}

/** Every request (and party action) the simulator implements. */
export function supportedRequests(): string[] {
  return [...HANDLERS.keys()];
}

export function transition(state: SimState, request: TRequest, env: SimEnv): [SimState, SimEvent[]] {
  if (!HANDLERS.has(request.name)) return [state, [errorEvent(request, 'Unsupported')]];
  const next = cloneState(state);
  const outcome = applyInPlace(next, request, env);
  return [outcome.rejected ? state : next, outcome.events];
}

/** What {@link applyInPlace} did: the events, and whether the request was rejected (EventError). */
export interface InPlaceOutcome {
  readonly events: SimEvent[];
  /** Rejected: the events are the EventError, and `state` may have been changed part way. */
  readonly rejected: boolean;
}

/**
 * The same step as {@link transition}, on `state` itself: no copy of the whole state per request
 * (the simulator's largest cost under load, bench/RESULTS.md). When the request is rejected the
 * state may be half changed, so the caller must go back to a state of its own (SimulatorAdapter
 * keeps a snapshot and the requests since, and replays them: the step is deterministic).
 */
export function applyInPlace(state: SimState, request: TRequest, env: SimEnv): InPlaceOutcome {
  const handler = HANDLERS.get(request.name);
  if (!handler) return { events: [errorEvent(request, 'Unsupported')], rejected: true };
  let events: SimEvent[];
  const step: SimEnv = { ...env, offerRules: OFFER_RULES };
  try {
    events = handler(state, request, step);
    for (const react of REACTIONS) events = react(state, request, events, step);
  } catch (e) {
    if (e instanceof RequestRejected) return { events: [errorEvent(request, e.kind)], rejected: true };
    throw e;
  }
  return { events: events.map((e) => stamp(e, env.now)), rejected: false };
}

/**
 * T-Server stamps every event with the time it generated it (seconds + microseconds). An attribute
 * that is a list (UserData, Extensions) may be the state's own: the event gets a copy, so that a
 * later request changing the state does not change an event already delivered.
 */
function stamp(event: SimEvent, now: number): SimEvent {
  const attributes: Record<string, AttrValue> = {};
  for (const key in event.attributes) {
    const value = event.attributes[key] as AttrValue;
    attributes[key] = typeof value === 'object' ? cloneState(value) : value;
  }
  attributes.TimeinSecs = Math.floor(now / 1000);
  attributes.TimeinuSecs = (now % 1000) * 1000;
  return { ...event, attributes };
}
