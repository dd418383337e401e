/**
 * The main thread's side of the client host (clientHostThread.js): one worker thread that loads
 * `genesys-workspace-client-js` and runs the agent sessions of every workspace adapter of the run.
 *
 * Lifetime: loading the client in a fresh thread costs a few hundred milliseconds, so the worker is
 * shared by the adapters of a run (every scenario creates one) through the run's {@link ClientHosts}
 * (support/adapter/select.ts AdapterRun): it starts with the first session, and it ends once no
 * session has been open for {@link IDLE_MS} or when the run closes (it never keeps the process alive).
 * A worker that dies takes its sessions with it: each is told (the adapter reports the scenario
 * broken) and the next session starts a new worker.
 */
import { Worker } from 'node:worker_threads';
import { dirname, join } from 'node:path';
import { VOICE_METHODS, type FromHost, type ToHost } from './hostProtocol';

export const IDLE_MS = 2000;

/** The worker's program: plain JavaScript beside this module (no TypeScript loader in the thread). */
export const HOST_THREAD = join(__dirname, 'clientHostThread.js');

type Body<T extends ToHost> = T extends ToHost ? Omit<T, 'rid' | 'sid'> : never;

export interface SessionEvents {
  /** A voice notification, a re-handshake or a note for this session. */
  message(m: FromHost): void;
  /** The host is gone: nothing more will arrive. */
  lost(reason: string): void;
}

class HostThread {
  private readonly worker: Worker;
  private readonly replies = new Map<number, { resolve(): void; reject(e: Error & { status?: number }): void }>();
  private readonly sessions = new Map<number, SessionEvents>();
  private nextId = 1;
  private idle: NodeJS.Timeout | undefined;
  private dead: string | undefined;

  constructor(private readonly onExit: (host: HostThread) => void) {
    const client = require.resolve('genesys-workspace-client-js');
    const cometd = require.resolve('cometd', { paths: [dirname(client)] });
    const workerData = { clientPath: client, cometdPath: cometd, ackPath: join(dirname(cometd), 'AckExtension.js'), voiceMethods: [...VOICE_METHODS] };
    this.worker = new Worker(HOST_THREAD, { workerData, execArgv: [] });
    this.worker.unref();
    this.worker.on('message', (m: FromHost) => this.onMessage(m));
    this.worker.on('error', (e) => this.die(`the client host failed: ${e.message}`));
    this.worker.on('exit', (code) => this.die(`the client host stopped (exit code ${code})`));
  }

  get alive(): boolean {
    return this.dead === undefined;
  }

  attach(events: SessionEvents): number {
    clearTimeout(this.idle);
    const sid = this.nextId++;
    this.sessions.set(sid, events);
    return sid;
  }

  detach(sid: number): void {
    this.sessions.delete(sid);
    if (this.sessions.size === 0) {
      this.idle = setTimeout(() => void this.worker.terminate(), IDLE_MS);
      this.idle.unref();
    }
  }

  request(sid: number, body: Body<ToHost>): Promise<void> {
    if (this.dead) return Promise.reject(new Error(this.dead));
    const rid = this.nextId++;
    return new Promise((resolve, reject) => {
      this.replies.set(rid, { resolve, reject });
      this.worker.postMessage({ ...body, rid, sid });
    });
  }

  private onMessage(m: FromHost): void {
    if (m.type === 'reply') {
      const waiter = this.replies.get(m.rid);
      this.replies.delete(m.rid);
      if (!waiter) return;
      if (m.ok) waiter.resolve();
      else waiter.reject(Object.assign(new Error(m.error ?? 'the client failed'), m.status !== undefined ? { status: m.status } : {}));
      return;
    }
    if (m.sid === undefined) {
      for (const s of this.sessions.values()) s.message(m);
      return;
    }
    this.sessions.get(m.sid)?.message(m);
  }

  /** Ends the thread now (the run is over); its sessions are told. */
  async stop(): Promise<void> {
    clearTimeout(this.idle);
    await this.worker.terminate();
  }

  private die(reason: string): void {
    if (this.dead) return;
    this.dead = reason;
    for (const r of this.replies.values()) r.reject(new Error(reason));
    this.replies.clear();
    for (const s of this.sessions.values()) s.lost(reason);
    this.sessions.clear();
    this.onExit(this);
  }
}

/** A run's client host: started on demand, replaced when it died, stopped when the run closes. */
export class ClientHosts {
  private thread: HostThread | undefined;

  get(): HostThread {
    if (!this.thread?.alive) {
      this.thread = new HostThread((gone) => {
        if (this.thread === gone) this.thread = undefined;
      });
    }
    return this.thread;
  }

  async close(): Promise<void> {
    const thread = this.thread;
    this.thread = undefined;
    if (thread?.alive) await thread.stop();
  }
}

/** One agent session in the client host; the host is shared, the session is this adapter's. */
export class HostedClient {
  private readonly thread: HostThread;
  private readonly sid: number;
  private closed = false;

  constructor(hosts: ClientHosts, events: SessionEvents) {
    this.thread = hosts.get();
    this.sid = this.thread.attach(events);
  }

  open(options: Omit<Extract<ToHost, { type: 'open' }>, 'type' | 'rid' | 'sid'>): Promise<void> {
    return this.thread.request(this.sid, { type: 'open', ...options });
  }

  voice(method: string, ...args: unknown[]): Promise<void> {
    return this.thread.request(this.sid, { type: 'voice', method, args });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.thread.request(this.sid, { type: 'close' });
    } finally {
      this.thread.detach(this.sid);
    }
  }
}
