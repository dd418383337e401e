/**
 * One monitor worker: a durable pull consumer per partition it owns, call threads assembled from
 * them (support/stream/assembly.ts), each whole thread judged by the recognizer
 * (CallRecognizer.judgeRecords) and its verdict published to the verdicts stream; only once the
 * stream has stored the verdict are the thread's events acknowledged. So:
 *
 * - **at least once in**: a worker that dies (SIGKILL) has acknowledged nothing it had not finished;
 *   the events come back to whoever consumes the partition next, after the consumer's ack wait;
 * - **exactly one verdict out**: a verdict is published with the message id `tenant:thread` and
 *   `Nats-Expected-Last-Subject-Sequence: 0` on the thread's own subject — the stream refuses a
 *   second verdict for a call, whenever it comes (not only within the duplicate window); the
 *   refusal is counted (`suppressed`) and the events acknowledged.
 *
 * A thread that never completes is judged after `callIdleMs` without events (as it is: incomplete).
 */
import type { NatsConnection } from '@nats-io/transport-node';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, ReplayPolicy, type ConsumerMessages, type JetStreamClient, type JetStreamManager, type JsMsg } from '@nats-io/jetstream';
import { CallRecognizer, type CallVerdict, type ScenarioPlan } from '../../recognize';
import { ThreadAssembler, type AssembledThread } from '../assembly';
import { bySource, parseSource, SOURCE_HEADER } from '../coverage';
import { subjectToken } from '../partition';
import { lateSubject, seenSubject, threadVerdict, wireProblemVerdict, type LateNote, type SeenNote, type ThreadOutcome, type ThreadVerdict } from '../verdict';
import { decodeEvents, WireError, type ThreadEvent } from '../wire';
import { Window } from '../window';
import { AsyncPublisher } from './asyncPublish';
import { retrying, verdictSubject } from './connection';

export interface WorkerOptions {
  readonly url: string;
  readonly stream: string;
  readonly verdicts: string;
  /** Durable consumer names are `<group>-<partition>`. */
  readonly group: string;
  readonly partitions: readonly number[];
  readonly callIdleMs: number;
  readonly ackWaitMs: number;
  readonly maxAckPending: number;
  readonly settleMs?: number;
  readonly features?: readonly string[];
}

export interface WorkerStatus {
  /** Events received (a message may hold a run of a thread's events), and the messages that brought them. */
  events: number;
  messages: number;
  /** Messages delivered again. */
  redelivered: number;
  open: number;
  /** Stream messages held by open threads (delivered, not acknowledged). */
  held: number;
  /** Verdicts being published. */
  publishing: number;
  verdicts: Record<ThreadOutcome, number>;
  incomplete: number;
  /** Verdicts the stream refused because the call had one (a redelivery after a crash): not published twice. */
  suppressed: number;
  /** Messages taken without a verdict of their own (their threads had one), noted as seen (support/stream/coverage.ts). */
  seen: number;
  /** Events of calls that came after the call's verdict (judged after its idle time while it went on): not judged. */
  late: number;
  /** Verdict publishes that failed (their events are not acknowledged: they come back). */
  failed: number;
  /** The most open threads held at once, and the largest resident memory seen (MB): memory follows open calls. */
  maxOpen: number;
  peakRssMb: number;
  lastError?: string;
}

const PUBLISH_WINDOW = 2_000;
/** Bytes of messages pulled ahead per partition (see {@link MonitorWorker.start}). */
const PULL_BYTES = 2 * 2 ** 20;

export function consumerName(group: string, partition: number): string {
  return `${group}-${partition}`;
}

