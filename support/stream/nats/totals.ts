/** The totals of a verdicts stream, read from its start (support/stream/verdict.ts counts them). */
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { VerdictTotals, type ThreadVerdict, type Totals } from '../verdict';
import { retrying } from './connection';

/** Every verdict of the stream `name`, in order, to `each`; resolves with the totals. */
export async function readVerdicts(nc: NatsConnection, name: string, each?: (v: ThreadVerdict) => void): Promise<Totals> {
  const totals = new VerdictTotals();
  // Retried: right after a cluster lost a node, the verdicts stream may be electing its leader.
  const jsm = await retrying(() => jetstreamManager(nc, { timeout: 10_000 }));
  const info = await retrying(() => jsm.streams.info(name));
  const last = info.state.last_seq;
  if (info.state.messages === 0) return totals.totals;
  const consumer = await retrying(() => jetstream(nc).consumers.get(name));
  const messages = await consumer.consume({ max_messages: 1_000 });
  for await (const m of messages) {
    const v = m.json<ThreadVerdict>();
    totals.add(v);
    each?.(v);
    if (m.seq >= last) break;
  }
  return totals.totals;
}
