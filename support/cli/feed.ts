/**
 * `npm run feed -- <log or NDJSON> --nats <url> [--stream CALLS] [--repeat N] [--tenant T] [--partitions P] [--replicas R]`
 * publishes a log's calls to a JetStream stream, one call thread per partition key
 * (support/stream/nats/feed.ts), up to `--batch` events per message — consecutive events of a
 * thread, or whole short threads of a partition together (default 64; 1: a message per event) —
 * creating the stream if it is missing;
 * `npm run feed -- --kafka <brokers> --topic voice-callthread --nats <url>` does the same for a
 * Genesys Voice Microservices topic (support/stream/kafka/).
 *
 * Exit codes: 0 published · 2 could not (no such file, not a log, a damaged record — one message
 * naming the file and line —, NATS or Kafka unreachable: the message names the URL) · 64 usage.
 */
import { EXIT } from '../errors';
import { parseCommandLine, runCommand, usageError, wholeNumber, type CommandSpec } from '../config/commandLine';
import { connectNats, ensureEventsStream, manager, natsServers } from '../stream/nats/connection';
import { DEFAULT_BATCH, feedThreads, threadsOfFile } from '../stream/nats/feed';
import { CALL_IDLE_MS, feedKafka } from '../stream/kafka/source';

export const COMMAND = {
  name: 'feed',
  synopsis: ['<log or .ndjson file> --nats <url> [options]', '--kafka <broker,...> --topic voice-callthread --nats <url> [options]'],
  description: `Publishes a log's calls (or a Genesys Voice Microservices Kafka topic) to a NATS JetStream stream,
one call thread per partition key, creating the stream if it is missing; npm run monitor judges them.`,
  options: {
    nats: { type: 'string', value: '<url>', help: 'the NATS server (nats://host:4222; required)' },
    stream: { type: 'string', value: '<name>', help: 'the events stream (default CALLS)' },
    repeat: { type: 'string', value: '<n>', help: 'publish n copies of every call thread, renumbered so that each is a call of its own (default 1)' },
    tenant: { type: 'string', value: '<name>', help: 'the tenant the call threads belong to, part of their message ids (default default)' },
    partitions: { type: 'string', value: '<n>', help: 'partitions of a stream created here (default 8)' },
    replicas: { type: 'string', value: '<n>', help: 'replicas of a stream created here (default 1)' },
    batch: { type: 'string', value: '<n>', help: "up to n events per message (default 64; 1 = one message per event): consecutive events of a call thread, or whole short threads of one partition together; a re-feed of the same log with the same --batch is de-duplicated by the stream" },
    'dedup-window': { type: 'string', value: '<s>', help: "the stream's duplicate window in seconds: a second feed of the same log within it is de-duplicated (default 120)" },
    kafka: { type: 'string', value: '<broker,...>', help: 'read a Voice Microservices topic from these Kafka brokers instead of a log (runs until Ctrl-C)' },
    topic: { type: 'string', value: '<topic>', help: 'the Kafka topic (with --kafka; e.g. voice-callthread)' },
    group: { type: 'string', value: '<id>', help: 'the Kafka consumer group (with --kafka; default cmc-feed)' },
    'call-idle': { type: 'string', value: '<s>', help: 'with --kafka: a call without events for this long (the topic\'s time) is published as it is, incomplete; its later events continue it, and a monitor counts them as late (default 1800)' },
  },
  positionals: { min: 0, max: 1 },
  epilogue: 'Exit codes: 0 published · 2 could not (no such file, not a log, a damaged record, NATS or Kafka unreachable) · 64 usage error.',
} as const satisfies CommandSpec;

const count = (name: string, value: string | undefined, fallback: number): number => wholeNumber(COMMAND.name, name, value, fallback, 1);

/** The command line, checked (a usage error, exit 64, when wrong); `kafka` without its stop signal. */
export function feedOptions(argv: readonly string[]) {
  const { values: v, positionals } = parseCommandLine(COMMAND, argv);
  if (!v.nats) throw usageError(COMMAND.name, 'npm run feed: --nats <url> is required');
  if (v.kafka && (positionals.length !== 0 || !v.topic)) throw usageError(COMMAND.name, 'npm run feed: --kafka reads a topic (--topic) instead of a log file');
  if (!v.kafka && positionals.length !== 1) throw usageError(COMMAND.name, 'npm run feed: which log? (a log or .ndjson file, or --kafka)');
  if (!v.kafka && [v.topic, v.group, v['call-idle']].some((o) => o !== undefined)) throw usageError(COMMAND.name, 'npm run feed: --topic, --group and --call-idle go with --kafka');
  natsServers(v.nats);
  const name = v.stream ?? 'CALLS';
  if (!/^[A-Za-z0-9_-]+$/.test(name)) throw usageError(COMMAND.name, `--stream: "${name}" is not a stream name (letters, digits, - and _)`);
  const batch = count('batch', v.batch, DEFAULT_BATCH);
  return {
    url: v.nats, name, tenant: v.tenant ?? 'default', repeat: count('repeat', v.repeat, 1), partitions: count('partitions', v.partitions, 8),
    replicas: count('replicas', v.replicas, 1), batch, window: count('dedup-window', v['dedup-window'], 120) * 1000, file: positionals[0],
    kafka: v.kafka === undefined ? undefined : { brokers: v.kafka, topic: v.topic ?? '', group: v.group ?? 'cmc-feed', batch, log: (l: string) => console.error(l), callIdleMs: count('call-idle', v['call-idle'], CALL_IDLE_MS / 1000) * 1000 },
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
  const { url, name, tenant, repeat, partitions, replicas, window, batch, file, kafka } = feedOptions(argv);
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
      if (kafka) await feedKafka(nc, stream, url, { ...kafka, signal: stopSignal() });
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

if (require.main === module) runCommand(COMMAND, process.argv.slice(2), main);