export class MonitorWorker {
  private readonly js: JetStreamClient;
  private readonly assembler = new ThreadAssembler<Held>();
  private readonly recognizer: CallRecognizer;
  private collected: CallVerdict[] = [];
  private readonly loops: Promise<void>[] = [];
  private readonly iterators: ConsumerMessages[] = [];
  private readonly publishing = new Window(PUBLISH_WINDOW);
  private readonly out: AsyncPublisher;
  private readonly acks: JsMsg[] = [];
  /** Redeliveries of threads whose verdict is being stored: acknowledged with it. */
  private readonly late = new Map<string, Held[]>();
  private timer: NodeJS.Timeout | undefined;
  /** For reading a stored verdict back (a duplicate's extent: see {@link lateAfterRestart}). */
  private jsm: JetStreamManager | undefined;
  readonly status: WorkerStatus = {
    events: 0, messages: 0, redelivered: 0, open: 0, held: 0, publishing: 0, verdicts: { conforms: 0, deviates: 0, unrecognised: 0, unreadable: 0 }, incomplete: 0, suppressed: 0, seen: 0, late: 0, failed: 0, maxOpen: 0, peakRssMb: 0,
  };

  constructor(private readonly nc: NatsConnection, plans: readonly ScenarioPlan[], private readonly options: WorkerOptions) {
    this.js = jetstream(nc, { timeout: 10_000 });
    // Retried for about two minutes (a cluster electing leaders); then its events are left unacknowledged.
    this.out = new AsyncPublisher(nc, PUBLISH_WINDOW * 2, 10_000, 12, true);
    this.recognizer = new CallRecognizer({
      plans, onVerdict: (v) => this.collected.push(v),
      ...(options.settleMs !== undefined ? { settleMs: options.settleMs } : {}), ...(options.features ? { features: options.features } : {}),
    });
  }

  /** Creates (or updates) the durable consumers and starts consuming. */
  async start(): Promise<void> {
    const jsm = await jetstreamManager(this.nc, { timeout: 10_000 });
    this.jsm = jsm;
    for (const p of this.options.partitions) {
      const name = consumerName(this.options.group, p);
      await this.ensureConsumer(jsm, name, p);
      const consumer = await this.js.consumers.get(this.options.stream, name);
      // A short pull expiry: after a node of a cluster is lost, pulls are renewed within seconds.
      // What is pulled ahead is bounded in bytes, not messages: a bundle holds many calls' events,
      // and 1,000 of them were far more memory than 1,000 single events (room left for the largest message).
      const messages = await consumer.consume({ max_bytes: this.pullBytes(), expires: 5_000 });
      this.iterators.push(messages);
      this.loops.push(this.consume(messages));
    }
    const every = Math.max(50, Math.min(1_000, this.options.callIdleMs / 4));
    this.timer = setInterval(() => {
      for (const t of this.assembler.expireIdle(this.options.callIdleMs)) this.judge(t);
    }, every);
  }

  /** The most bytes of messages pulled ahead per partition: at least two of the largest the server takes. */
  private pullBytes(): number {
    return Math.max(PULL_BYTES, 2 * (this.nc.info?.max_payload ?? 0));
  }

  /** Stops consuming, judges every open thread as it is, and waits for the verdicts to be stored. */
  async drain(): Promise<void> {
    await this.stopConsuming();
    // Stopping: a call still going on is cut by the stop (events it still expects are not judged missing).
    for (const t of this.assembler.drain()) this.judge(t, true);
    await this.publishing.idle();
    this.out.close();
    await new Promise((r) => setImmediate(r));
    await this.nc.flush();
  }

  /** Stops consuming (open threads stay unacknowledged: they come back to the next consumer). */
  async stopConsuming(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    for (const it of this.iterators) it.stop();
    await Promise.all(this.loops);
  }

  snapshot(): WorkerStatus {
    this.status.open = this.assembler.openThreads;
    this.status.held = this.assembler.held;
    this.status.publishing = this.publishing.inFlight;
    this.status.peakRssMb = Math.max(this.status.peakRssMb, process.memoryUsage.rss() / 2 ** 20);
    return { ...this.status, verdicts: { ...this.status.verdicts } };
  }

