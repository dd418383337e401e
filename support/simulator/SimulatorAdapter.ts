/**
 * The embedded default adapter: the reference simulator behind the public adapter contract.
 * A thin shell over the pure {@link transition}: it owns the state, the simulated clock and the
 * ConnID source, and delivers the events to the sink.
 */
import type { Capabilities, EventSink, EventSourceAdapter, Topology } from '../adapter/contract';
import type { TRequest } from '../model/event';
import { SimulatedClock, connIdSource } from './clock';
import { DEFAULT_PROFILE, initialState, type SimEvent, type SimState, type SwitchProfile } from './state';
import { familyCapabilities, supportedRequests, transition } from './transition';

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
    this.sink = sink;
    return Promise.resolve();
  }

  send(request: TRequest): Promise<void> {
    if (!this.state || !this.sink) return Promise.reject(new Error('the simulator is not open'));
    this.clock.advance(this.options.stepMs ?? 10);
    const [next, produced] = transition(this.state, request, { now: this.clock.now(), connId: this.connId });
    this.state = next;
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
    this.sink = undefined;
    return Promise.resolve();
  }
}
