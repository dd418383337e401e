/**
 * What happens when the bridge misbehaves or goes away, end to end: the bridge killed in the middle
 * of a scenario (through the conformance CLI, against a loopback server this test runs), malformed
 * wire lines, unknown event names, wrongly typed attributes, and a truncated log record read by
 * `npm run trace`. Every test is bounded in time.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fakeBridge, type FakeBridge } from './fakeBridge';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EventSourceAdapter, Topology } from '../contract';
import type { TRequest } from '../../model/event';
import { SimulatorAdapter } from '../../simulator/SimulatorAdapter';
import { AdapterSession } from '../session';
import { EXIT } from '../../errors';
import { createBridgeAdapter } from './BridgeAdapter';
import { BridgeRun } from './run';
import { startBridgeServer, type RunningServer } from './server';
import { conformance, runCli, sandbox, writeJson } from '../../selftest/sandbox';

const T = { timeout: 90_000 };
const topology: Topology = { parties: [{ name: 'Alice', dn: '7001', type: 'Extension', configured: true }] };

/** The simulator served over the bridge; the first `killOn` request makes the whole server die (sockets destroyed, port closed). */
async function killableServer(killOn: string): Promise<{ server: RunningServer; killed: () => boolean }> {
  let killed = false;
  const holder: { server?: RunningServer } = {};
  const create = (): EventSourceAdapter => {
    const inner = new SimulatorAdapter();
    return {
      name: inner.name, capabilities: inner.capabilities,
      open: (t, sink) => inner.open(t, sink),
      settled: () => inner.settled(),
      close: () => inner.close(),
      send: (request: TRequest) => {
        if (request.name !== killOn || killed) return inner.send(request);
        killed = true;
        void holder.server?.close();
        return new Promise<void>(() => undefined); // never answered: the bridge is gone
      },
    };
  };
  holder.server = await startBridgeServer({ endpoint: { transport: 'tcp', host: '127.0.0.1', port: 0 }, create });
  return { server: holder.server, killed: () => killed };
}

describe('the bridge dies in the middle of a run', () => {
  it('that scenario is broken, the next ones report the adapter down, the run exits 2 and says why', T, async () => {
    const { server, killed } = await killableServer('RequestAnswerCall');
    const dir = sandbox();
    const config = writeJson(dir, 'lab.json', { adapter: 'bridge', adapterOptions: { url: server.url, connectTimeoutMs: 2000 }, timeoutMs: 2000 });
    const names = "^Alice calls Bob, and Bob's phone rings|^Bob answers, and both parties are connected|^Alice hangs up while Bob's phone rings";
    const r = await conformance(dir, ['--config', config, '--tags', '@model:basic-internal-inbound-call', '--name', names]);
    await server.close();
    assert.ok(killed(), 'the bridge was killed');
    assert.equal(r.code, EXIT.broken, r.out);
    assert.match(r.out, /Scenarios: 1 passed, 0 not conformant \(failed\), 2 could not be tested \(broken\)/);
    assert.match(r.out, /Bob answers, and both parties are connected on the same call — .*could not send RequestAnswerCall: the connection to the bridge was lost/);
    assert.match(r.out, /Alice hangs up while Bob's phone rings.* — .*the bridge is down: the connection to the bridge was lost \(during features\/basic-call-models\/basic-internal-inbound-call\.feature:36 Bob answers/);
    assert.match(r.out, /reconnecting failed: .*ECONNREFUSED/);
    assert.ok(r.ms < 60_000, `took ${String(r.ms)} ms`);
  });
});

/** A fake bridge: a correct handshake and register ack, then the given lines. */
async function scriptedBridge(lines: readonly string[]): Promise<FakeBridge> {
  return fakeBridge((socket) => {
    socket.once('data', () => {
      socket.write('{"type":"hello","protocol":"cmc-bridge","version":1,"role":"bridge"}\n{"type":"capabilities","requests":"*","features":[]}\n');
      socket.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('"register"')) socket.write(['{"type":"ack","of":"register"}', ...lines, ''].join('\n'));
      });
    });
  });
}

/** Open a session through a scripted bridge and wait briefly for what it sends. */
async function sessionAgainst(lines: readonly string[]): Promise<{ session: AdapterSession; failure: string | undefined }> {
  const bridge = await scriptedBridge(lines);
  try {
    const session = new AdapterSession(await createBridgeAdapter({ port: bridge.port }, new BridgeRun()), { timeoutMs: 500, settleMs: 0 });
    await session.open(topology);
    let failure: string | undefined;
    try {
      await session.waitFor(() => undefined, 300);
    } catch (e) {
      failure = (e as Error).message;
    }
    await session.close();
    return { session, failure };
  } finally {
    await bridge.close();
  }
}

describe('wire errors name the message line and end as documented', () => {
  it('a line that is not JSON makes the scenario broken, naming line and content', T, async () => {
    const { failure } = await sessionAgainst(['{"type":"event","name":"EventRinging",']);
    assert.match(failure ?? '', /the adapter "bridge tcp:\/\/127\.0\.0\.1:\d+" failed: invalid message from the bridge: bridge .* line 4: not JSON \(.*\): \{"type":"event","name":"EventRinging",$/);
  });

  it('attributes that are not an object make the scenario broken, naming line and field', T, async () => {
    const { failure } = await sessionAgainst(['{"type":"event","name":"EventRinging","attributes":["ThisDN","7001"]}']);
    assert.match(failure ?? '', /line 4: invalid event: \/attributes must be object: /);
  });

  it('a wrongly typed attribute value makes the scenario broken, naming line and attribute', T, async () => {
    const { failure } = await sessionAgainst(['{"type":"event","name":"EventRinging","attributes":{"ThisDN":7001,"ConnID":{"x":1}}}']);
    assert.match(failure ?? '', /line 4: invalid event: \/attributes\//);
  });

  it('an unknown event name is kept (it can still fail the scenario) and listed as an input problem with its line', T, async () => {
    const { session, failure } = await sessionAgainst(['{"type":"event","name":"EventRingingTwice","dn":"7001","attributes":{"ThisDN":"7001"}}']);
    assert.equal(failure, undefined);
    assert.deepEqual(session.events.map((e) => e.name), ['EventRingingTwice']);
    assert.deepEqual(session.problems, ['#1 EventRingingTwice: unknown event name (bridge line 4)']);
  });
});

describe('npm run trace on a truncated log', () => {
  it('lists each truncated record with file:line and still prints the complete ones', T, async () => {
    const dir = sandbox();
    const whole = readFileSync(join(__dirname, '..', '..', 'trace', 'fixtures', 'native-sipserver.log'), 'utf8').split('\n');
    const cutAt = whole.findIndex((l) => /message EventRinging/.test(l));
    assert.ok(cutAt > 0, 'the fixture has an EventRinging dump');
    const log = join(dir, 'cut.log');
    // The file ends in the middle of a record: inside a quoted value of the EventRinging dump.
    writeFileSync(log, `${whole.slice(0, cutAt + 2).join('\n')}\n\tAttributeThisDN\t'20`);
    const r = await runCli(dir, 'support/cli/trace.ts', [log]);
    assert.equal(r.code, EXIT.passed, r.out);
    assert.match(r.out, /"name":"EventDialing"/);
    assert.match(r.out, new RegExp(`cut\\.log:${String(cutAt + 1)}: truncated: line ${String(cutAt + 3)}: ThisDN: unterminated .*: EventRinging`));
    assert.match(r.out, /1 truncated record\(s\)/);
  });
});
