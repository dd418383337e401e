/**
 * A 3-node JetStream cluster on loopback, streams replicated on all three: the node leading the
 * events stream is killed (SIGKILL) while the monitor runs and more calls are fed; every call
 * published before and after the loss is judged, once.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { callText } from '../../../bench/logGenerator';
import { decodeEvents } from '../wire';
import { retrying } from './connection';
import { NatsServers } from './servers';
import { runCli, startCli, type Cli } from './testCli';

const BANNER = 'Application name: SIPS_SPEC\nLocal time:       2026-03-04T10:00:00.000\n';

describe('a 3-node JetStream cluster', () => {
  let servers: NatsServers;
  let dir: string;
  const running: Cli[] = [];

  before(async () => {
    servers = await NatsServers.start(3);
    dir = mkdtempSync(join(tmpdir(), 'cmc-cluster-'));
  });
  after(async () => {
    for (const c of running) c.kill();
    await servers.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loses the node leading the events stream mid-run, and nothing is lost: every call judged once', { timeout: 480_000 }, async (t) => {
    const good = join(dir, 'good_20260304_100000_000.log');
    const bad = join(dir, 'bad_20260304_100000_000.log');
    writeFileSync(good, BANNER + callText(0));
    writeFileSync(bad, BANNER + callText(1).replace(/@[^\n]*message EventRinging\n(\t[^\n]*\n)*/, ''));
    const url = servers.url;
    const first = await runCli('feed', [good, '--nats', url, '--repeat', '100', '--replicas', '3']);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /700 event\(s\) published/);

    // --until-idle 60: the feeds after the loss start two more processes; on a loaded machine each
    // takes tens of seconds to start (15 s let the monitor end before they published: seen at load 20).
    const monitor = startCli('monitor', ['--nats', url, '--workers', '2', '--until-idle', '60', '--call-idle', '30', '--ack-wait', '10']);
    running.push(monitor);
    await monitor.waitFor((err) => /monitor: 700 events/.test(err), 300_000);

    const nc = await connect({ servers: url.split(',') });
    const jsm = await jetstreamManager(nc);
    const leader = (await jsm.streams.info('CALLS')).cluster?.leader;
    await nc.close();
    const victim = servers.nodes.find((n) => n.name === leader) ?? servers.nodes[0];
    assert.ok(victim);
    await victim.kill();
    t.diagnostic(`killed ${victim.name} (leader of CALLS: ${leader ?? '?'}) with SIGKILL`);

    // Fed after the loss, through the URLs of all three (the client skips the dead one).
    const second = await runCli('feed', [good, '--nats', url, '--tenant', 'after', '--repeat', '60']);
    assert.equal(second.code, 0, second.stderr);
    const third = await runCli('feed', [bad, '--nats', url, '--tenant', 'after', '--repeat', '40']);
    assert.equal(third.code, 0, third.stderr);

    const r = await monitor.exited;
    assert.equal(r.code, 1, `exit 1: calls deviate\n${r.stderr.slice(-3000)}`);
    const report = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as { totals: Record<string, number> };
    t.diagnostic(JSON.stringify(report));
    assert.deepEqual(report.totals, { calls: 200, conformant: 160, deviating: 40, unrecognised: 0, unreadable: 0, incomplete: 0, duplicates: 0, lost: 0, late: 0 });

    const nc2 = await connect({ servers: servers.url.split(',') });
    // Read back with the client's retries: a cluster that just lost a node can time out a request or two.
    const info = await retrying(async () => (await jetstreamManager(nc2)).streams.info('CALLS'));
    // The feed sends a call's events as one message (support/stream/wire.ts): read them all back.
    let events = 0;
    const messages = await (await retrying(() => jetstream(nc2).consumers.get('CALLS'))).consume({ max_messages: 1_000 });
    for await (const m of messages) {
      events += decodeEvents(m.string(), `CALLS #${m.seq}`).length;
      if (m.seq >= info.state.last_seq) break;
    }
    await nc2.close();
    assert.equal(info.state.messages, 100 + 60 + 40, 'one message per call');
    assert.equal(events, 700 + 420 + 240, 'every event published is in the stream on the surviving nodes');
  });
});
