/**
 * The workspace adapter (`"adapter": "workspace"`): drives a Genesys Workspace API server — a Genesys
 * Web Services deployment in a lab, or this project's facade over the reference simulator — through
 * Genesys's own client, `genesys-workspace-client-js`, one agent session per DN of the scenario, and
 * turns each session's notifications back into that DN's T-Library events (events.ts).
 *
 * The Workspace API shows call states per agent, not T-Library: its observation level ("Workspace
 * API (call-state level)") is declared in the capabilities, so scenarios that expect what it cannot
 * show (queues and routing points, EventQueued/Diverted/NetworkReached, ThirdPartyDN, timestamps,
 * an order across DNs) are skipped with the reason; ReferenceID, ThisDNRole, CallState and ThisQueue
 * have no trace in it and are listed as not checked wherever a table asserts them.
 */
import type { Capabilities, EventSink, EventSourceAdapter, Observation, PartyConfig, Topology } from '../contract';
import { RequestNotExpressible } from '../contract';
import type { TRequest } from '../../model/event';
import { ClientHosts, HostedClient } from './clientHost';
import { DnEvents } from './events';
import type { FromHost } from './hostProtocol';
import { parseWorkspaceOptions, type WorkspaceOptions } from './options';
import { voiceCallFor, WORKSPACE_REQUESTS } from './requests';
import { CONTROL_PREFIX } from './wire';

export const WORKSPACE_TIER = 'Workspace API (call-state level)';

export const WORKSPACE_OBSERVATION: Observation = {
  tier: WORKSPACE_TIER,
  events: [
    'EventDialing', 'EventRinging', 'EventEstablished', 'EventHeld', 'EventRetrieved', 'EventReleased',
    'EventPartyChanged', 'EventPartyAdded', 'EventPartyDeleted', 'EventAttachedDataChanged',
    'EventAgentLogin', 'EventAgentLogout', 'EventAgentReady', 'EventAgentNotReady',
    'EventDNDOn', 'EventDNDOff', 'EventForwardSet', 'EventForwardCancel', 'EventError',
  ],
  attributes: ['ThisDN', 'ConnID', 'PreviousConnID', 'CallType', 'OtherDN', 'OtherDNRole', 'UserData', 'AgentID', 'AgentWorkMode', 'ErrorCode', 'ErrorMessage'],
  unchecked: ['ReferenceID', 'ThisDNRole', 'CallState', 'ThisQueue'],
  crossDnOrder: false,
  partyTypes: ['Extension', 'ACDPosition'],
};

/** Kinds of party a Workspace session can be opened for (an agent logs in on them). */
const SESSION_TYPES: ReadonlySet<string> = new Set(WORKSPACE_OBSERVATION.partyTypes);

/** Capabilities the facade's simulator has that the Workspace level can use: switch behaviours and party actions. */
function usableFeature(name: string): boolean {
  return name.includes(':') || ['external-parties', 'alerting-control', 'timeout-control', 'dial-outcome-control', 'digit-entry', 'call-parking'].includes(name);
}

/** How long `open` waits for a DN's first state report and for the agent to be logged out. */
const OPEN_WAIT_MS = 10_000;

class DnSession {
  received = 0;
  constructor(readonly party: PartyConfig, readonly agentId: string, readonly queue: string | undefined, readonly events: DnEvents, readonly client: HostedClient) {}
}

export class WorkspaceAdapter implements EventSourceAdapter {
  readonly name: string;
  readonly capabilities: Capabilities;
  settled?: () => Promise<void>;
  private readonly sessions = new Map<string, DnSession>();
  private lab: string | undefined;
  private sink: EventSink | undefined;
  private failure: Error | undefined;
  private wakers: (() => void)[] = [];
  /** Set by close(), which the harness may call while open() is still running (it gave up waiting). */
  private closed = false;

  /** `hosts`: the run's client host (shared by the run's adapters: support/adapter/select.ts AdapterRun). */
  constructor(private readonly options: WorkspaceOptions, features: readonly string[], private readonly hosts: ClientHosts) {
    this.name = options.name ?? `${WORKSPACE_TIER} at ${options.baseUrl}`;
    this.capabilities = { requests: WORKSPACE_REQUESTS, features, observation: WORKSPACE_OBSERVATION };
    // Only the facade says how many notifications it sent; a real server leaves the harness its quiet period.
    if (options.facade) this.settled = () => this.delivered();
  }

