/**
 * A connection carrying one protocol session, whatever the transport: numbered incoming lines, a
 * way to write messages, and the bounds a peer cannot push it past.
 *
 * - A line (TCP) or message (WebSocket) longer than `maxMessageBytes` is refused: an `error` naming
 *   its line goes to the peer, then the connection closes.
 * - Output the peer does not read: above `writeHighWaterBytes` waiting, the channel stops reading
 *   from the peer until half of it has drained; above `maxWriteBufferBytes`, or when reading has
 *   been stopped for `writeStallMs`, the peer is dropped, with the reason logged.
 * - The owner may stop reading too (`pause`/`resume`, e.g. while too many messages wait to run).
 */
import type { GateEntry } from './gate';
import type { BridgeLimits } from './limits';
import { encode, LineDecoder, type ErrorMessage, type WireMessage } from './protocol';

export type ChannelLimits = Pick<BridgeLimits, 'maxMessageBytes' | 'writeHighWaterBytes' | 'maxWriteBufferBytes' | 'writeStallMs'>;

/** Something a peer made this endpoint do (kind, who, the line to log): the owner rate-limits it. */
export type Notice = (kind: string, peer: string, detail: string) => void;

export interface ChannelHandlers {
  line(line: string, lineNo: number): void;
  /** The peer went away or the transport failed (`error` set), or we closed it. */
  closed(error?: Error): void;
}

/** Why a WebSocket is closed (RFC 6455 status code and reason); other transports just end. */
export interface CloseWhy {
  readonly code: number;
  readonly reason: string;
}

/** What a transport gives a channel. */
export interface Io {
  write(text: string): void;
  /** Finish writing and close; `done` once what was written has left this process. */
  end(why?: CloseWhy, done?: () => void): void;
  destroy(): void;
  /** Bytes written and not yet taken by the peer (as far as this process can tell). */
  buffered(): number;
  pause(): void;
  resume(): void;
  hold?(keep: boolean): void;
}

/** How long a closed connection may take to finish before it is destroyed. */
export const CLOSE_GRACE_MS = 1000;
/** How often output that waits for a slow peer is looked at. */
const OUTPUT_POLL_MS = 50;

/** WebSocket close codes for the reasons this endpoint closes a connection. */
const WS_CODES: Readonly<Record<string, number>> = { 'too-large': 1009, busy: 1013, evicted: 1013, 'handshake-timeout': 1008, idle: 1001 };

export class Channel {
  private handlers: ChannelHandlers | undefined;
  private readonly early: (() => void)[] = [];
  private ended = false;
  private closing = false;
  private readonly holds = new Set<string>();
  private outputTimer: NodeJS.Timeout | undefined;
  private outputPausedAt = 0;
  private readonly decoder: LineDecoder;
  /** Chunks received and messages written: an idle check compares two readings. */
  activity = 0;
  /** The listener's record of this connection (its place under `maxConnections`), when accepted by one. */
  entry: GateEntry | undefined;

  constructor(readonly peer: string, readonly address: string, private readonly io: Io, private readonly limits: ChannelLimits, private readonly notice?: Notice) {
    this.decoder = new LineDecoder((line, n) => {
      // Once started, straight to the handlers (no closure per line); before, kept in order.
      if (this.handlers) this.handlers.line(line, n);
      else this.early.push(() => this.handlers?.line(line, n));
    }, limits.maxMessageBytes, (lineNo) => this.refuseTooLarge(lineNo));
  }

  /** Whether this connection keeps the process alive (parked listen-mode connections do not). */
  hold(keep: boolean): void {
    this.io.hold?.(keep);
  }

  /** Attach the handlers; anything that arrived before is delivered now, in order. */
  start(handlers: ChannelHandlers): void {
    this.handlers = handlers;
    for (const deliver of this.early.splice(0)) deliver();
  }

  write(message: WireMessage): void {
    if (this.ended) return;
    this.activity += 1;
    this.io.write(encode(message));
    if (this.io.buffered() > this.limits.writeHighWaterBytes) this.backedUp();
  }

  get isOpen(): boolean {
    return !this.ended;
  }

  /** Whether reading from the peer is stopped (output backed up, or the owner asked). */
  get isPaused(): boolean {
    return this.holds.size > 0;
  }

