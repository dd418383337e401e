/**
 * The WebSocket transport (ws/wss): one protocol message per frame. Listening, every connection is
 * first an HTTP connection of our own HTTP server (fed the sockets the listener admitted), so the
 * connection cap and the handshake clock cover the upgrade too. A frame header that announces more
 * than `maxMessageBytes` is answered with an `error` before the close, without reading the payload
 * (`ws`'s own `maxPayload` would close with 1009 and no explanation).
 */
import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { Channel, type ChannelLimits, type CloseWhy, type Notice } from './channel';
import type { Closer, GateEntry } from './gate';

/** How long a WebSocket closed promptly is given before it is terminated. */
const PROMPT_CLOSE_MS = 100;

/** RFC 6455: a close reason is at most 123 bytes. */
function closeReason(reason: string): string {
  let r = reason;
  while (Buffer.byteLength(r) > 123) r = r.slice(0, -2);
  return r;
}

function textOf(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  return Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]).toString('utf8');
}

export function wsChannel(ws: WebSocket, peer: string, address: string, limits: ChannelLimits, notice?: Notice): Channel {
  const channel = new Channel(peer, address, {
    write: (text) => ws.send(text),
    end: (why?: CloseWhy, done?: () => void) => {
      ws.close(why?.code ?? 1000, why ? closeReason(why.reason) : undefined);
      // ws says nothing when its close frame has left; the frames before it have had a moment.
      if (done) setTimeout(done, PROMPT_CLOSE_MS).unref();
    },
    destroy: () => ws.terminate(),
    buffered: () => ws.bufferedAmount,
    pause: () => ws.pause(),
    resume: () => ws.resume(),
  }, limits, notice);
  // One message per frame, turned into a line so both transports share the numbering. A binary
  // frame is read as UTF-8 text too: what it holds is validated and reported like any line.
  ws.on('message', (data) => {
    const text = textOf(data);
    channel.received(text.endsWith('\n') ? text : `${text}\n`);
  });
  ws.on('error', (e: Error & { code?: string }) => channel.failed(e.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH'
    ? new Error(`${peer} sent a message longer than the limit of ${limits.maxMessageBytes} bytes (maxMessageBytes)`)
    : e));
  ws.on('close', () => channel.failed());
  return channel;
}

/** Header bytes of a WebSocket frame, known from its first two: 2, + 2 or 8 for the length, + 4 for a mask. */
function headerLength(second: number): number {
  const len7 = second & 0x7f;
  return 2 + (len7 === 126 ? 2 : len7 === 127 ? 8 : 0) + (second & 0x80 ? 4 : 0);
}

/** The payload length a complete frame header announces. */
function payloadLength(h: readonly number[]): number {
  const len7 = (h[1] ?? 0) & 0x7f;
  if (len7 < 126) return len7;
  if (len7 === 126) return ((h[2] ?? 0) << 8) + (h[3] ?? 0);
  let n = 0;
  for (let i = 2; i < 10; i += 1) n = n * 256 + (h[i] ?? 0);
  return n;
}

/**
 * Follows the frame headers of a client → server WebSocket stream (masked frames; continuation
 * frames add to their message) and calls `tooLarge` once, as soon as a header takes a message over
 * `max` bytes. Payload bytes are skipped, not looked at.
 */
export function frameSizeWatcher(max: number, tooLarge: (bytes: number) => void): (chunk: Buffer) => void {
  let header: number[] = [];
  let need = 2;
  let skip = 0;
  let message = 0;
  let done = false;
  /** A whole header was read: count a data frame's payload into its message; false once over the limit. */
  const frame = (): boolean => {
    const length = payloadLength(header);
    const first = header[0] ?? 0;
    if ((first & 0x0f) < 8) {
      message += length;
      if (message > max) return false;
      if (first & 0x80) message = 0;
    }
    skip = length;
    header = [];
    need = 2;
    return true;
  };
  return (chunk) => {
    let i = 0;
    while (i < chunk.length && !done) {
      if (skip > 0) {
        const n = Math.min(skip, chunk.length - i);
        skip -= n;
        i += n;
        continue;
      }
      header.push(chunk[i] ?? 0);
      i += 1;
      if (header.length === 2) need = headerLength(header[1] ?? 0);
      if (header.length === need && !frame()) {
        done = true;
        tooLarge(message);
      }
    }
  };
}

const STATUS: Readonly<Record<Parameters<Closer>[0], string>> = { busy: '503 Service Unavailable', evicted: '503 Service Unavailable', 'handshake-timeout': '408 Request Timeout' };

/** Answer a connection that has not upgraded yet with an HTTP status and the reason as text, and close it. */
export function httpRefusal(socket: Duplex, status: string, message: string): void {
  const body = `${message}\n`;
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`, () => socket.destroy());
}

interface Admitted {
  readonly entry: GateEntry;
  readonly peer: string;
  readonly address: string;
}

/** The listening side: admitted sockets go through HTTP to the upgrade, then become channels. */
export class WsAcceptor {
  private readonly http: HttpServer;
  private readonly wss: WebSocketServer;
  private readonly admitted = new WeakMap<Duplex, Admitted>();

  constructor(private readonly path: string, private readonly limits: ChannelLimits, private readonly notice: Notice | undefined, private readonly accept: (channel: Channel) => void) {
    this.http = createHttpServer();
    this.wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes, perMessageDeflate: false, clientTracking: false });
    this.http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => this.upgrade(req, socket, head));
    this.http.on('request', (_req, res) => {
      res.writeHead(426, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' });
      res.end(`this is a cmc-bridge WebSocket endpoint (${this.path}): connect with a WebSocket client\n`);
    });
  }

  /** A connection the gate admitted (for wss, once its TLS handshake is done). */
  take(stream: Duplex, entry: GateEntry, peer: string, address: string): void {
    this.admitted.set(stream, { entry, peer, address });
    entry.closer = (code, message) => httpRefusal(stream, STATUS[code], message);
    this.http.emit('connection', stream);
  }

  close(): void {
    this.wss.close();
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const admitted = this.admitted.get(socket);
    if (!admitted) {
      socket.destroy();
      return;
    }
    const path = new URL(req.url ?? '/', 'http://bridge').pathname;
    if (path !== this.path) {
      httpRefusal(socket, '404 Not Found', `no WebSocket endpoint at ${path}: this bridge listens at ${this.path}`);
      return;
    }
    let channel: Channel | undefined;
    let early: number | undefined;
    // Before ws's own listener: the size is known from the header, before any payload is held.
    socket.prependListener('data', frameSizeWatcher(this.limits.maxMessageBytes, (bytes) => {
      if (channel) channel.refuseTooLarge(channel.nextLineNo, bytes);
      else early = bytes;
    }));
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const c = wsChannel(ws, admitted.peer, admitted.address, this.limits, this.notice);
      channel = c;
      c.entry = admitted.entry;
      admitted.entry.closer = (code, message) => c.refuse({ of: 'hello', code, message }, true);
      this.accept(c);
      if (early !== undefined) c.refuseTooLarge(1, early);
    });
  }
}
