/**
 * Network bridge throughput: `calls` concurrent basic calls (make → answer → release, each call
 * driven by its own acknowledgements, all calls started together) driven through the bridge
 * adapter over TCP (loopback) against `npm run simulator` in its own process, spread over `connections` sessions (the server runs one
 * simulator per connection). Every event is counted per call: zero may be lost. Baseline: the same
 * workload against the in-process simulator, no network (so the ratio is the cost of the wire:
 * JSON, schema validation on both sides, TCP).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { EventSourceAdapter, PartyConfig } from '../support/adapter/contract';
import { createBridgeAdapter } from '../support/adapter/bridge/BridgeAdapter';
import { BridgeRun as HarnessBridgeRun } from '../support/adapter/bridge/run';
import { SimulatorAdapter } from '../support/simulator/SimulatorAdapter';
import { TYPESCRIPT_NODE_ARGS } from '../support/accel/typescriptNode';

const EVENTS_PER_CALL = 6;

export interface BridgeRun {
  readonly calls: number;
  readonly connections: number;
  /** Make → answer → release cycles of all the calls. */
  readonly rounds: number;
  readonly events: number;
  /** The most calls up at one time (first event seen, not all six yet), and the mean at each event. */
  readonly peakConcurrent: number;
  readonly meanConcurrent: number;
  readonly eventsPerS: number;
  /** Timed runs made (each on fresh sessions): the fields above are the fastest's. */
  readonly runs: number;
  /** The slowest run's events/s. */
  readonly slowestEventsPerS: number;
  /** Events lost, summed over every timed run (zero must hold for all of them, not only the fastest). */
  readonly lost: number;
}

interface Counted {
  events: number;
  /** Per session (each has its own simulator, whose ConnIDs start from the same seed): events per ConnID. */
  readonly perCall: Map<string, number>[];
  /** Calls with at least one event and fewer than all of theirs, now and at most; summed at each event. */
  live: number;
  peakLive: number;
  liveSum: number;
}

/**
 * One session: `calls` call slots between DN pairs; each slot makes its call, answers it, releases
 * it, `rounds` times, each request sent when the previous one was acknowledged (an ack follows
 * every event its request caused). The slots run side by side and all start together, so up to
 * `calls` calls are up at once, and no slot waits for another: the harness and the server work at
 * the same time, as a CTI client reacting to its own calls does.
 */
async function drive(adapter: EventSourceAdapter, calls: number, rounds: number, tag: number, counted: Counted, start: () => Promise<void>): Promise<void> {
  const parties: PartyConfig[] = [];
  const pairs: [string, string][] = [];
  for (let i = 0; i < calls; i += 1) {
    const a = String(100000 + tag * 10000 + 2 * i);
    const b = String(100001 + tag * 10000 + 2 * i);
    pairs.push([a, b]);
    parties.push({ name: `A${a}`, dn: a, type: 'Extension', configured: true }, { name: `B${b}`, dn: b, type: 'Extension', configured: true });
  }
  const perCall = new Map<string, number>();
  counted.perCall[tag] = perCall;
  const ringing = new Map<string, string>();
  await adapter.open({ parties }, {
    event: (e) => {
      counted.events += 1;
      const conn = typeof e.attributes.ConnID === 'string' ? e.attributes.ConnID : '?';
      const seen = (perCall.get(conn) ?? 0) + 1;
      perCall.set(conn, seen);
      if (seen === 1) counted.peakLive = Math.max(counted.peakLive, (counted.live += 1));
      if (seen === EVENTS_PER_CALL) counted.live -= 1;
      counted.liveSum += counted.live;
      if (e.name === 'EventRinging' && typeof e.attributes.ThisDN === 'string') ringing.set(e.attributes.ThisDN, conn);
    },
    fail: (e) => {
      throw e;
    },
  });
  const send = adapter.send?.bind(adapter);
  if (!send) throw new Error(`${adapter.name} cannot send`);
  let ref = 0;
  const conn = (b: string): string => ringing.get(b) ?? 'unknown';
  await start(); // every session open: the clock starts here
  await Promise.all(pairs.map(async ([a, b]) => {
    for (let round = 0; round < rounds; round += 1) {
      await send({ name: 'RequestMakeCall', attributes: { ThisDN: a, OtherDN: b, ReferenceID: (ref += 1) } });
      await send({ name: 'RequestAnswerCall', attributes: { ThisDN: b, ConnID: conn(b), ReferenceID: (ref += 1) } });
      await send({ name: 'RequestReleaseCall', attributes: { ThisDN: a, ConnID: conn(b), ReferenceID: (ref += 1) } });
    }
  }));
  await adapter.close();
}

/** Every session opens, then all start together; the time runs from that start to the last close. */
export async function workload(adapters: readonly EventSourceAdapter[], calls: number, rounds: number): Promise<{ counted: Counted; ms: number }> {
  const counted: Counted = { events: 0, perCall: [], live: 0, peakLive: 0, liveSum: 0 };
  const per = Math.ceil(calls / adapters.length);
  const barrier = startTogether(adapters.length);
  await Promise.all(adapters.map((a, i) => drive(a, Math.min(per, calls - i * per), rounds, i, counted, barrier.start)));
  return { counted, ms: Number(process.hrtime.bigint() - barrier.startedAt()) / 1e6 };
}