  private async ensureConsumer(jsm: JetStreamManager, name: string, partition: number): Promise<void> {
    const ackWait = this.options.ackWaitMs * 1e6;
    const existing = await retrying(() => jsm.consumers.info(this.options.stream, name)).catch(() => undefined);
    if (!existing) {
      await retrying(() => jsm.consumers.add(this.options.stream, {
        durable_name: name, filter_subject: `${this.options.stream}.${partition}.>`, ack_policy: AckPolicy.Explicit, ack_wait: ackWait,
        max_ack_pending: this.options.maxAckPending, deliver_policy: DeliverPolicy.All, replay_policy: ReplayPolicy.Instant, max_deliver: -1,
      }));
    } else if (existing.config.ack_wait !== ackWait || existing.config.max_ack_pending !== this.options.maxAckPending) {
      await retrying(() => jsm.consumers.update(this.options.stream, name, { ack_wait: ackWait, max_ack_pending: this.options.maxAckPending }));
    }
  }

  private async consume(messages: ConsumerMessages): Promise<void> {
    for await (const m of messages) {
      this.onMessage(m);
      if (this.publishing.inFlight >= PUBLISH_WINDOW) {
        await this.publishing.acquire();
        this.publishing.release();
      }
    }
  }

  private onMessage(m: JsMsg): void {
    this.status.messages += 1;
    if (m.redelivered) this.status.redelivered += 1;
    const where = `${m.subject} (stream ${this.options.stream} #${m.seq})`;
    const source = m.headers?.get(SOURCE_HEADER) || undefined;
    let events;
    try {
      if (source !== undefined && !parseSource(source)) throw new WireError(`${where}: its ${SOURCE_HEADER} header ${JSON.stringify(source.slice(0, 80))} is not <producer>:<place>`);
      events = decodeEvents(m.string(), where);
    } catch (e) {
      if (!(e instanceof WireError)) throw e;
      const held: Held = { msg: m, threads: 1, source, named: false };
      this.publish(wireProblemVerdict(`wire:${this.options.stream}:${m.seq}`, e.message, source), 'wire', `${this.options.stream}-${m.seq}`, [held]);
      return;
    }
    this.status.events += events.length;
    const threads = byThread(events);
    // Acknowledged once every thread in it has its verdict stored (a bundle holds several).
    const held: Held = { msg: m, threads: threads.length, source, named: false };
    for (const thread of threads) {
      const added = this.assembler.add({ events: thread, handle: held, position: m.seq });
      if (added.kind === 'whole') this.judge(added.thread);
      else if (added.kind === 'judged') this.ack([held]);
      else if (added.kind === 'storing') this.late.get(added.key)?.push(held);
      else if (added.kind === 'late') this.noteLate(held, thread[0] as ThreadEvent, added.key, added.places);
    }
    if (this.assembler.openThreads > this.status.maxOpen) this.status.maxOpen = this.assembler.openThreads;
  }

  private judge(t: AssembledThread<Held>, cut = false): void {
    this.collected = [];
    this.recognizer.judgeRecords(t.records, { cut });
    const verdict = threadVerdict({ key: t.key, tenant: t.tenant, thread: t.thread, events: t.records.length, whole: t.whole, missing: t.missing, sources: sourcesOf(t.handles) }, this.collected);
    this.publish(verdict, t.tenant, t.thread, t.handles, () => placesOf(t));
  }

