/**
 * A Genesys Workspace API (v3) facade over the reference simulator, for `npm run simulator --
 * --workspace-api`: the REST endpoints and the CometD notifications that `genesys-workspace-client-js`
 * uses, over one simulated switch per lab, with each agent session seeing its DN's T-Library events
 * as Workspace call objects and DN states (projection.ts). Loopback by default; every request must
 * carry the API key (`x-api-key`), a session starts with a bearer token, and later requests carry its
 * `WORKSPACE_SESSIONID` cookie — as on a Genesys Web Services deployment.
 *
 * Labs are created through a small test-control plane under `/sim/cmc/` (like the
 * agent-api-simulator's `/sim/manage/`): the parties of a scenario in, one token per agent DN out,
 * party actions that no Workspace operation can cause (an outside caller calls in), and the number of
 * voice messages sent per session (so a client can tell when it has everything).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Topology } from '../../contract';
import type { TRequest } from '../../../model/event';
import { SimulatorAdapter, type FaultInjector } from '../../../simulator/SimulatorAdapter';
import { BadOperation, voiceRequest } from './operations';
import { Lab, type WorkspaceSession } from './lab';
import { cookieValue, Notifications } from './notifications';
import { CONTROL_PREFIX, SESSION_COOKIE } from '../wire';

export interface FacadeOptions {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Every request must carry it as `x-api-key`. */
  readonly apiKey: string;
  /** Rewrites the events of each request (`--fault drop:EventHeld`). */
  readonly fault?: FaultInjector;
  readonly log?: (line: string) => void;
}

export interface RunningFacade {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
  /** For specs: what a misbehaving or restarted server does. */
  readonly testing: {
    /** Send a raw voice message to the session of a DN (any lab); false when there is none. */
    inject(dn: string, message: Readonly<Record<string, unknown>>): boolean;
    /** Cut every open HTTP connection, pending long polls included (the clients reconnect). */
    dropConnections(): void;
    /** Forget every CometD session, as after an expiry or a restart, and cut the connections (the clients re-handshake). */
    forgetCometdSessions(): void;
    labs(): number;
  };
}

class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

type Json = Readonly<Record<string, unknown>>;

function send(response: ServerResponse, status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

function readJson(request: IncomingMessage): Promise<Json> {
  return new Promise((resolve, reject) => {
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => { text += chunk; });
    request.on('error', reject);
    request.on('end', () => {
      if (text.trim() === '') return resolve({});
      try {
        const value = JSON.parse(text) as unknown;
        if (typeof value !== 'object' || value === null || Array.isArray(value)) reject(new HttpError(400, 'the body must be a JSON object'));
        else resolve(value as Json);
      } catch (e) {
        reject(new HttpError(400, `the body is not JSON: ${(e as Error).message}`));
      }
    });
  });
}

function sameSecret(expected: string, given: string | string[] | undefined): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

class Facade {
  private readonly labs = new Map<string, Lab>();
  private readonly sessions = new Map<string, WorkspaceSession>();
  private readonly tokens = new Map<string, { lab: Lab; dn: string }>();
  readonly notifications: Notifications;
  private readonly log: (line: string) => void;

  constructor(private readonly options: FacadeOptions) {
    this.log = options.log ?? (() => undefined);
    this.notifications = new Notifications((id) => (id ? this.sessions.get(id) : undefined), this.log);
  }

  handle(request: IncomingMessage, response: ServerResponse): void {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    if (!sameSecret(this.options.apiKey, request.headers['x-api-key'])) {
      send(response, 401, { status: { code: 401, message: 'the API key (x-api-key) is missing or wrong' } });
      return;
    }
    if (path.startsWith('/workspace/v3/notifications')) {
      this.notifications.handle(request, response);
      return;
    }
    this.route(request, path).then(
      (body) => send(response, 200, body.payload, body.headers),
      (e: unknown) => {
        const status = e instanceof HttpError ? e.status : e instanceof BadOperation ? 400 : 500;
        send(response, status, { status: { code: status, message: (e as Error).message } });
      },
    );
  }

