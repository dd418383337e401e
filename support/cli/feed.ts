/**
 * `npm run feed -- <log or NDJSON> --nats <url> [--stream CALLS] [--repeat N] [--tenant T] [--partitions P] [--replicas R]`
 * publishes a log's calls to a JetStream stream, one call thread per partition key
 * (support/stream/nats/feed.ts), up to `--batch` consecutive events of a thread per message
 * (default 64; 1: a message per event), creating the stream if it is missing;
 * `npm run feed -- --kafka <brokers> --topic voice-callthread --nats <url>` does the same for a
 * Genesys Voice Microservices topic (support/stream/kafka/).
 *
 * Exit codes: 0 published · 2 could not (no such file, not a log, a damaged record — one message
 * naming the file and line —, NATS or Kafka unreachable: the message names the URL) · 64 usage.
 */
import { parseArgs } from 'node:util';
import { EXIT, TestCompromisedError, UsageError } from '../errors';
import { connectNats, ensureEventsStream, manager, natsServers } from '../stream/nats/connection';
import { DEFAULT_BATCH, feedThreads, threadsOfFile } from '../stream/nats/feed';
import { feedKafka } from '../stream/kafka/source';

const USAGE = `usage: npm run feed -- <log or .ndjson file> --nats <url> [--stream CALLS] [--repeat N] [--tenant default] [--partitions 8] [--replicas 1] [--dedup-window 120]
       npm run feed -- --kafka <broker,...> --topic voice-callthread --nats <url> [--stream CALLS] [--group cmc-feed]`;

const OPTIONS = {
  nats: { type: 'string' }, stream: { type: 'string' }, repeat: { type: 'string' }, tenant: { type: 'string' }, partitions: { type: 'string' },
  replicas: { type: 'string' }, 'dedup-window': { type: 'string' }, batch: { type: 'string' }, kafka: { type: 'string' }, topic: { type: 'string' }, group: { type: 'string' }, help: { type: 'boolean' },
} as const;

function count(name: string, value: string | undefined, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min) throw new UsageError(`--${name} must be a whole number of at least ${min}, got "${value}"\n${USAGE}`);
  return Number(value);
}

function parse(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: OPTIONS });
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\n${USAGE}`);
  }
}

function options(argv: readonly string[]) {
  const { values: v, positionals } = parse(argv);
  if (v.help || !v.nats || (v.kafka ? positionals.length !== 0 || !v.topic : positionals.length !== 1)) throw new UsageError(USAGE);
  natsServers(v.nats);
  const name = v.stream ?? 'CALLS';
  if (!/^[A-Za-z0-9_-]+$/.test(name)) throw new UsageError(`--stream: "${name}" is not a stream name (letters, digits, - and _)`);
  return {
    url: v.nats, name, tenant: v.tenant ?? 'default', repeat: count('repeat', v.repeat, 1), partitions: count('partitions', v.partitions, 8),
    replicas: count('replicas', v.replicas, 1), batch: count('batch', v.batch, DEFAULT_BATCH), window: count('dedup-window', v['dedup-window'], 120) * 1000, file: positionals[0],
    kafka: v.kafka === undefined ? undefined : { brokers: v.kafka, topic: v.topic ?? '', group: v.group ?? 'cmc-feed', log: (l: string) => console.error(l), signal: stopSignal() },
  };
}

/** Aborted by SIGINT or SIGTERM (the Kafka bridge runs until then). */
function stopSignal(): AbortSignal {
  const abort = new AbortController();
  process.once('SIGINT', () => abort.abort());
  process.once('SIGTERM', () => abort.abort());
  return abort.signal;
}

async function main(argv: readonly string[]): Promise<number> {
  const { url, name, tenant, repeat, partitions, replicas, window, batch, file, kafka } = options(argv);
  const read = file ? await threadsOfFile(file) : undefined;
  if (read?.problem && read.threads.length === 0) {
    console.error(read.problem);
    return EXIT.broken;
  }
  const nc = await connectNats(url, 'cmc-feed');
  try {
    const stream = await ensureEventsStream(await manager(nc, url), url, name, partitions, replicas, window);
    if (stream.created) console.error(`created stream ${name} at ${url}: ${stream.partitions} partitions by call thread, ${stream.replicas} replica(s)`);
    if (!read || !file) {
      if (kafka) await feedKafka(nc, stream, url, kafka);
      return EXIT.passed;
    }
    const r = await feedThreads(nc, stream, url, read, { tenant, repeat, batch });
    console.log(`${file}: ${r.threads} call thread(s) (${repeat} cop${repeat === 1 ? 'y' : 'ies'}${r.incomplete ? `, ${r.incomplete} still going on at the end of the log` : ''}); `
      + `${r.published} event(s) published to ${name} (${stream.partitions} partitions), ${r.duplicates} already there (de-duplicated); ${r.outside} record(s) of no call not published`);
    if (read.problem) {
      console.error(read.problem);
      return EXIT.broken;
    }
    return EXIT.passed;
  } finally {
    await nc.close();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => { process.exitCode = code; },
    (e: unknown) => {
      const known = e instanceof UsageError || e instanceof TestCompromisedError;
      console.error(known ? (e as Error).message : `feed could not run: ${(e as Error).stack ?? String(e)}`);
      process.exitCode = e instanceof UsageError ? EXIT.usage : EXIT.broken;
    },
  );
}
