/**
 * Adapter module (user-style, selected with `adapter: "support/mutation/mutantSimulator.ts"`): the
 * reference simulator with an optional fault from `adapterOptions.fault` (see
 * support/simulator/faults.ts). Without a fault it is the plain simulator.
 */
import type { Capabilities, EventSink, EventSourceAdapter, Topology } from '../adapter/contract';
import type { TRequest } from '../model/event';
import { SimulatorAdapter } from '../simulator/SimulatorAdapter';
import { faultInjector, isFaultDescriptor } from '../simulator/faults';
import type { SimEvent } from '../simulator/state';

class MutantSimulator implements EventSourceAdapter {
  readonly name = 'reference simulator (mutant)';
  readonly capabilities: Capabilities;
  private readonly inner: SimulatorAdapter;
  private readonly timers = new Set<NodeJS.Timeout>();
  private sink: EventSink | undefined;

  constructor(fault: unknown) {
    const defer = (event: SimEvent, ms: number): void => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.sink?.event({ name: event.name, dn: event.dn, attributes: event.attributes });
      }, ms);
      timer.unref();
      this.timers.add(timer);
    };
    const inject = isFaultDescriptor(fault) ? faultInjector(fault, defer) : undefined;
    this.inner = new SimulatorAdapter({
      fault: (events: readonly SimEvent[], request: TRequest) => (inject ? inject(events, request) : [...events]),
    });
    this.capabilities = this.inner.capabilities;
  }

  open(topology: Topology, sink: EventSink): Promise<void> {
    this.sink = sink;
    return this.inner.open(topology, sink);
  }

  send(request: TRequest): Promise<void> {
    return this.inner.send(request);
  }

  settled(): Promise<void> {
    return this.inner.settled();
  }

  close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.sink = undefined;
    return this.inner.close();
  }
}

export default function mutantSimulator(options: Readonly<Record<string, unknown>>): EventSourceAdapter {
  return new MutantSimulator(options.fault);
}
