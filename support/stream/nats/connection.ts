/**
 * Connecting to NATS, and the two streams of continuous conformance:
 *
 * - the events stream (`CALLS` by default): subjects `CALLS.<partition>.<tenant>.<thread>`, one
 *   subject filter `CALLS.<partition>.>` per partition — the partitions are the stream's subjects,
 *   so a monitor learns their number from the stream itself;
 * - the verdicts stream (`VERDICTS`): subjects `VERDICTS.<tenant>.<thread>`, one message per call.
 *
 * Both de-duplicate publishes by `Nats-Msg-Id` within their duplicate window. A URL that does not
 * parse is a usage error; a server that cannot be reached, or a stream that is not there, means the
 * harness could not test (TestCompromisedError), with the URL in the message.
 */
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager, RetentionPolicy, StorageType, DiscardPolicy, type JetStreamManager, type StreamInfo } from '@nats-io/jetstream';
import { TestCompromisedError, UsageError } from '../../errors';
import { subjectToken } from '../partition';

/** `--nats` as server URLs: `nats://host:port`, `host:port`, comma-separated for a cluster. */
export function natsServers(url: string): string[] {
  const servers = url.split(',').map((s) => s.trim()).filter(Boolean);
  if (!servers.length) throw new UsageError(`--nats: no server URL in "${url}"`);
  for (const s of servers) {
    const withScheme = /^[a-z]+:\/\//i.test(s) ? s : `nats://${s}`;
    let parsed: URL;
    try {
      parsed = new URL(withScheme);
    } catch {
      throw new UsageError(`--nats: "${s}" is not a server URL (nats://host:port)`);
    }
    if (!['nats:', 'tls:', 'ws:', 'wss:'].includes(parsed.protocol) || !parsed.hostname) throw new UsageError(`--nats: "${s}" is not a server URL (nats://host:port)`);
  }
  return servers;
}

export async function connectNats(url: string, name: string): Promise<NatsConnection> {
  const servers = natsServers(url);
  try {
    return await connect({ servers, name, timeout: 5_000, maxReconnectAttempts: -1, reconnectTimeWait: 250, pingInterval: 5_000 });
  } catch (e) {
    throw new TestCompromisedError(`could not connect to NATS at ${url}: ${(e as Error).message}`, { cause: e });
  }
}

/**
 * `fn` again while JetStream is briefly unavailable (a cluster electing a new leader after losing a
 * node answers with timeouts or no responders for some seconds), up to `ms`.
 */
export async function retrying<T>(fn: () => Promise<T>, ms = 60_000): Promise<T> {
  const until = Date.now() + ms;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (!TRANSIENT.test((e as Error).message) || Date.now() > until) throw e;
      await new Promise((r) => setTimeout(r, Math.min(2_000, 100 * 2 ** attempt)));
    }
  }
}

const TRANSIENT = /timeout|no responders|no suitable peers|leader|unavailable|disconnect|reconnect|cluster/i;

export async function manager(nc: NatsConnection, url: string): Promise<JetStreamManager> {
  try {
    return await retrying(() => jetstreamManager(nc, { timeout: 5_000 }));
  } catch (e) {
    throw new TestCompromisedError(`NATS at ${url} has no JetStream (start nats-server with -js), or it did not answer: ${(e as Error).message}`, { cause: e });
  }
}

export interface EventsStream {
  readonly name: string;
  readonly partitions: number;
  readonly replicas: number;
}

/** Subject of a thread's events. */
export function eventSubject(stream: string, partition: number, tenant: string, thread: string): string {
  return `${stream}.${partition}.${subjectToken(tenant)}.${subjectToken(thread)}`;
}

export function verdictSubject(stream: string, tenant: string, thread: string): string {
  return `${stream}.${subjectToken(tenant)}.${subjectToken(thread)}`;
}

/** The partitions of an events stream, from its subjects (`NAME.<p>.>` for p = 0 … P-1). */
export function partitionsOf(info: StreamInfo, url: string): EventsStream {
  const name = info.config.name;
  const found = (info.config.subjects ?? []).map((s) => new RegExp(`^${name}\\.(\\d+)\\.>$`).exec(s)?.[1]);
  const numbers = found.map(Number).sort((a, b) => a - b);
  if (!numbers.length || found.some((f) => f === undefined) || numbers.some((n, i) => n !== i)) {
    throw new TestCompromisedError(`stream ${name} at ${url} is not partitioned by call thread (subjects ${JSON.stringify(info.config.subjects)}; expected ${name}.0.> … ${name}.<P-1>.>; create it with npm run feed)`);
  }
  return { name, partitions: numbers.length, replicas: info.config.num_replicas || 1 };
}

async function infoOf(jsm: JetStreamManager, name: string): Promise<StreamInfo | undefined> {
  try {
    return await retrying(() => jsm.streams.info(name));
  } catch (e) {
    if (/stream not found/i.test((e as Error).message)) return undefined;
    throw e;
  }
}

/** The events stream, created with `partitions` partitions if missing (an existing one keeps its own). */
export async function ensureEventsStream(jsm: JetStreamManager, url: string, name: string, partitions: number, replicas: number, duplicateWindowMs: number): Promise<EventsStream & { created: boolean }> {
  const existing = await infoOf(jsm, name);
  if (existing) return { ...partitionsOf(existing, url), created: false };
  await retrying(() => jsm.streams.add({
    name, subjects: Array.from({ length: partitions }, (_, p) => `${name}.${p}.>`), storage: StorageType.File,
    retention: RetentionPolicy.Limits, discard: DiscardPolicy.Old, num_replicas: replicas, duplicate_window: duplicateWindowMs * 1e6,
    description: `call-model-conformance events, partitioned by call thread (${partitions} partitions)`,
  }));
  return { name, partitions, replicas, created: true };
}

/** The events stream as it is (the monitor does not create it). */
export async function eventsStream(jsm: JetStreamManager, url: string, name: string): Promise<EventsStream> {
  const info = await infoOf(jsm, name);
  if (!info) throw new TestCompromisedError(`there is no stream ${name} at ${url} (npm run feed creates it; --stream names another)`);
  return partitionsOf(info, url);
}

/** The verdicts stream, created if missing. */
export async function ensureVerdictsStream(jsm: JetStreamManager, name: string, replicas: number, duplicateWindowMs: number): Promise<void> {
  if (await infoOf(jsm, name)) return;
  await retrying(() => jsm.streams.add({
    name, subjects: [`${name}.>`], storage: StorageType.File, retention: RetentionPolicy.Limits, num_replicas: replicas,
    duplicate_window: duplicateWindowMs * 1e6, description: 'call-model-conformance verdicts: one per call thread',
  }));
}
