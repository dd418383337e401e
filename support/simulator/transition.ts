/**
 * The reference simulator's core: a pure function
 *
 *     transition(state, request, env) → [nextState, events]
 *
 * It never reads the wall clock or a random source: `env.now` and `env.connId` are injected, so the
 * same requests always give byte-identical traces. The request families live in one module each
 * over the shared state; a family registers its handlers in {@link FAMILIES}.
 */
import type { TRequest } from '../model/event';
import { agentHandlers } from './agent';
import { callControlHandlers } from './callControl';
import { registerOfferRules, type OfferRule } from './delivery';
import { errorEvent, RequestRejected } from './events';
import { networkHandlers } from './network';
import { registrationHandlers } from './registration';
import type { Handler, SimEnv, SimEvent, SimState } from './state';
import { userDataHandlers } from './userData';

/** A request family: its request handlers and, optionally, how it changes the offer of a call. */
export interface Family {
  readonly handlers: Readonly<Record<string, Handler>>;
  readonly offerRules?: readonly OfferRule[];
  /** Adapter capabilities (`@requires:` names) the family provides, beyond its request names. */
  readonly capabilities?: readonly string[];
}

/** One line per family module. Order matters only for offer rules (earlier families decide first). */
export const FAMILIES: Readonly<Record<string, Family>> = {
  callControl: { handlers: callControlHandlers },
  userData: { handlers: userDataHandlers },
  agent: { handlers: agentHandlers },
  registration: { handlers: registrationHandlers },
  network: { handlers: networkHandlers, capabilities: ['external-parties', 'alerting-control'] },
};

const HANDLERS: ReadonlyMap<string, Handler> = new Map(
  Object.values(FAMILIES).flatMap((family) => Object.entries(family.handlers)),
);
for (const family of Object.values(FAMILIES)) registerOfferRules(family.offerRules ?? []);

/** Capabilities the families provide (`@requires:` names). */
export function familyCapabilities(): string[] {
  return Object.values(FAMILIES).flatMap((f) => f.capabilities ?? []);
}

/** Every request (and party action) the simulator implements. */
export function supportedRequests(): string[] {
  return [...HANDLERS.keys()];
}

export function transition(state: SimState, request: TRequest, env: SimEnv): [SimState, SimEvent[]] {
  const next = structuredClone(state);
  const handler = HANDLERS.get(request.name);
  if (!handler) return [state, [errorEvent(request, 'Unsupported')]];
  let events: SimEvent[];
  try {
    events = handler(next, request, env);
  } catch (e) {
    if (e instanceof RequestRejected) return [state, [errorEvent(request, e.kind)]];
    throw e;
  }
  return [next, events.map((e) => stamp(e, env.now))];
}

/** T-Server stamps every event with the time it generated it (seconds + microseconds). */
function stamp(event: SimEvent, now: number): SimEvent {
  return {
    ...event,
    attributes: { ...event.attributes, TimeinSecs: Math.floor(now / 1000), TimeinuSecs: (now % 1000) * 1000 },
  };
}