  /** Stop reading from the peer for `reason`, until `resume(reason)`. */
  pause(reason: string): void {
    if (this.holds.size === 0 && !this.ended) this.io.pause();
    this.holds.add(reason);
  }

  resume(reason: string): void {
    if (!this.holds.delete(reason)) return;
    if (this.holds.size === 0 && !this.ended) this.io.resume();
  }

  /** The session said hello: the listener stops its handshake clock. */
  established(): void {
    this.entry?.greeted();
  }

  /**
   * Graceful end; the transport is destroyed if the peer does not finish within a second, or
   * (`promptly`) as soon as what was written has left: for a peer that has sent nothing since,
   * whose socket should not outlive the reason it was given.
   */
  close(why?: CloseWhy, promptly = false): void {
    if (this.ended || this.closing) return;
    this.closing = true;
    this.io.end(why, promptly ? () => this.io.destroy() : undefined);
    setTimeout(() => this.io.destroy(), CLOSE_GRACE_MS).unref();
  }

  /**
   * Tell the peer why in an `error`, then close; the owner hears `closed` with the same reason.
   * `promptly`: see {@link close} (a silent connection turned away to make room, or timed out).
   */
  refuse(error: Omit<ErrorMessage, 'type'> & { readonly code: string }, promptly = false): void {
    if (this.ended) return;
    this.write({ type: 'error', ...error });
    this.close({ code: WS_CODES[error.code] ?? 1008, reason: error.message }, promptly);
    this.failed(new Error(error.message));
  }

  /** A line or WebSocket message over `maxMessageBytes` (`bytes` when the frame header said how long). */
  refuseTooLarge(lineNo: number, bytes?: number): void {
    if (this.ended) return;
    const what = bytes === undefined ? `line ${lineNo} is longer than` : `message ${lineNo} (${bytes} bytes) is longer than`;
    const message = `${what} the limit of ${this.limits.maxMessageBytes} bytes (maxMessageBytes): the connection is closed`;
    this.notice?.('message too large', this.peer, `${this.peer}: ${message}`);
    this.refuse({ of: 'message', line: lineNo, code: 'too-large', message });
  }

  /** The number the next line will have (WebSocket: the next message). */
  get nextLineNo(): number {
    return this.decoder.lines + 1;
  }

  /** @internal transport callbacks */
  received(chunk: string): void {
    this.activity += 1;
    this.decoder.push(chunk);
  }

  /** @internal */
  failed(error?: Error): void {
    if (this.ended) return;
    this.ended = true;
    if (this.outputTimer) clearInterval(this.outputTimer);
    this.entry?.leave();
    const pending = this.decoder.pending.trim();
    const why = error ?? (pending ? new Error(`the connection ended inside a message (truncated line ${pending.slice(0, 200)})`) : undefined);
    if (this.handlers) this.handlers.closed(why);
    else this.early.push(() => this.handlers?.closed(why));
  }

  /** Output waits above the high-water mark: stop reading, watch it drain, drop a peer that does not read. */
  private backedUp(): void {
    if (this.io.buffered() > this.limits.maxWriteBufferBytes) return this.notReading();
    if (this.outputTimer) return undefined;
    this.outputPausedAt = Date.now();
    this.pause('output');
    this.outputTimer = setInterval(() => this.checkOutput(), OUTPUT_POLL_MS);
    this.outputTimer.unref();
    return undefined;
  }

  private checkOutput(): void {
    const buffered = this.io.buffered();
    if (buffered > this.limits.maxWriteBufferBytes || Date.now() - this.outputPausedAt >= this.limits.writeStallMs) {
      this.notReading();
    } else if (buffered <= this.limits.writeHighWaterBytes / 2) {
      clearInterval(this.outputTimer);
      this.outputTimer = undefined;
      this.resume('output');
    }
  }

  private notReading(): void {
    const buffered = this.io.buffered();
    const reason = buffered > this.limits.maxWriteBufferBytes
      ? `the peer does not read: ${buffered} bytes of output wait for it (maxWriteBufferBytes ${this.limits.maxWriteBufferBytes})`
      : `the peer has not read its output for ${this.limits.writeStallMs} ms (writeStallMs; ${buffered} bytes wait)`;
    this.notice?.('peer dropped', this.peer, `${this.peer}: ${reason}`);
    this.io.write(encode({ type: 'close', reason })); // last words, most likely never read
    this.io.destroy();
    this.failed(new Error(`dropped: ${reason}`));
  }
}
