/**
 * What the scenarios of one run share about their bridges, owned by one object whose lifetime is
 * the run's (the World creates it when cucumber loads the support code and closes it after the
 * last scenario; a spec or benchmark makes its own):
 *
 * - the capabilities each endpoint declared (asked once: `@requires` gates read them before a
 *   scenario opens its session);
 * - the endpoints whose bridge went away during a scenario, with why: later scenarios make one
 *   short attempt to reconnect (a restarted bridge is used again) and otherwise report the adapter
 *   down with that reason at once, instead of each waiting for the full timeout;
 * - in listen mode, the listener of each endpoint and the bridge connections parked on it;
 * - the compiled message schemas.
 */
import type { Capabilities } from '../contract';
import { dialAndHandshake, ListenPool, type Handshaken } from './handshake';
import type { BridgeConfig } from './options';
import type { Decode } from './peer';
import { WireSchemas } from './protocol';
import { describeEndpoint } from './transport';

/** How long a scenario tries to reconnect to a bridge that is down. */
export const DOWN_RETRY_MS = 1000;

export class BridgeRun {
  private compiled: WireSchemas | undefined;
  private readonly probed = new Map<string, Capabilities>();
  private readonly down = new Map<string, string>();
  private readonly pools = new Map<string, ListenPool>();

  /** `schemas`: already compiled ones to share (they take half a second to compile). */
  constructor(schemas?: WireSchemas) {
    this.compiled = schemas;
  }

  /** The endpoint's declared capabilities: from the configuration, or asked of the bridge once per run. */
  async capabilities(config: BridgeConfig): Promise<Capabilities> {
    const key = describeEndpoint(config.endpoint);
    const known = config.capabilities ?? this.probed.get(key);
    if (known) return known;
    const probe = await this.connect(config);
    this.probed.set(key, probe.capabilities);
    this.release(config, probe);
    return probe.capabilities;
  }

  /** A handshaken connection for one scenario; when the bridge is known to be down, one brief try, else why it is down. */
  async connectForScenario(config: BridgeConfig): Promise<Handshaken> {
    const key = describeEndpoint(config.endpoint);
    const lost = this.down.get(key);
    if (lost === undefined) return this.connect(config);
    try {
      const connection = await this.connect({ ...config, connectTimeoutMs: Math.min(config.connectTimeoutMs, DOWN_RETRY_MS) });
      this.down.delete(key);
      return connection;
    } catch (e) {
      throw new Error(`the bridge is down: ${lost} (reconnecting failed: ${(e as Error).message})`, { cause: e });
    }
  }

  /** The bridge went away; the first reason is kept until it is back. */
  lost(config: BridgeConfig, why: string): void {
    const key = describeEndpoint(config.endpoint);
    if (!this.down.has(key)) this.down.set(key, why);
  }

  /** Give an unused handshaken connection back (listen mode keeps it; dial mode closes it). */
  release(config: BridgeConfig, connection: Handshaken): void {
    if (config.listen && !connection.peer.isClosed) {
      connection.peer.channel.hold(false);
      this.pool(config).park(connection);
    } else connection.peer.close('capabilities probe done');
  }

  /** End of the run: listeners closed, parked connections closed, everything learned forgotten. */
  async close(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    this.probed.clear();
    this.down.clear();
    await Promise.all(pools.map((p) => p.close()));
  }

  private decoder(config: BridgeConfig): Decode {
    this.compiled ??= new WireSchemas();
    const schemas = this.compiled;
    return (line) => schemas.decode(line, config.limits.maxDepth);
  }

  private connect(config: BridgeConfig): Promise<Handshaken> {
    if (config.listen) return this.pool(config).take(config.connectTimeoutMs);
    return dialAndHandshake(config, this.decoder(config));
  }

  private pool(config: BridgeConfig): ListenPool {
    const key = describeEndpoint(config.endpoint);
    let pool = this.pools.get(key);
    if (!pool) {
      pool = new ListenPool(config, this.decoder(config));
      this.pools.set(key, pool);
    }
    return pool;
  }
}
