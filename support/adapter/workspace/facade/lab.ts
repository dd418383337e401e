/**
 * One lab of the Workspace API facade: a reference simulator (one switch) with the parties a client
 * registered through the control plane, and the agents' Workspace sessions on it. Each session sees
 * its DN's events through a {@link DnProjection}; what a session is sent while it has no subscribed
 * CometD connection waits in its queue and is delivered when it subscribes again (a reconnect loses
 * nothing the server still holds).
 */
import { randomBytes } from 'node:crypto';
import type { ServerSession } from 'cometd-nodejs-server';
import type { PartyConfig, Topology } from '../../contract';
import type { TRequest } from '../../../model/event';
import { SimulatorAdapter, type FaultInjector } from '../../../simulator/SimulatorAdapter';
import type { SimEvent } from '../../../simulator/state';
import { DnProjection } from './projection';
import { VOICE_CHANNEL, type VoiceMessage } from '../wire';

/** Party types an agent can log in on (a Workspace session per DN). */
export const SESSION_TYPES: ReadonlySet<string> = new Set(['Extension', 'ACDPosition']);
/** Devices that hold calls without being a party to the conversation. */
const NOT_MEMBERS: ReadonlySet<string> = new Set(['ACDQueue', 'RoutingPoint']);

export class WorkspaceSession {
  readonly id = randomBytes(16).toString('hex');
  readonly projection: DnProjection;
  agentId: string | undefined;
  activated = false;
  private cometd: ServerSession | undefined;
  private voiceSubscribed = false;
  private readonly waiting: unknown[] = [];
  /** Voice messages sent to this session so far (delivered or waiting): what `settled` compares against. */
  published = 0;

  constructor(readonly lab: Lab, readonly party: PartyConfig) {
    this.projection = new DnProjection(party.dn, party.agentId, (connId) => lab.membersOf(connId));
  }

  get dn(): string {
    return this.party.dn;
  }

  /** A CometD session (first or after a re-handshake) for this Workspace session. */
  attach(session: ServerSession): void {
    this.cometd = session;
    this.voiceSubscribed = false;
  }

  detach(session: ServerSession): void {
    if (this.cometd !== session) return;
    this.cometd = undefined;
    this.voiceSubscribed = false;
  }

  /** The client subscribed to the voice channel: deliver what waited for it, in order. */
  voiceReady(session: ServerSession): void {
    if (this.cometd !== session) return;
    this.voiceSubscribed = true;
    for (const message of this.waiting.splice(0)) session.deliver(null, VOICE_CHANNEL, message);
  }

  publish(message: VoiceMessage | Readonly<Record<string, unknown>>): void {
    this.published += 1;
    if (this.cometd && this.voiceSubscribed) this.cometd.deliver(null, VOICE_CHANNEL, message);
    else this.waiting.push(message);
  }

  disconnect(): void {
    const session = this.cometd;
    this.cometd = undefined;
    session?.disconnect();
  }
}

export class Lab {
  readonly id = randomBytes(8).toString('hex');
  /** Token → DN, one per session party (the control plane's answer is how a client learns them). */
  readonly tokens = new Map<string, string>();
  readonly sessions = new Map<string, WorkspaceSession>();
  private readonly simulator: SimulatorAdapter;
  private readonly parties = new Map<string, PartyConfig>();
  /** Who is on each call (ConnID → DNs and outside numbers): a conference member's participants. */
  private readonly members = new Map<string, Set<string>>();
  private failure: string | undefined;

  private constructor(readonly topology: Topology, fault: FaultInjector | undefined, private readonly log: (line: string) => void) {
    this.simulator = new SimulatorAdapter(fault ? { fault } : {});
    for (const party of topology.parties) {
      this.parties.set(party.dn, party);
      if (party.configured && SESSION_TYPES.has(party.type)) this.tokens.set(randomBytes(16).toString('hex'), party.dn);
    }
  }

  static async open(topology: Topology, fault: FaultInjector | undefined, log: (line: string) => void): Promise<Lab> {
    const lab = new Lab(topology, fault, log);
    await lab.simulator.open(topology, { event: (e) => lab.route(e as SimEvent), fail: (e) => { lab.failure = e.message; } });
    return lab;
  }

  get features(): readonly string[] {
    return this.simulator.capabilities.features;
  }

  party(dn: string): PartyConfig | undefined {
    return this.parties.get(dn);
  }

  /** The DN of the queue an agent logs in to (the topology names it by party name or DN). */
  queueOf(party: PartyConfig): string | undefined {
    if (!party.queue) return undefined;
    return this.topology.parties.find((p) => p.name === party.queue)?.dn ?? party.queue;
  }

  /** A new Workspace session for the DN a token was issued for. */
  session(dn: string): WorkspaceSession {
    const party = this.parties.get(dn);
    if (!party) throw new Error(`no party on DN ${dn}`);
    const session = new WorkspaceSession(this, party);
    this.sessions.get(dn)?.disconnect();
    this.sessions.set(dn, session);
    return session;
  }

  /** A T-Library request (from a Workspace operation or the control plane); its events go to the sessions at once. */
  async send(request: TRequest): Promise<void> {
    if (this.failure) throw new Error(`the simulator failed: ${this.failure}`);
    await this.simulator.send(request);
  }

  /** Voice messages sent per DN so far. */
  published(): Record<string, number> {
    return Object.fromEntries([...this.sessions].map(([dn, s]) => [dn, s.published]));
  }

  membersOf(connId: string): readonly string[] {
    return [...(this.members.get(connId) ?? [])];
  }

  /** Keep call membership from every event of the switch, whoever's DN it is for. */
  private track(event: SimEvent): void {
    const a = event.attributes;
    const connId = typeof a.ConnID === 'string' ? a.ConnID : undefined;
    if (!connId) return;
    const on = this.members.get(connId) ?? new Set<string>();
    this.members.set(connId, on);
    const party = (n: unknown): n is string => typeof n === 'string' && n !== '' && !NOT_MEMBERS.has(this.parties.get(n)?.type ?? '');
    if (typeof a.PreviousConnID === 'string' && a.PreviousConnID !== connId) this.members.get(a.PreviousConnID)?.delete(event.dn);
    if (event.name === 'EventReleased' || event.name === 'EventAbandoned') on.delete(event.dn);
    else if (party(event.dn)) on.add(event.dn);
    // EventPartyAdded/Deleted name the party added or deleted in OtherDN (AddedParty, DeletedParty);
    // ThirdPartyDN is who added or deleted it (AddedBy, DeletedBy), who stays on the call.
    if (event.name === 'EventPartyDeleted') {
      if (typeof a.OtherDN === 'string') on.delete(a.OtherDN);
    } else if (party(a.OtherDN) && event.name !== 'EventReleased') on.add(a.OtherDN);
  }

  private route(event: SimEvent): void {
    this.track(event);
    const session = this.sessions.get(event.dn);
    if (!session?.activated) return;
    for (const message of session.projection.project(event)) session.publish(message);
  }

  close(): void {
    const unshown = [...new Set([...this.sessions.values()].flatMap((s) => [...s.projection.unshown.keys()]))];
    if (unshown.length) this.log(`lab ${this.id}: not shown through the Workspace API: ${unshown.join(', ')}`);
    for (const session of this.sessions.values()) session.disconnect();
    this.sessions.clear();
    void this.simulator.close();
  }
}
