/**
 * The embedded default adapter: the reference simulator behind the public adapter contract.
 * A thin shell over the simulator's steps (steps.ts: the pure `transition`, or its fast path in
 * place, as support/accel/index.ts chooses): it owns the steps, the simulated clock and the ConnID
 * source, and delivers the events to the sink.
 */
import type { Capabilities, EventSink, EventSourceAdapter, Topology } from '../adapter/contract';
import type { TRequest } from '../model/event';
import { simulatorSteps } from '../accel';
import { SimulatedClock, connIdSource } from './clock';
import { DEFAULT_PROFILE, initialState, type SimEnv, type SimEvent, type SwitchProfile } from './state';
import type { SimulatorSteps } from './steps';
import { familyCapabilities, supportedRequests } from './transition';

/** A fault injector rewrites the events of one request (used by self-tests and the mutation campaign). */
export type FaultInjector = (events: readonly SimEvent[], request: TRequest) => SimEvent[];

export interface SimulatorOptions {
  readonly profile?: Partial<SwitchProfile>;
  readonly connIdPrefix?: string;
  readonly fault?: FaultInjector;
  /** Simulated milliseconds between two requests. */
  readonly stepMs?: number;
  /** How requests move the state (default: as support/accel/index.ts chooses). */
  readonly steps?: SimulatorSteps;
}

export class SimulatorAdapter implements EventSourceAdapter {
  readonly name = 'reference simulator';
  readonly capabilities: Capabilities;
  private readonly steps: SimulatorSteps;
  private sink: EventSink | undefined;
  private readonly clock = new SimulatedClock();
  private readonly profile: SwitchProfile;
  private readonly connId: (seq: number) => string;

  constructor(private readonly options: SimulatorOptions = {}) {
    this.profile = { ...DEFAULT_PROFILE, ...options.profile };
    this.steps = options.steps ?? simulatorSteps();
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
    this.steps.start(initialState(topology, this.profile));
    this.sink = sink;
    return Promise.resolve();
  }

  send(request: TRequest): Promise<void> {
    if (!this.steps.state || !this.sink) return Promise.reject(new Error('the simulator is not open'));
    this.clock.advance(this.options.stepMs ?? 10);
    const env: SimEnv = { now: this.clock.now(), connId: this.connId };
    const produced = this.steps.step(request, env);
    const events = this.options.fault ? this.options.fault(produced, request) : produced;
    for (const { name, dn, attributes, ...envelope } of events) this.sink.event({ name, dn, attributes, ...envelope });
    return Promise.resolve();
  }

  /** Every event is delivered synchronously inside `send`, so the simulator is always settled. */
  settled(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.steps.stop();
    this.sink = undefined;
    return Promise.resolve();
  }
}
