/**
 * JetStream publishing without a request per message: every publish carries a reply subject under
 * one inbox this publisher subscribes to once, and the stream's acknowledgements (PubAcks) come
 * back there. (The client's `js.publish` makes a request each time — an error object with a stack
 * trace and a timer per message — which caps a publisher at a few thousand events per second on
 * this machine.) A publish not acknowledged within `timeoutMs` is sent again, and so is one the
 * cluster could not take (no responders, while a new leader is elected): safe, because the stream
 * de-duplicates by the message id. Up to `window` publishes are in flight.
 */
import { createInbox, headers, type Msg, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import { SOURCE_HEADER } from '../coverage';
import { Window } from '../window';

/** What a publish's outcome is told to: `duplicate` once the stream has it, or the error. */
export interface Settled {
  done(duplicate: boolean): void;
  fail(e: Error): void;
}

interface Pending {
  readonly subject: string;
  /** A short payload as UTF-8 (see {@link post}); a long one as given (the client encodes it). */
  readonly payload: Uint8Array | string;
  readonly msgID: string;
  readonly first: boolean;
  /** The `Cmc-Source` header (support/stream/coverage.ts), when the message has one. */
  readonly source: string | undefined;
  readonly settled: Settled;
  sentAt: number;
  attempts: number;
}

const WRONG_LAST_SEQUENCE = 10071;
/** Strings shorter than this Buffer.from takes from Node's pool (when their UTF-8 is too: under half the pool's 8 KiB). */
const POOLED = Buffer.poolSize >>> 1;

export class AsyncPublisher {
  private readonly inbox = createInbox();
  private readonly sub: Subscription;
  private readonly pending = new Map<number, Pending>();
  private readonly window: Window;
  private readonly sweeper: NodeJS.Timeout;
  private next = 0;
  /** Publishes held for the next turn of the event loop (`coalesce`). */
  private readonly queued: [number, Pending][] = [];

  /**
   * `coalesce`: publishes are sent together on the next turn of the event loop rather than each at
   * once — for a caller that publishes one at a time between awaits (a worker's verdicts), where
   * the client would otherwise write the socket once per publish.
   */
  constructor(private readonly nc: NatsConnection, window = 8192, private readonly timeoutMs = 10_000, private readonly maxAttempts = 12, private readonly coalesce = false) {
    this.window = new Window(window);
    this.sub = nc.subscribe(`${this.inbox}.*`, { callback: (err, m) => { if (!err) this.onAck(m); } });
    this.sweeper = setInterval(() => this.sweep(), Math.min(1_000, timeoutMs / 2));
    this.sweeper.unref();
  }

  /** Whether a publish can be sent now without passing the window. */
  get ready(): boolean {
    return this.window.free;
  }

  /** Waits for a free slot of the window. */
  async room(): Promise<void> {
    if (this.window.free) return;
    await this.window.acquire();
    this.window.release();
  }

  /**
   * Sends now (synchronously, so that many publishes go out in one write; callers wait for
   * {@link room} when not {@link ready}); resolves with whether the stream already had the message (a
   * duplicate) once the stream has it. `firstOnSubject`: only if the subject has no message yet
   * (`Nats-Expected-Last-Subject-Sequence: 0`); a refusal counts as a duplicate. `source`: the
   * message's place among its producer's (support/stream/coverage.ts).
   */
  send(subject: string, payload: string, msgID: string, options: { firstOnSubject?: boolean; source?: string } = {}): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => this.post(subject, payload, msgID, options.firstOnSubject ?? false, { done: resolve, fail: reject }, options.source));
  }

  /**
   * {@link send} without a promise (a worker publishes one per call): `settled` is told the outcome,
   * after the publish's slot of the window is freed.
   */
  post(subject: string, payload: string, msgID: string, firstOnSubject: boolean, settled: Settled, source?: string): void {
    this.window.inFlightPlus();
    const token = this.next++;
    // A short payload (a verdict) as Buffer.from's slice of Node's shared pool, encoded once: the
    // client's TextEncoder makes an external buffer of its own per publish, which cost a worker
    // ~10 µs a verdict and drove its GC. A long one (a feed's bundle) needs a buffer of its own
    // either way, and Buffer.from took 7x the encoder's time there (900 against 130 ms in a feed profile).
    const p: Pending = { subject, payload: payload.length < POOLED ? Buffer.from(payload, 'utf8') : payload, msgID, first: firstOnSubject, source, sentAt: 0, attempts: 0, settled };
    this.pending.set(token, p);
    if (!this.coalesce) this.transmitOrFail(token, p);
    else if (this.queued.push([token, p]) === 1) {
      setImmediate(() => {
        for (const [t, q] of this.queued.splice(0)) this.transmitOrFail(t, q);
      });
    }
  }

  /** Waits for every publish to be acknowledged (or to fail). */
  async idle(): Promise<void> {
    await this.window.idle();
  }

  close(): void {
    clearInterval(this.sweeper);
    this.sub.unsubscribe();
  }

  /**
   * Transmits; a publish the client refuses at once (connection closed or draining, payload past
   * max_payload, a bad subject) fails that publish — never an uncaught exception in a timer that
   * leaves it, and the ones queued after it, pending forever (and {@link idle} never returning).
   */
  private transmitOrFail(token: number, p: Pending): void {
    try {
      this.transmit(token, p);
    } catch (e) {
      this.pending.delete(token);
      this.fail(p, new Error(`${p.subject}: could not be published: ${(e as Error).message}`, { cause: e }));
    }
  }

  private transmit(token: number, p: Pending): void {
    const h = headers();
    h.set('Nats-Msg-Id', p.msgID);
    if (p.first) h.set('Nats-Expected-Last-Subject-Sequence', '0');
    if (p.source !== undefined) h.set(SOURCE_HEADER, p.source);
    p.sentAt = Date.now();
    p.attempts += 1;
    this.nc.publish(p.subject, p.payload, { reply: `${this.inbox}.${token}`, headers: h });
  }

  private onAck(m: Msg): void {
    const token = Number(m.subject.slice(this.inbox.length + 1));
    const p = this.pending.get(token);
    if (!p) return;
    if (m.headers?.code === 503 || m.data.length === 0) {
      // No responders: the stream has no leader now. Sent again by the sweep.
      p.sentAt = 0;
      return;
    }
    let ack: { stream?: string; duplicate?: boolean; error?: { code?: number; err_code?: number; description?: string } };
    try {
      ack = m.json();
    } catch {
      ack = { error: { description: `unreadable acknowledgement ${JSON.stringify(m.string().slice(0, 80))}` } };
    }
    this.pending.delete(token);
    // 10071 "wrong last sequence": the subject has a message already (firstOnSubject) — a duplicate.
    if (p.first && ack.error?.err_code === WRONG_LAST_SEQUENCE) this.done(p, true);
    else if (ack.error || !ack.stream) this.fail(p, new Error(`${p.subject}: ${ack.error?.description ?? 'no stream acknowledged it'}`));
    else this.done(p, ack.duplicate === true);
  }

  private done(p: Pending, duplicate: boolean): void {
    this.window.release();
    p.settled.done(duplicate);
  }

  private fail(p: Pending, e: Error): void {
    this.window.release();
    p.settled.fail(e);
  }

  private sweep(): void {
    const now = Date.now();
    for (const [token, p] of this.pending) {
      if ((now - p.sentAt < this.timeoutMs && p.sentAt !== 0) || p.attempts === 0) continue;
      if (p.attempts >= this.maxAttempts) {
        this.pending.delete(token);
        this.fail(p, new Error(`${p.subject}: not acknowledged after ${p.attempts} attempts (${this.timeoutMs} ms each)`));
      } else this.transmitOrFail(token, p);
    }
  }
}
