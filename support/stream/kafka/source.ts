/**
 * A Genesys Voice Microservices topic (`voice-callthread`) as a source of the events stream: each
 * Kafka message is mapped to a record (vmFormat.ts), the records are cut into call threads by the
 * recognizer's splitter (per tenant; a thread keeps VM's CallThreadID as its id), and each thread
 * is published as the file feed publishes one (support/stream/nats/feed.ts), so the monitor judges
 * it the same way.
 *
 * A thin bridge, not tested against a broker (none can be installed here; the mapping is tested on
 * VM-format messages): offsets are committed by kafkajs as it goes, so a bridge that dies loses the
 * events of the calls it had not yet published — restart it from an earlier offset (the events
 * stream de-duplicates what it already had). A message that is not a VM event is reported with its
 * topic, partition and offset, and counted; it is not published.
 */
import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import type { NatsConnection } from '@nats-io/transport-node';
import { TestCompromisedError } from '../../errors';
import type { TraceRecord } from '../../trace/record';
import { CallThreads, type CallThread } from '../callThreads';
import { WireError } from '../wire';
import type { EventsStream } from '../nats/connection';
import { ThreadPublisher } from '../nats/feed';
import { vmEvent } from './vmFormat';

export interface KafkaFeedOptions {
  readonly brokers: string;
  readonly topic: string;
  readonly group: string;
  readonly log: (line: string) => void;
  /** Ends the bridge (the command aborts it on SIGINT/SIGTERM). */
  readonly signal: AbortSignal;
  /** Up to this many consecutive events of a thread per message (`--batch`; default DEFAULT_BATCH of ../nats/feed). */
  readonly batch?: number;
}

/** VM records of several tenants cut into threads, one splitter per tenant. */
export class VmThreads {
  private readonly byTenant = new Map<string, CallThreads>();
  rejected = 0;

  constructor(private readonly onThread: (tenant: string, thread: CallThread) => void, private readonly log: (line: string) => void) {}

  push(key: string | undefined, value: string, where: string): void {
    let e;
    try {
      e = vmEvent(key, value, where);
    } catch (err) {
      if (!(err instanceof WireError)) throw err;
      this.rejected += 1;
      this.log(err.message);
      return;
    }
    let threads = this.byTenant.get(e.tenant);
    if (!threads) {
      const tenant = e.tenant;
      threads = new CallThreads((t) => this.onThread(tenant, t), threadIdOf);
      this.byTenant.set(tenant, threads);
    }
    threads.push(e.record);
  }

  end(): void {
    for (const t of this.byTenant.values()) t.end();
  }
}

function threadIdOf(records: readonly TraceRecord[]): string | undefined {
  for (const r of records) if (typeof r.attributes.CallThreadID === 'string' && r.attributes.CallThreadID) return r.attributes.CallThreadID;
  return undefined;
}

/** Runs until `signal` aborts. */
export async function feedKafka(nc: NatsConnection, stream: EventsStream, url: string, o: KafkaFeedOptions): Promise<void> {
  const brokers = o.brokers.split(',').map((b) => b.trim()).filter(Boolean);
  const kafka = new Kafka({ clientId: 'cmc-feed', brokers, logLevel: logLevel.NOTHING, connectionTimeout: 5_000, retry: { retries: 3 } });
  const consumer = kafka.consumer({ groupId: o.group });
  const publishers = new Map<string, ThreadPublisher>();
  const publisherOf = (tenant: string): ThreadPublisher => {
    let p = publishers.get(tenant);
    if (!p) {
      // A producer of its own per tenant and per run of the bridge (support/stream/coverage.ts): a
      // bridge started again from an earlier offset re-publishes threads the monitor has judged,
      // and the workers note such messages as seen.
      p = new ThreadPublisher(nc, stream, url, tenant, randomBytes(6).toString('hex'), undefined, o.batch);
      publishers.set(tenant, p);
    }
    return p;
  };
  let sending = Promise.resolve();
  const threads = new VmThreads((tenant, t) => {
    sending = sending.then(() => publisherOf(tenant).publish(t));
  }, o.log);
  try {
    await consumer.connect();
    await consumer.subscribe({ topic: o.topic, fromBeginning: false });
  } catch (e) {
    throw new TestCompromisedError(`could not consume ${o.topic} from Kafka at ${o.brokers}: ${(e as Error).message}`, { cause: e });
  }
  const stopped = new Promise<void>((resolve) => {
    if (o.signal.aborted) resolve();
    else o.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await consumer.run({
    eachMessage: async ({ topic, partition, message }) => {
      threads.push(message.key?.toString(), message.value?.toString() ?? '', `${topic}[${partition}]@${message.offset}`);
      await sending;
    },
  });
  o.log(`feeding ${o.topic} from ${o.brokers} to ${stream.name} at ${url} (Ctrl-C ends); kafkajs's own log is off: failures end the bridge with a message`);
  await stopped;
  await consumer.disconnect();
  threads.end();
  await sending;
  for (const p of publishers.values()) await p.end();
}
