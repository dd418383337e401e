/**
 * Network bridge throughput: `calls` concurrent basic calls (make → answer on every call, so all
 * are established at once → release) driven through the bridge adapter over TCP (loopback) against
 * `npm run simulator` in its own process, spread over `connections` sessions (the server runs one
 * simulator per connection). Every event is counted per call: zero may be lost. Baseline: the same
 * workload against the in-process simulator, no network (so the ratio is the cost of the wire:
 * JSON, schema validation on both sides, TCP).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { EventSourceAdapter, PartyConfig } from '../support/adapter/contract';
import { createBridgeAdapter, forgetCapabilities } from '../support/adapter/bridge/BridgeAdapter';
import { SimulatorAdapter } from '../support/simulator/SimulatorAdapter';

const EVENTS_PER_CALL = 6;

export interface BridgeRun {
  readonly calls: number;
  readonly connections: number;
  /** Make → answer → release cycles of all the calls. */
  readonly rounds: number;
  readonly events: number;
  readonly lost: number;
  readonly eventsPerS: number;
}

interface Counted {
  events: number;
  readonly perCall: Map<string, number>;
  readonly ringing: Map<string, string>;
}

/** One session: `calls` calls between DN pairs; resolves when every request was acknowledged. */
async function drive(adapter: EventSourceAdapter, calls: number, rounds: number, tag: number, counted: Counted, phase: (p: Promise<void>) => Promise<void>): Promise<void> {
  const parties: PartyConfig[] = [];
  const pairs: [string, string][] = [];
  for (let i = 0; i < calls; i += 1) {
    const a = String(100000 + tag * 10000 + 2 * i);
    const b = String(100001 + tag * 10000 + 2 * i);
    pairs.push([a, b]);
    parties.push({ name: `A${a}`, dn: a, type: 'Extension', configured: true }, { name: `B${b}`, dn: b, type: 'Extension', configured: true });
  }
  await adapter.open({ parties }, {
    event: (e) => {
      counted.events += 1;
      const conn = typeof e.attributes.ConnID === 'string' ? e.attributes.ConnID : '?';
      // Each connection has its own simulator, whose ConnIDs start from the same seed.
      const key = `${tag}:${conn}`;
      counted.perCall.set(key, (counted.perCall.get(key) ?? 0) + 1);
      if (e.name === 'EventRinging' && typeof e.attributes.ThisDN === 'string') counted.ringing.set(e.attributes.ThisDN, conn);
    },
    fail: (e) => {
      throw e;
    },
  });
  const send = adapter.send?.bind(adapter);
  if (!send) throw new Error(`${adapter.name} cannot send`);
  let ref = 0;
  const all = (name: string, attrs: (a: string, b: string) => Record<string, string>): Promise<void> =>
    Promise.all(pairs.map(([a, b]) => send({ name, attributes: { ...attrs(a, b), ReferenceID: (ref += 1) } }))).then(() => undefined);
  const conn = (b: string): string => counted.ringing.get(b) ?? 'unknown';
  await phase(Promise.resolve()); // every session open: the clock starts here
  for (let round = 0; round < rounds; round += 1) {
    await phase(all('RequestMakeCall', (a, b) => ({ ThisDN: a, OtherDN: b })));
    await phase(all('RequestAnswerCall', (_a, b) => ({ ThisDN: b, ConnID: conn(b) })));
    await phase(all('RequestReleaseCall', (a, b) => ({ ThisDN: a, ConnID: conn(b) })));
  }
  await adapter.close();
}

/** All sessions run their phases in lock step, so every call is established before any is released. */
export async function workload(adapters: readonly EventSourceAdapter[], calls: number, rounds: number): Promise<{ counted: Counted; ms: number }> {
  const counted: Counted = { events: 0, perCall: new Map(), ringing: new Map() };
  const per = Math.ceil(calls / adapters.length);
  const barrier = lockStep(adapters.length);
  await Promise.all(adapters.map((a, i) => drive(a, Math.min(per, calls - i * per), rounds, i, counted, barrier.phase)));
  return { counted, ms: Number(process.hrtime.bigint() - barrier.firstRelease()) / 1e6 };
}

/** A barrier per phase; remembers when the first one opened (all sessions registered). */
function lockStep(n: number): { phase: (p: Promise<void>) => Promise<void>; firstRelease: () => bigint } {
  let waiting: (() => void)[] = [];
  let first: bigint | undefined;
  const phase = async (p: Promise<void>): Promise<void> => {
    await p;
    await new Promise<void>((resolve) => {
      waiting.push(resolve);
      if (waiting.length === n) {
        first ??= process.hrtime.bigint();
        const all = waiting;
        waiting = [];
        for (const r of all) r();
      }
    });
  };
  return { phase, firstRelease: () => first ?? process.hrtime.bigint() };
}

export function summary(calls: number, connections: number, rounds: number, w: { counted: Counted; ms: number }): BridgeRun {
  let lost = 0;
  for (const n of w.counted.perCall.values()) lost += Math.max(0, EVENTS_PER_CALL - n);
  lost += Math.max(0, calls * rounds - w.counted.perCall.size) * EVENTS_PER_CALL;
  return { calls, connections, rounds, events: w.counted.events, lost, eventsPerS: w.counted.events / (w.ms / 1000) };
}

export const SIMULATOR_SERVER = ['support/cli/simulatorServer.ts', '--port', '0', '--quiet'];
export const WIRE_SERVER = [join(__dirname, 'wireServer.child.ts')];

function startServer(args: readonly string[]): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
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

/**
 * One untimed round of the workload on fresh sessions (so both processes have compiled their hot
 * paths: a cold run measures V8's compiler as much as the bridge), then the timed rounds on new
 * sessions. Zero loss is checked on the timed run.
 */
export async function warmThenTime(sessions: () => Promise<EventSourceAdapter[]>, calls: number, connections: number, rounds: number): Promise<BridgeRun> {
  await workload(await sessions(), calls, 1);
  return summary(calls, connections, rounds, await workload(await sessions(), calls, rounds));
}

export async function overTcp(serverArgs: readonly string[], calls: number, connections: number, rounds: number): Promise<BridgeRun> {
  const server = await startServer(serverArgs);
  try {
    return await warmThenTime(() => bridgeSessions(server.url, connections), calls, connections, rounds);
  } finally {
    server.child.kill('SIGTERM');
  }
}

export function bridgeSessions(url: string, connections: number): Promise<EventSourceAdapter[]> {
  forgetCapabilities();
  return Promise.all(Array.from({ length: connections }, () => createBridgeAdapter({ url })));
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
