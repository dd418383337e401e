/**
 * Byte transports for the bridge protocol: TCP (optionally TLS) and WebSocket (ws/wss). Both give a
 * {@link Channel}: numbered incoming lines and a way to write messages, within the channel's bounds.
 * Either side can dial or listen; listening binds to loopback unless the caller names another host,
 * and every accepted socket passes the {@link ConnectionGate} (connection cap, handshake clock)
 * before a byte of it is read.
 */
import { createServer as createTcpServer, connect as tcpConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect, createSecureContext, TLSSocket } from 'node:tls';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { WebSocket } from 'ws';
import { Channel, type ChannelLimits, type Notice } from './channel';
import { ConnectionGate, type Closer, type GateCounts, type GateLimits } from './gate';
import { encode } from './protocol';
import { httpRefusal, WsAcceptor, wsChannel } from './websocket';

export { Channel, type ChannelHandlers, type Notice } from './channel';

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

function socketChannel(socket: Socket, limits: ChannelLimits, notice?: Notice): Channel {
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
  const address = socket.remoteAddress ?? '?';
  const channel = new Channel(`${address}:${socket.remotePort ?? '?'}`, address, {
    write: (text) => {
      if (pending === '') setImmediate(flush);
      pending += text;
    },
    end: (_why, done) => {
      flush();
      socket.end(done);
    },
    destroy: () => {
      flush();
      socket.destroy();
    },
    buffered: () => pending.length + socket.writableLength,
    pause: () => socket.pause(),
    resume: () => socket.resume(),
    hold: (keep) => (keep ? socket.ref() : socket.unref()),
  }, limits, notice);
  socket.setEncoding('utf8');
  socket.setNoDelay(true);
  socket.on('data', (chunk: string) => channel.received(chunk));
  socket.on('error', (e) => channel.failed(e));
  socket.on('close', () => channel.failed());
  return channel;
}

function wsUrl(endpoint: Endpoint): string {
  const host = endpoint.host.includes(':') ? `[${endpoint.host}]` : endpoint.host;
  return `${endpoint.tls ? 'wss' : 'ws'}://${host}:${endpoint.port}${endpoint.path ?? '/'}`;
}

/** Dial a listening peer; rejects after `timeoutMs`. */
export function dial(endpoint: Endpoint, timeoutMs: number, limits: ChannelLimits): Promise<Channel> {
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
      const ws = new WebSocket(wsUrl(endpoint), { handshakeTimeout: timeoutMs, maxPayload: limits.maxMessageBytes, perMessageDeflate: false, ...(ca ? { ca } : {}) });
      abort = () => ws.terminate();
      ws.once('error', fail);
      ws.once('open', () => {
        ws.off('error', fail);
        done(wsChannel(ws, wsUrl(endpoint), endpoint.host, limits));
      });
      return;
    }
    const tls = endpoint.tls;
    const socket = tls
      ? tlsConnect({ host: endpoint.host, port: endpoint.port, ...(tls.ca ? { ca: readFileSync(tls.ca) } : {}), ...(isIP(endpoint.host) ? {} : { servername: endpoint.host }) })
      : tcpConnect({ host: endpoint.host, port: endpoint.port });
    abort = () => socket.destroy();
    socket.once('error', fail);
    socket.once(tls ? 'secureConnect' : 'connect', () => {
      socket.off('error', fail);
      done(socketChannel(socket, limits));
    });
  });
}

export interface Listener {
  readonly port: number;
  readonly host: string;
  /** Connections open now, the most at once, and those refused, evicted or timed out before their hello. */
  counts(): GateCounts;
  close(): Promise<void>;
  /** Do not keep the process alive just for this listener (the harness's listen mode). */
  unref(): void;
}

export interface ListenOptions {
  readonly limits: ChannelLimits & GateLimits;
  /** What peers made the endpoint do (refusals, timeouts, oversized messages, dropped peers), to log. */
  readonly notice?: Notice;
}

/**
 * How a socket that has not become a channel yet is told why it is closed: an error line (TCP), an
 * HTTP status with the reason (WebSocket, before the upgrade), or nothing readable (TLS: no clear
 * text reaches a TLS client; the refusal is logged).
 */
function rawCloser(socket: Socket, how: 'line' | 'http' | 'none'): Closer {
  return (code, message) => {
    if (how === 'line') socket.end(encode({ type: 'error', of: 'hello', code, message }), () => socket.destroy());
    else if (how === 'http') httpRefusal(socket, code === 'handshake-timeout' ? '408 Request Timeout' : '503 Service Unavailable', message);
    else socket.destroy();
  };
}

/** Accept connections; every admitted connection becomes a channel handed to `accept`. */
export function listen(endpoint: Endpoint, accept: (channel: Channel) => void, options: ListenOptions): Promise<Listener> {
  const { limits, notice } = options;
  const tls = endpoint.tls;
  const secureContext = tls?.cert && tls.key ? createSecureContext({ cert: readFileSync(tls.cert), key: readFileSync(tls.key) }) : undefined;
  const gate = new ConnectionGate(limits, (kind, address, detail) => notice?.(kind, address, `${address}: ${detail}`));
  const ws = endpoint.transport === 'ws' ? new WsAcceptor(endpoint.path ?? '/', limits, notice, accept) : undefined;
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined); // reported by the channel once there is one; before, the gate's clock ends it
    const address = socket.remoteAddress ?? '?';
    const peer = `${address}:${socket.remotePort ?? '?'}`;
    const entry = gate.enter(address, rawCloser(socket, secureContext ? 'none' : ws ? 'http' : 'line'));
    if (!entry) return;
    socket.once('close', () => {
      sockets.delete(socket);
      entry.leave();
    });
    const admitted = (stream: Socket): void => {
      if (ws) return ws.take(stream, entry, peer, address);
      const channel = socketChannel(stream, limits, notice);
      channel.entry = entry;
      entry.closer = (code, message) => channel.refuse({ of: 'hello', code, message }, true);
      accept(channel);
      return undefined;
    };
    if (!secureContext) return admitted(socket);
    const secure = new TLSSocket(socket, { isServer: true, secureContext });
    let ready = false;
    secure.on('error', (e: Error) => {
      if (ready) return; // the channel's own listener reports it
      notice?.('TLS handshake failed', address, `${peer}: ${e.message}`);
      socket.destroy();
    });
    secure.once('secure', () => {
      ready = true;
      admitted(secure);
    });
    return undefined;
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(endpoint.port, endpoint.host, () => {
      resolve({
        port: (server.address() as AddressInfo).port,
        host: endpoint.host,
        counts: () => gate.counts(),
        close: () => new Promise((r) => {
          for (const s of sockets) s.destroy();
          ws?.close();
          server.close(() => r());
        }),
        unref: () => server.unref(),
      });
    });
  });
}

export function describeEndpoint(endpoint: Endpoint): string {
  return endpoint.transport === 'ws' ? wsUrl(endpoint) : `${endpoint.tls ? 'tls' : 'tcp'}://${endpoint.host}:${endpoint.port}`;
}
