/**
 * Where a Kafka bridge may commit, so that a bridge that dies loses no call.
 *
 * The bridge holds a call's records until the call is over and then publishes the call whole. If
 * it committed each message as it read it (kafkajs's auto-commit), a bridge killed mid-call would
 * have committed past records it never published, and its successor would start after them: the
 * calls in progress lost, their later events published as fragments. So a partition is committed
 * only up to the oldest record the bridge still holds (or past everything it read, when it holds
 * none of that partition's records). A successor re-reads the records of the calls in progress,
 * and also later records of calls that were published already; those come again under the same
 * message ids, which the events stream de-duplicates, and a worker notes a thread it has judged
 * as seen (support/stream/coverage.ts).
 */

/** A Kafka message's place: the offset to resume from is the offset of the first message not done. */
export interface Position {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

function keyOf(p: { readonly topic: string; readonly partition: number }): string {
  return `${p.topic}\u0000${String(p.partition)}`;
}

export class ResumePoints {
  /** Per partition: one past the last offset read. */
  private readonly next = new Map<string, { readonly topic: string; readonly partition: number; offset: bigint }>();
  private readonly committed = new Map<string, bigint>();

  /** A message was read (and its records pushed to the splitter, and what it finished published). */
  read(p: Position): void {
    const key = keyOf(p);
    const after = BigInt(p.offset) + 1n;
    const known = this.next.get(key);
    if (!known) this.next.set(key, { topic: p.topic, partition: p.partition, offset: after });
    else if (after > known.offset) known.offset = after;
  }

  /**
   * The commits that are safe and new: per partition read, the offset of the oldest record still
   * `held`, else one past the last read — only where that is past what was committed.
   */
  due(held: Iterable<Position>): Position[] {
    const oldest = new Map<string, bigint>();
    for (const p of held) {
      const key = keyOf(p);
      const offset = BigInt(p.offset);
      const seen = oldest.get(key);
      if (seen === undefined || offset < seen) oldest.set(key, offset);
    }
    const out: Position[] = [];
    for (const [key, n] of this.next) {
      const held = oldest.get(key);
      const to = held !== undefined && held < n.offset ? held : n.offset;
      const done = this.committed.get(key);
      if (done === undefined || to > done) out.push({ topic: n.topic, partition: n.partition, offset: to.toString() });
    }
    return out;
  }

  /** The commits made (the broker took them). */
  committedTo(list: readonly Position[]): void {
    for (const p of list) {
      const key = keyOf(p);
      const offset = BigInt(p.offset);
      const done = this.committed.get(key);
      if (done === undefined || offset > done) this.committed.set(key, offset);
    }
  }
}
