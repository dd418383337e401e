/**
 * The monitor (`npm run monitor`): K worker processes (workerProcess.ts), each owning every K-th
 * partition of the events stream; a live one-line status; with `untilIdleS`, the end of the run
 * once nothing has arrived for that long and nothing is left to deliver — every open call is then
 * judged as it is, and the totals of the verdicts stream are read back. A worker that dies is
 * started again on the same partitions (its unacknowledged events come back to it).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { JetStreamManager } from '@nats-io/jetstream';
import { TestCompromisedError } from '../../errors';
import { partitionsOfWorker } from '../partition';
import type { Totals } from '../verdict';
import { connectNats, ensureVerdictsStream, eventsStream, manager, type EventsStream } from './connection';
import type { LostMessages } from '../coverage';
import { readVerdicts } from './totals';
import { consumerName, type WorkerStatus } from './worker';
import type { WorkerProcessOptions } from './workerProcess';
import { TYPESCRIPT_NODE_ARGS } from '../../accel/typescriptNode';

export interface MonitorOptions {
  readonly url: string;
  readonly stream: string;
  readonly verdicts: string;
  readonly group: string;
  readonly workers: number;
  /** End after this many seconds without new events (and nothing left to deliver). */
  readonly untilIdleS?: number;
  readonly callIdleMs: number;
  readonly ackWaitMs: number;
  readonly maxAckPending: number;
  readonly duplicateWindowMs: number;
  readonly settleMs?: number;
  readonly features?: readonly string[];
  readonly featuresDir?: string;
  /** The status line, about once a second. */
  readonly onStatus?: (line: string) => void;
  /** Give up when the workers are not consuming after this long (loading the models included). */
  readonly startTimeoutMs?: number;
}

export interface MonitorResult {
  readonly totals: Totals;
  /** Messages of the events stream no worker took (a stream limit discarded them unread): why `totals.lost` is not 0. */
  readonly lost: LostMessages;
  /** Events the workers processed (redeliveries included), and the messages that brought them. */
  readonly events: number;
  readonly messages: number;
  readonly redelivered: number;
  readonly suppressed: number;
  readonly seconds: number;
  readonly workers: number;
  readonly partitions: number;
  readonly restarts: number;
  /** The most open calls a worker held at once, and the largest worker's peak resident memory (MB). */
  readonly maxOpenCalls: number;
  readonly peakWorkerRssMb: number;
}

type FromWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'status' | 'drained'; readonly status: WorkerStatus }
  | { readonly type: 'error'; readonly message: string };

interface Slot {
  child: ChildProcess | undefined;
  status: WorkerStatus | undefined;
  ready: boolean;
  readonly partitions: number[];
}

const WORKER = join(__dirname, 'workerProcess.ts');

export class Monitor {
  private readonly slots: Slot[] = [];
  /** What workers that died had counted. */
  private readonly retired = { events: 0, messages: 0, redelivered: 0, suppressed: 0, peakRssMb: 0, maxOpen: 0 };
  private stopping = false;
  private restarts = 0;
  private errors: string[] = [];

  constructor(private readonly options: MonitorOptions) {}

  async run(signal?: AbortSignal): Promise<MonitorResult> {
    const started = Date.now();
    const nc = await connectNats(this.options.url, 'cmc-monitor');
    try {
      const jsm = await manager(nc, this.options.url);
      const events = await eventsStream(jsm, this.options.url, this.options.stream);
      await ensureVerdictsStream(jsm, this.options.verdicts, events.replicas, this.options.duplicateWindowMs);
      const k = Math.max(1, Math.min(this.options.workers, events.partitions));
      for (let i = 0; i < k; i++) this.slots.push({ child: undefined, status: undefined, ready: false, partitions: partitionsOfWorker(i, k, events.partitions) });
      this.slots.forEach((_, i) => this.spawn(i));
      await this.untilReady();
      await this.watch(jsm, events, started, signal);
      await this.finish();
      const { totals, lost } = await readVerdicts(nc, this.options.verdicts);
      const sum = this.sum();
      return { totals, lost, events: sum.events, messages: sum.messages, redelivered: sum.redelivered, suppressed: sum.suppressed, seconds: (Date.now() - started) / 1000, workers: k, partitions: events.partitions, restarts: this.restarts, maxOpenCalls: sum.maxOpen, peakWorkerRssMb: sum.peakRssMb };
    } finally {
      this.stopping = true;
      for (const s of this.slots) s.child?.kill('SIGKILL');
      await nc.close();
    }
  }

