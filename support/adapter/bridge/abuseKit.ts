/**
 * Test helper for the abuse specs: raw peers that do what a harness never does (flood, stay
 * silent, never read, send oversized or deeply nested messages), and the well-behaved client that
 * must keep being served meanwhile.
 */
import { connect, type Socket } from 'node:net';
import { WebSocket } from 'ws';
import type { EventSourceAdapter, RawEvent, Topology } from '../contract';
import { createBridgeAdapter } from './BridgeAdapter';
import type { BridgeRun } from './run';

export const TOPOLOGY: Topology = {
  parties: [
    { name: 'Alice', dn: '7001', type: 'Extension', configured: true },
    { name: 'Bob', dn: '7002', type: 'Extension', configured: true },
  ],
};

export const HELLO = '{"type":"hello","protocol":"cmc-bridge","version":1,"role":"harness"}\n';

export async function eventually(check: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what}: not reached within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A raw TCP peer. Reading: every line it receives is kept. Not reading: its socket is paused from the start. */
export interface RawPeer {
  readonly socket: Socket;
  readonly lines: string[];
  readonly closed: () => boolean;
  /**
   * Whether the server closed the connection, for a peer that does not read: a paused socket does
   * not notice the close until it reads or writes, so this writes an empty line (which the server
   * ignores) and reports what is known so far.
   */
  readonly dropped: () => boolean;
  /** Write `text` respecting this side's own buffer; false when the peer stopped taking data for `stallMs`. */
  write(text: string, stallMs: number): Promise<boolean>;
}

export function rawPeer(port: number, options: { readonly read: boolean; readonly localAddress?: string }): Promise<RawPeer> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, ...(options.localAddress ? { localAddress: options.localAddress } : {}) });
    const lines: string[] = [];
    let closed = false;
    let partial = '';
    socket.once('error', reject);
    socket.on('close', () => {
      closed = true;
    });
    if (options.read) {
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => {
        const parts = (partial + chunk).split('\n');
        partial = parts.pop() ?? '';
        lines.push(...parts);
      });
    } else socket.pause();
    socket.once('connect', () => {
      socket.off('error', reject);
      socket.on('error', () => undefined); // a dropped peer sees a reset: expected here
      resolve({
        socket, lines, closed: () => closed,
        dropped: () => {
          if (!closed && !socket.destroyed) socket.write('\n');
          return closed;
        },
        write: (text, stallMs) => new Promise((done) => {
          if (closed) return done(false);
          if (socket.write(text)) return done(true);
          const timer = setTimeout(() => {
            socket.off('drain', drained);
            done(false);
          }, stallMs);
          const drained = (): void => {
            clearTimeout(timer);
            done(!closed);
          };
          socket.once('drain', drained);
          return undefined;
        }),
      });
    });
  });
}

/** A WebSocket peer: the messages it receives, and how it was closed. */
export interface WsPeer {
  readonly ws: WebSocket;
  readonly messages: string[];
  readonly closedWith: () => { code: number; reason: string } | undefined;
  /** Like {@link RawPeer.dropped}: a ping makes a paused WebSocket notice that the server closed it. */
  readonly dropped: () => boolean;
}

export function wsPeer(url: string, options: { readonly read: boolean }): Promise<WsPeer> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    const messages: string[] = [];
    let closedWith: { code: number; reason: string } | undefined;
    ws.on('message', (data: Buffer) => messages.push(data.toString('utf8')));
    ws.on('close', (code, reason) => {
      closedWith = { code, reason: reason.toString('utf8') };
    });
    ws.once('error', reject);
    ws.once('open', () => {
      ws.off('error', reject);
      ws.on('error', () => undefined);
      if (!options.read) ws.pause();
      resolve({
        ws, messages, closedWith: () => closedWith,
        dropped: () => {
          if (!closedWith && ws.readyState === WebSocket.OPEN) ws.ping();
          return closedWith !== undefined;
        },
      });
    });
  });
}

/**
 * The well-behaved client: through the harness's own bridge adapter, Alice calls Bob, Bob answers,
 * Alice hangs up; resolves with the event names seen.
 */
export async function completeACall(url: string, run: BridgeRun, extra: Readonly<Record<string, unknown>> = {}): Promise<string[]> {
  const adapter: EventSourceAdapter = await createBridgeAdapter({ url, connectTimeoutMs: 30_000, ...extra }, run);
  const events: RawEvent[] = [];
  const failures: Error[] = [];
  await adapter.open(TOPOLOGY, { event: (e) => events.push(e), fail: (e) => failures.push(e) });
  const send = adapter.send?.bind(adapter);
  if (!send) throw new Error('the bridge cannot send');
  try {
    await send({ name: 'RequestMakeCall', attributes: { ThisDN: '7001', OtherDN: '7002', ReferenceID: 1 } });
    const conn = events.find((e) => e.name === 'EventRinging')?.attributes.ConnID;
    if (typeof conn !== 'string') throw new Error(`no ringing: ${events.map((e) => e.name).join(', ')}`);
    await send({ name: 'RequestAnswerCall', attributes: { ThisDN: '7002', ConnID: conn, ReferenceID: 2 } });
    await send({ name: 'RequestReleaseCall', attributes: { ThisDN: '7001', ConnID: conn, ReferenceID: 3 } });
  } finally {
    await adapter.close();
  }
  const [failure] = failures;
  if (failure) throw failure;
  return events.map((e) => e.name);
}

/** What a complete basic call produces, in order. */
export const A_CALL = ['EventDialing', 'EventRinging', 'EventEstablished', 'EventEstablished', 'EventReleased', 'EventReleased'];