/** A barrier that opens when all `n` sessions reached it; remembers when. */
function startTogether(n: number): { start: () => Promise<void>; startedAt: () => bigint } {
  let waiting: (() => void)[] = [];
  let at: bigint | undefined;
  const start = (): Promise<void> => new Promise<void>((resolve) => {
    waiting.push(resolve);
    if (waiting.length === n) {
      at = process.hrtime.bigint();
      for (const r of waiting) r();
      waiting = [];
    }
  });
  return { start, startedAt: () => at ?? process.hrtime.bigint() };
}

export function summary(calls: number, connections: number, rounds: number, w: { counted: Counted; ms: number }): BridgeRun {
  let lost = 0;
  let seen = 0;
  for (const session of w.counted.perCall) {
    seen += session.size;
    for (const n of session.values()) lost += Math.max(0, EVENTS_PER_CALL - n);
  }
  lost += Math.max(0, calls * rounds - seen) * EVENTS_PER_CALL;
  const eventsPerS = w.counted.events / (w.ms / 1000);
  return { calls, connections, rounds, events: w.counted.events, lost, peakConcurrent: w.counted.peakLive, meanConcurrent: w.counted.liveSum / Math.max(1, w.counted.events), eventsPerS, runs: 1, slowestEventsPerS: eventsPerS };
}

export const SIMULATOR_SERVER = ['support/cli/simulatorServer.ts', '--port', '0', '--quiet'];
export const WIRE_SERVER = [join(__dirname, 'wireServer.child.ts')];

function startServer(args: readonly string[]): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [...TYPESCRIPT_NODE_ARGS, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error('the simulator server did not start within 30 s'));
    }, 30_000);
    child.once('exit', (code) => reject(new Error(`the simulator server exited (${String(code)})`)));
    if (!child.stdout) throw new Error('no stdout');
    createInterface({ input: child.stdout }).once('line', (line) => {
      clearTimeout(timer);
      resolve({ url: line.replace(/^listening /, ''), child });
    });
  });
}

export interface BridgeResult {
  readonly bridge: BridgeRun;
  readonly inProcess: BridgeRun;
  /** The same workload through the bridge against a server whose system does no work (wireServer.child.ts). */
  readonly wireOnly: BridgeRun;
  /** in-process events/s ÷ bridge events/s. */
  readonly ratio: number;
}

/** Timed runs of each workload: the fastest is reported, like (a) and (b), with the slowest beside it. */
export const TIMED_RUNS = 3;

/**
 * One untimed round of the workload on fresh sessions (so both processes have compiled their hot
 * paths: a cold run measures V8's compiler as much as the bridge), then `runs` timed runs, each
 * on new sessions. The fastest is kept (this machine is shared: a run can lose a quarter of its
 * time to other tenants), the slowest reported beside it, and the events lost are summed over all.
 */
export async function warmThenTime(sessions: () => Promise<EventSourceAdapter[]>, calls: number, connections: number, rounds: number, runs = TIMED_RUNS): Promise<BridgeRun> {
  await workload(await sessions(), calls, 1);
  const timed: BridgeRun[] = [];
  for (let i = 0; i < runs; i++) timed.push(summary(calls, connections, rounds, await workload(await sessions(), calls, rounds)));
  timed.sort((a, b) => b.eventsPerS - a.eventsPerS);
  const [fastest, slowest] = [timed[0], timed[timed.length - 1]] as [BridgeRun, BridgeRun];
  return { ...fastest, runs: timed.length, slowestEventsPerS: slowest.eventsPerS, lost: timed.reduce((sum, r) => sum + r.lost, 0) };
}

export async function overTcp(serverArgs: readonly string[], calls: number, connections: number, rounds: number): Promise<BridgeRun> {
  const server = await startServer(serverArgs);
  try {
    return await warmThenTime(() => bridgeSessions(server.url, connections), calls, connections, rounds);
  } finally {
    server.child.kill('SIGTERM');
  }
}

/** `connections` sessions of one run (capabilities asked once), each on its own connection. */
export function bridgeSessions(url: string, connections: number): Promise<EventSourceAdapter[]> {
  const run = new HarnessBridgeRun();
  return Promise.all(Array.from({ length: connections }, () => createBridgeAdapter({ url }, run)));
}

export function inProcessSessions(connections: number): Promise<EventSourceAdapter[]> {
  return Promise.resolve(Array.from({ length: connections }, () => new SimulatorAdapter()));
}

export async function bridgeBench(calls: number, connections: number, rounds: number): Promise<BridgeResult> {
  const inProcess = await warmThenTime(() => inProcessSessions(connections), calls, connections, rounds);
  const bridge = await overTcp(SIMULATOR_SERVER, calls, connections, rounds);
  const wireOnly = await overTcp(WIRE_SERVER, calls, connections, rounds);
  return { bridge, inProcess, wireOnly, ratio: inProcess.eventsPerS / bridge.eventsPerS };
}
