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
import { Window } from '../window';

interface Pending {
  readonly subject: string;
  readonly payload: string;
  readonly msgID: string;
  readonly first: boolean;
  readonly done: (duplicate: boolean) => void;
  readonly fail: (e: Error) => void;
  sentAt: number;
  attempts: number;
}

const WRONG_LAST_SEQUENCE = 10071;

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
   * (`Nats-Expected-Last-Subject-Sequence: 0`); a refusal counts as a duplicate.
   */
  send(subject: string, payload: string, msgID: string, options: { firstOnSubject?: boolean } = {}): Promise<boolean> {
    this.window.inFlightPlus();
    return new Promise<boolean>((resolve, reject) => {
      const token = this.next++;
      const p: Pending = { subject, payload, msgID, first: options.firstOnSubject ?? false, sentAt: 0, attempts: 0, done: resolve, fail: reject };
      this.pending.set(token, p);
      if (!this.coalesce) this.transmitOrFail(token, p);
      else if (this.queued.push([token, p]) === 1) {
        setImmediate(() => {
          for (const [t, q] of this.queued.splice(0)) this.transmitOrFail(t, q);
        });
      }
    }).finally(() => this.window.release());
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
      p.fail(new Error(`${p.subject}: could not be published: ${(e as Error).message}`, { cause: e }));
    }
  }

  private transmit(token: number, p: Pending): void {
    const h = headers();
    h.set('Nats-Msg-Id', p.msgID);
    if (p.first) h.set('Nats-Expected-Last-Subject-Sequence', '0');
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
    if (p.first && ack.error?.err_code === WRONG_LAST_SEQUENCE) p.done(true);
    else if (ack.error || !ack.stream) p.fail(new Error(`${p.subject}: ${ack.error?.description ?? 'no stream acknowledged it'}`));
    else p.done(ack.duplicate === true);
  }

  private sweep(): void {
    const now = Date.now();
    for (const [token, p] of this.pending) {
      if ((now - p.sentAt < this.timeoutMs && p.sentAt !== 0) || p.attempts === 0) continue;
      if (p.attempts >= this.maxAttempts) {
        this.pending.delete(token);
        p.fail(new Error(`${p.subject}: not acknowledged after ${p.attempts} attempts (${this.timeoutMs} ms each)`));
      } else this.transmitOrFail(token, p);
    }
  }
}
