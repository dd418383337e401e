/** The totals of a verdicts stream, read from its start (support/stream/verdict.ts counts them). */
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { LostMessages } from '../coverage';
import { isVerdict, VerdictTotals, type ThreadVerdict, type Totals, type VerdictsMessage } from '../verdict';
import { retrying } from './connection';

export interface VerdictsRead {
  readonly totals: Totals;
  /** Messages of the events stream that no verdict names (support/stream/coverage.ts). */
  readonly lost: LostMessages;
}

/** Every verdict of the stream `name`, in order, to `each` (its notes — messages seen, late events — are not verdicts: not passed on); resolves with the totals. */
export async function readVerdicts(nc: NatsConnection, name: string, each?: (v: ThreadVerdict) => void): Promise<VerdictsRead> {
  const totals = new VerdictTotals();
  // Retried: right after a cluster lost a node, the verdicts stream may be electing its leader.
  const jsm = await retrying(() => jetstreamManager(nc, { timeout: 10_000 }));
  const info = await retrying(() => jsm.streams.info(name));
  const last = info.state.last_seq;
  // A verdicts stream with a retention limit of its own may have dropped its oldest records: the
  // messages they named are then counted from each producer's lowest place still named.
  const partial = info.state.first_seq > 1;
  if (info.state.messages === 0) return { totals: totals.totals, lost: totals.lost(partial) };
  const consumer = await retrying(() => jetstream(nc).consumers.get(name));
  const messages = await consumer.consume({ max_messages: 1_000 });
  for await (const m of messages) {
    const v = m.json<VerdictsMessage>();
    totals.addMessage(v);
    if (isVerdict(v)) each?.(v);
    if (m.seq >= last) break;
  }
  return { totals: totals.totals, lost: totals.lost(partial) };
}
