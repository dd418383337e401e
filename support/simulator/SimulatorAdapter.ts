/**
 * The embedded default adapter: the reference simulator behind the public adapter contract.
 * A thin shell over the simulator's step ({@link applyInPlace}, the pure `transition` without its
 * copy): it owns the state, the simulated clock and the ConnID source, and delivers the events to
 * the sink.
 */
import type { Capabilities, EventSink, EventSourceAdapter, Topology } from '../adapter/contract';
import type { TRequest } from '../model/event';
import { SimulatedClock, connIdSource } from './clock';
import { cloneState, DEFAULT_PROFILE, initialState, type SimEnv, type SimEvent, type SimState, type SwitchProfile } from './state';
import { applyInPlace, familyCapabilities, supportedRequests } from './transition';

/** Requests between two snapshots of the state (a rejection replays at most this many). */
const SNAPSHOT_EVERY = 256;

/** A fault injector rewrites the events of one request (used by self-tests and the mutation campaign). */
export type FaultInjector = (events: readonly SimEvent[], request: TRequest) => SimEvent[];

export interface SimulatorOptions {
  readonly profile?: Partial<SwitchProfile>;
  readonly connIdPrefix?: string;
  readonly fault?: FaultInjector;
  /** Simulated milliseconds between two requests. */
  readonly stepMs?: number;
}

export class SimulatorAdapter implements EventSourceAdapter {
  readonly name = 'reference simulator';
  readonly capabilities: Capabilities;
  private state: SimState | undefined;
  /** A copy of the state at some point, and the requests accepted since: how a rejection rolls back. */
  private saved: SimState | undefined;
  private journal: { readonly request: TRequest; readonly env: SimEnv }[] = [];
  private sink: EventSink | undefined;
  private readonly clock = new SimulatedClock();
  private readonly profile: SwitchProfile;
  private readonly connId: (seq: number) => string;

  constructor(private readonly options: SimulatorOptions = {}) {
    this.profile = { ...DEFAULT_PROFILE, ...options.profile };
    this.connId = connIdSource(options.connIdPrefix);
    this.capabilities = {
      requests: supportedRequests().filter((r) => r.startsWith('Request')),
      features: [
        ...familyCapabilities(),
        'agent:login-reports-state',
        this.profile.afterCallWorkEvent === 'EventAgentNotReady' ? 'agent:acw-as-not-ready' : 'agent:acw-event',
      ],
    };
  }

  open(topology: Topology, sink: EventSink): Promise<void> {
    this.state = initialState(topology, this.profile);
    this.snapshot();
    this.sink = sink;
    return Promise.resolve();
  }

  private snapshot(): void {
    if (this.state) this.saved = cloneState(this.state);
    this.journal = [];
  }

  /**
   * The state before the rejected request: the last snapshot with the accepted requests since
   * replayed (the step is deterministic: the clock reading and ConnID source are in `env`).
   */
  private rollBack(): SimState {
    if (!this.saved) throw new Error('the simulator has no snapshot');
    const state = cloneState(this.saved);
    for (const { request, env } of this.journal) {
      if (applyInPlace(state, request, env).rejected) throw new Error(`the simulator could not replay ${request.name}: the step is not deterministic`);
    }
    return state;
  }

  send(request: TRequest): Promise<void> {
    if (!this.state || !this.sink) return Promise.reject(new Error('the simulator is not open'));
    this.clock.advance(this.options.stepMs ?? 10);
    const env: SimEnv = { now: this.clock.now(), connId: this.connId };
    // The pure step without its copy of the whole state (see applyInPlace): the state is ours alone.
    const { events: produced, rejected } = applyInPlace(this.state, request, env);
    if (rejected) this.state = this.rollBack();
    else this.journal.push({ request, env });
    if (this.journal.length >= SNAPSHOT_EVERY) this.snapshot();
    const events = this.options.fault ? this.options.fault(produced, request) : produced;
    for (const { name, dn, attributes, ...envelope } of events) this.sink.event({ name, dn, attributes, ...envelope });
    return Promise.resolve();
  }

  /** Every event is delivered synchronously inside `send`, so the simulator is always settled. */
  settled(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.state = undefined;
    this.saved = undefined;
    this.journal = [];
    this.sink = undefined;
    return Promise.resolve();
  }
}