  private spawn(i: number): void {
    const slot = this.slots[i] as Slot;
    const o = this.options;
    const options: WorkerProcessOptions = {
      index: i, url: o.url, stream: o.stream, verdicts: o.verdicts, group: o.group, partitions: slot.partitions, callIdleMs: o.callIdleMs,
      ackWaitMs: o.ackWaitMs, maxAckPending: o.maxAckPending, ...(o.settleMs !== undefined ? { settleMs: o.settleMs } : {}),
      ...(o.features ? { features: o.features } : {}), ...(o.featuresDir ? { featuresDir: o.featuresDir } : {}),
    };
    const child = fork(WORKER, [JSON.stringify(options)], { execArgv: [...TYPESCRIPT_NODE_ARGS, ...workerNodeOptions()], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    slot.child = child;
    slot.ready = false;
    child.on('message', (m: FromWorker) => {
      if (m.type === 'ready') slot.ready = true;
      else if (m.type === 'error') this.errors.push(`worker ${i + 1}: ${m.message}`);
      else slot.status = m.status;
    });
    child.on('exit', (code, sig) => {
      if (this.stopping || slot.child !== child) return;
      this.retire(slot);
      this.restarts += 1;
      this.options.onStatus?.(`worker ${i + 1} (partitions ${slot.partitions.join(',')}) ended (${sig ?? `exit ${code ?? '?'}`}); starting it again`);
      if (this.restarts > 10 * this.slots.length) {
        this.errors.push(`workers keep dying (${this.restarts} restarts)`);
        return;
      }
      this.spawn(i);
    });
  }

  private retire(slot: Slot): void {
    if (!slot.status) return;
    this.retired.events += slot.status.events;
    this.retired.messages += slot.status.messages;
    this.retired.redelivered += slot.status.redelivered;
    this.retired.suppressed += slot.status.suppressed;
    this.retired.peakRssMb = Math.max(this.retired.peakRssMb, slot.status.peakRssMb);
    this.retired.maxOpen = Math.max(this.retired.maxOpen, slot.status.maxOpen);
    slot.status = undefined;
  }

  private async untilReady(): Promise<void> {
    const until = Date.now() + (this.options.startTimeoutMs ?? 180_000);
    while (!this.slots.every((s) => s.ready)) {
      this.raise();
      if (Date.now() > until) throw new TestCompromisedError(`the monitor's workers were not consuming after ${(this.options.startTimeoutMs ?? 180_000) / 1000} s`);
      await sleep(100);
    }
  }

  private raise(): void {
    if (this.errors.length) throw new TestCompromisedError(`the monitor could not run: ${this.errors.join('; ')}`);
  }

  private sum(): WorkerStatus & { workersUp: number } {
    const total: WorkerStatus & { workersUp: number } = {
      events: this.retired.events, messages: this.retired.messages, redelivered: this.retired.redelivered, suppressed: this.retired.suppressed, open: 0, held: 0, publishing: 0, incomplete: 0, seen: 0, late: 0, failed: 0, maxOpen: this.retired.maxOpen, peakRssMb: this.retired.peakRssMb,
      verdicts: { conforms: 0, deviates: 0, unrecognised: 0, unreadable: 0 }, workersUp: 0,
    };
    for (const s of this.slots) {
      if (s.ready) total.workersUp += 1;
      const st = s.status;
      if (!st) continue;
      total.events += st.events;
      total.messages += st.messages;
      total.redelivered += st.redelivered;
      total.suppressed += st.suppressed;
      total.open += st.open;
      total.held += st.held;
      total.publishing += st.publishing;
      total.incomplete += st.incomplete;
      total.failed += st.failed;
      total.late += st.late;
      total.maxOpen = Math.max(total.maxOpen, st.maxOpen);
      total.peakRssMb = Math.max(total.peakRssMb, st.peakRssMb);
      for (const k of Object.keys(total.verdicts) as (keyof WorkerStatus['verdicts'])[]) total.verdicts[k] += st.verdicts[k];
      if (st.lastError) total.lastError = st.lastError;
    }
    return total;
  }

  /** Status once a second; returns when idle (untilIdleS) or aborted. */
  private async watch(jsm: JetStreamManager, events: EventsStream, started: number, signal?: AbortSignal): Promise<void> {
    let lastMessages = -1;
    let lastChange = Date.now();
    let lastTick = { at: started, events: 0 };
    while (!signal?.aborted) {
      await sleep(1_000);
      this.raise();
      const s = this.sum();
      const now = Date.now();
      const rate = ((s.events - lastTick.events) * 1000) / Math.max(1, now - lastTick.at);
      lastTick = { at: now, events: s.events };
      this.options.onStatus?.(statusLine(s, rate));
      if (s.messages !== lastMessages) {
        lastMessages = s.messages;
        lastChange = now;
      }
      const idleS = this.options.untilIdleS;
      if (idleS === undefined || now - lastChange < idleS * 1000 || s.workersUp < this.slots.length || s.publishing > 0) continue;
      if (await this.nothingLeft(jsm, events, s.held)) return;
    }
  }

  /** Nothing left to deliver, and nothing delivered but unacknowledged beyond what the workers hold (a dead worker's events wait for their ack wait). */
  private async nothingLeft(jsm: JetStreamManager, events: EventsStream, held: number): Promise<boolean> {
    let pending = 0;
    let unacked = 0;
    for (let p = 0; p < events.partitions; p++) {
      const info = await jsm.consumers.info(events.name, consumerName(this.options.group, p)).catch(() => undefined);
      if (!info) return false;
      pending += info.num_pending;
      unacked += info.num_ack_pending;
    }
    return pending === 0 && unacked <= held;
  }

  /** Every worker judges what it holds and stores the verdicts; then they stop. */
  private async finish(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.slots.map((slot) => new Promise<void>((resolve) => {
      const child = slot.child;
      if (!child || child.exitCode !== null) {
        resolve();
        return;
      }
      child.on('message', (m: FromWorker) => {
        if (m.type === 'drained') {
          slot.status = m.status;
          child.send({ type: 'stop' });
        }
      });
      child.once('exit', () => resolve());
      child.send({ type: this.options.untilIdleS === undefined ? 'stop' : 'drain' });
    })));
    this.raise();
  }
}

export function statusLine(s: WorkerStatus & { workersUp: number }, rate: number): string {
  const v = s.verdicts;
  return `monitor: ${s.events} events (${Math.round(rate)}/s), ${s.open} open calls; verdicts: ${v.conforms} conform, ${v.deviates} deviate, ${v.unrecognised} unrecognised, ${v.unreadable} unreadable`
    + `${s.incomplete ? ` (${s.incomplete} incomplete)` : ''}; ${s.suppressed} duplicate verdicts suppressed; ${s.redelivered} message(s) redelivered; ${s.workersUp} worker(s)`
    + (s.late ? `; ${s.late} event(s) came after their call's verdict (judged after --call-idle while going on)` : '')
    + (s.failed ? `; ${s.failed} verdicts not stored (${s.lastError ?? ''})` : '');
}

/**
 * Node options of a worker: a young generation of 32 MB semi-spaces (Node's default is 16) — a
 * worker's garbage is mostly young (a message's records, a call's verdict), and the larger nursery
 * cut its share of a worker's CPU from ~14-15% to ~11% in profiles of the monitor benchmark; then
 * those for the workers alone, for profiling them (`CMC_WORKER_NODE_OPTIONS="--cpu-prof
 * --cpu-prof-dir=prof"`; a later option wins).
 */
function workerNodeOptions(): string[] {
  return ['--max-semi-space-size=32', ...(process.env.CMC_WORKER_NODE_OPTIONS ?? '').split(' ').filter(Boolean)];
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
