/**
 * One scenario's connection to an adapter: opens it, records and numbers every event (nothing is
 * dropped: events that do not normalise cleanly are kept and their problems listed), assigns
 * ReferenceIDs to requests, and lets callers wait for a condition with a timeout.
 *
 * Everything that goes wrong here is "the harness could not test" (TestCompromisedError), never a
 * conformance failure:
 * - a lost link (`sink.fail`) reported at any time before `close()` has resolved — while a step
 *   waits, during the settle window, or while the adapter closes — makes the scenario broken; one
 *   reported after that is handed to `onLateFailure` with nothing else to attach it to;
 * - observation is bounded: past `maxEvents` events in one scenario (a flood) the scenario is broken,
 *   the first `maxEvents` are kept and the rest only counted, so memory stays bounded.
 */
import { TestCompromisedError } from '../errors';
import { normaliseAttributes, type ObservedEvent, type TRequest } from '../model/event';
import { lookupEvent } from '../model/catalogue';
import type { EventSourceAdapter, RawEvent, ReplayAnswer, Topology } from './contract';

export interface SessionOptions {
  /** How long a step waits for events before giving up. */
  readonly timeoutMs: number;
  /** Quiet period after the last expectation before unexpected events are judged (when the adapter has no `settled`). */
  readonly settleMs: number;
  /** Wall clock for arrival stamps only (the simulator itself never reads it). */
  readonly now?: () => number;
  /** At most this many events are kept per scenario; one more makes it broken (default {@link DEFAULT_MAX_EVENTS}). */
  readonly maxEvents?: number;
  /** A `sink.fail` that arrives after `close()` resolved (default: printed on stderr). */
  readonly onLateFailure?: (error: Error) => void;
}

/** Events kept per scenario by default: far above any model's, far below what exhausts memory. */
export const DEFAULT_MAX_EVENTS = 10_000;

/** The adapter delivered more events than the bound allows. */
class FloodError extends Error {
  override readonly name = 'FloodError';
}

export type WaitResult<T> = { readonly kind: 'done'; readonly value: T } | { readonly kind: 'timeout' } | { readonly kind: 'settled' };

export class AdapterSession {
  readonly events: ObservedEvent[] = [];
  /** Normalisation problems, per event sequence number: reported, never silently dropped. */
  readonly problems: string[] = [];
  private readonly listeners = new Set<() => void>();
  private failure: Error | undefined;
  /** The failure has been thrown to a step or hook (close() does not throw it again). */
  private failureThrown = false;
  private nextReference = 1;
  private opened = false;
  /** `close()` has resolved: a failure now is late. */
  private closed = false;
  /** Events beyond `maxEvents`: counted, not kept. */
  private overflow = 0;

  constructor(readonly adapter: EventSourceAdapter, private readonly options: SessionOptions) {}

  async open(topology: Topology): Promise<void> {
    const sink = { event: (e: RawEvent) => this.record(e), fail: (err: Error) => this.fail(err) };
    try {
      await this.guard(`open the adapter "${this.adapter.name}"`, this.adapter.open(topology, sink));
    } catch (e) {
      // An open that failed or ran out of time may have started things (sessions, sockets): end them.
      void this.adapter.close().catch(() => undefined);
      throw e;
    }
    this.opened = true;
  }

  get isOpen(): boolean {
    return this.opened;
  }

  get canSend(): boolean {
    return typeof this.adapter.send === 'function';
  }

  get canReplay(): boolean {
    return typeof this.adapter.recorded === 'function';
  }

  /** The recorded counterpart of a request (replay adapters), or why the recording does not exercise the scenario. */
  replay(request: TRequest, role: 'setup' | 'stimulus'): ReplayAnswer {
    try {
      return this.adapter.recorded?.(request, role) ?? { notExercised: `the adapter "${this.adapter.name}" replays nothing`, final: true };
    } catch (e) {
      throw new TestCompromisedError(`could not replay ${request.name}: ${(e as Error).message}`, { cause: e });
    }
  }

  /** Send a request with a fresh ReferenceID; returns that ReferenceID. */
  async send(request: TRequest): Promise<number> {
    const send = this.adapter.send?.bind(this.adapter);
    if (!send) throw new TestCompromisedError(`the adapter "${this.adapter.name}" is observe-only and cannot send ${request.name}`);
    const referenceId = this.nextReference++;
    await this.guard(`send ${request.name}`, send({ ...request, attributes: { ...request.attributes, ReferenceID: referenceId } }));
    return referenceId;
  }

