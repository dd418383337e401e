/**
 * Byte transports for the bridge protocol: TCP (optionally TLS) and WebSocket (ws/wss). Both give a
 * {@link Channel}: numbered incoming lines and a way to write messages. Either side can dial or
 * listen; listening binds to loopback unless the caller names another host.
 */
import { createServer as createTcpServer, connect as tcpConnect, type Server as NetServer, type Socket } from 'node:net';
import { connect as tlsConnect, createServer as createTlsServer } from 'node:tls';
import { createServer as createHttpsServer } from 'node:https';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { encode, LineDecoder, type WireMessage } from './protocol';

export type TransportKind = 'tcp' | 'ws';

export interface TlsFiles {
  /** PEM files. cert+key for a listener; ca to trust a self-signed peer when dialling. */
  readonly cert?: string;
  readonly key?: string;
  readonly ca?: string;
}

export interface Endpoint {
  readonly transport: TransportKind;
  readonly host: string;
  readonly port: number;
  /** WebSocket path (default `/`). */
  readonly path?: string;
  readonly tls?: TlsFiles;
}

export interface ChannelHandlers {
  line(line: string, lineNo: number): void;
  /** The peer went away or the transport failed (`error` set), or we closed it. */
  closed(error?: Error): void;
}

/** A connection carrying one protocol session. */
export class Channel {
  private handlers: ChannelHandlers | undefined;
  private readonly early: (() => void)[] = [];
  private ended = false;
  private readonly decoder = new LineDecoder((line, n) => {
    // Once started, straight to the handlers (no closure per line); before, kept in order.
    if (this.handlers) this.handlers.line(line, n);
    else this.early.push(() => this.handlers?.line(line, n));
  });

  constructor(readonly peer: string, private readonly io: { write(text: string): void; end(): void; destroy(): void; hold?(keep: boolean): void }) {}

  /** Whether this connection keeps the process alive (parked listen-mode connections do not). */
  hold(keep: boolean): void {
    this.io.hold?.(keep);
  }

  /** Attach the handlers; anything that arrived before is delivered now, in order. */
  start(handlers: ChannelHandlers): void {
    this.handlers = handlers;
    for (const deliver of this.early.splice(0)) deliver();
  }

  write(message: WireMessage): void {
    if (!this.ended) this.io.write(encode(message));
  }

  get isOpen(): boolean {
    return !this.ended;
  }

  /** Graceful end; the transport is destroyed if the peer does not finish within a second. */
  close(): void {
    if (this.ended) return;
    this.io.end();
    setTimeout(() => this.io.destroy(), 1000).unref();
  }

  /** @internal transport callbacks */
  received(chunk: string): void {
    try {
      this.decoder.push(chunk);
    } catch (e) {
      this.failed(e as Error);
      this.io.destroy();
    }
  }

  /** @internal */
  failed(error?: Error): void {
    if (this.ended) return;
    this.ended = true;
    const pending = this.decoder.pending.trim();
    const why = error ?? (pending ? new Error(`the connection ended inside a message (truncated line ${pending.slice(0, 200)})`) : undefined);
    this.dispatch(() => this.handlers?.closed(why));
  }

  private dispatch(deliver: () => void): void {
    if (this.handlers) deliver();
    else this.early.push(deliver);
  }
}

function socketChannel(socket: Socket): Channel {
  // Messages written in one turn of the event loop (the events and acks of every request that
  // arrived in one chunk) leave in one write, just after the turn: a system call per message cost
  // more than the message (bench/RESULTS.md).
  let pending = '';
  const flush = (): void => {
    if (pending === '') return;
    const text = pending;
    pending = '';
    if (socket.writable) socket.write(text);
  };
  const channel = new Channel(`${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`, {
    write: (text) => {
      if (pending === '') setImmediate(flush);
      pending += text;
    },
    end: () => {
      flush();
      socket.end();
    },
    destroy: () => {
      flush();
      socket.destroy();
    },
    hold: (keep) => (keep ? socket.ref() : socket.unref()),
  });
  socket.setEncoding('utf8');
  socket.setNoDelay(true);
  socket.on('data', (chunk: string) => channel.received(chunk));
  socket.on('error', (e) => channel.failed(e));
  socket.on('close', () => channel.failed());
  return channel;
}

function wsChannel(ws: WebSocket, peer: string): Channel {
  const channel = new Channel(peer, { write: (text) => ws.send(text), end: () => ws.close(1000), destroy: () => ws.terminate() });
  ws.on('message', (data, isBinary) => {
    // One message per frame; a frame is turned into a line so both transports share the numbering.
    const text = isBinary ? '' : Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]).toString('utf8');
    channel.received(text.endsWith('\n') ? text : `${text}\n`);
  });
  ws.on('error', (e) => channel.failed(e));
  ws.on('close', () => channel.failed());
  return channel;
}

