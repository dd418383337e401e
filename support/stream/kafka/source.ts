/**
 * A Genesys Voice Microservices topic (`voice-callthread`) as a source of the events stream: each
 * Kafka message is mapped to a record (vmFormat.ts), the records are cut into call threads by the
 * recognizer's splitter (per tenant; a thread keeps VM's CallThreadID as its id), and each thread
 * is published as the file feed publishes one (support/stream/nats/feed.ts), so the monitor judges
 * it the same way.
 *
 * A thin bridge, not tested against a broker (none can be installed here; the mapping, the cutting
 * and the commit points are tested on VM-format messages). It commits a partition only up to the
 * oldest record of a call it has not yet published (resume.ts), so a bridge that dies, or is
 * stopped, loses no call: its successor in the same consumer group reads the calls in progress
 * again from their first record. A message that is not a VM event is reported with its topic,
 * partition and offset, and counted; it is not published.
 */
import { randomBytes } from 'node:crypto';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import type { NatsConnection } from '@nats-io/transport-node';
import { TestCompromisedError } from '../../errors';
import { msOf, type TraceRecord } from '../../trace/record';
import { RecentMap } from '../../model/recent';
import { CallThreads, type CallThread } from '../callThreads';
import { WireError } from '../wire';
import type { EventsStream } from '../nats/connection';
import { ThreadPublisher } from '../nats/feed';
import { vmEvent } from './vmFormat';
import { ResumePoints, type Position } from './resume';

/** How often the bridge commits its resume points while it reads (ms). */
const COMMIT_EVERY_MS = 1_000;
/**
 * Call thread ids a bridge keeps to tell threads apart (at least these, at most twice as many): it
 * runs for months, and kept every call's id it ever saw, its memory grew with every call.
 */
const REMEMBER_THREADS = 100_000;

export interface KafkaFeedOptions {
  readonly brokers: string;
  readonly topic: string;
  readonly group: string;
  readonly log: (line: string) => void;
  /** Ends the bridge (the command aborts it on SIGINT/SIGTERM). */
  readonly signal: AbortSignal;
  /** Up to this many consecutive events of a thread per message (`--batch`; default DEFAULT_BATCH of ../nats/feed). */
  readonly batch?: number;
  /** The consumer to read with (a spec's stand-in for kafkajs); default: a kafkajs consumer of `group` at `brokers`. */
  readonly consumer?: KafkaConsumer;
  /** A call without events for this long (the topic's time) is handed on as it is (`--call-idle`; default CALL_IDLE_MS): see VmThreads.expireIdle. */
  readonly callIdleMs?: number;
}

/** Half an hour: longer than a call is silent (a long hold), short enough that a call whose last events were lost does not hold its partition's commit for days. */
export const CALL_IDLE_MS = 30 * 60_000;

/** What the bridge uses of a kafkajs consumer. */
export type KafkaConsumer = Pick<Consumer, 'connect' | 'subscribe' | 'run' | 'stop' | 'disconnect' | 'commitOffsets'>;

/** VM records of several tenants cut into threads, one splitter per tenant. */
export class VmThreads {
  private readonly byTenant = new Map<string, CallThreads>();
  /** The Kafka place of each record read (records the splitter let go of are forgotten with them). */
  private readonly positions = new WeakMap<TraceRecord, Position>();
  rejected = 0;
  /** The latest event time read (ms): a topic's clock, for the calls idle too long. */
  private latestMs: number | undefined;
  /**
   * `tenant:thread` → the place of the next event, of the threads handed on (the most recent ones):
   * a thread handed on idle continues there when its events come again.
   */
  private readonly next: RecentMap<string, number>;

  /** `remember`: call thread ids kept per tenant (REMEMBER_THREADS; a spec gives fewer). */
  constructor(private readonly onThread: (tenant: string, thread: CallThread) => void, private readonly log: (line: string) => void, private readonly remember = REMEMBER_THREADS) {
    this.next = new RecentMap(remember);
  }

  /**
   * Hands on the calls no event touched for `idleMs` of the topic's time (the latest event's), as
   * they are (incomplete): a call whose last events never come (a switch that lost them) would hold
   * its records, and its partition's commit, for ever. Its events that come later continue its
   * thread where it stopped (CallThread.from); a monitor counts them as late.
   */
  expireIdle(idleMs: number): void {
    if (this.latestMs === undefined) return;
    for (const threads of this.byTenant.values()) threads.expireIdle(this.latestMs, idleMs);
  }

