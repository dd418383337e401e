/**
 * Multi-site calls through ISCC (GenEM Multi-Site Call Scenarios, digest 1 §3.9, §2.1 XRouteType;
 * digest 3 §5.24 trunk model and §5.11 ConnID equalization; attributes digest §2
 * First/LastTransferConnID).
 *
 * Each site is its own T-Server: a complete simulator state of its own (`sites` below), holding
 * only that site's DNs and calls, with its own ConnID numbering. Requests on a site's DN run
 * against that site's state with the ordinary families; a call to a DN of another site
 * (`Location`) is one call per site, linked by ISCC:
 * - the origin site sees an outbound call to the remote DN (an outside number there);
 * - the destination site gets an inbound call from the origin DN, with the ConnID that ISCC passes
 *   (READ, digest 3 §5.24 table: the call's own ConnID for a plain call, the consultation's for a
 *   consultation with the default use-data-from) and LastTransferConnID (none for reroute, READ);
 * - the origin DN of a TMakeCall with a location gets EventRemoteConnectionSuccess (READ);
 * - answering and releasing on one site are relayed to the other; a transfer completed at the
 *   origin is relayed as EventPartyChanged with ConnID equalization (READ §5.11, §5.24);
 * - GenEM's "multi-site ISCC transfers and conferences" (title only, digest 4 §5; reconstructed):
 *   a single-step transfer to a DN at another site is a transfer to an outside number at the origin
 *   and an inbound call at the destination with the call's own ConnID; a conference with a party at
 *   another site is consulted like a transfer and, on completion, relayed as EventPartyChanged
 *   (ConferencedBy, Conferenced) with ConnID equalization, as the QA model's conference completion
 *   gives the party that joins.
 * Without sites in the topology every request passes through untouched.
 */
import type { AttrValue, TRequest } from '../model/event';
import { deliver } from './delivery';
import { networkHandlers } from './network';
import { siteOf, stampSites, type SiteState } from './participants';
import { initialState, str, type Call, type Handler, type SimEnv, type SimEvent, type SimState } from './state';
import type { Family, Interceptor } from './transition';
import { transactionFinished, transactionMonitoringHandlers } from './transactionMonitoring';

interface Leg { readonly site: string; connId: string }
interface Link { readonly origin: Leg; readonly dest: Leg; originDn: string; destDn: string }

export interface IsccState {
  sites: Record<string, SimState>;
  links: Link[];
  transactions: number;
}

/** Request names that run against the state of the site whose DN sends them. */
const ROUTED = [
  'RequestMakeCall', 'RequestAnswerCall', 'RequestReleaseCall', 'RequestHoldCall', 'RequestRetrieveCall',
  'RequestInitiateTransfer', 'RequestCompleteTransfer', 'RequestAttachUserData', 'RequestUpdateUserData',
  'RequestInitiateConference', 'RequestCompleteConference', 'RequestSingleStepTransfer',
  'Party.CallsIn', 'Party.Answers', 'Party.HangsUp',
];

/** Each site's own state, built on first use from the DNs the topology puts at that site. */
function siteState(state: SimState, site: SiteState): SimState {
  const beyond = state.participants;
  if (!beyond) throw new Error('no sites');
  const iscc = (beyond.iscc ??= { sites: {}, links: [], transactions: 0 });
  const existing = iscc.sites[site.name];
  if (existing) return existing;
  const index = Object.keys(beyond.sites).indexOf(site.name);
  const own: SimState = { ...initialState({ parties: [] }, state.profile), ...(state.hasAppearances ? { hasAppearances: true } : {}) };
  for (const [dn, dnState] of Object.entries(state.dns)) if (beyond.dnSite[dn] === site.name) own.dns[dn] = dnState;
  // Each T-Server numbers its own ConnIDs; distinct ranges keep the trace readable.
  own.connSeq = index * 0x100;
  iscc.sites[site.name] = own;
  return own;
}

function requestSite(state: SimState, request: TRequest): SiteState | undefined {
  const dn = str(request, 'ThisDN');
  const own = dn ? siteOf(state, dn) : undefined;
  if (own) return own;
  // An outside party's action: the site that has a call with it.
  const sites = state.participants?.sites ?? {};
  return Object.values(sites).find((s) => dn && Object.values(siteState(state, s).calls).some((c) => c.parties.some((p) => p.dn === dn)));
}

function routed(name: string): Interceptor {
  return (next) => (state, request, env) => {
    if (!state.participants || Object.keys(state.participants.sites).length === 0) return next(state, request, env);
    const site = requestSite(state, request);
    if (!site) return next(state, request, env);
    const own = siteState(state, site);
    const location = str(request, 'Location');
    if (location && location !== site.name && CROSS_SITE.includes(name)) {
      return name === 'RequestSingleStepTransfer' ? crossSiteTransfer(state, site, request, env, next) : crossSite(state, site, request, env, next);
    }
    const events = next(own, request, env);
    return [...events, ...relay(state, site, request, events, env)];
  };
}

