/**
 * nats-server processes for tests and benchmarks: started on free loopback ports with temporary
 * store directories, and stopped — also when the process that started them dies without stopping
 * them (each server runs under a small shell that kills it when its standard input closes, which
 * the kernel does when the parent goes away). A single server, or a cluster of N with JetStream
 * replicated across them.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { jetstreamManager, StorageType } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';

/** The nats-server binary: $NATS_SERVER, or `nats-server` on PATH or in Debian's /usr/sbin, /usr/bin. */
export function natsServerBinary(): string {
  if (process.env.NATS_SERVER) return process.env.NATS_SERVER;
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/bin'];
  for (const dir of dirs) if (dir && existsSync(join(dir, 'nats-server'))) return join(dir, 'nats-server');
  throw new Error('nats-server was not found (on PATH, /usr/sbin, /usr/bin): install Debian\'s nats-server package (.ci/run does)');
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

const WATCHDOG = '"$0" "$@" </dev/null & p=$!; echo "$p"; read -r _ || true; kill -TERM "$p" 2>/dev/null; wait "$p"';

export class NatsNode {
  private exited: Promise<void>;
  private gone = false;

  private constructor(readonly name: string, readonly port: number, readonly url: string, readonly pid: number, private readonly shell: ChildProcessByStdio<Writable, Readable, null>, readonly log: string) {
    this.exited = new Promise((resolve) => shell.once('exit', () => {
      this.gone = true;
      resolve();
    }));
  }

  static async start(name: string, dir: string, args: readonly string[], port: number): Promise<NatsNode> {
    const log = join(dir, `${name}.log`);
    const shell = spawn('/bin/sh', ['-c', WATCHDOG, natsServerBinary(), '-js', '-a', '127.0.0.1', '-p', String(port), '-n', name, '-sd', join(dir, name), '-l', log, ...args], { stdio: ['pipe', 'pipe', 'ignore'] });
    const pid = await new Promise<number>((resolve, reject) => {
      shell.once('error', reject);
      shell.stdout.once('data', (d: Buffer) => resolve(Number(String(d).trim())));
      shell.once('exit', () => reject(new Error(`nats-server ${name} did not start (see ${log})`)));
    });
    const node = new NatsNode(name, port, `nats://127.0.0.1:${port}`, pid, shell, log);
    await waitForPort(port, 15_000, log);
    return node;
  }

  get running(): boolean {
    return !this.gone;
  }

  /** Stops it (SIGTERM), and waits. */
  async stop(): Promise<void> {
    if (this.gone) return;
    this.shell.stdin.end();
    await this.exited;
  }

  /** Kills the server with SIGKILL, as a crash would (its shell then exits too). */
  async kill(): Promise<void> {
    if (this.gone) return;
    try {
      process.kill(this.pid, 'SIGKILL');
    } catch {
      // already gone
    }
    this.shell.stdin.end();
    await this.exited;
  }
}

async function waitForPort(port: number, ms: number, log: string): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = tcpConnect(port, '127.0.0.1', () => {
        s.destroy();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`nats-server did not listen on 127.0.0.1:${port} within ${ms} ms (see ${log})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** One server or a cluster, in a temporary directory removed by {@link stop}. */
export class NatsServers {
  private constructor(readonly nodes: NatsNode[], readonly dir: string) {}

  /**
   * `size` 1: a single JetStream server; more: a cluster (routes on loopback), JetStream replicated.
   * A cluster is ready when a stream with `size` replicas can be placed: every node has joined. The
   * free ports are found, then released before the servers take them, so another process on the
   * machine (a parallel spec) can take one first and leave a node out; a cluster that does not
   * become whole within 30 s is stopped and started again on fresh ports (3 tries).
   */
  static async start(size = 1): Promise<NatsServers> {
    for (let attempt = 1; ; attempt++) {
      const servers = await NatsServers.startOnce(size);
      const refused = size === 1 ? undefined : await servers.placementRefused(size, 30_000);
      if (refused === undefined) return servers;
      await servers.stop();
      if (attempt === 3) throw new Error(`a ${size}-node JetStream cluster did not form in 3 tries: a stream with ${size} replicas could not be placed (${refused})`);
    }
  }

  private static async startOnce(size: number): Promise<NatsServers> {
    const dir = mkdtempSync(join(tmpdir(), 'cmc-nats-'));
    const nodes: NatsNode[] = [];
    const servers = new NatsServers(nodes, dir);
    try {
      const ports = await Promise.all(Array.from({ length: size }, () => freePort()));
      const routes = await Promise.all(Array.from({ length: size }, () => freePort()));
      for (let i = 0; i < size; i++) {
        const cluster = size > 1 ? ['--cluster_name', 'cmc', '--cluster', `nats://127.0.0.1:${routes[i] ?? 0}`, '--routes', routes.filter((_, j) => j !== i).map((p) => `nats://127.0.0.1:${p}`).join(',')] : [];
        nodes.push(await NatsNode.start(`n${i + 1}`, dir, cluster, ports[i] ?? 0));
      }
      await servers.jetStreamReady(60_000);
    } catch (e) {
      await servers.stop();
      throw e;
    }
    return servers;
  }

  /** Why a stream of `replicas` replicas could not be placed (then removed) within `ms`; undefined when it could. */
  private async placementRefused(replicas: number, ms: number): Promise<string | undefined> {
    const until = Date.now() + ms;
    const nc = await connect({ servers: this.url.split(','), timeout: 2_000 });
    try {
      const jsm = await jetstreamManager(nc, { timeout: 5_000 });
      for (;;) {
        try {
          await jsm.streams.add({ name: 'CMC_PLACEMENT_PROBE', subjects: ['cmc.placement.probe'], num_replicas: replicas, storage: StorageType.Memory });
          await jsm.streams.delete('CMC_PLACEMENT_PROBE');
          return undefined;
        } catch (e) {
          if (Date.now() > until) return (e as Error).message;
          await new Promise((r) => setTimeout(r, 500));
        }
      }
    } finally {
      await nc.close();
    }
  }

  /** Waits until JetStream answers (a cluster first elects its meta leader). */
  async jetStreamReady(ms: number): Promise<void> {
    const until = Date.now() + ms;
    for (;;) {
      const nc = await connect({ servers: this.url.split(','), timeout: 2_000 }).catch(() => undefined);
      try {
        if (nc) {
          await (await jetstreamManager(nc, { timeout: 2_000 })).getAccountInfo();
          return;
        }
      } catch (e) {
        if (Date.now() > until) throw new Error(`JetStream not ready on ${this.url} within ${ms} ms: ${(e as Error).message}`, { cause: e });
      } finally {
        await nc?.close();
      }
      if (Date.now() > until) throw new Error(`JetStream not ready on ${this.url} within ${ms} ms`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  /** The client URLs of the nodes still running, comma-separated (what `--nats` takes). */
  get url(): string {
    return this.nodes.filter((n) => n.running).map((n) => n.url).join(',');
  }

  async stop(): Promise<void> {
    await Promise.all(this.nodes.map((n) => n.stop()));
    rmSync(this.dir, { recursive: true, force: true });
  }
}