  /** Call thread ids remembered, over every tenant. */
  get rememberedIds(): number {
    let n = 0;
    for (const threads of this.byTenant.values()) n += threads.rememberedIds;
    return n;
  }

  /** The places of the records not yet handed on in a thread (resume.ts). */
  *held(): Iterable<Position> {
    for (const threads of this.byTenant.values()) {
      for (const r of threads.held()) {
        const at = this.positions.get(r);
        if (at) yield at;
      }
    }
  }

  /** Calls in progress (not yet handed on), over every tenant. */
  get inProgress(): number {
    let n = 0;
    for (const threads of this.byTenant.values()) n += threads.inProgress;
    return n;
  }

  /** One message, at its Kafka place (named in problems, and held for the resume points). */
  push(key: string | undefined, value: string, at: Position): void {
    let e;
    try {
      e = vmEvent(key, value, `${at.topic}[${String(at.partition)}]@${at.offset}`);
    } catch (err) {
      if (!(err instanceof WireError)) throw err;
      this.rejected += 1;
      this.log(err.message);
      return;
    }
    this.positions.set(e.record, at);
    const t = msOf(e.record.time);
    if (t !== undefined && (this.latestMs === undefined || t > this.latestMs)) this.latestMs = t;
    let threads = this.byTenant.get(e.tenant);
    if (!threads) {
      const tenant = e.tenant;
      threads = new CallThreads((thread) => this.hand(tenant, thread), threadIdOf, this.remember);
      this.byTenant.set(tenant, threads);
    }
    threads.push(e.record);
  }

  /** A thread on, under VM's call thread id; the rest of one handed on before continues its places. */
  private hand(tenant: string, thread: CallThread): void {
    const id = threadIdOf(thread.records) ?? thread.id;
    const key = `${tenant}:${id}`;
    const from = this.next.get(key);
    this.next.set(key, (from ?? 0) + thread.records.length);
    this.onThread(tenant, from === undefined ? thread : { ...thread, id, from });
  }

  end(): void {
    for (const t of this.byTenant.values()) t.end();
  }
}

/** Runs the functions given one after another, each after the one before has settled. */
function oneAtATime(): (f: () => Promise<void>) => Promise<void> {
  let turn = Promise.resolve();
  return (f) => {
    const done = turn.then(f);
    turn = done.catch(() => undefined);
    return done;
  };
}

/**
 * Commits what is due: each partition up to the oldest record still held (resume.ts), once every
 * thread published so far is stored (a publish returns when its messages are sent, not stored).
 */
async function commitHeld(consumer: KafkaConsumer, resume: ResumePoints, threads: VmThreads, publishers: Iterable<ThreadPublisher>): Promise<void> {
  for (const p of publishers) await p.stored();
  const due = resume.due(threads.held());
  if (due.length === 0) return;
  await consumer.commitOffsets(due.map((p) => ({ ...p })));
  resume.committedTo(due);
}

function threadIdOf(records: readonly TraceRecord[]): string | undefined {
  for (const r of records) if (typeof r.attributes.CallThreadID === 'string' && r.attributes.CallThreadID) return r.attributes.CallThreadID;
  return undefined;
}

