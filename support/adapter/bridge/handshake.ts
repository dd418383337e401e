/**
 * The harness side of connecting: dial the bridge (or take a connection it dialled in, in listen
 * mode), exchange hellos with the shared token, and read the bridge's capabilities.
 */
import type { Capabilities } from '../contract';
import type { BridgeConfig } from './options';
import { Peer } from './peer';
import { hello, PROTOCOL_VERSION, type HelloMessage, type WireMessage } from './protocol';
import { describeEndpoint, dial, listen, type Channel, type Listener } from './transport';

export interface Handshaken {
  readonly peer: Peer;
  readonly hello: HelloMessage;
  readonly capabilities: Capabilities;
}

/** Send our hello and wait for the bridge's hello + capabilities (bounded by `timeoutMs`). */
export function handshake(channel: Channel, config: BridgeConfig, timeoutMs: number): Promise<Handshaken> {
  const peer = new Peer(channel, `bridge ${describeEndpoint(config.endpoint)}`);
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
 * do not keep the process alive.
 */
class ListenPool {
  private readonly parked: Handshaken[] = [];
  private readonly waiters: ((c: Handshaken) => void)[] = [];

  constructor(private readonly config: BridgeConfig, readonly listener: Promise<Listener>) {}

  accept(channel: Channel): void {
    channel.hold(false);
    handshake(channel, this.config, this.config.connectTimeoutMs).then((h) => this.park(h), (e: unknown) => {
      console.error(`bridge: a connection from ${channel.peer} was refused: ${(e as Error).message}`);
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

  private held(c: Handshaken): Handshaken {
    c.peer.channel.hold(true);
    return c;
  }
}

const pools = new Map<string, ListenPool>();

function poolFor(config: BridgeConfig): ListenPool {
  const key = describeEndpoint(config.endpoint);
  let pool = pools.get(key);
  if (!pool) {
    const holder: { pool?: ListenPool } = {};
    const listener = listen(config.endpoint, (channel) => holder.pool?.accept(channel)).then((l) => {
      l.unref();
      console.error(`bridge: waiting for bridge connections on ${describeEndpoint({ ...config.endpoint, port: l.port })}`);
      return l;
    });
    holder.pool = new ListenPool(config, listener);
    pool = holder.pool;
    pools.set(key, pool);
  }
  return pool;
}

/** A handshaken connection for one scenario. */
export async function connect(config: BridgeConfig): Promise<Handshaken> {
  if (config.listen) return poolFor(config).take(config.connectTimeoutMs);
  const channel = await dial(config.endpoint, config.connectTimeoutMs);
  return handshake(channel, config, config.connectTimeoutMs);
}

/** Give an unused handshaken connection back (listen mode keeps it; dial mode closes it). */
export function release(config: BridgeConfig, connection: Handshaken): void {
  if (config.listen && !connection.peer.isClosed) {
    connection.peer.channel.hold(false);
    poolFor(config).park(connection);
  } else connection.peer.close('capabilities probe done');
}

/** Close every listener opened in listen mode (tests; the CLI lets the process end). */
export async function closeListeners(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map(async (p) => (await p.listener).close()));
}
