/**
 * The network bridge adapter: the harness side of the wire protocol (see protocol.ts and
 * schema/*.schema.json). A real system is connected by a small bridge process that speaks this
 * protocol over TCP or WebSocket; `npm run simulator` is such a bridge around the reference
 * simulator.
 *
 * Every incoming line is schema-validated; an invalid one makes the scenario broken (sink.fail)
 * with its line number and content. Requests resolve on the bridge's ack and reject on its error,
 * both correlated by referenceId (= the request's ReferenceID).
 */
import type { Capabilities, EventSink, EventSourceAdapter, Topology } from '../contract';
import type { TRequest } from '../../model/event';
import { parseBridgeOptions, type BridgeConfig } from './options';
import type { Handshaken } from './handshake';
import { envelopeOf, eventOf, type WireMessage } from './protocol';
import type { BridgeRun } from './run';
import { describeEndpoint } from './transport';

interface Waiter {
  resolve(): void;
  reject(error: Error): void;
}

export class BridgeAdapter implements EventSourceAdapter {
  readonly name: string;
  /** Present once the bridge said in its hello that each ack follows the events its request caused. */
  settled?: () => Promise<void>;
  private connection: Handshaken | undefined;
  private sink: EventSink | undefined;
  private readonly pending = new Map<number, Waiter>();
  private registration: Waiter | undefined;
  private idle: (() => void)[] = [];
  private closing = false;
  private scenario: string | undefined;

  constructor(private readonly config: BridgeConfig, readonly capabilities: Capabilities, private readonly run: BridgeRun) {
    this.name = config.name ?? `bridge ${describeEndpoint(config.endpoint)}`;
  }

  /** Invalid lines received on the current connection (all are reported through the sink). */
  get invalidMessages(): number {
    return this.connection?.peer.invalidCount ?? 0;
  }

  async open(topology: Topology, sink: EventSink): Promise<void> {
    this.sink = sink;
    this.scenario = topology.scenario;
    const connection = await this.connectOrDown();
    this.connection = connection;
    if (connection.hello.settles) this.settled = () => this.whenIdle();
    connection.peer.setHandlers({
      message: (m, lineNo) => this.onMessage(m, lineNo),
      invalid: (report) => this.broken(new Error(`invalid message from the bridge: ${report}`)),
      closed: (error) => this.onClosed(error),
    });
    try {
      await new Promise<void>((resolve, reject) => {
        this.registration = { resolve, reject };
        connection.peer.send({ type: 'register', parties: topology.parties, ...(topology.sites ? { sites: topology.sites } : {}) });
      });
    } catch (e) {
      // The session never opened, so the harness will not call close(): do not leave the socket behind.
      await this.close();
      throw e;
    }
  }

  /** Connect; when the bridge is known to be down, try once briefly and otherwise say why it is down. */
  private connectOrDown(): Promise<Handshaken> {
    return this.run.connectForScenario(this.config);
  }

  send(request: TRequest): Promise<void> {
    const connection = this.connection;
    if (!connection || connection.peer.isClosed) return Promise.reject(new Error('the bridge is not connected'));
    const referenceId = request.attributes.ReferenceID;
    if (typeof referenceId !== 'number') return Promise.reject(new Error(`${request.name} has no numeric ReferenceID`));
    return new Promise((resolve, reject) => {
      this.pending.set(referenceId, { resolve, reject });
      connection.peer.send({ type: 'request', ...envelopeOf(request), referenceId, name: request.name, attributes: request.attributes });
    });
  }

  close(): Promise<void> {
    this.closing = true;
    this.rejectAll(new Error('the adapter was closed'));
    this.connection?.peer.close('scenario finished');
    this.connection = undefined;
    this.sink = undefined;
    return Promise.resolve();
  }

  private whenIdle(): Promise<void> {
    if (this.pending.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private onMessage(m: WireMessage, lineNo: number): void {
    switch (m.type) {
      case 'event':
        this.sink?.event(eventOf(m, `bridge line ${lineNo}`));
        return;
      case 'ack':
        return this.answer(m.of === 'register' ? 'register' : m.referenceId, lineNo);
      case 'error':
        return this.answer(m.of === 'register' ? 'register' : m.referenceId, lineNo, new Error(`the bridge answered with an error${m.code ? ` ${m.code}` : ''}: ${m.message}`));
      case 'close':
        if (!this.closing) this.lost(`the bridge ended the session${m.reason ? `: ${m.reason}` : ''}`);
        return;
      default:
        this.broken(new Error(`line ${lineNo}: the bridge sent a "${m.type}" message, which is not allowed once the session is open`));
    }
  }

  /** Settle the request (or registration) an ack/error answers; an answer to nothing is a protocol fault. */
  private answer(target: number | 'register' | undefined, lineNo: number, error?: Error): void {
    const waiter = target === 'register' ? this.registration : target === undefined ? undefined : this.pending.get(target);
    if (!waiter) {
      this.broken(error ?? new Error(`line ${lineNo}: ack for ${String(target)}, which is not an outstanding request`));
      return;
    }
    if (target === 'register') this.registration = undefined;
    else if (target !== undefined) this.pending.delete(target);
    if (error) waiter.reject(error);
    else waiter.resolve();
    if (this.pending.size === 0) for (const r of this.idle.splice(0)) r();
  }

  private onClosed(error?: Error): void {
    if (this.closing) return;
    this.lost(`the connection to the bridge was lost${error ? `: ${error.message}` : ''}`);
  }

  /** The bridge went away: this scenario is broken, and later ones learn it is down (and since when). */
  private lost(why: string): void {
    this.run.lost(this.config, `${why}${this.scenario ? ` (during ${this.scenario})` : ''}`);
    this.broken(new Error(why));
  }

  private broken(error: Error): void {
    this.rejectAll(error);
    this.sink?.fail(error);
  }

  private rejectAll(error: Error): void {
    this.registration?.reject(error);
    this.registration = undefined;
    for (const w of this.pending.values()) w.reject(error);
    this.pending.clear();
    for (const r of this.idle.splice(0)) r();
  }
}

/**
 * Factory for `adapter: "bridge"`: parses the options and learns the capabilities (once per
 * endpoint and run: `run` is what the scenarios of the run share, see run.ts).
 */
export async function createBridgeAdapter(options: Readonly<Record<string, unknown>>, run: BridgeRun): Promise<BridgeAdapter> {
  const config = parseBridgeOptions(options);
  return new BridgeAdapter(config, await run.capabilities(config), run);
}
