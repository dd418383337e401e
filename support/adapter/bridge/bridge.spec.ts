/**
 * Bridge protocol and adapter: schema validation with line numbers, round trips over TCP and
 * WebSocket on 127.0.0.1 (ephemeral ports, every socket closed), the handshake token, listen mode,
 * and the simulator server. Each test is bounded by a timeout.
 */
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import type { Socket } from 'node:net';
import { fakeBridge, type FakeBridge } from './fakeBridge';
import type { EventSink, RawEvent, Topology } from '../contract';
import { SimulatorAdapter } from '../../simulator/SimulatorAdapter';
import { LineDecoder, WireSchemas } from './protocol';
import { ATTRIBUTES_SCHEMA_FILE, buildAttributesSchema, renderAttributesSchema } from './schema/attributesSchema';
import { createBridgeAdapter } from './BridgeAdapter';
import { BridgeRun } from './run';
import { serveChannel, startBridgeServer, type RunningServer } from './server';
import { dial } from './transport';
import { parseBridgeOptions } from './options';
import { DEFAULT_LIMITS } from './limits';

const T = { timeout: 10_000 };
/** Compiled once for the whole file (half a second each time). */
const schemas = new WireSchemas();
const decodeLine = (line: string): ReturnType<WireSchemas['decode']> => schemas.decode(line);
const topology: Topology = {
  parties: [
    { name: 'Alice', dn: '7001', type: 'Extension', configured: true },
    { name: 'Bob', dn: '7002', type: 'Extension', configured: true },
  ],
};

function collector(): { sink: EventSink; events: RawEvent[]; failures: Error[] } {
  const events: RawEvent[] = [];
  const failures: Error[] = [];
  return { sink: { event: (e) => events.push(e), fail: (e) => failures.push(e) }, events, failures };
}

function simulatorServer(transport: 'tcp' | 'ws', token?: string): Promise<RunningServer> {
  return startBridgeServer({ endpoint: { transport, host: '127.0.0.1', port: 0 }, ...(token ? { token } : {}), create: () => new SimulatorAdapter(), schemas });
}

