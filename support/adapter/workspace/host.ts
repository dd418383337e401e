/**
 * The client host: the program of a worker thread (see clientHost.ts) that loads Genesys's own
 * `genesys-workspace-client-js` — which sets `global.window` and a fake XMLHttpRequest in the thread
 * that loads it — and runs one `WorkspaceApi` per agent session, as an integrator's desktop would:
 * `initialize({token})`, `activateChannels(agentId, dn)`, the voice methods, `destroy()`.
 *
 * Every message of the session's `/workspace/v3/voice` channel is passed on with what the client
 * made of it (the event it emitted, if any). Two things the client does not do are done here, through
 * the client's own CometD object: a listener sees every message (the client drops EventError and
 * types it does not know), and after a re-handshake — which clears CometD subscriptions — the
 * client's voice subscription is made again (and the adapter is told: messages may have been lost).
 * The client's CometD gets CometD's acknowledgement extension, so a broken long poll loses nothing.
 */
/*
 * The program is one function whose source text the worker runs (like support/trace/readInWorker.ts):
 * the worker needs no TypeScript loader, and the function refers to nothing outside itself.
 */
import type { FromHost, OpenSession, ToHost } from './hostProtocol';

interface CometD {
  addListener(channel: string, callback: (message: { data?: unknown; successful?: boolean; reestablish?: boolean }) => void): unknown;
  removeListener(subscription: unknown): void;
  subscribe(channel: string, callback: (message: { data?: unknown }) => void): unknown;
}

interface Client {
  on(event: string, listener: (payload: unknown) => void): void;
  initialize(options: { token: string }): Promise<void>;
  activateChannels(agentId: string, dn: string): Promise<unknown>;
  destroy(): Promise<void>;
  readonly voice: Record<string, ((...args: unknown[]) => Promise<unknown>) | undefined> & { _onCometdMessage(message: unknown): void };
  readonly _cometd: CometD;
  readonly _sessionApi: { logout(): Promise<unknown> };
}

type ClientConstructor = new (apiKey: string, baseUrl: string, debugEnabled?: boolean) => Client;

interface CometDLibrary {
  CometD: new (...args: unknown[]) => { registerExtension(name: string, extension: unknown): boolean };
  AckExtension: new () => unknown;
}

/**
 * `clientPath`: the resolved path of genesys-workspace-client-js; `cometdPath` and `ackPath`: the
 * CometD library it loads and that library's acknowledgement extension; `voiceMethods`: hostProtocol's
 * VOICE_METHODS.
 */
export function hostProgram(clientPath: string, cometdPath: string, ackPath: string, voiceMethods: readonly string[]): void {
  /* eslint-disable @typescript-eslint/no-require-imports -- the worker runs this function's source text as CommonJS */
  const { parentPort } = require('node:worker_threads') as typeof import('node:worker_threads');
  // Every CometD client the Workspace client makes gets CometD's own acknowledgement extension, so a
  // message sent on a long poll that broke is sent again (the client does not register it itself).
  const cometdLibrary = require(cometdPath) as CometDLibrary;
  require(ackPath);
  const CometD = cometdLibrary.CometD;
  cometdLibrary.CometD = function AcknowledgingCometD(...args: unknown[]) {
    const cometd = new CometD(...args);
    cometd.registerExtension('ack', new cometdLibrary.AckExtension());
    return cometd;
  } as unknown as CometDLibrary['CometD'];
  const WorkspaceApi = require(clientPath) as ClientConstructor;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const port = parentPort;
  if (!port) return;
  const VOICE_CHANNEL = '/workspace/v3/voice';
  /** The client's events that carry voice notifications (VoiceApi._onCometdMessage). */
  const CLIENT_EVENTS = ['CallStateChanged', 'DnStateChanged', 'EventUserEvent'];
  const methods = new Set(voiceMethods);
  const post = (message: FromHost): void => port.postMessage(message);

  /** superagent errors carry the HTTP status and the server's answer; the client's own rejections are strings or replies. */
  const describe = (e: unknown): string => {
    if (e instanceof Error) {
      const body = (e as { response?: { text?: unknown } }).response?.text;
      return typeof body === 'string' && body.length > 0 ? `${e.message}: ${body.slice(0, 300)}` : e.message;
    }
    return typeof e === 'string' ? e : JSON.stringify(e);
  };

  class HostedSession {
    private seq = 0;
    private emitted: { event: string; payload: unknown } | undefined;
    private listener: unknown;
    private pendingLogout: Promise<unknown> | undefined;

    constructor(private readonly sid: number, readonly client: Client) {
      for (const event of CLIENT_EVENTS) {
        client.on(event, (payload) => { this.emitted = { event, payload }; });
      }
    }

    /** After initialize(): see every voice message, and repair the voice subscription after a re-handshake. */
    watch(): void {
      const cometd = this.client._cometd;
      this.listener = cometd.addListener(VOICE_CHANNEL, (message) => this.onVoice(message.data));
      cometd.addListener('/meta/handshake', (message) => {
        if (!message.successful || !message.reestablish) return;
        // CometD cleared the client's subscription; make it again as the client does, then listen after it.
        cometd.removeListener(this.listener);
        cometd.subscribe(VOICE_CHANNEL, (m) => this.client.voice._onCometdMessage(m));
        this.listener = cometd.addListener(VOICE_CHANNEL, (m) => this.onVoice(m.data));
        post({ type: 'rehandshake', sid: this.sid });
      });
      // destroy() does not wait for its logout request; keep it so close() can.
      const api = this.client._sessionApi;
      const logout = api.logout.bind(api);
      api.logout = () => (this.pendingLogout = logout());
    }

    /** Runs after the client's own subscription (CometD calls a channel's listeners in the order they were added). */
    private onVoice(raw: unknown): void {
      this.seq += 1;
      const client = this.emitted;
      this.emitted = undefined;
      post({ type: 'voice', sid: this.sid, seq: this.seq, raw, ...(client ? { client } : {}) });
    }

    async close(): Promise<void> {
      await this.client.destroy();
      await this.pendingLogout;
    }
  }

  const sessions = new Map<number, HostedSession>();

  const open = async (m: OpenSession): Promise<void> => {
    const client = new WorkspaceApi(m.apiKey, m.baseUrl);
    const session = new HostedSession(m.sid, client);
    sessions.set(m.sid, session);
    await client.initialize({ token: m.token });
    session.watch();
    await client.activateChannels(m.agentId, m.dn);
  };

  const run = async (m: ToHost): Promise<void> => {
    const session = sessions.get(m.sid);
    switch (m.type) {
      case 'open': return open(m);
      case 'voice': {
        const method = session && methods.has(m.method) ? session.client.voice[m.method] : undefined;
        if (!session || !method) throw new Error(session ? `${m.method} is not a voice method of the client` : `no session ${m.sid}`);
        await method.apply(session.client.voice, [...m.args]);
        return;
      }
      case 'close':
        sessions.delete(m.sid);
        await session?.close();
        return;
    }
  };

  port.on('message', (m: ToHost) => {
    run(m).then(
      () => post({ type: 'reply', rid: m.rid, ok: true }),
      (e: unknown) => {
        const status = (e as { status?: unknown }).status;
        post({ type: 'reply', rid: m.rid, ok: false, error: describe(e), ...(typeof status === 'number' ? { status } : {}) });
      },
    );
  });
  process.on('unhandledRejection', (reason) => post({ type: 'note', message: `the client failed in the background: ${describe(reason)}` }));
}
