/**
 * Issue 22, messages: what one message can make the simulator server do. A 50 MB WebSocket frame
 * and a 50 MB TCP line are refused with an error naming the limit (maxMessageBytes, 1 MiB) before
 * the connection closes, without the server holding them (its peak RSS is read from /proc: the
 * server runs in its own process); JSON nested 5,000 deep is refused with an error and the session
 * goes on; 100,000 invalid lines give a few log lines per interval that still count every one; and
 * hello + register + requests sent in one write are all served, in order.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { A_CALL, completeACall, eventually, HELLO, rawPeer, wsPeer } from './abuseKit';
import { BridgeRun } from './run';
import { startServerProcess, type ServerProcess } from './serverProcess';
import { startBridgeServer } from './server';
import { SimulatorAdapter } from '../../simulator/SimulatorAdapter';

const T = { timeout: 180_000 };
const MB50 = 50 * 1024 * 1024;
const REGISTER = '{"type":"register","parties":[{"name":"Alice","dn":"7001","type":"Extension","configured":true},{"name":"Bob","dn":"7002","type":"Extension","configured":true}]}\n';

describe('oversized and deeply nested messages', () => {
  let tcp: ServerProcess | undefined;
  let ws: ServerProcess | undefined;
  before(async () => {
    [tcp, ws] = await Promise.all([startServerProcess([]), startServerProcess(['--transport', 'ws'])]);
  });
  after(async () => {
    await Promise.all([tcp?.stop(), ws?.stop()]);
  });

  it('a 50 MB TCP line is refused with an error to the peer, and the server does not hold it', T, async () => {
    const s = tcp as ServerProcess;
    const startMb = s.rssMb();
    const peer = await rawPeer(s.port, { read: true });
    await peer.write(HELLO, 5000);
    peer.socket.write(`{"type":"request","referenceId":1,"name":"RequestMakeCall","attributes":{"UserData":{"x":"${'a'.repeat(MB50)}"}}}\n`);
    await eventually(() => peer.closed(), 60_000, 'the connection is closed');
    const error = peer.lines.find((l) => l.includes('"too-large"'));
    assert.match(error ?? peer.lines.join('\n'), /"line":2,.*line 2 is longer than the limit of 1048576 bytes \(maxMessageBytes\): the connection is closed/);
    assert.ok(s.log.some((l) => /message too large: 127\.0\.0\.1:\d+: line 2 is longer than/.test(l)), s.log.join('\n'));
    assert.deepEqual(await completeACall(s.url, new BridgeRun()), A_CALL);
    const peak = s.peakRssMb();
    console.log(`TCP: server RSS ${startMb.toFixed(0)} MB before, peak ${peak.toFixed(0)} MB`);
    assert.ok(peak < 300 && peak < startMb + 40, `peak RSS ${peak} MB (before: ${startMb} MB)`);
  });

  it('a 50 MB WebSocket frame is refused with an error message before the close (1009), and the server does not hold it', T, async () => {
    const s = ws as ServerProcess;
    const startMb = s.rssMb();
    const peer = await wsPeer(s.url, { read: true });
    peer.ws.send(HELLO);
    await eventually(() => peer.messages.length >= 2, 30_000, 'hello and capabilities');
    peer.ws.send(`{"type":"request","referenceId":1,"name":"RequestMakeCall","attributes":{"UserData":{"x":"${'a'.repeat(MB50)}"}}}`);
    await eventually(() => peer.closedWith() !== undefined, 60_000, 'the WebSocket is closed');
    assert.match(peer.messages.at(-1) ?? '', /"line":2,"code":"too-large".*message 2 \(\d+ bytes\) is longer than the limit of 1048576 bytes \(maxMessageBytes\)/);
    assert.equal(peer.closedWith()?.code, 1009);
    assert.deepEqual(await completeACall(s.url, new BridgeRun()), A_CALL);
    const peak = s.peakRssMb();
    console.log(`WebSocket: server RSS ${startMb.toFixed(0)} MB before, peak ${peak.toFixed(0)} MB`);
    assert.ok(peak < 300 && peak < startMb + 40, `peak RSS ${peak} MB (before: ${startMb} MB)`);
  });

  for (const transport of ['tcp', 'ws'] as const) {
    it(`${transport}: JSON nested 5,000 deep is refused with an error naming the line; the session goes on`, T, async () => {
      const deep = `{"type":"request","referenceId":1,"name":"RequestMakeCall","attributes":{"UserData":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}}`;
      let received: () => string[];
      let send: (line: string) => void;
      if (transport === 'tcp') {
        const peer = await rawPeer((tcp as ServerProcess).port, { read: true });
        received = () => peer.lines;
        send = (line) => peer.socket.write(`${line}\n`);
      } else {
        const peer = await wsPeer((ws as ServerProcess).url, { read: true });
        received = () => peer.messages;
        send = (line) => peer.ws.send(line);
      }
      send(HELLO.trim());
      send(deep);
      send(REGISTER.trim());
      await eventually(() => received().some((l) => l.includes('"of":"register"')), 30_000, 'the register after it is acknowledged');
      const error = received().find((l) => l.includes('nested deeper'));
      assert.match(error ?? received().join('\n'), /"type":"error".*line 2: JSON nested deeper than 64 levels \(maxDepth\)/);
      assert.match(received().at(-1) ?? '', /"type":"ack","of":"register"/);
    });
  }
});

describe('100,000 invalid lines', () => {
  it('give a bounded log — a few lines per interval — that still counts every one', T, async () => {
    const s = await startServerProcess(['--limit', 'logIntervalMs=2000']);
    const started = Date.now();
    try {
      const peer = await rawPeer(s.port, { read: true });
      await peer.write(HELLO, 5000);
      const lines = 100_000;
      for (let i = 0; i < lines; i += 5000) {
        let chunk = '';
        for (let j = i; j < i + 5000; j += 1) chunk += `this is not a message #${j}\n`;
        await peer.write(chunk, 30_000);
      }
      await eventually(() => peer.lines.filter((l) => l.includes('not JSON')).length >= lines, 120_000, 'every invalid line answered');
      // Every line counted in the log: written in full, or in a summary line per interval.
      const counted = (): number => s.log.filter((l) => /^simulator: invalid message: /.test(l)).length
        + s.log.reduce((sum, l) => sum + Number((/invalid message ×([\d,]+)/.exec(l)?.[1] ?? '0').replace(/,/g, '')), 0);
      await eventually(() => counted() >= lines, 30_000, `the log counts all ${lines} (counted ${counted()})`);
      console.log(`${lines} invalid lines → ${s.log.length} log lines:\n${s.log.join('\n')}`);
      assert.equal(counted(), lines);
      // A few lines per interval: 5 written in full, one summary (one kind of report here).
      const intervals = Math.ceil((Date.now() - started) / 2000) + 1;
      assert.ok(s.log.length <= intervals * 6, `${s.log.length} log lines in ${intervals} intervals`);
      assert.ok(s.log.some((l) => /not logged in the last 2 s \(logIntervalMs; at most 5 lines of each kind per interval\): [\d,]+ more: invalid message ×[\d,]+ \(127\.0\.0\.1:\d+ [\d,]+\)/.test(l)), s.log.join('\n'));
    } finally {
      await s.stop();
    }
  });
});

describe('pipelined messages after the hello', () => {
  it('hello, register and requests in one TCP write are served in order', { timeout: 30_000 }, async () => {
    const server = await startBridgeServer({ endpoint: { transport: 'tcp', host: '127.0.0.1', port: 0 }, create: () => new SimulatorAdapter() });
    try {
      const peer = await rawPeer(server.port, { read: true });
      peer.socket.write(`${HELLO}${REGISTER}{"type":"request","referenceId":1,"name":"RequestMakeCall","attributes":{"ThisDN":"7001","OtherDN":"7002","ReferenceID":1}}\n`);
      await eventually(() => peer.lines.some((l) => l.includes('"referenceId":1')), 20_000, 'the request is acknowledged');
      assert.deepEqual(peer.lines.map((l) => (JSON.parse(l) as { type: string; name?: string; of?: string }))
        .map((m) => `${m.type}${m.type === 'event' ? ` ${m.name ?? ''}` : ''}${m.of ? ` of ${m.of}` : ''}`),
      ['hello', 'capabilities', 'ack of register', 'event EventDialing', 'event EventRinging', 'ack']);
    } finally {
      await server.close();
    }
  });

  it('hello and register sent back to back over WebSocket, without waiting, are served in order', { timeout: 30_000 }, async () => {
    const server = await startBridgeServer({ endpoint: { transport: 'ws', host: '127.0.0.1', port: 0 }, create: () => new SimulatorAdapter() });
    try {
      const peer = await wsPeer(server.url, { read: true });
      peer.ws.send(HELLO);
      peer.ws.send(REGISTER);
      await eventually(() => peer.messages.length >= 3, 20_000, 'three answers');
      assert.deepEqual(peer.messages.map((m) => (JSON.parse(m) as { type: string }).type), ['hello', 'capabilities', 'ack']);
    } finally {
      await server.close();
    }
  });
});