/** Requests that reach a DN at another site when they carry its Location. */
const CROSS_SITE = ['RequestMakeCall', 'RequestInitiateTransfer', 'RequestInitiateConference', 'RequestSingleStepTransfer'];

/**
 * TSingleStepTransfer to a DN at the request's Location: at the origin a transfer to an outside
 * number (the destination through the trunk), at the destination an inbound call from the party
 * that stays, with the call's own ConnID and LastTransferConnID (as for any ISCC call).
 */
function crossSiteTransfer(state: SimState, origin: SiteState, request: TRequest, env: SimEnv, next: Handler): SimEvent[] {
  const beyond = state.participants;
  const target = str(request, 'OtherDN') ?? '';
  const dest = beyond?.sites[str(request, 'Location') ?? ''];
  const here = siteState(state, origin);
  const call = here.calls[str(request, 'ConnID') ?? ''];
  const stays = call?.parties.find((p) => p.dn !== str(request, 'ThisDN'));
  if (!beyond || !dest || beyond.dnSite[target] !== dest.name || !call || !stays) return next(here, request, env);
  const events = next(here, request, env);
  const there = siteState(state, dest);
  const connId = there.calls[call.connId] ? env.connId((there.connSeq += 1)) : call.connId;
  const remote: Call = { connId, callId: String((there.callSeq += 1)), callType: 'Inbound', parties: [], userData: [...call.userData] };
  there.calls[connId] = remote;
  const caller = { dn: stays.dn, role: 'Origination', status: 'Dialing' as const };
  remote.parties.push(caller);
  const delivered = deliver(there, remote, caller, target, env).map((e) => ({ ...e, attributes: { ...e.attributes, LastTransferConnID: call.connId } }));
  beyond.iscc?.links.push({ origin: { site: origin.name, connId: call.connId }, dest: { site: dest.name, connId }, originDn: stays.dn, destDn: target });
  return [...events, ...delivered];
}

/** A call (or consultation) from a DN of `origin` to a DN at the request's Location. */
function crossSite(state: SimState, origin: SiteState, request: TRequest, env: SimEnv, next: Handler): SimEvent[] {
  const beyond = state.participants;
  const target = str(request, 'OtherDN') ?? '';
  const dest = beyond?.sites[str(request, 'Location') ?? ''];
  const fromDn = str(request, 'ThisDN') ?? '';
  if (!beyond || !dest || beyond.dnSite[target] !== dest.name) return next(siteState(state, origin), request, env);
  const here = siteState(state, origin);
  const before = new Set(Object.keys(here.calls));
  const events = next(here, request, env);
  const call = Object.values(here.calls).find((c) => !before.has(c.connId));
  if (!call) return events;
  const there = siteState(state, dest);
  const type = str(request, 'XRouteType') ?? 'Route';
  // READ (digest 3 §5.24): the remote call gets the ConnID ISCC passes unless it already exists there.
  const connId = there.calls[call.connId] ? env.connId((there.connSeq += 1)) : call.connId;
  // The remote switch numbers its own calls (CallID is an integer, GenEM Event Attributes).
  const remote: Call = { connId, callId: String((there.callSeq += 1)), callType: 'Inbound', parties: [], userData: [...call.userData] };
  there.calls[connId] = remote;
  const caller = { dn: fromDn, role: 'Origination', status: 'Dialing' as const };
  remote.parties.push(caller);
  const lastTransfer: Record<string, AttrValue> = type === 'Reroute' ? {} : { LastTransferConnID: call.connId };
  const delivered = deliver(there, remote, caller, target, env).map((e) => ({ ...e, attributes: { ...e.attributes, ...lastTransfer } }));
  beyond.iscc?.links.push({ origin: { site: origin.name, connId: call.connId }, dest: { site: dest.name, connId }, originDn: fromDn, destDn: target });
  const success: SimEvent[] = request.name === 'RequestMakeCall'
    ? [{ dn: fromDn, name: 'EventRemoteConnectionSuccess', attributes: { ThisDN: fromDn, ConnID: call.connId, ...refOf(request) } }]
    : [];
  return [...events, ...delivered, ...success, ...transactionFinished(state, origin, type, (beyond.iscc ? (beyond.iscc.transactions += 1) : 1))];
}

const refOf = (request: TRequest): Record<string, AttrValue> => {
  const ref = request.attributes.ReferenceID;
  return ref === undefined ? {} : { ReferenceID: ref };
};

