'use strict';
/**
 * The client host: the program of a worker thread (started by clientHost.ts) that loads Genesys's own
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
 * Plain JavaScript, so that the thread starts without a TypeScript loader (under ts-node and under
 * plain node alike). workerData: `clientPath` (the resolved genesys-workspace-client-js),
 * `cometdPath` and `ackPath` (the CometD library it loads and that library's acknowledgement
 * extension), `voiceMethods` (hostProtocol.ts VOICE_METHODS). Messages: hostProtocol.ts.
 */
const { parentPort, workerData } = require('node:worker_threads');
const { clientPath, cometdPath, ackPath, voiceMethods } = workerData;
// Every CometD client the Workspace client makes gets CometD's own acknowledgement extension, so a
// message sent on a long poll that broke is sent again (the client does not register it itself).
const cometdLibrary = require(cometdPath);
require(ackPath);
const CometD = cometdLibrary.CometD;
cometdLibrary.CometD = function AcknowledgingCometD(...args) {
  const cometd = new CometD(...args);
  cometd.registerExtension('ack', new cometdLibrary.AckExtension());
  return cometd;
};
const WorkspaceApi = require(clientPath);
const port = parentPort;
if (!port) throw new Error('the client host runs as a worker thread');
const VOICE_CHANNEL = '/workspace/v3/voice';
/** The client's events that carry voice notifications (VoiceApi._onCometdMessage). */
const CLIENT_EVENTS = ['CallStateChanged', 'DnStateChanged', 'EventUserEvent'];
const methods = new Set(voiceMethods);
const post = (message) => port.postMessage(message);

/** superagent errors carry the HTTP status and the server's answer; the client's own rejections are strings or replies. */
const describe = (e) => {
  if (e instanceof Error) {
    const body = e.response?.text;
    return typeof body === 'string' && body.length > 0 ? `${e.message}: ${body.slice(0, 300)}` : e.message;
  }
  return typeof e === 'string' ? e : JSON.stringify(e);
};

class HostedSession {
  constructor(sid, client) {
    this.sid = sid;
    this.client = client;
    this.seq = 0;
    this.emitted = undefined;
    this.listener = undefined;
    this.pendingLogout = undefined;
    for (const event of CLIENT_EVENTS) {
      client.on(event, (payload) => { this.emitted = { event, payload }; });
    }
  }

  /** After initialize(): see every voice message, and repair the voice subscription after a re-handshake. */
  watch() {
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
  onVoice(raw) {
    this.seq += 1;
    const client = this.emitted;
    this.emitted = undefined;
    post({ type: 'voice', sid: this.sid, seq: this.seq, raw, ...(client ? { client } : {}) });
  }

  async close() {
    await this.client.destroy();
    await this.pendingLogout;
  }
}

const sessions = new Map();

const open = async (m) => {
  const client = new WorkspaceApi(m.apiKey, m.baseUrl);
  const session = new HostedSession(m.sid, client);
  sessions.set(m.sid, session);
  await client.initialize({ token: m.token });
  session.watch();
  await client.activateChannels(m.agentId, m.dn);
};

const run = async (m) => {
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

port.on('message', (m) => {
  run(m).then(
    () => post({ type: 'reply', rid: m.rid, ok: true }),
    (e) => {
      const status = e?.status;
      post({ type: 'reply', rid: m.rid, ok: false, error: describe(e), ...(typeof status === 'number' ? { status } : {}) });
    },
  );
});
process.on('unhandledRejection', (reason) => post({ type: 'note', message: `the client failed in the background: ${describe(reason)}` }));
