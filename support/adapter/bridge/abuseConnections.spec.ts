/**
 * Issue 22, connections: 25,000 connections that never say anything, against the simulator server
 * in its own process (its open file descriptors read from /proc). Before the cap, 21,000 of them
 * used up its 20,000 descriptors and a well-behaved client was refused until they left.
 *
 * The server runs with its default cap (maxConnections 1000) and eviction (evictWithoutHelloMs
 * 1000); only handshakeTimeoutMs is shortened (5 s; default 10 s) to keep the spec short. The
 * attacker opens the connections 250 at a time and keeps every one the server lets it keep, so at
 * most ~1,250 descriptors are open on either side at once: the spec needs no more than the default
 * `ulimit -n` of 1024 plus margin; under a lower soft limit it scales the cap down and says so.
 *
 * Also here: an open session that stays silent is closed after idleTimeoutMs.
 */
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { WebSocket } from 'ws';
import { A_CALL, completeACall, eventually, HELLO, rawPeer } from './abuseKit';
import { BridgeRun } from './run';
import { startServerProcess, type ServerProcess } from './serverProcess';
import { serveChannel, startBridgeServer } from './server';
import { SimulatorAdapter } from '../../simulator/SimulatorAdapter';
import { createBridgeAdapter } from './BridgeAdapter';
import { dial } from './transport';
import { DEFAULT_LIMITS } from './limits';

const T = { timeout: 300_000 };
const ATTACKERS = 25_000;
const BATCH = 250;
const HANDSHAKE_MS = 5000;

/** This process's soft limit on open files. */
function fdLimit(): number {
  const m = /^Max open files\s+(\d+|unlimited)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
  return !m?.[1] || m[1] === 'unlimited' ? Infinity : Number(m[1]);
}

