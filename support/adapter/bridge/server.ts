/**
 * The bridge side of the wire protocol, for any {@link EventSourceAdapter}: each connection gets
 * its own adapter instance (one simulator per connection for `npm run simulator`). A TypeScript
 * integration of a real system can reuse it: write an adapter against the public contract and
 * serve it with {@link startBridgeServer}.
 *
 * It is the surface anything on the network talks to, so every resource a peer can make it spend
 * is bounded (limits.ts): connections, silence before the hello and after it, message size and
 * depth, unread output, queued work, log lines, and token guesses.
 */
import { timingSafeEqual } from 'node:crypto';
import type { EventSourceAdapter } from '../contract';
import type { TRequest } from '../../model/event';
import { AuthBackoff } from './authBackoff';
import { resolveLimits, type BridgeLimits } from './limits';
import { RateLimitedLog } from './logLimiter';
import { Peer, type Decode } from './peer';
import { envelopeOf, eventMessage, hello, PROTOCOL_VERSION, WireSchemas, type HelloMessage, type RegisterMessage, type RequestMessage, type WireMessage } from './protocol';
import { describeEndpoint, listen, type Channel, type Endpoint } from './transport';

export interface BridgeServerOptions {
  readonly endpoint: Endpoint;
  /** When set, a harness must present it in its hello. */
  readonly token?: string;
  /** A fresh adapter for each connection. */
  readonly create: () => EventSourceAdapter | Promise<EventSourceAdapter>;
  readonly log?: (line: string) => void;
  /** Bounds against hostile peers; what is not given has its default (limits.ts). */
  readonly limits?: Partial<BridgeLimits>;
  /** The compiled message schemas, when the caller already has them (they take half a second to compile). */
  readonly schemas?: WireSchemas;
}

/** What the server counted since it started (the specs and the benchmark read it). */
export interface ServerStats {
  /** Sessions open now (their hello accepted). */
  readonly sessions: number;
  /** Connections open now, hello or not, and the most at once. */
  readonly open: number;
  readonly peak: number;
  readonly refused: number;
  readonly evicted: number;
  readonly handshakeTimeouts: number;
  readonly idleClosed: number;
  readonly invalid: number;
  readonly authFailures: number;
  readonly backoffRefusals: number;
  /** Lines written to the log. */
  readonly logLines: number;
}

export interface RunningServer {
  readonly host: string;
  readonly port: number;
  readonly url: string;
  /** Connections whose session is still open. */
  readonly active: () => number;
  /** Invalid lines received, over all connections. */
  readonly invalidMessages: () => number;
  readonly stats: () => ServerStats;
  close(): Promise<void>;
}

interface Counters {
  invalid: number;
  idleClosed: number;
  authFailures: number;
  backoffRefusals: number;
}

/** What every session of one server shares. */
interface ServerContext {
  readonly options: Omit<BridgeServerOptions, 'endpoint'>;
  readonly limits: BridgeLimits;
  readonly decode: Decode;
  readonly log: RateLimitedLog;
  readonly backoff: AuthBackoff;
  readonly counters: Counters;
}