  async open(topology: Topology, sink: EventSink): Promise<void> {
    this.sink = sink;
    const parties = topology.parties.filter((p) => p.configured && !p.participant && SESSION_TYPES.has(p.type));
    let tokens: Readonly<Record<string, string>> = {};
    if (this.options.facade) {
      const lab = await this.control('POST', '/labs', { parties: topology.parties, ...(topology.sites ? { sites: topology.sites } : {}) }) as { id: string; tokens: Record<string, string> };
      this.lab = lab.id;
      tokens = lab.tokens;
      if (this.closed) await this.close();
    }
    try {
      // The queue an agent logs in to, by DN (the topology may name it by party name).
      const queueOf = (p: PartyConfig): string | undefined => (p.queue ? topology.parties.find((q) => q.name === p.queue)?.dn ?? p.queue : undefined);
      await Promise.all(parties.map((party) => this.openSession(party, queueOf(party), tokens[party.dn] ?? this.options.agents[party.dn]?.token)));
      await this.startLoggedOut();
    } catch (e) {
      // The harness does not close an adapter that did not open: end what was started.
      await this.close();
      throw e;
    }
  }

  private async openSession(party: PartyConfig, queue: string | undefined, token: string | undefined): Promise<void> {
    if (!token) throw new Error(`no access token for DN ${party.dn} (${party.name}): set adapterOptions.agents.${party.dn}.token or tokenEnv`);
    const agentId = this.options.agents[party.dn]?.agentId ?? party.agentId ?? party.name;
    const events = new DnEvents(party.dn, `DN ${party.dn}`);
    const client = new HostedClient(this.hosts, {
      message: (m) => this.onMessage(session, m),
      lost: (reason) => this.fail(new Error(`the Workspace client of DN ${party.dn} stopped: ${reason}`)),
    });
    const session: DnSession = new DnSession(party, agentId, queue, events, client);
    this.sessions.set(party.dn, session);
    try {
      await client.open({ baseUrl: this.options.baseUrl, apiKey: this.options.apiKey, token, agentId, dn: party.dn });
    } catch (e) {
      throw new Error(`the Workspace API refused the session of DN ${party.dn} (agent ${agentId}): ${(e as Error).message}`, { cause: e });
    } finally {
      // Closed meanwhile: this session came too late for close() to end it.
      if (this.closed) await client.close().catch(() => undefined);
    }
    if (this.closed) throw new Error('the adapter was closed while it opened');
  }

  /**
   * The features start with every agent logged out; activating the voice channel logs the agent in
   * on Genesys Web Services, so the adapter logs out whoever the DN reports logged in.
   */
  private async startLoggedOut(): Promise<void> {
    const sessions = [...this.sessions.values()];
    await this.until(() => sessions.every((s) => s.events.agentState !== undefined), 'the first state report of every DN');
    await this.settled?.();
    const loggedIn = sessions.filter((s) => s.events.agentState !== 'LoggedOut');
    await Promise.all(loggedIn.map((s) => s.client.voice('logout')));
    await this.until(() => loggedIn.every((s) => s.events.agentState === 'LoggedOut'), 'the agents to be logged out');
    await this.settled?.();
  }

