/**
 * The network bridge under a non-reading flooder (issue 22): `npm run simulator` in its own
 * process with its default limits, the well-behaved workload of (d) driven through it while
 * clients flood it and never read a byte of the answers — one with invalid lines (each answered by
 * an error quoting it: more output than input), one with valid requests pipelined after its hello
 * and register (each making events). Fresh flooders start with each timed run, at the same moment
 * as the workload.
 *
 * Reported: the workload's events/s under the flood as a ratio to the same workload without it
 * (same server process, measured first), events lost (must be 0), the server's peak RSS (VmHWM;
 * target < 300 MB), how much the flooders got the server to read before it stopped reading them,
 * and whether they were dropped (writeStallMs, 30 s by default) with the reason logged.
 */
import type { BridgeRun } from './bridge.bench';
import { bridgeSessions, summary, workload } from './bridge.bench';
import { HELLO, rawPeer, type RawPeer } from '../support/adapter/bridge/abuseKit';
import { DEFAULT_LIMITS } from '../support/adapter/bridge/limits';
import { startServerProcess, type ServerProcess } from '../support/adapter/bridge/serverProcess';

export interface FloodResult {
  readonly baseline: BridgeRun;
  readonly flooded: BridgeRun;
  /** flooded events/s ÷ baseline events/s. */
  readonly ratio: number;
  readonly flooders: number;
  /** The most one flooder got the server to read before reading stopped, MB. */
  readonly maxAcceptedMb: number;
  readonly startRssMb: number;
  /** The server's peak after the runs without flooders (what the workload alone costs), and after all. */
  readonly baselinePeakRssMb: number;
  readonly peakRssMb: number;
  /** Flooders the server dropped within writeStallMs + 15 s of the last run, of all. */
  readonly dropped: number;
  readonly writeStallMs: number;
  readonly dropLogged: boolean;
  readonly logLines: number;
}

const REGISTER = '{"type":"register","parties":[{"name":"Alice","dn":"7001","type":"Extension","configured":true},{"name":"Bob","dn":"7002","type":"Extension","configured":true}]}\n';

function invalidLines(from: number): string {
  let text = '';
  for (let i = from; i < from + 2000; i += 1) text += `{"type":"bogus","n":${i},"pad":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}\n`;
  return text;
}

function requests(from: number): string {
  let text = '';
  for (let i = from; i < from + 500; i += 1) text += `{"type":"request","referenceId":${i},"name":"RequestMakeCall","attributes":{"ThisDN":"7001","OtherDN":"7002","ReferenceID":${i}}}\n`;
  return text;
}

/** Push up to 210 MB (the flood) until the server stops taking it; MB written. */
async function flood(peer: RawPeer, chunk: (from: number) => string, per: number): Promise<number> {
  let written = 0;
  for (let from = 1; written < 210 * 1024 * 1024; from += per) {
    const text = chunk(from);
    if (!(await peer.write(text, 3000))) break;
    written += text.length;
  }
  return written / (1024 * 1024);
}

async function startFlooders(server: ServerProcess): Promise<{ peers: RawPeer[]; done: Promise<number[]> }> {
  const bad = await rawPeer(server.port, { read: false });
  const busy = await rawPeer(server.port, { read: false });
  await bad.write(HELLO, 3000);
  await busy.write(`${HELLO}${REGISTER}`, 3000);
  return { peers: [bad, busy], done: Promise.all([flood(bad, invalidLines, 2000), flood(busy, requests, 500)]) };
}

/** `writeStallMs`: the server's (its default unless a spec shortens the wait for the drops). */
export async function bridgeFloodBench(calls: number, connections: number, rounds: number, runs = 3, writeStallMs = DEFAULT_LIMITS.writeStallMs): Promise<FloodResult> {
  const server = await startServerProcess(writeStallMs === DEFAULT_LIMITS.writeStallMs ? [] : ['--limit', `writeStallMs=${writeStallMs}`]);
  try {
    const startRssMb = server.rssMb();
    const timed = async (withFlood: boolean): Promise<{ run: BridgeRun; peers: RawPeer[]; accepted: number[] }> => {
      const sessions = await bridgeSessions(server.url, connections);
      const flooders = withFlood ? await startFlooders(server) : undefined;
      const run = summary(calls, connections, rounds, await workload(sessions, calls, rounds));
      return { run, peers: flooders?.peers ?? [], accepted: flooders ? await flooders.done : [] };
    };
    await timed(false); // warm-up: both processes compile their hot paths
    const fastest = (xs: BridgeRun[]): BridgeRun => {
      const sorted = [...xs].sort((a, b) => b.eventsPerS - a.eventsPerS);
      const [best, worst] = [sorted[0], sorted[sorted.length - 1]] as [BridgeRun, BridgeRun];
      return { ...best, runs: sorted.length, slowestEventsPerS: worst.eventsPerS, lost: sorted.reduce((sum, r) => sum + r.lost, 0) };
    };
    const plain: BridgeRun[] = [];
    for (let i = 0; i < runs; i += 1) plain.push((await timed(false)).run);
    const baselinePeakRssMb = server.peakRssMb();
    const flooded: BridgeRun[] = [];
    const peers: RawPeer[] = [];
    const accepted: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      const r = await timed(true);
      flooded.push(r.run);
      peers.push(...r.peers);
      accepted.push(...r.accepted);
    }
    const peakRssMb = server.peakRssMb();
    const deadline = Date.now() + writeStallMs + 15_000;
    while (peers.some((p) => !p.dropped()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    const dropped = peers.filter((p) => p.dropped()).length;
    for (const p of peers) p.socket.destroy();
    const baseline = fastest(plain);
    const underFlood = fastest(flooded);
    return {
      baseline, flooded: underFlood, ratio: underFlood.eventsPerS / baseline.eventsPerS,
      flooders: peers.length, maxAcceptedMb: Math.max(...accepted), startRssMb, baselinePeakRssMb, peakRssMb,
      dropped, writeStallMs,
      dropLogged: server.log.some((l) => /peer dropped: .*writeStallMs/.test(l)),
      logLines: server.log.length,
    };
  } finally {
    await server.stop();
  }
}