/** Runs until `signal` aborts. */
export async function feedKafka(nc: NatsConnection, stream: EventsStream, url: string, o: KafkaFeedOptions): Promise<void> {
  const consumer = o.consumer ?? kafkaConsumer(o);
  const publishers = new TenantPublishers((tenant) => new ThreadPublisher(nc, stream, url, tenant, randomBytes(6).toString('hex'), undefined, o.batch, REMEMBER_THREADS));
  // A publish that fails (the server refuses a record, the stream is gone) ends the bridge, naming
  // the call: nothing is committed past its records, so the next bridge of the group reads them
  // again. Thrown from eachMessage instead, kafkajs would deliver the message again and again, every
  // later message failing on the same rejected chain: a bridge alive, stuck, and saying nothing.
  const failure = new FirstFailure();
  let sending = Promise.resolve();
  const threads = new VmThreads((tenant, t) => {
    sending = sending.then(() => (failure.error ? undefined : publishers.of(tenant).publish(t))).catch((e: unknown) => {
      failure.set(new TestCompromisedError(`the call thread ${tenant}:${t.id} could not be published to ${stream.name} at ${url} (${(e as Error).message}); stopping: nothing was committed past its records, and the next bridge of group ${o.group} reads them again`, { cause: e }));
    });
  }, o.log);
  try {
    await consumer.connect();
    await consumer.subscribe({ topic: o.topic, fromBeginning: false });
  } catch (e) {
    throw new TestCompromisedError(`could not consume ${o.topic} from Kafka at ${o.brokers}: ${(e as Error).message}`, { cause: e });
  }
  const stopped = Promise.race([failure.settled, new Promise<void>((resolve) => {
    if (o.signal.aborted) resolve();
    else o.signal.addEventListener('abort', () => resolve(), { once: true });
  })]);
  // Committed only once what the messages read finished is stored, and only up to the oldest record
  // still held: a commit never passes a record of a call not yet stored.
  const resume = new ResumePoints();
  let lastCommit = Date.now();
  // What was handed on is published first (an idle call just handed on: its records are no longer held).
  const commit = (): Promise<void> => sending.then(() => commitHeld(consumer, resume, threads, publishers.all()));
  // The last commit (kafkajs commits only while the consumer runs) waits for the message in hand.
  const inTurn = oneAtATime();
  await consumer.run({
    autoCommit: false,
    eachMessage: ({ topic, partition, message }) => inTurn(async () => {
      // After a failure nothing more is read: the messages are the next bridge's.
      if (failure.error) return;
      const at = { topic, partition, offset: message.offset };
      threads.push(message.key?.toString(), message.value?.toString() ?? '', at);
      await sending;
      if (failure.error) return;
      resume.read(at);
      if (Date.now() - lastCommit >= COMMIT_EVERY_MS) {
        lastCommit = Date.now();
        // Calls idle too long are handed on (published) first: the commit may then pass their records.
        threads.expireIdle(o.callIdleMs ?? CALL_IDLE_MS);
        // A failed commit only means reading again from the last one: it must not fail the message,
        // which kafkajs would deliver again, and its records would be pushed twice.
        await commit().catch((e: unknown) => o.log(`could not commit the resume points (${(e as Error).message}); the next commit tries again`));
      }
    }),
  });
  o.log(`feeding ${o.topic} from ${o.brokers} to ${stream.name} at ${url} (Ctrl-C ends); kafkajs's own log is off: failures end the bridge with a message`);
  await stopped;
  if (!failure.error) {
    try {
      await inTurn(commit);
    } catch (e) {
      o.log(`could not commit the last resume points (${(e as Error).message}): the next bridge of group ${o.group} reads again from the last commit, and the events stream de-duplicates what it had`);
    }
  }
  await consumer.stop();
  await sending;
  await consumer.disconnect();
  // The calls in progress are not published cut short: the next bridge of the group reads them again whole.
  if (threads.inProgress > 0) o.log(`${String(threads.inProgress)} call(s) in progress not published: the next bridge of group ${o.group} reads them again from their first record`);
  const ended = await Promise.allSettled([...publishers.all()].map((p) => p.end()));
  if (failure.error) throw failure.error;
  for (const e of ended) if (e.status === 'rejected') throw e.reason;
}

/**
 * A producer of its own per tenant and per run of the bridge, made on the tenant's first call
 * (support/stream/coverage.ts): a bridge started again from an earlier offset re-publishes threads
 * the monitor has judged, and the workers note such messages as seen.
 */
class TenantPublishers {
  private readonly byTenant = new Map<string, ThreadPublisher>();

  constructor(private readonly make: (tenant: string) => ThreadPublisher) {}

  of(tenant: string): ThreadPublisher {
    let p = this.byTenant.get(tenant);
    if (!p) {
      p = this.make(tenant);
      this.byTenant.set(tenant, p);
    }
    return p;
  }

  all(): Iterable<ThreadPublisher> {
    return this.byTenant.values();
  }
}

/** The first failure of the bridge, and a promise that settles with it. */
class FirstFailure {
  error: Error | undefined;
  private settle: () => void = () => undefined;
  readonly settled = new Promise<void>((resolve) => {
    this.settle = resolve;
  });

  set(e: Error): void {
    this.error ??= e;
    this.settle();
  }
}

function kafkaConsumer(o: KafkaFeedOptions): KafkaConsumer {
  const brokers = o.brokers.split(',').map((b) => b.trim()).filter(Boolean);
  return new Kafka({ clientId: 'cmc-feed', brokers, logLevel: logLevel.NOTHING, connectionTimeout: 5_000, retry: { retries: 3 } }).consumer({ groupId: o.group });
}