  /**
   * Stores the verdict (retrying while the stream is unavailable), then acknowledges the thread's
   * events. A verdict is refused when the stream already had this call's (a duplicate: not stored twice).
   */
  private publish(verdict: ThreadVerdict, tenant: string, thread: string, handles: readonly Held[], places?: () => readonly number[]): void {
    const subject = verdictSubject(this.options.verdicts, tenant, thread);
    const payload = JSON.stringify(verdict);
    // What the callbacks need of it, not the verdict: thousands are in flight at once, and a
    // verdict's objects kept until its acknowledgement outlived the young generation.
    const { key, outcome, complete } = verdict;
    this.publishing.inFlightPlus();
    this.late.set(key, []);
    // Callbacks, not a chain of promises: one verdict per call.
    this.out.post(subject, payload, key, true, {
      done: (duplicate) => {
        if (!duplicate) {
          this.status.verdicts[outcome] += 1;
          if (!complete) this.status.incomplete += 1;
          // The verdict names the messages it was judged from (support/stream/coverage.ts).
          for (const h of handles) h.named = true;
        } else this.status.suppressed += 1;
        const finish = (): void => {
          this.assembler.stored(key);
          const late = this.late.get(key);
          this.ack(handles, late);
          this.settled(key);
        };
        if (!duplicate || !places) {
          finish();
          return;
        }
        this.lateAfterRestart(subject, key, tenant, thread, places()).then(finish, (e: unknown) => {
          // Nothing acknowledged: the events come back, and are looked at again.
          this.assembler.failed(key);
          this.status.failed += 1;
          this.status.lastError = `the stored verdict of ${key} could not be read back from ${this.options.verdicts} at ${this.options.url}: ${(e as Error).message}`;
          this.settled(key);
        });
      },
      fail: (e) => {
        // Nothing acknowledged: the events come back after the ack wait, and the call is judged anew.
        this.assembler.failed(key);
        this.status.failed += 1;
        this.status.lastError = `verdict for ${key} not stored in ${this.options.verdicts} at ${this.options.url}: ${e.message}`;
        this.settled(key);
      },
    });
  }

  /**
   * A verdict refused because the call had one: a redelivery of what that verdict judged, or events
   * that came after it while the worker that judged it was restarted (its memory of the call's
   * extent went with it: {@link ThreadAssembler} tells late events apart only within one worker's
   * life). The stored verdict says how far it went (its events and the places it missed); places past
   * that are late, and noted as such (see {@link noteLate}).
   */
  private async lateAfterRestart(subject: string, key: string, tenant: string, thread: string, places: readonly number[]): Promise<void> {
    if (!this.jsm) return;
    const jsm = this.jsm;
    const stored = await retrying(() => jsm.streams.getMessage(this.options.verdicts, { last_by_subj: subject }));
    if (!stored) return;
    const judged = stored.json<Partial<ThreadVerdict>>();
    // A verdict that does not say how many events it judged (another writer's) tells no extent.
    if (typeof judged.events !== 'number') return;
    const upTo = judged.events + (judged.missing?.length ?? 0) - 1;
    const late = places.filter((p) => p > upTo);
    if (!late.length) return;
    const note = this.lateNote(key, tenant, thread, late);
    await this.out.send(note.subject, note.payload, note.id);
    this.status.late += late.length;
  }

  private settled(key: string): void {
    this.late.delete(key);
    this.publishing.release();
  }

  /**
   * One thread of each of these messages is done (its verdict stored): a message all of whose
   * threads are done is acknowledged — on the next turn of the event loop, many at once (one socket
   * write, not one per message).
   */
  private ack(handles: readonly Held[], more?: readonly Held[]): void {
    for (const h of handles) this.done(h);
    if (more) for (const h of more) this.done(h);
  }

  private done(h: Held): void {
    h.threads -= 1;
    if (h.threads !== 0) return;
    if (h.named || h.source === undefined) this.queueAck(h.msg);
    else this.noteSeen(h.msg, h.source);
  }

  /** Acknowledged on the next turn of the event loop, with every other one queued by then. */
  private queueAck(msg: JsMsg): void {
    if (this.acks.push(msg) === 1) setImmediate(() => {
      for (const m of this.acks.splice(0)) m.ack();
    });
  }