  private async route(request: IncomingMessage, path: string): Promise<{ payload: unknown; headers?: Record<string, string> }> {
    const body = request.method === 'POST' ? await readJson(request) : {};
    if (path.startsWith(`${CONTROL_PREFIX}/`)) return { payload: await this.control(request.method ?? 'GET', path.slice(CONTROL_PREFIX.length + 1).split('/'), body) };
    if (request.method !== 'POST') throw new HttpError(405, `${request.method ?? ''} ${path}: the Workspace API takes POST here`);
    if (path === '/workspace/v3/initialize-workspace') return this.initialize(request);
    const session = this.sessionOf(request);
    if (path === '/workspace/v3/activate-channels') return { payload: await this.activate(session, body) };
    if (path === '/workspace/v3/logout') return { payload: await this.logout(session) };
    if (path.startsWith('/workspace/v3/voice/')) {
      if (!session.activated) throw new HttpError(400, 'the voice channel is not activated (activate-channels first)');
      const operation = voiceRequest(path.slice('/workspace/v3/voice/'.length).split('/'), body, { dn: session.dn, ...(session.agentId ? { agentId: session.agentId } : {}), ...this.queueOf(session) });
      if (!operation) throw new HttpError(404, `${path}: not a voice operation this server knows`);
      await session.lab.send(operation);
      return { payload: { status: { code: 1 } } };
    }
    throw new HttpError(404, `${path}: not served here`);
  }

  private queueOf(session: WorkspaceSession): { queue?: string } {
    const queue = session.lab.queueOf(session.party);
    return queue ? { queue } : {};
  }

  private initialize(request: IncomingMessage): { payload: unknown; headers: Record<string, string> } {
    const token = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
    const grant = token ? this.tokens.get(token) : undefined;
    if (!grant) throw new HttpError(401, 'the access token is missing, unknown or expired');
    const session = grant.lab.session(grant.dn);
    this.sessions.set(session.id, session);
    return { payload: { status: { code: 1 } }, headers: { 'set-cookie': `${SESSION_COOKIE}=${session.id}; Path=/; HttpOnly` } };
  }

  private sessionOf(request: IncomingMessage): WorkspaceSession {
    const id = cookieValue(request, SESSION_COOKIE);
    const session = id ? this.sessions.get(id) : undefined;
    if (!session) throw new HttpError(401, `no Workspace session (${SESSION_COOKIE} cookie missing or ended)`);
    return session;
  }

  /** activate-channels: the agent takes the DN; like GWS, an agent the switch knows on that DN is logged in. */
  private async activate(session: WorkspaceSession, body: Json): Promise<unknown> {
    const data = (typeof body.data === 'object' && body.data !== null ? body.data : {}) as Json;
    if (data.dn !== undefined && data.dn !== session.dn) throw new HttpError(400, `this session's token is for DN ${session.dn}, not ${JSON.stringify(data.dn)}`);
    if (typeof data.agentId !== 'string' || data.agentId === '') throw new HttpError(400, 'activate-channels: data.agentId is required');
    session.agentId = data.agentId;
    session.activated = true;
    session.publish({ messageType: 'DnStateChanged', dn: session.projection.dnState });
    if (session.party.agentId === data.agentId) {
      const queue = session.lab.queueOf(session.party);
      await session.lab.send({ name: 'RequestAgentLogin', attributes: { ThisDN: session.dn, AgentID: data.agentId, ...(queue ? { ThisQueue: queue } : {}) } });
    }
    return { status: { code: 0 }, data: { channels: ['voice'] } };
  }