/** What the other site of a linked call sees after a request on one site. */
function relay(state: SimState, site: SiteState, request: TRequest, events: readonly SimEvent[], env: SimEnv): SimEvent[] {
  const links = state.participants?.iscc?.links ?? [];
  const out: SimEvent[] = [];
  for (const link of [...links]) {
    const mine = link.origin.site === site.name ? link.origin : link.dest.site === site.name ? link.dest : undefined;
    if (!mine) continue;
    const other = mine === link.origin ? link.dest : link.origin;
    const otherState = siteState(state, (state.participants?.sites ?? {})[other.site] as SiteState);
    const transferred = transferRelay(otherState, link, mine, other, request, events, site);
    out.push(...transferred);
    // The DN that stands for this site's party on the other site (an outside number there).
    const rep = mine === link.origin ? link.originDn : link.destDn;
    if (transferred.length === 0 && !siteState(state, site).calls[mine.connId]) {
      links.splice(links.indexOf(link), 1);
      out.push(...party('Party.HangsUp', otherState, rep, other.connId, env));
    } else if (request.name === 'RequestAnswerCall' && events.some((e) => e.name === 'EventEstablished' && e.attributes.ConnID === mine.connId)) {
      out.push(...party('Party.Answers', otherState, rep, other.connId, env));
    }
  }
  return out;
}

/** The other site sees the remote party act as an outside party would (network.ts). */
function party(action: 'Party.HangsUp' | 'Party.Answers', there: SimState, dn: string, connId: string, env: SimEnv): SimEvent[] {
  const handler = networkHandlers[action];
  return handler ? safe(() => handler(there, { name: action, attributes: { ThisDN: dn, ConnID: connId } }, env)) : [];
}

function safe(run: () => SimEvent[] | undefined): SimEvent[] {
  try {
    return run() ?? [];
  } catch {
    return [];
  }
}

/**
 * A transfer completed at this site merged the consultation (linked to the other site) into the
 * main call: the remote parties get EventPartyChanged relayed by the trunk, with ConnID
 * equalization (READ digest 3 §5.11/§5.24): the remote call takes the main ConnID, PreviousConnID is
 * its old ConnID, ThirdPartyDN is `Location::DN` of the transferring DN, OtherDN is not given, and
 * LastTransferConnID is reset.
 */
function transferRelay(there: SimState, link: Link, mine: Leg, other: Leg, request: TRequest, events: readonly SimEvent[], site: SiteState): SimEvent[] {
  const conference = request.name === 'RequestCompleteConference';
  if ((request.name !== 'RequestCompleteTransfer' && !conference) || str(request, 'TransferConnID') !== mine.connId) return [];
  const main = str(request, 'ConnID') ?? '';
  const changed = events.find((e) => e.name === (conference ? 'EventPartyAdded' : 'EventPartyChanged') && e.attributes.ConnID === main);
  const remote = there.calls[other.connId];
  if (!remote || !changed) return [];
  const transferring = str(request, 'ThisDN') ?? '';
  const newRemote = there.calls[main] ? other.connId : main;
  const moved: Call = { ...remote, connId: newRemote };
  Reflect.deleteProperty(there.calls, other.connId);
  there.calls[newRemote] = moved;
  // A transfer leaves the party that stayed at the far end of the trunk; a conference keeps the conferencing DN's.
  const survivor = !conference && typeof changed.attributes.ThisDN === 'string' ? changed.attributes.ThisDN : transferring;
  for (const p of moved.parties) if (p.dn === transferring) (p as { dn: string }).dn = survivor;
  const previous = other.connId;
  mine.connId = main;
  other.connId = newRemote;
  if (mine === link.origin) link.originDn = survivor;
  else link.destDn = survivor;
  return moved.parties.filter((p) => there.dns[p.dn]).map((p) => ({
    dn: p.dn,
    name: 'EventPartyChanged',
    attributes: {
      ConnID: newRemote, PreviousConnID: previous, CallID: moved.callId, CallType: moved.callType, ThisDN: p.dn, ThisDNRole: p.role,
      ThirdPartyDN: `${site.name}::${transferring}`,
      ...(conference ? { ThirdPartyDNRole: 'ConferencedBy', CallState: 'Conferenced' } : { ThirdPartyDNRole: 'TransferredBy', CallState: 'Transferred' }),
    },
  }));
}

export const isccFamily: Family = {
  handlers: transactionMonitoringHandlers,
  intercepts: Object.fromEntries(ROUTED.map((name) => [name, routed(name)])),
  // Registered last in FAMILIES: the site stamp must see every family's events.
  reactions: [stampSites],
  capabilities: ['multi-site', 'transaction-monitoring'],
};
