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
import { errorEvent, RequestRejected } from './events';
import { networkHandlers } from './network';
import { registrationHandlers } from './registration';
import type { Handler, SimEnv, SimEvent, SimState } from './state';
import { userDataHandlers } from './userData';

export const FAMILIES: Readonly<Record<string, Readonly<Record<string, Handler>>>> = {
  callControl: callControlHandlers,
  userData: userDataHandlers,
  agent: agentHandlers,
  registration: registrationHandlers,
  network: networkHandlers,
};

const HANDLERS: ReadonlyMap<string, Handler> = new Map(
  Object.values(FAMILIES).flatMap((family) => Object.entries(family)),
);

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