function wsUrl(endpoint: Endpoint): string {
  const host = endpoint.host.includes(':') ? `[${endpoint.host}]` : endpoint.host;
  return `${endpoint.tls ? 'wss' : 'ws'}://${host}:${endpoint.port}${endpoint.path ?? '/'}`;
}

/** Dial a listening peer; rejects after `timeoutMs`. */
export function dial(endpoint: Endpoint, timeoutMs: number): Promise<Channel> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`no connection to ${describeEndpoint(endpoint)} within ${timeoutMs} ms`)), timeoutMs);
    let abort: () => void = () => undefined;
    const fail = (e: Error): void => {
      clearTimeout(timer);
      abort();
      reject(e);
    };
    const done = (channel: Channel): void => {
      clearTimeout(timer);
      resolve(channel);
    };
    if (endpoint.transport === 'ws') {
      const ca = endpoint.tls?.ca ? readFileSync(endpoint.tls.ca) : undefined;
      const ws = new WebSocket(wsUrl(endpoint), { handshakeTimeout: timeoutMs, ...(ca ? { ca } : {}) });
      abort = () => ws.terminate();
      ws.once('error', fail);
      ws.once('open', () => {
        ws.off('error', fail);
        done(wsChannel(ws, wsUrl(endpoint)));
      });
      return;
    }
    const tls = endpoint.tls;
    const socket = tls
      ? tlsConnect({ host: endpoint.host, port: endpoint.port, ...(tls.ca ? { ca: readFileSync(tls.ca) } : {}), servername: endpoint.host })
      : tcpConnect({ host: endpoint.host, port: endpoint.port });
    abort = () => socket.destroy();
    socket.once('error', fail);
    socket.once(tls ? 'secureConnect' : 'connect', () => {
      socket.off('error', fail);
      done(socketChannel(socket));
    });
  });
}

export interface Listener {
  readonly port: number;
  readonly host: string;
  close(): Promise<void>;
  /** Do not keep the process alive just for this listener (the harness's listen mode). */
  unref(): void;
}

/** Accept connections; every accepted connection becomes a channel handed to `accept`. */
export function listen(endpoint: Endpoint, accept: (channel: Channel) => void): Promise<Listener> {
  const tls = endpoint.tls;
  const secure = tls?.cert && tls.key ? { cert: readFileSync(tls.cert), key: readFileSync(tls.key) } : undefined;
  if (endpoint.transport === 'ws') {
    const http = secure ? createHttpsServer(secure) : undefined;
    const wss = http ? new WebSocketServer({ server: http, path: endpoint.path ?? '/' }) : new WebSocketServer({ host: endpoint.host, port: endpoint.port, path: endpoint.path ?? '/' });
    wss.on('connection', (ws, req) => accept(wsChannel(ws, `${req.socket.remoteAddress ?? '?'}:${req.socket.remotePort ?? '?'}`)));
    const closeWs = (): Promise<void> => new Promise((r) => {
      for (const c of wss.clients) c.terminate();
      wss.close(() => (http ? http.close(() => r()) : r()));
    });
    if (http) return bound(http, endpoint, closeWs);
    return new Promise((resolve, reject) => {
      wss.once('error', reject);
      wss.once('listening', () => {
        const { port } = wss.address() as AddressInfo;
        resolve({ port, host: endpoint.host, close: closeWs, unref: () => undefined });
      });
    });
  }
  const sockets = new Set<Socket>();
  const onSocket = (socket: Socket): void => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    accept(socketChannel(socket));
  };
  const server = secure ? createTlsServer(secure, onSocket) : createTcpServer(onSocket);
  return bound(server, endpoint, () => new Promise((r) => {
    for (const s of sockets) s.destroy();
    server.close(() => r());
  }));
}

function bound(server: NetServer, endpoint: Endpoint, close: () => Promise<void>): Promise<Listener> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(endpoint.port, endpoint.host, () => {
      resolve({ port: (server.address() as AddressInfo).port, host: endpoint.host, close, unref: () => server.unref() });
    });
  });
}

export function describeEndpoint(endpoint: Endpoint): string {
  return endpoint.transport === 'ws' ? wsUrl(endpoint) : `${endpoint.tls ? 'tls' : 'tcp'}://${endpoint.host}:${endpoint.port}`;
}
