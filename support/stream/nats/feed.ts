/**
 * Publishing a log's calls to the events stream (`npm run feed`): the log is split into call
 * threads (support/stream/callThreads.ts), and each thread's events are published in order to its
 * partition's subject, in runs of up to `batch` events per message (support/stream/wire.ts) with
 * the message id `tenant:thread:first-last` (`tenant:thread:seq` for a run of one); threads that fit
 * in one message share one with the next threads of their partition, up to `batch` events (a
 * bundle, id `tenant:thread:first-last+n` after its first thread's run) — a second feed of the same
 * log with the same batch size is cut the same way and de-duplicated by the stream (within its
 * duplicate window). `repeat` copies of every thread are
 * published, renumbered (support/stream/repeat.ts) so that each copy is a call of its own.
 *
 * The log's threads are held in memory while they are published (the feed is a tool for tests,
 * demonstrations and benchmarks; a production system publishes its own events).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { NatsConnection } from '@nats-io/transport-node';
import { TestCompromisedError } from '../../errors';
import { checkInput } from '../../trace/input';
import type { TraceRecord } from '../../trace/record';
import { CallThreads, type CallThread } from '../callThreads';
import { partitionOf, threadKey } from '../partition';
import { renumberConnId, renumberRecord } from '../repeat';
import { batchId, bundleId, encodeBatch, encodeBundle, encodeRecord, encodeRun, type BundleRun } from '../wire';
import { formatSource } from '../coverage';
import { AsyncPublisher } from './asyncPublish';
import { eventSubject, type EventsStream } from './connection';
import { KeySet } from '../../model/recent';

export interface FeedResult {
  readonly records: number;
  readonly threads: number;
  readonly incomplete: number;
  readonly outside: number;
  readonly published: number;
  /** Events the stream already had (the same message id): a re-feed. */
  readonly duplicates: number;
}

export interface LogThreads {
  readonly threads: readonly CallThread[];
  readonly records: number;
  readonly outside: number;
  /** Why the log cannot be judged soundly (no such file, not a log, a damaged record: file and line). */
  readonly problem?: string;
  /** SHA-256 of the file's bytes (what makes a re-feed of it the same producer: {@link producerOf}). */
  readonly digest?: string;
}

