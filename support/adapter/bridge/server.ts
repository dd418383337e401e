/**
 * The bridge side of the wire protocol, for any {@link EventSourceAdapter}: each connection gets
 * its own adapter instance (one simulator per connection for `npm run simulator`). A TypeScript
 * integration of a real system can reuse it: write an adapter against the public contract and
 * serve it with {@link startBridgeServer}.
 */
import { timingSafeEqual } from 'node:crypto';
import type { EventSourceAdapter } from '../contract';
import type { TRequest } from '../../model/event';
import { Peer } from './peer';
import { envelopeOf, eventMessage, hello, PROTOCOL_VERSION, type RegisterMessage, type RequestMessage, type WireMessage } from './protocol';
import { describeEndpoint, listen, type Channel, type Endpoint } from './transport';

export interface BridgeServerOptions {
  readonly endpoint: Endpoint;
  /** When set, a harness must present it in its hello. */
  readonly token?: string;
  /** A fresh adapter for each connection. */
  readonly create: () => EventSourceAdapter | Promise<EventSourceAdapter>;
  readonly log?: (line: string) => void;
}

export interface RunningServer {
  readonly host: string;
  readonly port: number;
  readonly url: string;
  /** Connections whose session is still open. */
  readonly active: () => number;
  /** Invalid lines received, over all connections. */
  readonly invalidMessages: () => number;
  close(): Promise<void>;
}

function sameToken(expected: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** One harness connection: handshake, then register → open, requests → send, close → close. */
class ServerSession {
  private adapter: EventSourceAdapter | undefined;
  private greeted = false;
  /** Requests run one after another so the events keep the order of the requests. */
  private chain: Promise<void> = Promise.resolve();
  private ended = false;

  constructor(private readonly peer: Peer, private readonly options: BridgeServerOptions, private readonly counters: { invalid: number }, private readonly onEnd: () => void) {
    peer.setHandlers({
      message: (m, lineNo) => this.onMessage(m, lineNo),
      invalid: (report) => {
        this.counters.invalid += 1;
        this.options.log?.(`invalid message: ${report}`);
        peer.send({ type: 'error', of: 'message', message: report });
      },
      closed: () => this.end(),
    });
  }

  private onMessage(m: WireMessage, lineNo: number): void {
    if (!this.greeted) {
      this.greet(m, lineNo).catch((e: unknown) => this.refuse(`could not start the session: ${(e as Error).message}`));
      return;
    }
    switch (m.type) {
      case 'register':
        this.enqueue(() => this.register(m));
        return;
      case 'request':
        this.enqueue(() => this.request(m));
        return;
      case 'close':
        this.peer.close('bye');
        this.end();
        return;
      default:
        this.peer.send({ type: 'error', of: 'message', line: lineNo, message: `line ${lineNo}: a harness does not send "${m.type}" once the session is open` });
    }
  }

  private async greet(m: WireMessage, lineNo: number): Promise<void> {
    if (m.type !== 'hello' || m.role !== 'harness') return this.refuse(`line ${lineNo}: the first message must be the harness's hello`);
    if (m.version !== PROTOCOL_VERSION) return this.refuse(`protocol version ${m.version} is not supported (this bridge speaks ${PROTOCOL_VERSION})`);
    if (this.options.token !== undefined && !sameToken(this.options.token, m.token)) return this.refuse('the token is missing or wrong', 'unauthorized');
    const adapter = await this.options.create();
    this.adapter = adapter;
    this.greeted = true;
    this.peer.send(hello('bridge', { name: adapter.name, settles: typeof adapter.settled === 'function' }));
    this.peer.send({ type: 'capabilities', requests: adapter.capabilities.requests, features: adapter.capabilities.features });
    return undefined;
  }

  private refuse(message: string, code?: string): void {
    this.options.log?.(`refused ${this.peer.channel.peer}: ${message}`);
    this.peer.send({ type: 'error', of: 'hello', message, ...(code ? { code } : {}) });
    this.peer.close('refused');
    this.end();
  }

  private async register(m: RegisterMessage): Promise<void> {
    const adapter = this.adapter;
    if (!adapter) return;
    try {
      await adapter.open({ parties: m.parties, ...(m.sites ? { sites: m.sites } : {}) }, {
        event: (e) => this.peer.send(eventMessage(e)),
        fail: (error) => {
          this.peer.send({ type: 'error', message: `the system failed: ${error.message}` });
          this.peer.close('system failed');
        },
      });
      this.peer.send({ type: 'ack', of: 'register' });
    } catch (e) {
      this.peer.send({ type: 'error', of: 'register', message: (e as Error).message });
    }
  }

  /** Ack only after the adapter settled, so the ack follows every event the request caused. */
  private async request(m: RequestMessage): Promise<void> {
    const adapter = this.adapter;
    try {
      if (!adapter?.send) throw new Error('this system is observe-only');
      await adapter.send({ ...envelopeOf(m), name: m.name, attributes: { ...(m.attributes as TRequest['attributes']), ReferenceID: m.referenceId } });
      await adapter.settled?.();
      this.peer.send({ type: 'ack', referenceId: m.referenceId });
    } catch (e) {
      this.peer.send({ type: 'error', of: 'request', referenceId: m.referenceId, message: (e as Error).message });
    }
  }

  private enqueue(work: () => Promise<void>): void {
    this.chain = this.chain.then(work);
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    const adapter = this.adapter;
    this.adapter = undefined;
    void this.chain.then(() => adapter?.close()).catch(() => undefined);
    this.onEnd();
  }
}

/**
 * Serve one already-connected channel — what a bridge process does after dialling a harness that
 * listens (`listen: true`). Resolves when the session ends.
 */
export function serveChannel(channel: Channel, options: Omit<BridgeServerOptions, 'endpoint'>): Promise<void> {
  return new Promise((resolve) => {
    new ServerSession(new Peer(channel, 'harness'), { ...options, endpoint: { transport: 'tcp', host: '', port: 0 } }, { invalid: 0 }, resolve);
  });
}

/** Listen on `options.endpoint` (use port 0 for an ephemeral port) and serve until `close()`. */
export async function startBridgeServer(options: BridgeServerOptions): Promise<RunningServer> {
  const sessions = new Set<ServerSession>();
  const counters = { invalid: 0 };
  const listener = await listen(options.endpoint, (channel) => {
    const session: ServerSession = new ServerSession(new Peer(channel, 'harness'), options, counters, () => {
      sessions.delete(session);
    });
    sessions.add(session);
  });
  const url = describeEndpoint({ ...options.endpoint, port: listener.port });
  return {
    host: listener.host,
    port: listener.port,
    url,
    active: () => sessions.size,
    invalidMessages: () => counters.invalid,
    close: async () => {
      for (const s of [...sessions]) s.end();
      await listener.close();
    },
  };
}