async function eventually(check: () => boolean, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('bridge schema', () => {
  it('the published attributes schema matches the model catalogue', () => {
    assert.equal(readFileSync(ATTRIBUTES_SCHEMA_FILE, 'utf8'), renderAttributesSchema(),
      'schema/attributes.schema.json is stale: run node -r ./support/accel/tsRegister.js support/adapter/bridge/schema/attributesSchema.ts --write');
  });

  it('the branches of each anyOf cannot overlap: no enum spelling is all digits (they would pass as numbers)', () => {
    const schema = buildAttributesSchema() as { properties: Record<string, { anyOf?: { enum?: unknown[] }[] }> };
    const digits = Object.entries(schema.properties).flatMap(([name, p]) =>
      (p.anyOf?.[0]?.enum ?? []).filter((v) => typeof v === 'string' && /^[0-9]+$/.test(v)).map((v) => `${name}: ${String(v)}`));
    assert.deepEqual(digits, []);
  });

  it('accepts a well-formed event with model attribute names and enum spellings', () => {
    const r = decodeLine(JSON.stringify({ type: 'event', name: 'EventRinging', dn: '7002', attributes: { ThisDN: '7002', CallType: 'CallTypeInternal', ThisDNRole: 2, UserData: { a: 1, b: { c: 'x' } }, Vendor: 'kept' } }));
    assert.equal(r.ok, true);
  });

  it('rejects unknown types, bad enums, bad names and non-JSON with a reason', () => {
    const cases: [string, RegExp][] = [
      ['{"type":"nope"}', /unknown message type "nope"/],
      ['{"type":"event","name":"EventRinging","attributes":{"CallType":"Sideways"}}', /CallType/],
      ['{"type":"event","name":"Event Ringing","attributes":{}}', /\/name must match pattern/],
      ['{"type":"request","referenceId":0,"name":"RequestMakeCall","attributes":{}}', /referenceId/],
      ['{"type":"ack","of":"request"}', /referenceId/],
      ['{not json', /not JSON/],
      ['[1,2]', /not a JSON object/],
    ];
    for (const [line, why] of cases) {
      const r = decodeLine(line);
      assert.equal(r.ok, false, line);
      if (!r.ok) assert.match(r.problem, why, line);
    }
  });

  it('numbers lines across chunks, LF and CRLF', () => {
    const seen: [string, number][] = [];
    const d = new LineDecoder((l, n) => seen.push([l, n]));
    d.push('{"a":1}\r\n{"b"');
    d.push(':2}\n\n{"c":3}\r');
    d.push('\n{"d":4}');
    assert.deepEqual(seen, [['{"a":1}', 1], ['{"b":2}', 2], ['{"c":3}', 4]]);
    assert.equal(d.pending, '{"d":4}');
  });
});

describe('bridge adapter round trip', () => {
  const runs: BridgeRun[] = [];
  /** A run of its own for each test: nothing learned by one carries into the next. */
  const fresh = (): BridgeRun => {
    const run = new BridgeRun(schemas);
    runs.push(run);
    return run;
  };
  after(async () => {
    await Promise.all(runs.map((r) => r.close()));
  });

  for (const transport of ['tcp', 'ws'] as const) {
    it(`${transport}: handshake, register, request → events + ack, close`, T, async () => {
      const server = await simulatorServer(transport);
      try {
        const adapter = await createBridgeAdapter({ transport, port: server.port }, fresh());
        assert.ok(Array.isArray(adapter.capabilities.requests) && adapter.capabilities.requests.includes('RequestMakeCall'));
        const { sink, events, failures } = collector();
        await adapter.open(topology, sink);
        assert.equal(typeof adapter.settled, 'function', 'the simulator server promises ordered acks');
        await adapter.send({ name: 'RequestMakeCall', attributes: { ThisDN: '7001', OtherDN: '7002', ReferenceID: 1 } });
        assert.deepEqual(events.map((e) => e.name), ['EventDialing', 'EventRinging']);
        assert.equal(events[0]?.attributes.ReferenceID, 1);
        assert.match(events[0]?.origin ?? '', /bridge line \d+/);
        await adapter.close();
        await eventually(() => server.active() === 0);
        assert.deepEqual(failures, []);
      } finally {
        await server.close();
      }
    });
  }

  for (const transport of ['tcp', 'ws'] as const) {
    it(`${transport} over TLS: a round trip with the test certificate; a plain-text client on the TLS port is closed and logged`, T, async () => {
      const log: string[] = [];
      const fixtures = join(__dirname, 'fixtures');
      const server = await startBridgeServer({
        endpoint: { transport, host: '127.0.0.1', port: 0, tls: { cert: join(fixtures, 'test-cert.pem'), key: join(fixtures, 'test-key.pem') } },
        create: () => new SimulatorAdapter(), schemas, log: (l) => log.push(l),
      });
      try {
        // A client that does not speak TLS (a downgrade attempt): the TLS handshake fails, the socket is closed.
        const plain = connect({ host: '127.0.0.1', port: server.port });
        plain.on('error', () => undefined);
        plain.write('{"type":"hello","protocol":"cmc-bridge","version":1,"role":"harness"}\n');
        await new Promise((r) => plain.once('close', r));
        await eventually(() => log.some((l) => /TLS handshake failed: 127\.0\.0\.1:\d+: /.test(l)));
        const adapter = await createBridgeAdapter({ url: `${transport === 'ws' ? 'wss' : 'tls'}://127.0.0.1:${server.port}`, tls: { ca: join(fixtures, 'test-cert.pem') } }, fresh());
        const { sink, events } = collector();
        await adapter.open(topology, sink);
        await adapter.send?.({ name: 'RequestMakeCall', attributes: { ThisDN: '7001', OtherDN: '7002', ReferenceID: 1 } });
        assert.deepEqual(events.map((e) => e.name), ['EventDialing', 'EventRinging']);
        await adapter.close();
      } finally {
        await server.close();
      }
    });
  }

  it('a wrong or missing token is refused at the handshake', T, async () => {
    const server = await simulatorServer('tcp', 's3cret');
    try {
      await assert.rejects(createBridgeAdapter({ port: server.port }, fresh()), /token is missing or wrong/);
      await assert.rejects(createBridgeAdapter({ port: server.port, token: 'guess' }, fresh()), /token is missing or wrong/);
      const adapter = await createBridgeAdapter({ port: server.port, token: 's3cret' }, fresh());
      const { sink } = collector();
      await adapter.open(topology, sink);
      await adapter.close();
    } finally {
      await server.close();
    }
  });

  it('an EventError from the system is an event; a refused request rejects send', T, async () => {
    const server = await simulatorServer('tcp');
    try {
      const adapter = await createBridgeAdapter({ url: `tcp://127.0.0.1:${server.port}` }, fresh());
      const { sink, events } = collector();
      await adapter.open(topology, sink);
      await adapter.send({ name: 'RequestAnswerCall', attributes: { ThisDN: '7002', ConnID: '0000000000000001', ReferenceID: 3 } });
      assert.equal(events.at(-1)?.name, 'EventError');
      await assert.rejects(adapter.send({ name: 'RequestMakeCall', attributes: { ThisDN: '7001' } }), /no numeric ReferenceID/);
      await adapter.close();
    } finally {
      await server.close();
    }
  });

  it('listen mode: the bridge process dials in to the harness', T, async () => {
    const server = await simulatorServer('tcp');
    await server.close(); // only to learn a free port number for the harness to listen on
    const run = fresh();
    const adapterPromise = createBridgeAdapter({ listen: true, port: server.port }, run);
    // Play the bridge process: dial the harness and serve a simulator on that connection.
    const channel = await dialRetry(server.port);
    serveChannel(channel, { create: () => new SimulatorAdapter(), schemas });
    const adapter = await adapterPromise;
    const { sink, events } = collector();
    await adapter.open(topology, sink);
    await adapter.send({ name: 'RequestMakeCall', attributes: { ThisDN: '7001', OtherDN: '7002', ReferenceID: 1 } });
    assert.equal(events.length, 2);
    await adapter.close();
    channel.close();
    await run.close();
  });
});

async function dialRetry(port: number): ReturnType<typeof dial> {
  for (let i = 0; i < 50; i += 1) {
    try {
      return await dial({ transport: 'tcp', host: '127.0.0.1', port }, 1000, DEFAULT_LIMITS);
    } catch {
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  throw new Error('could not dial the harness');
}

/** A fake bridge that speaks a scripted list of lines after the harness's hello. */
function scriptedAfterHello(script: (socket: Socket) => void): Promise<FakeBridge> {
  return fakeBridge((socket) => socket.once('data', () => script(socket)));
}

describe('invalid messages from a bridge', () => {
  it('are reported with line number and content and break the scenario', T, async () => {
    const bridge = await scriptedAfterHello((socket) => {
      socket.write('{"type":"hello","protocol":"cmc-bridge","version":1,"role":"bridge","settles":true}\n');
      socket.write('{"type":"capabilities","requests":"*","features":[]}\n');
      socket.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('"register"')) {
          socket.write('{"type":"ack","of":"register"}\n');
          socket.write('{"type":"event","name":"EventRinging","attributes":{"ThisDN":"7002","CallType":"Weird"}}\n');
        }
      });
    });
    try {
      const adapter = await createBridgeAdapter({ port: bridge.port }, new BridgeRun(schemas));
      const { sink, failures } = collector();
      await adapter.open(topology, sink);
      await eventually(() => failures.length > 0);
      assert.match(failures[0]?.message ?? '', /line 4: invalid event: \/attributes\/CallType/);
      assert.match(failures[0]?.message ?? '', /"Weird"/);
      assert.equal(adapter.invalidMessages, 1);
      await adapter.close();
    } finally {
      await bridge.close();
    }
  });

  it('during the handshake reject the connection with the line', T, async () => {
    const bridge = await scriptedAfterHello((socket) => socket.write('hello there\n'));
    try {
      await assert.rejects(createBridgeAdapter({ port: bridge.port, connectTimeoutMs: 2000 }, new BridgeRun(schemas)), /line 1: not JSON.*hello there/);
    } finally {
      await bridge.close();
    }
  });

  it('the server answers an invalid harness line with an error naming the line', T, async () => {
    const server = await simulatorServer('tcp');
    try {
      const channel = await dial({ transport: 'tcp', host: '127.0.0.1', port: server.port }, 2000, DEFAULT_LIMITS);
      const lines: string[] = [];
      channel.start({ line: (l) => lines.push(l), closed: () => undefined });
      channel.write({ type: 'hello', protocol: 'cmc-bridge', version: 1, role: 'harness' });
      await eventually(() => lines.length >= 2);
      (channel as unknown as { io: { write(t: string): void } }).io.write('{"type":"request"}\n');
      await eventually(() => lines.length >= 3);
      assert.match(lines[2] ?? '', /"type":"error".*line 2: invalid request/);
      assert.equal(server.invalidMessages(), 1);
      channel.close();
    } finally {
      await server.close();
    }
  });
});

describe('bridge options', () => {
  it('default to loopback TCP and check their values', () => {
    assert.deepEqual(parseBridgeOptions({ port: 7070 }).endpoint, { transport: 'tcp', host: '127.0.0.1', port: 7070 });
    assert.equal(parseBridgeOptions({ url: 'ws://[::1]:7071/cti' }).endpoint.host, '::1');
    assert.throws(() => parseBridgeOptions({ port: 1, colour: 'red' }), /unknown option/);
    assert.throws(() => parseBridgeOptions({ url: 'http://x:1' }), /tcp:\/\//);
    assert.throws(() => parseBridgeOptions({ url: 'wss://127.0.0.1:1' }), /needs "tls"/);
  });
});
