/**
 * The simulator's state between requests, and how one request moves it: the core of the embedded
 * adapter (SimulatorAdapter.ts), which owns one per open session.
 *
 * The reference, {@link PureSteps}, is the pure `transition`: a copy of the whole state per
 * request, the request applied to the copy, the copy kept unless the request was rejected. The
 * fast path (support/accel/simulatorSteps.ts: the same step in place, a rejection rolled back from
 * a snapshot) is chosen in support/accel/index.ts and must give exactly the same events and state.
 */
import type { TRequest } from '../model/event';
import type { SimEnv, SimEvent, SimState } from './state';
import { transition } from './transition';

export interface SimulatorSteps {
  /** The state now (undefined before {@link start}). */
  readonly state: SimState | undefined;
  /** Start from `state` (the steps own it from now on). */
  start(state: SimState): void;
  /** One request: its events (an EventError when rejected: the state is then as before). */
  step(request: TRequest, env: SimEnv): SimEvent[];
  /** Forget the state. */
  stop(): void;
}

export class PureSteps implements SimulatorSteps {
  state: SimState | undefined;

  start(state: SimState): void {
    this.state = state;
  }

  step(request: TRequest, env: SimEnv): SimEvent[] {
    if (!this.state) throw new Error('the simulator is not open');
    const [next, events] = transition(this.state, request, env);
    this.state = next;
    return events;
  }

  stop(): void {
    this.state = undefined;
  }
}
