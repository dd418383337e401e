/**
 * Issue 22, write backpressure: clients that flood the simulator server and never read what it
 * answers. The server runs in its own process so its resident memory is its own (VmHWM, the peak,
 * from /proc). Before backpressure, 210 MB of bad lines took it from 115 MB to 710 MB for good.
 *
 * Bounds asserted: the server's peak RSS stays under 300 MB (the acceptance) while it is
 * flooded, a well-behaved client completes a call during the flood, the flooders are dropped with
 * the reason logged once they have not read for writeStallMs (set to 8 s here; default 30 s), and
 * the log stays a few lines per interval.
 */
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { A_CALL, eventually, HELLO, rawPeer, wsPeer, type RawPeer } from './abuseKit';
import { completeACall } from './abuseKit';
import { BridgeRun } from './run';
import { startServerProcess, type ServerProcess } from './serverProcess';

const T = { timeout: 240_000 };
const FLOOD_MB = 210;
const STALL_MS = 8000;
const LOG_INTERVAL_MS = 2000;

/** Short invalid lines: each answer (an error quoting the line) is larger than the line, the worst case for unread output. */
function badLines(n: number, seed: number): string {
  let text = '';
  for (let i = 0; i < n; i += 1) text += `{"type":"bogus","n":${seed + i},"pad":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}\n`;
  return text;
}

/** Valid requests, pipelined after hello + register: each runs and makes events the flooder never reads. */
function requests(n: number, from: number): string {
  let text = '';
  for (let i = 0; i < n; i += 1) text += `{"type":"request","referenceId":${from + i},"name":"RequestMakeCall","attributes":{"ThisDN":"7001","OtherDN":"7002","ReferenceID":${from + i}}}\n`;
  return text;
}

/** Write up to `mb` megabytes made by `chunk`, until the server stops taking them (no drain for 3 s). Returns MB written. */
async function flood(peer: RawPeer, mb: number, chunk: (i: number) => string): Promise<number> {
  let written = 0;
  for (let i = 0; written < mb * 1024 * 1024; i += 1) {
    const text = chunk(i);
    if (!(await peer.write(text, 3000))) break;
    written += text.length;
  }
  return written / (1024 * 1024);
}

describe('a client that floods without reading', () => {
  let server: ServerProcess | undefined;
  after(async () => server?.stop());

  it('keeps the server under 300 MB, serves a well-behaved client meanwhile, and drops the flooders with a reason', T, async () => {
    server = await startServerProcess(['--limit', `writeStallMs=${STALL_MS}`, '--limit', `logIntervalMs=${LOG_INTERVAL_MS}`]);
    const s = server;
    const started = Date.now();
    const startMb = s.rssMb();
    // Flooder 1: hello, then 210 MB of invalid lines, never reading a reply.
    const bad = await rawPeer(s.port, { read: false });
    await bad.write(HELLO, 3000);
    // Flooder 2: hello + register + valid requests in the same stream, never reading the events.
    const busy = await rawPeer(s.port, { read: false });
    await busy.write(`${HELLO}{"type":"register","parties":[{"name":"Alice","dn":"7001","type":"Extension","configured":true},{"name":"Bob","dn":"7002","type":"Extension","configured":true}]}\n`, 3000);
    // Flooder 3: the same over WebSocket — a client that stops reading its socket.
    const wsServer = await startServerProcess(['--transport', 'ws', '--limit', `writeStallMs=${STALL_MS}`, '--limit', `logIntervalMs=${LOG_INTERVAL_MS}`]);
    try {
      const ws = await wsPeer(wsServer.url, { read: false });
      ws.ws.send(HELLO);
      const wsSent = await (async () => {
        let sent = 0;
        for (let i = 0; sent < FLOOD_MB * 1024 * 1024 && !ws.closedWith(); i += 1) {
          const text = badLines(1, i);
          ws.ws.send(text);
          sent += text.length;
          if (ws.ws.bufferedAmount > 8 * 1024 * 1024) {
            const t0 = Date.now();
            while (ws.ws.bufferedAmount > 4 * 1024 * 1024 && Date.now() - t0 < 3000) await new Promise((r) => setTimeout(r, 20));
            if (ws.ws.bufferedAmount > 4 * 1024 * 1024) break;
          }
        }
        return sent / (1024 * 1024);
      })();
      const [badMb, busyMb] = await Promise.all([
        flood(bad, FLOOD_MB, (i) => badLines(2000, i * 2000)),
        flood(busy, FLOOD_MB, (i) => requests(500, i * 500 + 1)),
      ]);
      // The flooders are stuck (the server stopped reading them), not finished.
      assert.ok(badMb < FLOOD_MB && busyMb < FLOOD_MB && wsSent < FLOOD_MB, `the server read everything: ${badMb} / ${busyMb} / ${wsSent} MB`);
      // Meanwhile a well-behaved client is served, on both servers.
      const run = new BridgeRun();
      assert.deepEqual(await completeACall(s.url, run), A_CALL);
      assert.deepEqual(await completeACall(wsServer.url, run), A_CALL);
      await run.close();
      const peak = s.peakRssMb();
      const wsPeak = wsServer.peakRssMb();
      console.log(`flooders stalled after ${badMb.toFixed(1)} MB of bad lines, ${busyMb.toFixed(1)} MB of requests (TCP), ${wsSent.toFixed(1)} MB (WebSocket); server RSS ${startMb.toFixed(0)} MB at start, peak ${peak.toFixed(0)} MB (TCP), ${wsPeak.toFixed(0)} MB (WebSocket)`);
      assert.ok(peak < 300, `peak RSS ${peak} MB`);
      assert.ok(wsPeak < 300, `peak RSS ${wsPeak} MB (WebSocket)`);
      // Dropped, with the reason in the log, once they have not read for writeStallMs.
      await eventually(() => bad.dropped() && busy.dropped(), STALL_MS + 60_000, 'the TCP flooders are dropped');
      await eventually(() => ws.dropped(), STALL_MS + 60_000, 'the WebSocket flooder is dropped');
      await eventually(() => s.log.filter((l) => /peer dropped: [\d.:]+: the peer (has not read its output for 8000 ms \(writeStallMs|does not read)/.test(l)).length >= 2, 30_000, 'both drops logged');
      assert.ok(wsServer.log.some((l) => /peer dropped/.test(l)), wsServer.log.join('\n'));
      // The log: per interval a few lines of each kind (invalid message, peer dropped) and one summary,
      // not one per bad line (tens of thousands were sent).
      await eventually(() => s.log.some((l) => /not logged in the last/.test(l)), 3 * LOG_INTERVAL_MS + 30_000, 'the summary line');
      const intervals = Math.ceil((Date.now() - started) / LOG_INTERVAL_MS) + 1;
      assert.ok(s.log.length <= intervals * (2 * 5 + 1), `${s.log.length} log lines in ${intervals} intervals:\n${s.log.slice(0, 80).join('\n')}`);
      const badLinesSent = (badMb * 1024 * 1024) / 80; // each about 80 bytes
      assert.ok(s.log.length < badLinesSent / 100, `${s.log.length} log lines for ~${badLinesSent.toFixed(0)} bad lines`);
    } finally {
      await wsServer.stop();
    }
  });
});
