/**
 * The door of a listening bridge endpoint: at most `maxConnections` connections at once, counted
 * from the moment the socket is accepted (a file descriptor is spent before any byte is read), each
 * given `handshakeTimeoutMs` to complete its hello. When full, a new connection takes the place of
 * the oldest one still silent after `evictWithoutHelloMs` (a well-behaved client says hello at once,
 * so a flood of silent connections cannot keep it out); otherwise it is refused with a message.
 */
import type { BridgeLimits } from './limits';

export type GateLimits = Pick<BridgeLimits, 'maxConnections' | 'handshakeTimeoutMs' | 'evictWithoutHelloMs'>;

/** Says why a connection is closed, as the transport can (an error line, an HTTP status, or nothing over TLS). */
export type Closer = (code: 'busy' | 'evicted' | 'handshake-timeout', message: string) => void;

export interface GateNotice {
  (kind: 'refused' | 'evicted' | 'handshake timeout', address: string, detail: string): void;
}

export interface GateCounts {
  readonly open: number;
  readonly refused: number;
  readonly evicted: number;
  readonly timedOut: number;
  /** The most connections open at one time. */
  readonly peak: number;
}

/** One admitted connection, until it leaves. */
export class GateEntry {
  private timer: NodeJS.Timeout | undefined;
  private left = false;

  constructor(private readonly gate: ConnectionGate, readonly address: string, readonly since: number, public closer: Closer) {}

  /** The hello was accepted: no handshake deadline, and no longer a candidate for eviction. */
  greeted(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.gate.silent.delete(this);
  }

  /** The connection closed (for any reason): its place is free. */
  leave(): void {
    if (this.left) return;
    this.left = true;
    this.greeted();
    this.gate.entries.delete(this);
  }

  /** @internal */
  arm(ms: number, onTimeout: () => void): void {
    this.timer = setTimeout(onTimeout, ms);
    this.timer.unref();
  }
}

export class ConnectionGate {
  /** @internal every open connection, oldest first. */
  readonly entries = new Set<GateEntry>();
  /** @internal the open connections that have not said hello yet, oldest first. */
  readonly silent = new Set<GateEntry>();
  private refused = 0;
  private evicted = 0;
  private timedOut = 0;
  private peak = 0;

  constructor(private readonly limits: GateLimits, private readonly notice: GateNotice, private readonly now: () => number = Date.now) {}

  /**
   * A socket was accepted from `address`. Returns its entry, or undefined after `refuse` was told
   * why (the caller then closes the socket).
   */
  enter(address: string, closer: Closer): GateEntry | undefined {
    const { maxConnections, evictWithoutHelloMs, handshakeTimeoutMs } = this.limits;
    if (this.entries.size >= maxConnections && !this.evictOldestSilent(evictWithoutHelloMs)) {
      this.refused += 1;
      const message = `the bridge is full: ${maxConnections === 1 ? 'one connection is' : `${maxConnections} connections are`} open (maxConnections); try again later`;
      this.notice('refused', address, message);
      closer('busy', message);
      return undefined;
    }
    const entry = new GateEntry(this, address, this.now(), closer);
    this.entries.add(entry);
    this.silent.add(entry);
    this.peak = Math.max(this.peak, this.entries.size);
    entry.arm(handshakeTimeoutMs, () => {
      this.timedOut += 1;
      const message = `no hello within ${handshakeTimeoutMs} ms (handshakeTimeoutMs): the connection is closed`;
      this.notice('handshake timeout', address, message);
      entry.leave();
      entry.closer('handshake-timeout', message);
    });
    return entry;
  }

  counts(): GateCounts {
    return { open: this.entries.size, refused: this.refused, evicted: this.evicted, timedOut: this.timedOut, peak: this.peak };
  }

  private evictOldestSilent(afterMs: number): boolean {
    const oldest = this.silent.values().next().value;
    if (!oldest || this.now() - oldest.since < afterMs) return false;
    this.evicted += 1;
    const message = `closed to make room: no hello within ${afterMs} ms while the bridge is full (maxConnections ${this.limits.maxConnections}, evictWithoutHelloMs)`;
    this.notice('evicted', oldest.address, message);
    oldest.leave();
    oldest.closer('evicted', message);
    return true;
  }
}