/** SHA-256 of a file's bytes, read as a stream. */
async function fileDigest(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * The producer name a feed's messages carry (support/stream/coverage.ts): the same log fed again
 * with the same options to the same stream is cut into the same messages, and names them alike —
 * so a re-feed the stream stores (after its duplicate window) or refuses (within it) leaves no
 * place of the first feed looking unread. What decides the cut: the log, the tenant, --batch, the
 * stream's name and partitions, and the server's max_payload.
 */
export function producerOf(parts: readonly (string | number)[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 12);
}

/** The call threads of a log file, or the reason it cannot be read. */
export async function threadsOfFile(file: string): Promise<LogThreads> {
  const threads: CallThread[] = [];
  const splitter = new CallThreads((t) => threads.push(t));
  const problem = await checkInput(file, { needRecords: true }, (r) => splitter.push(r));
  const { outside } = splitter.end();
  if (!problem && splitter.recordingMarker) {
    // Its scenarios ran one after another on systems set up afresh (ConnIDs start again in each):
    // published as one switch's calls, the parts would run together into calls nobody made.
    return { threads: [], records: splitter.records, outside, problem: `${splitter.recordingMarker}: a harness recording (npm run conformance -- --record), not a switch's log: judge it with npm run conformance -- --replay, or npm run recognize, which read it scenario by scenario` };
  }
  return { threads, records: splitter.records, outside, ...(problem ? { problem } : { digest: await fileDigest(file) }) };
}

/** Events per message by default (a basic call is one message). */
export const DEFAULT_BATCH = 64;
/** The most bytes one message of a batch is made of (well under NATS's max_payload, 1 MB by default). */
export const BATCH_BYTES = 256 * 1024;
/** NATS's max_payload when the server does not say. */
const DEFAULT_MAX_PAYLOAD = 1024 * 1024;
/** What a message's headers (Nats-Msg-Id, its reply subject) may take of max_payload, which counts them too. */
const HEADER_ROOM = 512;

/** A partition's bundle being filled: its threads' runs (and their texts), events and bytes so far (its wrapper included). */
interface OpenBundle {
  readonly subject: string;
  readonly runs: BundleRun[];
  readonly texts: string[];
  events: number;
  bytes: number;
}

/** Publishes threads with up to `window` publishes in flight; counts the events the stream stored and those it already had. */
export class ThreadPublisher {
  private readonly out: AsyncPublisher;
  private failure: Error | undefined;
  /** Thread ids published (a --repeat renumbering that collides is refused); see the constructor's `remember`. */
  private readonly ids: KeySet<string>;
  /** The place of this producer's next message (support/stream/coverage.ts). */
  private place = 0;
  published = 0;
  duplicates = 0;

  /**
   * `remember`: thread ids kept to refuse a thread published twice (undefined: all of them; a
   * source that never ends keeps at least this many of the most recent, at most twice as many).
   * `batch`: events per message at most (1: one message per event). `producer`: the name its
   * messages' `Cmc-Source` header gives it (support/stream/coverage.ts): a re-publish of the same
   * messages must give the same one (see {@link producerOf}).
   */
  constructor(private readonly nc: NatsConnection, private readonly stream: EventsStream, private readonly url: string, private readonly tenant: string, private readonly producer: string, window = 8192, private readonly batch = DEFAULT_BATCH, remember?: number) {
    this.out = new AsyncPublisher(nc, window);
    this.ids = new KeySet(remember);
  }

  /** Thread ids remembered: all of a file's; at least the `remember` most recent of a source that never ends (a Kafka topic). */
  get rememberedIds(): number {
    return this.ids.size;
  }

  /** Copy `copy` of a thread (0: as it is). */
  async publish(thread: CallThread, copy = 0): Promise<void> {
    await this.publishAll([thread], copy);
  }

  /**
   * Copy `copy` of each thread. Publishes are sent without waiting while the window has room, so
   * that many go out in one socket write. A message holds up to `batch` records and up to
   * {@link BATCH_BYTES} bytes (UTF-8, its wrapper included): a record that would take it past that
   * goes in the next one. A thread that fits in one message shares it with the next threads of its
   * partition (a bundle, support/stream/wire.ts), up to the same limits; a bundle of one thread is
   * that thread's message. A record that cannot go in any message (larger than the server's
   * max_payload) is a TestCompromisedError naming the log file and line.
   */
  async publishAll(threads: Iterable<CallThread>, copy = 0): Promise<void> {
    const maxPayload = this.nc.info?.max_payload ?? DEFAULT_MAX_PAYLOAD;
    const room = maxPayload - HEADER_ROOM;
    const budget = Math.min(BATCH_BYTES, room);
    /** The bundle being filled, per partition (sent when the next thread would take it past a limit, and at the end). */
    const bundles = new Map<number, OpenBundle>();
    for (const thread of threads) {
      const id = this.idOf(thread, copy);
      const from = thread.from ?? 0;
      const partition = partitionOf(threadKey(this.tenant, id), this.stream.partitions);
      const subject = eventSubject(this.stream.name, partition, this.tenant, id);
      const count = thread.records.length;
      // The wrapper of a batch of this thread at its largest: tenant, thread, the last place, "last", "records":[ ].
      const wrapper = Buffer.byteLength(encodeBatch(this.tenant, id, from + count, [], true));
      const texts: string[] = [];
      const sizes: number[] = [];
      let bytes = 0;
      for (let seq = 0; seq < count; seq++) {
        const record = thread.records[seq] as TraceRecord;
        const text = encodeRecord(renumberRecord(record, copy));
        const size = Buffer.byteLength(text);
        if (wrapper + size > room) {
          throw new TestCompromisedError(`${record.source}: ${record.name} is ${size} bytes as a stream message, more than the ${maxPayload} bytes (max_payload, headers included) the NATS server at ${this.url} takes in one message; nothing of thread ${id} from event ${seq} on was published`);
        }
        texts.push(text);
        sizes.push(size);
        bytes += size;
      }
      const wait = this.room();
      if (wait) await wait;
      // Records and the commas between them: the whole thread in one message, or runs of it.
      if (count > 0 && this.batch > 1 && count <= this.batch && wrapper + bytes + count - 1 <= budget) this.bundle(bundles, partition, subject, { thread: id, first: from, records: texts, last: true }, bytes, budget);
      else await this.publishRuns(subject, id, texts, sizes, wrapper, budget, from);
    }
    for (const b of bundles.values()) {
      const wait = this.room();
      if (wait) await wait;
      this.sendBundle(b);
    }
  }

  /** A thread's id in this copy; a thread published twice is refused, unless it is the rest of one (CallThread.from), which continues it. */
  private idOf(thread: CallThread, copy: number): string {
    const id = copy === 0 ? thread.id : renumberConnId(thread.id, copy);
    if (this.ids.has(id) && !thread.from) throw new TestCompromisedError(`thread id ${id} comes twice (copy ${copy}); --repeat renumbering collided`);
    this.ids.add(id);
    return id;
  }

  /**
   * Adds a whole thread to its partition's bundle, sending the bundle first when the thread would
   * take it past `batch` events or `budget` bytes. `recordBytes`: its records' UTF-8 bytes (the
   * run's are those, the commas between them and its wrapper's: not counted again over the whole text).
   */
  private bundle(bundles: Map<number, OpenBundle>, partition: number, subject: string, run: BundleRun, recordBytes: number, budget: number): void {
    const text = encodeRun(run);
    const size = Buffer.byteLength(encodeRun({ ...run, records: [] })) + recordBytes + run.records.length - 1;
    let b = bundles.get(partition);
    if (b && (b.events + run.records.length > this.batch || b.bytes + 1 + size > budget)) {
      this.sendBundle(b);
      b = undefined;
    }
    if (!b) {
      b = { subject, runs: [], texts: [], events: 0, bytes: Buffer.byteLength(encodeBundle(this.tenant, [])) };
      bundles.set(partition, b);
    }
    b.bytes += size + (b.runs.length > 0 ? 1 : 0);
    b.runs.push(run);
    b.texts.push(text);
    b.events += run.records.length;
  }

  /** A bundle of one thread goes as that thread's message (its id `tenant:thread:first-last`, as without bundles). */
  private sendBundle(b: OpenBundle): void {
    const head = b.runs[0];
    if (!head) return;
    if (b.runs.length === 1) this.send(b.subject, encodeBatch(this.tenant, head.thread, head.first, head.records, head.last), batchId(this.tenant, head.thread, head.first, head.records.length), b.events);
    else this.send(b.subject, encodeBundle(this.tenant, b.texts), bundleId(this.tenant, head.thread, head.first, head.records.length, b.runs.length - 1), b.events);
  }

  /** A thread too long for one message: runs of it, each a message of its own. */
  private async publishRuns(subject: string, id: string, texts: readonly string[], sizes: readonly number[], wrapper: number, budget: number, from: number): Promise<void> {
    let first = from;
    let run: string[] = [];
    let bytes = 0;
    // Synchronous: an await per message would let the client write the socket once per message
    // (it flushes on the next microtask); the loop waits only when the window is full.
    const flush = (last: boolean): void => {
      this.send(subject, encodeBatch(this.tenant, id, first, run, last), batchId(this.tenant, id, first, run.length), run.length);
      first += run.length;
      run = [];
      bytes = 0;
    };
    for (let seq = 0; seq < texts.length; seq++) {
      const size = sizes[seq] ?? 0;
      // Records and the commas between them: flush first when this one would take the message past the budget.
      if (run.length > 0 && wrapper + bytes + run.length + size > budget) {
        const wait = this.room();
        if (wait) await wait;
        flush(false);
      }
      run.push(texts[seq] ?? '');
      bytes += size;
      if (run.length < this.batch && seq < texts.length - 1) continue;
      const wait = this.room();
      if (wait) await wait;
      flush(seq === texts.length - 1);
    }
  }

  /** Room in the window for one more publish; a failure so far ends the feed. Undefined when there is room now: not awaited then (an `await` of anything yields to the client's flush). */
  private room(): Promise<void> | undefined {
    if (this.failure) throw this.failure;
    return this.out.ready ? undefined : this.out.room().then(() => {
      if (this.failure) throw this.failure;
    });
  }

  /** Waits until every message sent so far is stored (acknowledged by the stream); a failure throws. */
  async stored(): Promise<void> {
    await this.out.idle();
    if (this.failure) throw this.failure;
  }

  /** Waits until every message sent is stored, then closes the publisher; a failure throws. */
  async end(): Promise<void> {
    await this.stored().finally(() => this.out.close());
  }

  private send(subject: string, payload: string, msgID: string, events: number): void {
    const source = formatSource({ producer: this.producer, n: this.place });
    this.place += 1;
    this.out.send(subject, payload, msgID, { source }).then(
      (duplicate) => {
        if (duplicate) this.duplicates += events;
        else this.published += events;
      },
      (e: unknown) => {
        this.failure ??= new TestCompromisedError(`publishing to stream ${this.stream.name} at ${this.url} failed: ${(e as Error).message}`, { cause: e });
      },
    );
  }
}

/** Publishes a log's threads (threadsOfFile), `repeat` copies each, to the stream. */
export async function feedThreads(nc: NatsConnection, stream: EventsStream, url: string, read: LogThreads, options: { tenant: string; repeat: number; batch?: number }): Promise<FeedResult> {
  const batch = options.batch ?? DEFAULT_BATCH;
  const producer = producerOf(['feed', read.digest ?? 'no digest', options.tenant, batch, stream.name, stream.partitions, nc.info?.max_payload ?? DEFAULT_MAX_PAYLOAD]);
  const publisher = new ThreadPublisher(nc, stream, url, options.tenant, producer, undefined, batch);
  for (let copy = 0; copy < options.repeat; copy++) await publisher.publishAll(read.threads, copy);
  await publisher.end();
  return {
    records: read.records * options.repeat, threads: read.threads.length * options.repeat, incomplete: read.threads.filter((t) => !t.complete).length * options.repeat,
    outside: read.outside * options.repeat, published: publisher.published, duplicates: publisher.duplicates,
  };
}
