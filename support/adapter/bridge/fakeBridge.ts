/**
 * Test helper: a loopback TCP server standing in for a bridge process. `onConnection` scripts what
 * the "bridge" sends; `close` destroys every socket and the listener, so a test never leaks a handle.
 */
import { createServer, type AddressInfo, type Socket } from 'node:net';

export interface FakeBridge {
  readonly port: number;
  close(): Promise<void>;
}

export async function fakeBridge(onConnection: (socket: Socket) => void): Promise<FakeBridge> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    onConnection(socket);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((r) => {
      for (const s of sockets) s.destroy();
      server.close(() => r());
    }),
  };
}