  async send(request: TRequest): Promise<void> {
    if (/^(Party|Network)\./.test(request.name)) {
      if (!this.options.facade || !this.lab) throw new RequestNotExpressible(`${request.name} is a party action, which only the facade's control plane performs`);
      await this.control('POST', `/labs/${this.lab}/actions`, { name: request.name, attributes: request.attributes });
      return;
    }
    const thisDn = request.attributes.ThisDN;
    const dn = typeof thisDn === 'string' || typeof thisDn === 'number' ? String(thisDn) : '';
    const session = this.sessions.get(dn);
    if (!session) throw new RequestNotExpressible(`DN ${dn || '(none)'} has no agent session: the Workspace API acts only for agents`);
    const { method, args } = voiceCallFor(request, { agentId: session.agentId, ...(session.queue ? { queue: session.queue } : {}) });
    try {
      await session.client.voice(method, ...args);
    } catch (e) {
      throw new Error(`the Workspace API refused ${method} for DN ${dn}: ${(e as Error).message}`, { cause: e });
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const sessions = [...this.sessions.values()];
    this.sessions.clear();
    const problems: string[] = [];
    await Promise.all(sessions.map((s) => s.client.close().catch((e: unknown) => problems.push(`DN ${s.party.dn}: ${(e as Error).message}`))));
    if (this.lab) {
      const lab = this.lab;
      this.lab = undefined;
      await this.control('DELETE', `/labs/${lab}`).catch((e: unknown) => problems.push(`lab ${lab}: ${(e as Error).message}`));
    }
    this.sink = undefined;
    this.wake();
    if (problems.length) console.error(`workspace adapter: closing the sessions: ${problems.join('; ')}`);
  }

  private onMessage(session: DnSession, m: FromHost): void {
    if (m.type === 'voice') {
      session.received = m.seq;
      const { events, problem } = session.events.map(m);
      if (problem) this.fail(new Error(`the Workspace API sent a notification the adapter cannot read: ${problem}`));
      for (const event of events) this.sink?.event(event);
    } else if (m.type === 'rehandshake') {
      this.fail(new Error(`the CometD connection of DN ${session.party.dn} was re-established with a new handshake: notifications sent in between may be lost, so this scenario cannot be judged (the adapter has subscribed again)`));
    } else if (m.type === 'note') {
      console.error(`workspace adapter: ${m.message}`);
    }
    this.wake();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.sink?.fail(error);
    this.wake();
  }

  private wake(): void {
    for (const w of this.wakers.splice(0)) w();
  }

  /** Resolves once `check` holds (re-checked on every notification); rejects on failure or after OPEN_WAIT_MS. */
  private until(check: () => boolean, what: string, ms = OPEN_WAIT_MS): Promise<void> {
    const deadline = Date.now() + ms;
    return new Promise((resolve, reject) => {
      const test = (): void => {
        if (this.failure) return reject(this.failure);
        if (check()) return resolve();
        const left = deadline - Date.now();
        if (left <= 0) return reject(new Error(`the Workspace API did not send ${what} within ${ms} ms`));
        const timer = setTimeout(test, left);
        this.wakers.push(() => {
          clearTimeout(timer);
          test();
        });
      };
      test();
    });
  }

  /** Every voice message the facade sent to the sessions so far has arrived. */
  private async delivered(): Promise<void> {
    if (!this.lab) return;
    const { published } = await this.control('GET', `/labs/${this.lab}/published`) as { published: Record<string, number> };
    await this.until(() => Object.entries(published).every(([dn, n]) => (this.sessions.get(dn)?.received ?? n) >= n), 'every notification it counts as sent');
  }

  private async control(method: string, path: string, body?: unknown): Promise<unknown> {
    const url = `${this.options.baseUrl}${CONTROL_PREFIX}${path}`;
    const response = await fetch(url, {
      method, headers: { 'x-api-key': this.options.apiKey, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${url}: HTTP ${response.status} ${text.slice(0, 300)}`);
    return text ? JSON.parse(text) as unknown : {};
  }
}

/**
 * Factory for `adapter: "workspace"`: options, and the facade's switch capabilities when it is one.
 * `hosts`: the run's client host; without one the adapter gets a host of its own (a spec), which
 * ends two seconds after its last session (clientHost.ts IDLE_MS).
 */
export async function createWorkspaceAdapter(raw: Readonly<Record<string, unknown>>, hosts: ClientHosts = new ClientHosts()): Promise<WorkspaceAdapter> {
  const options = parseWorkspaceOptions(raw);
  let features = options.features;
  if (options.facade) {
    const response = await fetch(`${options.baseUrl}${CONTROL_PREFIX}/capabilities`, { headers: { 'x-api-key': options.apiKey } });
    if (!response.ok) throw new Error(`the Workspace API facade at ${options.baseUrl} did not give its capabilities: HTTP ${response.status}`);
    const { features: offered } = await response.json() as { features: string[] };
    features = [...new Set([...features, ...offered.filter(usableFeature)])];
  }
  return new WorkspaceAdapter(options, features, hosts);
}