  /**
   * Events of a call that came after its verdict (the thread was judged after its idle time while
   * the call went on) are recorded as such in the verdicts stream before their message is
   * acknowledged: the totals count the call as not judged whole (support/stream/verdict.ts LateNote).
   */
  private noteLate(h: Held, event: ThreadEvent, key: string, places: readonly number[]): void {
    const note = this.lateNote(key, event.tenant, event.thread, places, h.source);
    this.publishing.inFlightPlus();
    this.out.post(note.subject, note.payload, note.id, false, {
      done: () => {
        this.status.late += places.length;
        if (h.source !== undefined) h.named = true;
        this.publishing.release();
        this.ack([h]);
      },
      fail: (e) => {
        this.status.failed += 1;
        this.status.lastError = `note of late events of ${key} not stored in ${this.options.verdicts} at ${this.options.url}: ${e.message}`;
        this.publishing.release();
      },
    });
  }

  /** A {@link LateNote} as published: its subject, its text and its message id (a redelivery of the same events repeats it). */
  private lateNote(key: string, tenant: string, thread: string, places: readonly number[], seen?: string): { subject: string; payload: string; id: string } {
    const first = places[0] ?? 0;
    const note: LateNote = { late: { key, places }, ...(seen !== undefined ? { seen } : {}) };
    return { subject: lateSubject(this.options.verdicts, subjectToken(tenant), subjectToken(thread), first), payload: JSON.stringify(note), id: `late:${key}:${first}` };
  }

  /**
   * A message none of whose threads got a verdict from it (their verdicts were stored before: a
   * redelivery, a re-publish) is recorded as seen in the verdicts stream before it is acknowledged,
   * so that the stream names every message a worker took (support/stream/coverage.ts). If the note
   * cannot be stored the message is not acknowledged: it comes back.
   */
  private noteSeen(msg: JsMsg, source: string): void {
    const note: SeenNote = { seen: source };
    this.publishing.inFlightPlus();
    this.out.post(seenSubject(this.options.verdicts, source), JSON.stringify(note), `seen:${source}`, false, {
      done: () => {
        this.status.seen += 1;
        this.publishing.release();
        this.queueAck(msg);
      },
      fail: (e) => {
        this.status.failed += 1;
        this.status.lastError = `note of message ${source} not stored in ${this.options.verdicts} at ${this.options.url}: ${e.message}`;
        this.publishing.release();
      },
    });
  }
}

/** The places of a thread's events that are there (0 … its highest, but those missing). */
function placesOf(t: AssembledThread<Held>): number[] {
  const missing = new Set(t.missing);
  const out: number[] = [];
  for (let p = 0, n = 0; n < t.records.length; p++) {
    if (missing.has(p)) continue;
    out.push(p);
    n += 1;
  }
  return out;
}

/** A delivered message and how many of its threads have no stored verdict yet (acknowledged at 0). */
interface Held {
  readonly msg: JsMsg;
  threads: number;
  /** Its `Cmc-Source` (support/stream/coverage.ts), and whether a stored verdict names it. */
  readonly source: string | undefined;
  named: boolean;
}

/**
 * The distinct sources of a thread's deliveries (a redelivery names the same message again), in the
 * producer's order: deliveries come back in another order after a restart, and a verdict is the
 * same whichever run of the monitor made it.
 */
function sourcesOf(handles: readonly Held[]): string[] | undefined {
  let out: string[] | undefined;
  for (const h of handles) {
    if (h.source === undefined) continue;
    if (!out) out = [h.source];
    else if (!out.includes(h.source)) out.push(h.source);
  }
  if (out && out.length > 1) out.sort(bySource);
  return out;
}

/** A message's events by thread (one thread, or a bundle's several), each thread's in the message's order. */
function byThread(events: readonly ThreadEvent[]): ThreadEvent[][] {
  const head = events[0];
  if (!head || events.every((e) => e.thread === head.thread)) return [events as ThreadEvent[]];
  const threads = new Map<string, ThreadEvent[]>();
  for (const e of events) {
    const run = threads.get(e.thread);
    if (run) run.push(e);
    else threads.set(e.thread, [e]);
  }
  return [...threads.values()];
}
