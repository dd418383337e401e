/**
 * The fast path of the simulator's step (reference: PureSteps in support/simulator/steps.ts, the
 * pure `transition`), chosen in ./index.ts.
 *
 * `transition` deep-copies the whole simulator state on every request, so that a rejected request
 * leaves the state as it was: the simulator's largest cost under load (bench/RESULTS.md, target
 * (d): 8.7k events/s in-process with the copy). Here the request is applied to the state itself
 * ({@link applyInPlace}); a rejected one, which may have changed the state part way, is rolled back
 * by replaying the accepted requests since the last snapshot (the step is deterministic: the clock
 * reading and the ConnID source are in `env`). The contract: exactly the events and the state of
 * PureSteps, whatever the mix of accepted and rejected requests (SimulatorAdapter.spec.ts).
 */
import type { TRequest } from '../model/event';
import { cloneState, type SimEnv, type SimEvent, type SimState } from '../simulator/state';
import type { SimulatorSteps } from '../simulator/steps';
import { applyInPlace } from '../simulator/transition';

/** Requests between two snapshots of the state (a rejection replays at most this many). */
const SNAPSHOT_EVERY = 256;

export class InPlaceSteps implements SimulatorSteps {
  state: SimState | undefined;
  /** A copy of the state at some point, and the requests accepted since: how a rejection rolls back. */
  private saved: SimState | undefined;
  private journal: { readonly request: TRequest; readonly env: SimEnv }[] = [];

  start(state: SimState): void {
    this.state = state;
    this.snapshot();
  }

  step(request: TRequest, env: SimEnv): SimEvent[] {
    if (!this.state) throw new Error('the simulator is not open');
    const { events, rejected } = applyInPlace(this.state, request, env);
    if (rejected) this.state = this.rollBack();
    else this.journal.push({ request, env });
    if (this.journal.length >= SNAPSHOT_EVERY) this.snapshot();
    return events;
  }

  stop(): void {
    this.state = undefined;
    this.saved = undefined;
    this.journal = [];
  }

  private snapshot(): void {
    if (this.state) this.saved = cloneState(this.state);
    this.journal = [];
  }

  /** The state before the rejected request: the last snapshot with the accepted requests since replayed. */
  private rollBack(): SimState {
    if (!this.saved) throw new Error('the simulator has no snapshot');
    const state = cloneState(this.saved);
    for (const { request, env } of this.journal) {
      if (applyInPlace(state, request, env).rejected) throw new Error(`the simulator could not replay ${request.name}: the step is not deterministic`);
    }
    return state;
  }
}