  /**
   * Re-evaluate `check` whenever events arrive, until it returns a value, the adapter reports it
   * has settled with nothing more to come, or the timeout passes. Adapter failures throw
   * TestCompromisedError.
   */
  async waitFor<T>(check: () => T | undefined, timeoutMs = this.options.timeoutMs): Promise<WaitResult<T>> {
    const deadline = Date.now() + timeoutMs;
    let settledSeen = false;
    for (;;) {
      this.throwIfFailed();
      const value = check();
      if (value !== undefined) return { kind: 'done', value };
      if (settledSeen) return { kind: 'settled' };
      const remaining = deadline - Date.now();
      if (remaining <= 0) return { kind: 'timeout' };
      settledSeen = await this.nextChange(remaining);
    }
  }

  /** Let in-flight events arrive: the adapter's own `settled`, or a quiet period. */
  async settle(): Promise<void> {
    if (this.adapter.settled) await this.guard('settle', this.adapter.settled());
    else await this.quietPeriod(this.options.settleMs);
    this.throwIfFailed();
  }

  /** Events the adapter delivered beyond the bound (a flood): counted, not kept. */
  get dropped(): number {
    return this.overflow;
  }

  /**
   * Close the adapter. A failure it reported and nobody has seen yet — including one reported while
   * closing, or in the same turn as the close resolved — is thrown here: the scenario is broken.
   */
  async close(): Promise<void> {
    if (!this.opened) return;
    this.opened = false;
    try {
      await this.guard(`close the adapter "${this.adapter.name}"`, this.adapter.close());
      // Failures scheduled for the next turn by whatever resolved the close (setImmediate, a socket's 'close').
      await new Promise<void>((resolve) => { setImmediate(resolve); });
    } finally {
      this.closed = true;
    }
    // Unseen so far (a failure a step already threw is not thrown twice).
    if (!this.failureThrown) this.throwIfFailed();
  }

  /** The settle window of an adapter without `settled`: `ms`, cut short by a failure. */
  private quietPeriod(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.listeners.delete(onChange);
        resolve();
      };
      const onChange = (): void => { if (this.failure) done(); };
      const timer = setTimeout(done, ms);
      this.listeners.add(onChange);
    });
  }

  /** Resolves true when the adapter says it has settled, false on a new event or timeout. */
  private nextChange(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      let done = false;
      const finish = (settled: boolean): void => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        this.listeners.delete(onEvent);
        resolve(settled);
      };
      const onEvent = (): void => finish(false);
      const timer = setTimeout(() => finish(false), ms);
      this.listeners.add(onEvent);
      if (this.adapter.settled) {
        this.adapter.settled().then(() => setImmediate(() => finish(true)), () => finish(false));
      }
    });
  }

  private record(event: RawEvent): void {
    const max = this.options.maxEvents ?? DEFAULT_MAX_EVENTS;
    if (this.events.length >= max) {
      this.overflow += 1;
      if (this.overflow === 1) {
        this.fail(new FloodError(`flood: more than ${String(max)} events in one scenario (the first ${String(max)} are kept; set maxEventsPerScenario to change the bound)`));
      }
      return;
    }
    const seq = this.events.length + 1;
    const { attributes, problems } = normaliseAttributes(event.attributes);
    for (const p of problems) this.problems.push(`#${seq} ${event.name}: ${p}`);
    // Kept (an unexpected event still fails the scenario), but a name no model knows is also listed.
    if (lookupEvent(event.name) === undefined) this.problems.push(`#${seq} ${event.name}: unknown event name${event.origin ? ` (${event.origin})` : ''}`);
    const dn = event.dn ?? event.participant ?? (typeof attributes.ThisDN === 'string' ? attributes.ThisDN : '(no DN)');
    this.events.push({
      ...event, seq, dn, attributes, receivedAt: (this.options.now ?? Date.now)(),
    });
    for (const l of [...this.listeners]) l();
  }

  private fail(error: Error): void {
    if (this.closed) {
      (this.options.onLateFailure ?? ((e: Error) => { console.error(`the adapter "${this.adapter.name}" reported a failure after its scenario closed: ${e.message}`); }))(error);
      return;
    }
    this.failure ??= error;
    for (const l of [...this.listeners]) l();
  }

  private throwIfFailed(): void {
    if (!this.failure) return;
    this.failureThrown = true;
    const message = this.failure instanceof FloodError ? this.failure.message : `the adapter "${this.adapter.name}" failed: ${this.failure.message}`;
    throw new TestCompromisedError(message, { cause: this.failure });
  }

  /** Run an adapter call with the step timeout; any error or hang is the environment's fault. */
  private async guard<T>(what: string, promise: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new TestCompromisedError(`could not ${what}: no answer within ${this.options.timeoutMs} ms`)), this.options.timeoutMs);
    });
    try {
      return await Promise.race([promise, timeout]);
    } catch (e) {
      if (e instanceof TestCompromisedError) throw e;
      throw new TestCompromisedError(`could not ${what}: ${(e as Error).message ?? String(e)}`, { cause: e });
    } finally {
      clearTimeout(timer);
    }
  }
}