  /** logout ends the session: the agent is logged out of the voice channel, the notifications stop. */
  private async logout(session: WorkspaceSession): Promise<unknown> {
    if (session.activated && session.projection.dnState.agentState !== 'LoggedOut') {
      await session.lab.send({ name: 'RequestAgentLogout', attributes: { ThisDN: session.dn, ...(session.agentId ? { AgentID: session.agentId } : {}) } });
    }
    this.sessions.delete(session.id);
    if (session.lab.sessions.get(session.dn) === session) session.lab.sessions.delete(session.dn);
    session.disconnect();
    return { status: { code: 0 } };
  }

  private async control(method: string, path: readonly string[], body: Json): Promise<unknown> {
    const [what, id, action] = path;
    if (what === 'capabilities' && method === 'GET') return { features: new SimulatorAdapter().capabilities.features };
    if (what === 'labs' && method === 'POST' && id === undefined) return this.createLab(body);
    const lab = what === 'labs' && id ? this.labs.get(id) : undefined;
    if (!lab) throw new HttpError(404, `${CONTROL_PREFIX}/${path.join('/')}: no such lab or control`);
    const key = `${method} ${action ?? ''}`;
    if (key === 'DELETE ') return this.deleteLab(lab);
    if (key === 'GET published') return { published: lab.published() };
    if (key === 'POST actions') return this.partyAction(lab, body);
    throw new HttpError(404, `${method} ${CONTROL_PREFIX}/${path.join('/')}: no such control`);
  }

  /** What no Workspace operation can cause: an outside caller calls in, answers, hangs up (the simulator's party actions). */
  private async partyAction(lab: Lab, body: Json): Promise<unknown> {
    if (typeof body.name !== 'string' || !/^(Party|Network)\./.test(body.name)) throw new HttpError(400, 'a party action is {name: "Party.CallsIn" | …, attributes}');
    await lab.send({ name: body.name, attributes: (body.attributes ?? {}) as TRequest['attributes'] });
    return { status: { code: 0 } };
  }

  private async createLab(body: Json): Promise<unknown> {
    if (!Array.isArray(body.parties)) throw new HttpError(400, 'a lab is {parties: [...], sites?: [...]} as in the adapter contract');
    const topology = body as unknown as Topology;
    const lab = await Lab.open(topology, this.options.fault, this.log);
    this.labs.set(lab.id, lab);
    const tokens: Record<string, string> = {};
    for (const [token, dn] of lab.tokens) {
      tokens[dn] = token;
      this.tokens.set(token, { lab, dn });
    }
    return { id: lab.id, tokens, features: lab.features };
  }

  private deleteLab(lab: Lab): unknown {
    for (const token of lab.tokens.keys()) this.tokens.delete(token);
    for (const session of lab.sessions.values()) this.sessions.delete(session.id);
    lab.close();
    this.labs.delete(lab.id);
    return { status: { code: 0 } };
  }

  inject(dn: string, message: Json): boolean {
    for (const lab of this.labs.values()) {
      const session = lab.sessions.get(dn);
      if (session) {
        session.publish(message);
        return true;
      }
    }
    return false;
  }

  labCount(): number {
    return this.labs.size;
  }

  close(): void {
    for (const lab of [...this.labs.values()]) this.deleteLab(lab);
    this.notifications.close();
  }
}

export async function startWorkspaceFacade(options: FacadeOptions): Promise<RunningFacade> {
  const facade = new Facade(options);
  const server: Server = createServer((request, response) => facade.handle(request, response));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}`,
    port,
    close: () => new Promise((resolve) => {
      facade.close();
      server.close(() => resolve());
      server.closeAllConnections();
    }),
    testing: {
      inject: (dn, message) => facade.inject(dn, message),
      dropConnections: () => server.closeAllConnections(),
      forgetCometdSessions: () => {
        facade.notifications.forgetSessions();
        // Cut the long polls too, so the clients learn it now rather than when their poll times out.
        server.closeAllConnections();
      },
      labs: () => facade.labCount(),
    },
  };
}
