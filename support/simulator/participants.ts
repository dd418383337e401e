/**
 * Beyond one T-Server: the simulator's sites and the participants that are not DNs.
 *
 * A multi-site lab is several switching domains, each with its own T-Server. The simulator keeps
 * every site's DNs and calls in the one state (a DN belongs to exactly one site, a multi-site call
 * is one call per site linked by ISCC, see iscc.ts), and says in each event's envelope which
 * site's T-Server reported it. Without sites and participants this state is absent and nothing
 * else changes.
 *
 * Participants that are not DNs (agent applications and reporting engines of Interaction Server,
 * a routing server, call- and transaction-monitoring clients) receive events on their own stream:
 * `participant` (and `dn`) is their identifier, `protocol` and `sender` say what and from whom.
 */
import type { ParticipantConfig, Topology } from '../adapter/contract';
import type { AttrValue, Protocol, TRequest } from '../model/event';
import type { CallMonitorState } from './callNotifications';
import type { InteractionServerState } from './interactionServer';
import type { IsccState } from './iscc';
import type { NetworkTransferState } from './networkTransfer';
import type { SimEvent, SimState } from './state';
import type { Subscription } from './transactionMonitoring';
import type { UrsState } from './urs';
import type { IvrServerState } from './ivrServer';

export interface SiteState {
  readonly name: string;
  /** The site's T-Server, the `sender` of its events. */
  readonly server: string;
}

export interface ParticipantEntry {
  readonly id: string;
  readonly kind: ParticipantConfig['kind'];
  readonly server: string;
  readonly valid: boolean;
}

export interface ParticipantsState {
  sites: Record<string, SiteState>;
  /** DN → the site whose switch owns it. */
  dnSite: Record<string, string>;
  participants: Record<string, ParticipantEntry>;
  interactionServer?: InteractionServerState;
  callMonitor?: CallMonitorState;
  iscc?: IsccState;
  networkTransfer?: NetworkTransferState;
  /** ISCC transaction-monitoring subscriptions (transactionMonitoring.ts). */
  subscriptions?: Subscription[];
  /** URS's virtual queues (urs.ts) and IVR Server's IVRs (ivrServer.ts). */
  urs?: UrsState;
  ivrServer?: IvrServerState;
}

/** The state for the topology's sites and participants; undefined for a plain single-site cast. */
export function participantsState(topology: Topology): ParticipantsState | undefined {
  const sites: Record<string, SiteState> = {};
  for (const site of topology.sites ?? []) sites[site.name] = { name: site.name, server: site.server };
  const dnSite: Record<string, string> = {};
  const participants: Record<string, ParticipantEntry> = {};
  for (const p of topology.parties) {
    if (p.site) dnSite[p.dn] = p.site;
    if (p.participant) participants[p.dn] = { id: p.dn, kind: p.participant.kind, server: p.participant.server, valid: p.participant.valid ?? true };
  }
  if (Object.keys(sites).length === 0 && Object.keys(participants).length === 0) return undefined;
  return { sites, dnSite, participants };
}

/** Participants of one kind (in declaration order). */
export function participantsOf(state: SimState, kind: ParticipantConfig['kind']): ParticipantEntry[] {
  return Object.values(state.participants?.participants ?? {}).filter((p) => p.kind === kind);
}

/** An event on a participant's stream. */
export function toParticipant(
  to: string, name: string, protocol: Protocol, sender: string, attributes: Record<string, AttrValue>,
): SimEvent {
  return { dn: to, participant: to, name, protocol, sender, attributes };
}

/** The participant that sent a request (its `sender`), when the cast declares it. */
export function senderOf(state: SimState, request: TRequest): ParticipantEntry | undefined {
  return request.sender ? state.participants?.participants[request.sender] : undefined;
}

/** The site of a DN, when the lab has sites. */
export function siteOf(state: SimState, dn: string): SiteState | undefined {
  const name = state.participants?.dnSite[dn];
  return name ? state.participants?.sites[name] : undefined;
}

/**
 * Reaction: every event on a DN of a site says which site's T-Server reported it (envelope
 * `site` and `sender`). Registered last so that it sees every family's events.
 */
export function stampSites(state: SimState, _request: TRequest, events: readonly SimEvent[]): SimEvent[] {
  if (!state.participants || Object.keys(state.participants.sites).length === 0) return [...events];
  return events.map((e) => {
    if (e.site || e.participant) return e;
    const site = siteOf(state, e.dn);
    return site ? { ...e, site: site.name, sender: site.server } : e;
  });
}
