/** AsyncPublisher against a fake connection: a publish the client refuses fails alone, and idle() still returns. */
import { describe, test as it } from 'node:test';
import assert from 'node:assert/strict';
import type { Msg, NatsConnection } from '@nats-io/transport-node';
import { AsyncPublisher } from './asyncPublish';

type Callback = (err: Error | null, m: Msg) => void;

/** Acknowledges every publish on the next turn; `refuse(subject, attempt)` makes publish throw; `silent` subjects are never acknowledged. */
function fakeConnection(refuse: (subject: string, attempt: number) => boolean, silent: ReadonlySet<string> = new Set()): { nc: NatsConnection; attempts: Map<string, number> } {
  let callback: Callback | undefined;
  const attempts = new Map<string, number>();
  const fake = {
    subscribe: (_subject: string, opts: { callback: Callback }) => {
      callback = opts.callback;
      return { unsubscribe: () => undefined };
    },
    publish: (subject: string, _payload: string, opts: { reply: string }) => {
      const attempt = (attempts.get(subject) ?? 0) + 1;
      attempts.set(subject, attempt);
      if (refuse(subject, attempt)) throw new Error('NATS: connection draining');
      if (silent.has(subject) && attempt === 1) return;
      const ack = { subject: opts.reply, headers: undefined, data: new Uint8Array([1]), json: () => ({ stream: 'S', seq: 1 }), string: () => '{}' };
      setImmediate(() => callback?.(null, ack as unknown as Msg));
    },
  };
  return { nc: fake as unknown as NatsConnection, attempts };
}

/** `p`, or a rejection after `ms` (a timer that keeps the process alive meanwhile: the publisher's sweep does not). */
async function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<T>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} did not return within ${ms} ms`)), ms); })]);
  } finally {
    clearTimeout(timer);
  }
}

describe('AsyncPublisher when the client refuses a publish', () => {
  for (const coalesce of [true, false]) {
    it(`${coalesce ? 'coalesced' : 'immediate'}: the refused publish fails, the others are sent and acknowledged, idle() returns`, async () => {
      const { nc } = fakeConnection((subject) => subject === 'bad');
      const out = new AsyncPublisher(nc, 16, 10_000, 12, coalesce);
      try {
        const sent = [out.send('ok.1', '{}', 'm1'), out.send('bad', '{}', 'm2'), out.send('ok.2', '{}', 'm3')];
        const results = await within(Promise.allSettled(sent), 2000, 'the publishes');
        assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled']);
        assert.match(String((results[1] as PromiseRejectedResult).reason), /bad: could not be published: NATS: connection draining/);
        await within(out.idle(), 2000, 'idle()');
      } finally {
        out.close();
      }
    });
  }

  it('a retransmission the client refuses fails that publish (the sweep goes on)', async () => {
    const { nc, attempts } = fakeConnection((subject, attempt) => subject === 'lost' && attempt > 1, new Set(['lost']));
    const out = new AsyncPublisher(nc, 16, 100, 12, false);
    try {
      const lost = out.send('lost', '{}', 'm1');
      const ok = out.send('ok', '{}', 'm2');
      await assert.rejects(within(lost, 3000, 'the lost publish'), /lost: could not be published/);
      assert.equal(await ok, false);
      assert.equal(attempts.get('lost'), 2);
      await within(out.idle(), 2000, 'idle()');
    } finally {
      out.close();
    }
  });
});
