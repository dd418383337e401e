/**
 * Issue 22, authentication: token guessing is slowed to one checked attempt per back-off (it ran
 * at ~6,000 attempts/s, each logged), while a client with the right token from another address is
 * served; the token options of `npm run simulator` are in support/cli/simulatorServer.spec.ts.
 *
 * Loopback has many addresses: the guesser dials from 127.0.0.2, the well-behaved client from
 * 127.0.0.1 (the back-off is per address).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { A_CALL, completeACall, eventually, HELLO, rawPeer } from './abuseKit';
import { BridgeRun } from './run';
import { startBridgeServer } from './server';
import { SimulatorAdapter } from '../../simulator/SimulatorAdapter';
import { DEFAULT_LIMITS } from './limits';
import { AuthBackoff } from './authBackoff';
import { RateLimitedLog } from './logLimiter';

/** One hello with `token` from `localAddress`; the code of the answer (`unauthorized`, `backoff`) or `accepted`. */
async function attempt(port: number, token: string, localAddress: string): Promise<string> {
  const peer = await rawPeer(port, { read: true, localAddress });
  peer.socket.write(HELLO.replace('"role":"harness"', `"role":"harness","token":${JSON.stringify(token)}`));
  await eventually(() => peer.lines.length > 0 || peer.closed(), 10_000, 'an answer to the hello');
  peer.socket.destroy();
  const first = peer.lines[0] ?? '';
  return /"type":"hello"/.test(first) ? 'accepted' : /"code":"([a-z-]+)"/.exec(first)?.[1] ?? `no answer (${first})`;
}

describe('token guessing', () => {
  it('is checked at most once per back-off, logged in a few lines, while the right token from another address is served', { timeout: 120_000 }, async () => {
    const log: string[] = [];
    const server = await startBridgeServer({
      endpoint: { transport: 'tcp', host: '127.0.0.1', port: 0 }, token: 's3cret', create: () => new SimulatorAdapter(), log: (l) => log.push(l),
    });
    try {
      const counts = new Map<string, number>();
      const started = Date.now();
      let served: string[] | undefined;
      for (let i = 0; i < 400; i += 1) {
        const code = await attempt(server.port, `guess-${i}`, '127.0.0.2');
        counts.set(code, (counts.get(code) ?? 0) + 1);
        // Half-way through the guessing, a well-behaved client with the right token, from 127.0.0.1.
        if (i === 200) served = await completeACall(server.url, new BridgeRun(), { token: 's3cret' });
      }
      const elapsedMs = Date.now() - started;
      // Even the right token is refused from the guessing address while its back-off lasts.
      assert.equal(await attempt(server.port, 's3cret', '127.0.0.2'), 'backoff');
      const checked = counts.get('unauthorized') ?? 0;
      // 3 answered at once, then back-offs of 100 ms, 200 ms, 400 ms, … (doubling up to 30 s): in `elapsedMs`, at most this many checks.
      const bound = DEFAULT_LIMITS.authFailuresBeforeBackoff + Math.ceil(Math.log2(elapsedMs / DEFAULT_LIMITS.authBackoffMs + 1)) + 1;
      console.log(`400 guesses in ${elapsedMs} ms: ${JSON.stringify(Object.fromEntries(counts))} (at most ${bound} could be checked); ${log.length} log lines`);
      assert.deepEqual(served, A_CALL);
      assert.ok(checked >= DEFAULT_LIMITS.authFailuresBeforeBackoff && checked <= bound, `${checked} guesses were checked (bound ${bound})`);
      assert.equal(checked + (counts.get('backoff') ?? 0), 400, JSON.stringify(Object.fromEntries(counts)));
      assert.equal(server.stats().authFailures, checked);
      // Two kinds (failed authentication, back-off) and the connections' opened/closed lines.
      assert.ok(log.length <= 3 * (DEFAULT_LIMITS.logLinesPerInterval + 1) * Math.ceil(elapsedMs / DEFAULT_LIMITS.logIntervalMs + 1), `${log.length} log lines`);
      await server.close(); // writes the summary of the interval not yet over
      assert.ok(log.some((l) => /failed authentication ×[\d,]+ \(127\.0\.0\.2 [\d,]+\)/.test(l)), log.join('\n'));
    } finally {
      await server.close();
    }
  });

  it('back-off: answered at once for the first failures, then doubling up to the maximum; a success opens the door again', () => {
    let now = 0;
    const b = new AuthBackoff({ authFailuresBeforeBackoff: 2, authBackoffMs: 100, authBackoffMaxMs: 350 }, () => now);
    b.failed('a');
    b.failed('a');
    assert.equal(b.closedFor('a').waitMs, 0);
    const waits = [1, 2, 3, 4].map(() => {
      b.failed('a');
      return b.closedFor('a').waitMs;
    });
    assert.deepEqual(waits, [100, 200, 350, 350]);
    assert.equal(b.closedFor('b').waitMs, 0, 'per address');
    now += 350;
    assert.equal(b.closedFor('a').waitMs, 0);
    b.succeeded('a');
    assert.deepEqual(b.closedFor('a'), { waitMs: 0, failures: 0 });
  });
});

describe('the rate-limited log', () => {
  it('writes the first lines of each kind in an interval, then one summary counting the rest per kind and peer', async () => {
    const lines: string[] = [];
    const log = new RateLimitedLog((l) => lines.push(l), { logIntervalMs: 50, logLinesPerInterval: 2 });
    for (let i = 0; i < 10; i += 1) log.report(`peer${i % 2}`, 'invalid message', `line ${i}`);
    for (let i = 0; i < 3; i += 1) log.report('10.0.0.9', 'refused', `full ${i}`);
    assert.deepEqual(lines, ['invalid message: line 0', 'invalid message: line 1', 'refused: full 0', 'refused: full 1'], 'a flood of one kind does not hide another');
    await eventually(() => lines.length === 5, 5000, 'the summary');
    assert.equal(lines[4], 'not logged in the last 0.05 s (logIntervalMs; at most 2 lines of each kind per interval): 9 more: invalid message ×8 (peer0 4, peer1 4); refused ×1 (10.0.0.9 1)');
    log.report('peer0', 'invalid message', 'again');
    assert.equal(lines[5], 'invalid message: again', 'a new interval writes in full again');
    log.flush();
  });
});