function sameToken(expected: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** How many quiet looks make a session idle: it is closed between 1 and 1.25 × idleTimeoutMs after its last message. */
const IDLE_LOOKS = 4;

/**
 * One harness connection: hello, then register → open, requests → send, close → close. Messages
 * run one after another, in the order they arrived, whether or not they came in one write with the
 * hello; while more than `maxQueuedMessages` wait, reading from the peer pauses.
 */
class ServerSession {
  private adapter: EventSourceAdapter | undefined;
  private state: 'hello' | 'greeting' | 'open' | 'ended' = 'hello';
  private chain: Promise<void> = Promise.resolve();
  private queued = 0;
  private idleTimer: NodeJS.Timeout | undefined;
  private readonly peer: Peer;

  constructor(private readonly channel: Channel, private readonly ctx: ServerContext, private readonly onEnd: () => void) {
    this.peer = new Peer(channel, 'harness', ctx.decode, ctx.limits.maxQueuedMessages);
    this.peer.setHandlers({
      message: (m, lineNo) => this.onMessage(m, lineNo),
      invalid: (report) => {
        ctx.counters.invalid += 1;
        ctx.log.report(channel.peer, 'invalid message', report);
        this.peer.send({ type: 'error', of: 'message', message: report });
      },
      closed: () => this.end(),
    });
  }

  get isOpen(): boolean {
    return this.state === 'open';
  }

  private onMessage(m: WireMessage, lineNo: number): void {
    if (this.state === 'hello') {
      if (m.type !== 'hello' || m.role !== 'harness') return this.refuse(`line ${lineNo}: the first message must be the harness's hello`, 'not-hello');
      this.state = 'greeting';
      return this.enqueue(() => this.greet(m));
    }
    return this.enqueue(() => this.handle(m, lineNo));
  }

  private async handle(m: WireMessage, lineNo: number): Promise<void> {
    if (this.state !== 'open') return;
    switch (m.type) {
      case 'register':
        await this.register(m);
        return;
      case 'request':
        await this.request(m);
        return;
      case 'close':
        this.peer.close('bye');
        this.end();
        return;
      default:
        this.peer.send({ type: 'error', of: 'message', line: lineNo, message: `line ${lineNo}: a harness does not send "${m.type}" once the session is open` });
    }
  }

  private async greet(m: HelloMessage): Promise<void> {
    const { options, backoff, counters } = this.ctx;
    if (m.version !== PROTOCOL_VERSION) return this.refuse(`protocol version ${m.version} is not supported (this bridge speaks ${PROTOCOL_VERSION})`, 'version');
    if (options.token !== undefined) {
      const address = this.channel.address;
      const closed = backoff.closedFor(address);
      if (closed.waitMs > 0) {
        counters.backoffRefusals += 1;
        return this.refuse(`the token is missing or wrong: after ${closed.failures} failed attempts in a row from ${address}, its next hello is checked in ${(closed.waitMs / 1000).toFixed(1)} s (authBackoffMs)`, 'backoff', 'failed authentication', address);
      }
      if (!sameToken(options.token, m.token)) {
        backoff.failed(address);
        counters.authFailures += 1;
        return this.refuse('the token is missing or wrong', 'unauthorized', 'failed authentication', address);
      }
      backoff.succeeded(address);
    }
    const adapter = await options.create();
    if (this.state === 'ended') return adapter.close(); // the peer left while the adapter was made
    this.adapter = adapter;
    this.state = 'open';
    this.channel.established();
    this.startIdleClock();
    this.peer.send(hello('bridge', { name: adapter.name, settles: typeof adapter.settled === 'function' }));
    this.peer.send({ type: 'capabilities', requests: adapter.capabilities.requests, features: adapter.capabilities.features });
    return undefined;
  }

  /** `kind` and `who` group the log's counts (failed authentications by address, the rest by connection). */
  private refuse(message: string, code?: string, kind = 'refused hello', who = this.channel.peer): void {
    if (this.state === 'ended') return;
    this.ctx.log.report(who, kind, `${this.channel.peer}: ${message}`);
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
    this.queued += 1;
    if (this.queued > this.ctx.limits.maxQueuedMessages) this.channel.pause('queue');
    this.chain = this.chain.then(() => this.run(work));
  }

  private async run(work: () => Promise<void>): Promise<void> {
    try {
      if (this.state !== 'ended') await work();
    } catch (e) {
      this.refuse(`could not start the session: ${(e as Error).message}`);
    } finally {
      this.queued -= 1;
      if (this.queued <= this.ctx.limits.maxQueuedMessages / 2) this.channel.resume('queue');
    }
  }

  /** Look every quarter of idleTimeoutMs; after IDLE_LOOKS looks without traffic either way (and no work running), close. */
  private startIdleClock(): void {
    const { idleTimeoutMs } = this.ctx.limits;
    let seen = this.channel.activity;
    let quiet = 0;
    const look = (): void => {
      if (this.state === 'ended') return;
      quiet = this.channel.activity === seen && this.queued === 0 ? quiet + 1 : 0;
      seen = this.channel.activity;
      if (quiet < IDLE_LOOKS) {
        this.idleTimer = setTimeout(look, idleTimeoutMs / IDLE_LOOKS).unref();
        return;
      }
      this.ctx.counters.idleClosed += 1;
      const message = `no message for ${idleTimeoutMs} ms (idleTimeoutMs): the session is closed`;
      this.ctx.log.report(this.channel.peer, 'idle session closed', `${this.channel.peer}: ${message}`);
      this.channel.refuse({ code: 'idle', message });
    };
    this.idleTimer = setTimeout(look, idleTimeoutMs / IDLE_LOOKS).unref();
  }

  end(): void {
    if (this.state === 'ended') return;
    this.state = 'ended';
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const adapter = this.adapter;
    this.adapter = undefined;
    void this.chain.then(() => adapter?.close()).catch(() => undefined);
    this.onEnd();
  }
}

function contextOf(options: Omit<BridgeServerOptions, 'endpoint'>): ServerContext {
  const limits = resolveLimits(options.limits, 'bridge server limits');
  const schemas = options.schemas ?? new WireSchemas();
  return {
    options, limits,
    decode: (line) => schemas.decode(line, limits.maxDepth),
    log: new RateLimitedLog(options.log, limits),
    backoff: new AuthBackoff(limits),
    counters: { invalid: 0, idleClosed: 0, authFailures: 0, backoffRefusals: 0 },
  };
}

/**
 * Serve one already-connected channel — what a bridge process does after dialling a harness that
 * listens (`listen: true`). Resolves when the session ends.
 */
export function serveChannel(channel: Channel, options: Omit<BridgeServerOptions, 'endpoint'>): Promise<void> {
  const ctx = contextOf(options);
  return new Promise((resolve) => {
    new ServerSession(channel, ctx, () => {
      ctx.log.flush();
      resolve();
    });
  });
}

/** Listen on `options.endpoint` (use port 0 for an ephemeral port) and serve until `close()`. */
export async function startBridgeServer(options: BridgeServerOptions): Promise<RunningServer> {
  const ctx = contextOf(options);
  const sessions = new Set<ServerSession>();
  const listener = await listen(options.endpoint, (channel) => {
    // One line when a connection opens and one when it closes, with the peer (rate-limited like every line).
    const opened = Date.now();
    ctx.log.report(channel.peer, 'connection', `${channel.peer} opened (${String(sessions.size + 1)} open)`);
    const session: ServerSession = new ServerSession(channel, ctx, () => {
      sessions.delete(session);
      ctx.log.report(channel.peer, 'connection', `${channel.peer} closed after ${((Date.now() - opened) / 1000).toFixed(1)} s (${String(sessions.size)} open)`);
    });
    sessions.add(session);
  }, { limits: ctx.limits, notice: (kind, peer, detail) => ctx.log.report(peer, kind, detail) });
  const url = describeEndpoint({ ...options.endpoint, port: listener.port });
  const open = (): number => [...sessions].filter((s) => s.isOpen).length;
  return {
    host: listener.host,
    port: listener.port,
    url,
    active: open,
    invalidMessages: () => ctx.counters.invalid,
    stats: () => {
      const c = listener.counts();
      return { ...ctx.counters, sessions: open(), open: c.open, peak: c.peak, refused: c.refused, evicted: c.evicted, handshakeTimeouts: c.timedOut, logLines: ctx.log.lines };
    },
    close: async () => {
      for (const s of [...sessions]) s.end();
      await listener.close();
      ctx.log.flush();
    },
  };
}