/** `attempt` again while the bridge answers that it is full (as a well-behaved client does), 250 ms apart. */
async function whenNotFull<T>(attempt: () => Promise<T>, tries: { n: number }): Promise<T> {
  for (;;) {
    tries.n += 1;
    try {
      return await attempt();
    } catch (e) {
      if (!/the bridge is full/.test((e as Error).message) || tries.n >= 20) throw e;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

describe('25,000 idle connections', () => {
  let server: ServerProcess | undefined;
  after(async () => server?.stop());

  it('are refused beyond the cap with a message, dropped after the handshake timeout, and a well-behaved client still gets in', T, async () => {
    const cap = Math.min(1000, Math.floor((fdLimit() - BATCH - 200) / 2));
    if (cap < 1000) console.log(`ulimit -n is ${fdLimit()}: the cap is scaled down to ${cap} for this run (the default is 1000)`);
    server = await startServerProcess(['--limit', `handshakeTimeoutMs=${HANDSHAKE_MS}`, ...(cap < 1000 ? ['--limit', `maxConnections=${cap}`] : [])]);
    const s = server;
    const fdsAtStart = s.openFds();
    const outcomes = new Map<string, number>();
    let failed = 0;
    let closed = 0;
    let peakFds = fdsAtStart;
    const attacker = (): Promise<void> => new Promise((resolve) => {
      const socket = connect({ host: '127.0.0.1', port: s.port });
      let text = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => {
        text += chunk;
      });
      socket.once('connect', () => resolve());
      socket.on('error', () => {
        if (socket.connecting) failed += 1;
        resolve();
      });
      socket.on('close', () => {
        closed += 1;
        const code = /"code":"([a-z-]+)"/.exec(text)?.[1] ?? `no message (${text.slice(0, 80)})`;
        outcomes.set(code, (outcomes.get(code) ?? 0) + 1);
      });
    });
    const started = Date.now();
    for (let i = 0; i < ATTACKERS; i += BATCH) {
      await Promise.all(Array.from({ length: BATCH }, attacker));
      peakFds = Math.max(peakFds, s.openFds());
    }
    const floodMs = Date.now() - started;
    // While the flood's survivors still hold their places: a well-behaved client gets in and completes a call.
    // It does what the refusal says ("try again later"): the places of the connections silent for over
    // evictWithoutHelloMs are given to newcomers, so it gets in within a few tries.
    const run = new BridgeRun();
    const tries = { n: 0 };
    assert.deepEqual(await whenNotFull(() => completeACall(s.url, run), tries), A_CALL);
    assert.ok(tries.n <= 20, `it took ${tries.n} tries`);
    peakFds = Math.max(peakFds, s.openFds());
    // Every silent connection is closed by the server, each with a message saying why.
    await eventually(() => closed + failed >= ATTACKERS, HANDSHAKE_MS + 120_000, `all ${ATTACKERS} attackers closed (closed ${closed}, failed ${failed})`);
    const summary = JSON.stringify(Object.fromEntries(outcomes));
    console.log(`${ATTACKERS} silent connections in ${floodMs} ms: ${summary}; server fds ${fdsAtStart} at start, at most ${peakFds} seen; ${s.log.length} log lines`);
    assert.equal(failed, 0, `connections that could not even connect: ${failed}`);
    // Beyond the cap, each arrival was refused (busy) or took the place of a connection silent for over
    // evictWithoutHelloMs (evicted): which of the two depends on how fast they came (this machine's speed).
    assert.ok((outcomes.get('busy') ?? 0) + (outcomes.get('evicted') ?? 0) >= ATTACKERS - cap, `beyond the cap: ${summary}`);
    assert.ok((outcomes.get('handshake-timeout') ?? 0) > 0, `none timed out: ${summary}`);
    assert.equal([...outcomes.keys()].filter((k) => !['busy', 'evicted', 'handshake-timeout'].includes(k)).length, 0, `closed without a reason: ${summary}`);
    assert.ok(peakFds <= fdsAtStart + cap + 50, `the server held ${peakFds} descriptors (cap ${cap})`);
    // The log counts them instead of writing 25,000 lines: per interval, a few lines of each of the
    // four kinds (refused, evicted, handshake timeout, connection opened/closed) and one summary.
    const intervals = Math.ceil((Date.now() - started) / DEFAULT_LIMITS.logIntervalMs) + 1;
    assert.ok(s.log.length <= intervals * (4 * DEFAULT_LIMITS.logLinesPerInterval + 1), `${s.log.length} log lines in ${intervals} intervals:\n${s.log.join('\n')}`);
    // …and still counts every one: written in full, or in an interval's summary line.
    const kinds = ['refused', 'evicted', 'handshake timeout'];
    const counted = (): number => s.log.filter((l) => kinds.some((k) => l.startsWith(`simulator: ${k}: `))).length
      + s.log.reduce((sum, l) => sum + kinds.reduce((n, k) => n + Number((new RegExp(`${k} ×([\\d,]+)`).exec(l)?.[1] ?? '0').replace(/,/g, '')), 0), 0);
    // The well-behaved client's refused tries (it was told the bridge was full) are refusals too.
    const refusedTries = tries.n - 1;
    await eventually(() => counted() >= ATTACKERS + refusedTries, DEFAULT_LIMITS.logIntervalMs + 30_000, `the log counts all ${ATTACKERS} and the ${refusedTries} refused tries (counted ${counted()})`);
    assert.equal(counted(), ATTACKERS + refusedTries, s.log.join('\n'));
    // And after the flood, the server is as it was.
    assert.deepEqual(await completeACall(s.url, run), A_CALL);
    await run.close();
  });
});

describe('a full server without eviction', () => {
  it('refuses one connection more with a message, closes the silent ones after handshakeTimeoutMs, then serves a well-behaved client', { timeout: 60_000 }, async () => {
    const server = await startBridgeServer({
      endpoint: { transport: 'tcp', host: '127.0.0.1', port: 0 }, create: () => new SimulatorAdapter(),
      limits: { maxConnections: 5, evictWithoutHelloMs: 600_000, handshakeTimeoutMs: 1500 },
    });
    try {
      const silent = await Promise.all(Array.from({ length: 5 }, () => rawPeer(server.port, { read: true })));
      await eventually(() => server.stats().open === 5, 10_000, 'five connections admitted');
      const extra = await Promise.all(Array.from({ length: 5 }, () => rawPeer(server.port, { read: true })));
      await eventually(() => extra.every((p) => p.closed()), 10_000, 'the extra ones are refused');
      for (const p of extra) assert.match(p.lines.join('\n'), /"of":"hello","code":"busy","message":"the bridge is full: 5 connections are open \(maxConnections\); try again later"/);
      await assert.rejects(completeACall(server.url, new BridgeRun()), /the bridge is full/, 'no place for anyone while the silent ones hold theirs');
      await eventually(() => silent.every((p) => p.closed()), 20_000, 'the silent ones are closed');
      for (const p of silent) assert.match(p.lines.join('\n'), /"code":"handshake-timeout","message":"no hello within 1500 ms \(handshakeTimeoutMs\)/);
      assert.deepEqual(await completeACall(server.url, new BridgeRun()), A_CALL);
      const stats = server.stats();
      assert.deepEqual([stats.refused >= 5, stats.handshakeTimeouts, stats.peak], [true, 5, 5]);
    } finally {
      await server.close();
    }
  });
});

describe('a full WebSocket endpoint', () => {
  it('answers one connection more with HTTP 503 and the reason, before any upgrade', { timeout: 30_000 }, async () => {
    const server = await startBridgeServer({
      endpoint: { transport: 'ws', host: '127.0.0.1', port: 0 }, create: () => new SimulatorAdapter(), limits: { maxConnections: 1, evictWithoutHelloMs: 600_000 },
    });
    try {
      const silent = await rawPeer(server.port, { read: true });
      await eventually(() => server.stats().open === 1, 10_000, 'the silent connection admitted');
      const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const ws = new WebSocket(server.url);
        ws.on('open', () => reject(new Error('the upgrade was accepted')));
        ws.on('error', () => undefined);
        ws.on('unexpected-response', (_req, res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
      });
      assert.equal(answer.status, 503);
      assert.match(answer.body, /the bridge is full: one connection is open \(maxConnections\)/);
      silent.socket.destroy();
    } finally {
      await server.close();
    }
  });
});

describe('a session that stays silent after its hello', () => {
  it('is closed after idleTimeoutMs with an error saying so', { timeout: 30_000 }, async () => {
    const server = await startBridgeServer({ endpoint: { transport: 'tcp', host: '127.0.0.1', port: 0 }, create: () => new SimulatorAdapter(), limits: { idleTimeoutMs: 400 } });
    try {
      const peer = await rawPeer(server.port, { read: true });
      await peer.write(HELLO, 3000);
      await eventually(() => peer.closed(), 20_000, 'the idle session is closed');
      assert.match(peer.lines.at(-1) ?? '', /"code":"idle".*no message for 400 ms \(idleTimeoutMs\)/);
      assert.equal(server.stats().idleClosed, 1);
    } finally {
      await server.close();
    }
  });
});

describe("the harness's listen mode", () => {
  it('keeps the same bounds: an oversized line is refused with an error, silent dialers give way, a real bridge still gets in', { timeout: 60_000 }, async () => {
    const probe = await startBridgeServer({ endpoint: { transport: 'tcp', host: '127.0.0.1', port: 0 }, create: () => new SimulatorAdapter() });
    const port = probe.port;
    await probe.close(); // only to learn a free port for the harness to listen on
    const run = new BridgeRun();
    const limits = { maxConnections: 2, evictWithoutHelloMs: 0, maxMessageBytes: 64 * 1024 };
    const adapter = createBridgeAdapter({ listen: true, port, connectTimeoutMs: 30_000, limits }, run);
    try {
      let big: Awaited<ReturnType<typeof rawPeer>> | undefined;
      for (let i = 0; i < 50 && !big; i += 1) {
        big = await rawPeer(port, { read: true }).catch(async () => {
          await new Promise((r) => setTimeout(r, 50));
          return undefined;
        });
      }
      if (!big) throw new Error('the harness did not listen');
      big.socket.write(`${'x'.repeat(100 * 1024)}\n`);
      await eventually(() => big.closed(), 20_000, 'the oversized dialer is closed');
      assert.ok(big.lines.some((l) => /"code":"too-large".*longer than the limit of 65536 bytes \(maxMessageBytes\)/.test(l)), big.lines.join('\n'));
      // Two silent dialers fill the listener; a real bridge takes the place of the older one.
      const silent = [await rawPeer(port, { read: true }), await rawPeer(port, { read: true })];
      const channel = await dial({ transport: 'tcp', host: '127.0.0.1', port }, 5000, DEFAULT_LIMITS);
      void serveChannel(channel, { create: () => new SimulatorAdapter() });
      const bridge = await adapter;
      const events: string[] = [];
      await bridge.open({ parties: [{ name: 'Alice', dn: '7001', type: 'Extension', configured: true }, { name: 'Bob', dn: '7002', type: 'Extension', configured: true }] }, { event: (e) => events.push(e.name), fail: (e) => assert.fail(e) });
      await bridge.send?.({ name: 'RequestMakeCall', attributes: { ThisDN: '7001', OtherDN: '7002', ReferenceID: 1 } });
      assert.deepEqual(events, ['EventDialing', 'EventRinging']);
      await bridge.close();
      await eventually(() => silent.some((p) => p.closed()), 10_000, 'a silent dialer gave way');
      assert.ok(silent.some((p) => p.lines.some((l) => l.includes('"code":"evicted"'))), silent.map((p) => p.lines.join('\n')).join('\n--\n'));
      channel.close();
      for (const p of silent) p.socket.destroy();
    } finally {
      await run.close();
    }
  });
});
