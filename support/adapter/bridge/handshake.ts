/**
 * The harness side of connecting: dial the bridge (or take a connection it dialled in, in listen
 * mode), exchange hellos with the shared token, and read the bridge's capabilities.
 */
import type { Capabilities } from '../contract';
import type { BridgeConfig } from './options';
import { RateLimitedLog } from './logLimiter';
import { Peer, type Decode } from './peer';
import { hello, PROTOCOL_VERSION, type HelloMessage, type WireMessage } from './protocol';
import { describeEndpoint, dial, listen, type Channel, type Listener } from './transport';

export interface Handshaken {
  readonly peer: Peer;
  readonly hello: HelloMessage;
  readonly capabilities: Capabilities;
}

/** Send our hello and wait for the bridge's hello + capabilities (bounded by `timeoutMs`). */
export function handshake(channel: Channel, config: BridgeConfig, timeoutMs: number, decode: Decode): Promise<Handshaken> {
  const peer = new Peer(channel, `bridge ${describeEndpoint(config.endpoint)}`, decode, config.limits.maxQueuedMessages);
  return new Promise((resolve, reject) => {
    let theirs: HelloMessage | undefined;
    const timer = setTimeout(() => fail(new Error(`the bridge did not complete the handshake within ${timeoutMs} ms`)), timeoutMs);
    const fail = (e: Error): void => {
      clearTimeout(timer);
      peer.setHandlers(undefined);
      peer.close('handshake failed');
      reject(e);
    };
    const onMessage = (m: WireMessage, lineNo: number): void => {
      if (m.type === 'error') return fail(new Error(`the bridge refused the session: ${m.message}`));
      if (!theirs) {
        if (m.type !== 'hello' || m.role !== 'bridge') return fail(new Error(`line ${lineNo}: expected the bridge's hello, got ${m.type}`));
        if (m.version !== PROTOCOL_VERSION) return fail(new Error(`the bridge speaks protocol version ${m.version}, the harness ${PROTOCOL_VERSION}`));
        theirs = m;
        return undefined;
      }
      if (m.type !== 'capabilities') return fail(new Error(`line ${lineNo}: expected capabilities after hello, got ${m.type}`));
      clearTimeout(timer);
      peer.setHandlers(undefined);
      channel.established();
      resolve({ peer, hello: theirs, capabilities: { requests: m.requests, features: m.features } });
      return undefined;
    };
    peer.setHandlers({
      message: onMessage,
      invalid: (report) => fail(new Error(`invalid message during the handshake: ${report}`)),
      closed: (error) => fail(new Error(`the bridge closed the connection during the handshake${error ? `: ${error.message}` : ''}`)),
    });
    peer.send(hello('harness', config.token ? { token: config.token } : {}));
  });
}

/**
 * Listen mode: one listener per endpoint for the whole run; each connection the bridge process
 * dials in is handshaken and parked until a scenario takes it. The listener and parked connections
 * do not keep the process alive. The listener keeps the endpoint's limits (connection cap,
 * handshake clock, message size), and what it refuses is logged at a bounded rate.
 */
export class ListenPool {
  private readonly parked: Handshaken[] = [];
  private readonly waiters: ((c: Handshaken) => void)[] = [];
  readonly listener: Promise<Listener>;
  private readonly log: RateLimitedLog;

  constructor(private readonly config: BridgeConfig, private readonly decode: Decode) {
    this.log = new RateLimitedLog((line) => console.error(`bridge: ${line}`), config.limits);
    this.listener = listen(config.endpoint, (channel) => this.accept(channel), {
      limits: config.limits,
      notice: (kind, peer, detail) => this.log.report(peer, kind, detail),
    }).then((l) => {
      l.unref();
      console.error(`bridge: waiting for bridge connections on ${describeEndpoint({ ...config.endpoint, port: l.port })}`);
      return l;
    });
  }

  accept(channel: Channel): void {
    channel.hold(false);
    handshake(channel, this.config, this.config.connectTimeoutMs, this.decode).then((h) => this.park(h), (e: unknown) => {
      this.log.report(channel.address, 'refused bridge connection', `a connection from ${channel.peer} was refused: ${(e as Error).message}`);
    });
  }

  park(connection: Handshaken): void {
    const waiter = this.waiters.shift();
    if (waiter) waiter(connection);
    else this.parked.push(connection);
  }

  async take(timeoutMs: number): Promise<Handshaken> {
    const listener = await this.listener;
    for (let c = this.parked.shift(); c; c = this.parked.shift()) if (!c.peer.isClosed) return this.held(c);
    return new Promise((resolve, reject) => {
      const waiter = (c: Handshaken): void => {
        clearTimeout(timer);
        resolve(this.held(c));
      };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`no bridge dialled in to ${listener.host}:${listener.port} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  async close(): Promise<void> {
    for (const c of this.parked.splice(0)) c.peer.close('the run is over');
    this.log.flush();
    await (await this.listener).close();
  }

  private held(c: Handshaken): Handshaken {
    c.peer.channel.hold(true);
    return c;
  }
}

/** Dial the bridge and handshake (dial mode). */
export async function dialAndHandshake(config: BridgeConfig, decode: Decode, timeoutMs = config.connectTimeoutMs): Promise<Handshaken> {
  const channel = await dial(config.endpoint, timeoutMs, config.limits);
  return handshake(channel, config, timeoutMs, decode);
}
