/**
 * A log read for replay, indexed for scenario selection (replayMatch.ts): its records, its stimuli
 * (stimuli.ts), what kind of DN each DN is (from the events: extension, ACD queue, routing point,
 * or an outside number that never has events of its own), which calls belong together (linked by
 * PreviousConnID, TransferConnID or CallUUID), and which calls each DN was on at any point.
 */
import type { PartyConfig } from '../adapter/contract';
import { connIdOf, hasAppearanceIndex, StimulusTracker, type Stimulus } from './stimuli';
import { msOf, type TraceRecord } from './record';
import { inOpeningBurst, OPENING_BURST_MS } from './opened';
import { enumNameOf } from '../model/enums';
import { isSpecialDn } from '../model/specialDns';
import { RoutedCalls, type RoutingVariant } from './routedCalls';

export type DnKind = 'device' | 'queue' | 'routing-point' | 'external';

const QUEUE_EVENTS = new Set(['EventQueued']);
const ROUTING_EVENTS = new Set(['EventRouteRequest', 'EventRouteUsed', 'EventTreatmentApplied', 'EventTreatmentNotApplied', 'EventTreatmentEnd', 'EventTreatmentRequired']);
/** Events only a device (an extension or ACD position) gets. */
const DEVICE_EVENTS = new Set(['EventDialing', 'EventRinging', 'EventEstablished', 'EventHeld', 'EventRetrieved', 'EventOffHook', 'EventOnHook', 'EventDestinationBusy',
  'EventAgentLogin', 'EventAgentLogout', 'EventAgentReady', 'EventAgentNotReady', 'EventAgentAfterCallWork', 'EventNetworkReached', 'EventPartyChanged',
  // A phone's own features: a DN that has them is an extension the switch knows, not an outside number.
  'EventDNDOn', 'EventDNDOff', 'EventForwardSet', 'EventForwardCancel', 'EventMessageWaitingOn', 'EventMessageWaitingOff', 'EventMuteOn', 'EventMuteOff']);

/** Events that show an agent works at the DN. */
const AGENT_EVENTS = new Set(['EventAgentLogin', 'EventAgentLogout', 'EventAgentReady', 'EventAgentNotReady', 'EventAgentAfterCallWork']);

/**
 * Why a party cannot be any DN of a log, whatever its kind: its behaviour depends on switch
 * configuration the log cannot confirm (DN options such as a hunt group or a routing point that
 * does not divert on ringing, a shared or bridged appearance or a line that has one), or it is no DN of this switch (a
 * participant, a DN at another site). Undefined when it can be. `sharedShown`: the log shows the DN
 * as an appearance of a shared line (see {@link DnKnowledge.isAppearance}), so that configuration is
 * confirmed.
 */
export function configurationOf(p: PartyConfig, cast: readonly PartyConfig[], sharedShown = false, scenario?: ScenarioFacts): string | undefined {
  const elsewhere = notOnThisSwitch(p);
  if (elsewhere) return elsewhere;
  if (p.appearanceOf && !(sharedShown && p.appearanceOf.kind === 'shared')) return `${p.name} is a ${p.appearanceOf.kind} appearance of another line`;
  const appearance = cast.find((q) => q.appearanceOf?.line === p.dn && !(sharedShown && q.appearanceOf.kind === 'shared'));
  if (appearance) return `${p.name}'s line has a ${appearance.appearanceOf?.kind ?? 'shared'} appearance (${appearance.name})`;
  const unnamed = scenario === undefined ? undefined : agentsLeftOut(p, cast, scenario);
  if (unnamed) return unnamed;
  const options = Object.entries(p.options ?? {}).filter(([key]) => matters(key, scenario?.acts));
  if (options.length) return `${p.name} has switch options a log cannot confirm (${options.map(([k, v]) => `${k}=${v}`).join('; ')})`;
  return undefined;
}

/**
 * Switch options that change what happens at one act only: a scenario without any of those acts
 * goes the same whatever the option says, so a log need not confirm it.
 * - `overflow` (an ACD queue): where a call goes once it has waited longer than the queue's
 *   overflow time — the act "the call waits in the queue longer than the overflow time"
 *   (Network.QueueTimeout, support/simulator/acd.ts). A call diverted at once to a ready agent, or
 *   abandoned by its caller, never reaches it. Without this, no call to a queue with an overflow
 *   destination could be recognised: the ACD distribution of the basic models among them.
 * Every other option (multiple queues, an IVR port, a hunt group's members, a routing point's
 * default route or divert-on-ringing) shapes every call to the DN, and a scenario with it stays unconfirmed.
 */
const ONE_ACT_OPTIONS: Readonly<Record<string, readonly string[]>> = { overflow: ['Network.QueueTimeout'] };

/** Whether option `key` can change a scenario with these acts (every option does when the acts are unknown). */
function matters(key: string, acts: readonly string[] | undefined): boolean {
  const only = ONE_ACT_OPTIONS[key];
  return acts === undefined || only === undefined || only.some((a) => acts.includes(a));
}

/**
 * What a recognizer knows of a whole scenario before judging it (a replay, whose steps come one at a
 * time, does not: every option then counts, and no queue's agents are asked about).
 */
export interface ScenarioFacts {
  /** The names of its acts, every step's (undefined when a step's cannot be told: every option counts). */
  readonly acts?: readonly string[];
  /** The parties its own steps and tables name. */
  readonly named: readonly string[];
  /** The parties (names or DNs, as the tables write them) at which its tables expect EventQueued. */
  readonly queuedAt: readonly string[];
}

/**
 * An ACD queue at which the scenario expects a call queued, while it names none of the queue's
 * agents in the feature's cast: it starts them in their first state, logged out — "Alice calls
 * Sales while no agent is ready" says so only by leaving Bob out. A log cannot confirm that none of
 * a real queue's agents was ready (it may start after they logged in; the queue has others), and a
 * call a ready agent took at once would deviate from such a scenario by the queue's diverting it.
 */
function agentsLeftOut(p: PartyConfig, cast: readonly PartyConfig[], { named, queuedAt }: ScenarioFacts): string | undefined {
  if (p.type !== 'ACDQueue' || !(queuedAt.includes(p.name) || queuedAt.includes(p.dn))) return undefined;
  const agents = cast.filter((q) => q.queue !== undefined && (q.queue === p.dn || q.queue === p.name) && !named.includes(q.name));
  if (agents.length === 0) return undefined;
  return `the scenario starts ${p.name}'s agent${agents.length > 1 ? 's' : ''} ${agents.map((a) => a.name).join(', ')} logged out (it does not name them), and a log cannot confirm that no agent of the queue was ready`;
}

/** What a call's events show (see LogIndex.factsOf). */
interface CallFacts {
  /** The DNs it had events at. */
  readonly dns: Set<string>;
  /** An EventDestinationBusy on it, and the DNs such events name as the other party. */
  heardBusy: boolean;
  readonly busyFor: Set<string>;
  /** An event of it with ThisDNRole Observer (a supervisor's monitoring leg). */
  observed: boolean;
}

const NO_FACTS: CallFacts = { dns: new Set(), heardBusy: false, busyFor: new Set(), observed: false };

/** A log's outbound calls, for {@link LogIndex.networkReached}. */
class OutboundCalls {
  private readonly dialled = new Set<string>();
  private readonly reached = new Set<string>();
  /** Answered or busy: past the network either way. */
  private readonly through = new Set<string>();

  /** Takes note of an event of the log; whether it is an outbound call's dialling (CallType Outbound). */
  note(r: TraceRecord): boolean {
    if (r.kind !== 'event') return false;
    const out = r.name === 'EventDialing' && enumNameOf('CallType', r.attributes.CallType) === 'Outbound';
    const conn = connIdOf(r);
    if (conn === undefined) return out;
    if (out && !(typeof r.attributes.OtherDN === 'string' && isSpecialDn(r.attributes.OtherDN))) this.dialled.add(conn);
    if (r.name === 'EventNetworkReached') this.reached.add(conn);
    if (r.name === 'EventEstablished' || r.name === 'EventDestinationBusy') this.through.add(conn);
    return out;
  }

  networkReached(): 'reported' | 'not-reported' | undefined {
    let reports = false;
    let lacks = false;
    for (const conn of this.dialled) {
      if (this.reached.has(conn)) reports = true;
      else if (this.through.has(conn)) lacks = true;
    }
    return reports === lacks ? undefined : reports ? 'reported' : 'not-reported';
  }
}

/** Why a party is no DN of the log's switch whatever its configuration: a participant (an IVR, a router…), a DN at another site. */
export function notOnThisSwitch(p: PartyConfig): string | undefined {
  if (p.participant) return `${p.name} is a ${p.participant.kind}, not a DN`;
  if (p.site) return `${p.name} is at site ${p.site}`;
  return undefined;
}

/** Whether a party of the feature is an appearance of a shared line, or the line of one (SIP Server shared call appearance). */
export function onSharedLine(p: PartyConfig, cast: readonly PartyConfig[]): boolean {
  return p.appearanceOf?.kind === 'shared' || cast.some((q) => q.appearanceOf?.kind === 'shared' && q.appearanceOf.line === p.dn);
}

/** Whether a party of the feature (its type; an agent's DN must show an agent) may be a DN of the log's `kind`. */
export function kindFits(p: Pick<PartyConfig, 'type' | 'configured' | 'agentId'>, kind: DnKind, agent: boolean): boolean {
  if (!p.configured) return kind === 'external';
  if ((p.agentId !== undefined || p.type === 'ACDPosition') && !agent) return false;
  switch (p.type) {
    case 'Extension':
    case 'ACDPosition':
      return kind === 'device';
    case 'ACDQueue':
      return kind === 'queue';
    case 'RoutingPoint':
      return kind === 'routing-point';
    default:
      return kind === 'external';
  }
}

export function describeKind(kind: DnKind): string {
  return { device: 'an extension', queue: 'an ACD queue', 'routing-point': 'a routing point', external: 'a number with no events of its own' }[kind];
}

const MONITORED = 'call monitoring';
/** Events that turn a DN's switch feature on or off. */
const FEATURE_EVENTS: Readonly<Record<string, { readonly feature: string; readonly on: boolean }>> = {
  EventDNDOn: { feature: 'do-not-disturb', on: true }, EventDNDOff: { feature: 'do-not-disturb', on: false },
  EventForwardSet: { feature: 'call forwarding', on: true }, EventForwardCancel: { feature: 'call forwarding', on: false },
  EventMonitoringNextCall: { feature: MONITORED, on: true }, EventMonitoringCancelled: { feature: MONITORED, on: false },
};

/** Whether an event tells a DN's state outside any call: its agent's, or a switch feature's (see {@link LogIndex.agentBefore}, {@link LogIndex.featuresBefore}). */
export function isDnStateEvent(name: string): boolean {
  return AGENT_EVENTS.has(name) || FEATURE_EVENTS[name] !== undefined;
}

const ON_CALL = new Set(['EventDialing', 'EventNetworkReached', 'EventRinging', 'EventEstablished', 'EventRetrieved', 'EventHeld', 'EventDestinationBusy', 'EventQueued', 'EventRouteRequest']);
const OFF_CALL = new Set(['EventReleased', 'EventAbandoned', 'EventDiverted', 'EventRouteUsed']);

/**
 * What the events say each DN is (the kinds it showed, whether an agent works there), gathered
 * record by record. Only DNs that had events of their own are kept: a site's configured DNs, never
 * the outside numbers of its calls, so it stays as small as the configuration.
 */
export class DnKnowledge {
  private readonly evidence = new Map<string, Set<DnKind>>();
  private readonly agents = new Set<string>();
  private readonly appearances = new Set<string>();
  /**
   * Numbers a DN of the switch dialled as an internal call (its EventDialing says CallType Internal):
   * the switch's own extensions, though they may show no event of their own — a caller who hangs up
   * before the call reaches the phone, a switch that never tells the phone. Taken for an extension
   * only when nothing else shows what they are.
   */
  private readonly dialledIn = new Set<string>();

  /** `prior`: what an earlier part of the stream showed (a DN's kind may show outside this part). */
  constructor(private readonly prior?: DnKnowledge) {}

  learn(r: TraceRecord): void {
    const dn = r.dn;
    if (r.kind !== 'event') {
      if (typeof r.attributes.ThisQueue === 'string') this.note(r.attributes.ThisQueue, 'queue');
      return;
    }
    if (dn) {
      if (QUEUE_EVENTS.has(r.name)) this.note(dn, 'queue');
      else if (ROUTING_EVENTS.has(r.name)) this.note(dn, 'routing-point');
      else if (DEVICE_EVENTS.has(r.name)) this.note(dn, 'device');
      if (AGENT_EVENTS.has(r.name) || typeof r.attributes.AgentID === 'string') this.agents.add(dn);
      if (r.attributes.Extensions !== undefined && hasAppearanceIndex(r.attributes.Extensions)) this.appearances.add(dn);
      if (r.name === 'EventDialing' && typeof r.attributes.OtherDN === 'string' && enumNameOf('CallType', r.attributes.CallType) === 'Internal') this.dialledIn.add(r.attributes.OtherDN);
    }
    if (typeof r.attributes.ThisQueue === 'string' && r.attributes.ThisQueue !== dn) this.note(r.attributes.ThisQueue, 'queue');
  }

  kindOf(dn: string): DnKind {
    const e = this.evidence.get(dn);
    if (!e) return this.dialledInternally(dn) ? 'device' : this.prior?.kindOf(dn) ?? 'external';
    if (e.has('routing-point')) return 'routing-point';
    if (e.has('queue')) return 'queue';
    return e.has('device') ? 'device' : this.prior?.kindOf(dn) ?? 'external';
  }

  /** Whether a DN of the switch dialled `dn` as an internal call (see {@link dialledIn}). */
  private dialledInternally(dn: string): boolean {
    return this.dialledIn.has(dn) || (this.prior?.dialledInternally(dn) ?? false);
  }

  isAgent(dn: string): boolean {
    return this.agents.has(dn) || (this.prior?.isAgent(dn) ?? false);
  }

  /**
   * Whether the log shows `dn` as an appearance of a shared line: its events carry the call
   * appearance index (Extensions AppearanceIndex), which SIP Server gives only there (GenEM, Shared
   * Call Appearance; digest 1 §3.8).
   */
  isAppearance(dn: string): boolean {
    return this.appearances.has(dn) || (this.prior?.isAppearance(dn) ?? false);
  }

  private note(dn: string, kind: DnKind): void {
    let e = this.evidence.get(dn);
    if (!e) {
      e = new Set();
      this.evidence.set(dn, e);
    }
    e.add(kind);
  }
}

export class LogIndex {
  readonly stimuli: Stimulus[] = [];
  /** Record index → index in {@link stimuli}, for records that are stimuli. */
  readonly stimulusAt = new Map<number, number>();
  /** DN → the indexes (in {@link stimuli}) of the stimuli naming it, in order. */
  private readonly byDn = new Map<string, number[]>();
  private readonly knowledge: DnKnowledge;
  /** ConnID → its group's representative (union-find). */
  private readonly parent = new Map<string, string>();
  /** DN → after which record the DN was on which calls (the changes only). */
  private readonly activity = new Map<string, { at: number; calls: readonly string[] }[]>();
  /** Whether the log shows outside parties: a party action of one (Party.*), or an outbound call. */
  readonly outsideParties: boolean;
  /**
   * Whether the switch reports reaching the network on outbound calls, as its outbound calls that
   * got somewhere (answered, or busy: past the network either way) show it: `reported` when such a
   * call has an EventNetworkReached and none lacks it, `not-reported` when such calls have none;
   * undefined when the log has no such call, or shows both (one trunk reports it and another does
   * not: neither variant of the models is the switch's). A call to a service DN (gcti::park) is no
   * outbound call, whatever its CallType.
   */
  readonly networkReached: 'reported' | 'not-reported' | undefined;
  /** Whether a route used at a routing point comes with EventDiverted there, as the log shows it (support/trace/routedCalls.ts). */
  readonly routing: RoutingVariant | undefined;
  /** DN → the changes of its switch features (do-not-disturb, forwarding, being monitored), in order. */
  private readonly features = new Map<string, { readonly at: number; readonly active: ReadonlyMap<string, number> }[]>();
  /** DN → the call a one-call monitoring subscription waits for ('' until the DN's next call starts), while it lasts. */
  private readonly oneCall = new Map<string, string>();
  /** DN → its agent-state events (record index, name), in order: what the log shows of its agent's login. */
  private readonly agentEvents = new Map<string, { readonly at: number; readonly name: string }[]>();
  /** Once the log is read: each ConnID's group (the union-find's answers, fixed from then on). */
  private readonly groupOf = new Map<string, string>();
  /** Once the log is read: group → the indexes (in {@link stimuli}) of the stimuli acting on its calls, in order. */
  private readonly byGroup = new Map<string, number[]>();
  private read = false;
  /** Group → what its calls' events show (see {@link factsOf}), once asked. */
  private callFacts: Map<string, CallFacts> | undefined;

  /** Stimuli recognised from their call's first event in the file's opening burst (see {@link mayHaveBegunBefore}), once asked. */
  private openingBurst: Set<number> | undefined;

  /**
   * `prior`: what the DNs showed before this part of the log (the recogniser's stream). `openedMs`:
   * when the log's file was opened (support/trace/opened.ts), when known.
   */
  constructor(readonly records: readonly TraceRecord[], infer: boolean, prior?: DnKnowledge, private readonly openedMs?: number) {
    this.knowledge = new DnKnowledge(prior);
    const tracker = new StimulusTracker(infer);
    const uuids = new Map<string, string>();
    let outside = false;
    const outbound = new OutboundCalls();
    const routed = new RoutedCalls();
    records.forEach((r, i) => {
      const s = tracker.push(r, i);
      if (s) {
        this.stimulusAt.set(i, this.stimuli.length);
        for (const dn of s.dns) this.listOf(this.byDn, dn).push(this.stimuli.length);
        this.stimuli.push(s);
        outside ||= s.name.startsWith('Party.');
      }
      // An outbound call (the switch says CallType Outbound on the caller's dialling) reached an outside party too.
      outside = outbound.note(r) || outside;
      routed.note(r);
      this.knowledge.learn(r);
      if (r.kind === 'event') this.learn(r, i, uuids);
      if (r.kind === 'event' && r.dn && AGENT_EVENTS.has(r.name)) this.listOf(this.agentEvents, r.dn).push({ at: i, name: r.name });
      if (r.kind === 'event' && r.dn) this.feature(r, r.dn, i);
    });
    this.outsideParties = outside;
    this.networkReached = outbound.networkReached();
    this.routing = routed.variant();
    // The groups are final now: answer them, and each group's stimuli, without walking or scanning
    // (a replay asks for every candidate of every scenario; scanning the stimuli between two acts of
    // a call took minutes on a log where thousands of calls overlap).
    for (const conn of this.parent.keys()) this.groupOf.set(conn, this.group(conn));
    this.read = true;
    this.stimuli.forEach((s, j) => {
      if (s.call) this.listOf(this.byGroup, this.group(s.call)).push(j);
    });
  }

  /**
   * Whether stimulus `j` was recognised from its call's first event, and that event came within
   * {@link OPENING_BURST_MS} after the file was opened: a rotation opens the next file in the middle
   * of the traffic, and the call may have begun in the file before — its first events there, what
   * the stimulus reads as its start not its start. A logged request is no such stimulus: it is the
   * act, here.
   */
  mayHaveBegunBefore(j: number): boolean {
    if (this.openedMs === undefined) return false;
    this.openingBurst ??= this.findOpeningBurst(this.openedMs);
    return this.openingBurst.has(j);
  }

  private findOpeningBurst(openedMs: number): Set<number> {
    const out = new Set<number>();
    const seen = new Set<string>();
    for (let i = 0; i < this.records.length; i++) {
      const r = this.records[i] as TraceRecord;
      const t = msOf(r.time);
      if (t !== undefined && t - openedMs > OPENING_BURST_MS) break;
      const conn = r.kind === 'event' ? connIdOf(r) : undefined;
      if (conn === undefined) continue;
      const group = this.group(conn);
      if (seen.has(group)) continue;
      seen.add(group);
      const j = this.stimulusAt.get(i);
      if (j !== undefined && inOpeningBurst(t, openedMs)) out.add(j);
    }
    return out;
  }

  /** What the log shows `dn` to be. */
  kindOf(dn: string): DnKind {
    return this.knowledge.kindOf(dn);
  }

  /** Whether an agent works at `dn` (agent-state events, an AgentID in its events). */
  isAgent(dn: string): boolean {
    return this.knowledge.isAgent(dn);
  }

  /** Whether the log shows `dn` as an appearance of a shared line ({@link DnKnowledge.isAppearance}). */
  isAppearance(dn: string): boolean {
    return this.knowledge.isAppearance(dn);
  }

  /** Whether the call of `conn` (its group of linked calls) heard busy: an EventDestinationBusy on it. */
  heardBusy(conn: string): boolean {
    return this.factsOf(conn).heardBusy;
  }

  /** Whether a call (its group) heard busy for `dn`: an EventDestinationBusy of it naming `dn` as the other party. */
  heardBusyFor(conn: string, dn: string): boolean {
    return this.factsOf(conn).busyFor.has(dn);
  }

  /**
   * Whether a call (its group of linked calls) has an observer — an event of it with ThisDNRole
   * Observer, a supervisor's monitoring leg — that no monitoring request in the log asked for (one
   * naming a DN of the call): the monitoring began before the log did.
   */
  observedUnasked(conn: string): boolean {
    const facts = this.factsOf(conn);
    return facts.observed && !this.stimuli.some((s) => s.name === 'RequestMonitorNextCall' && s.dns.some((dn) => facts.dns.has(dn)));
  }

  /** Whether a call (its group of linked calls) reached `dn`: an event of it there (ringing, answered…). */
  reached(conn: string, dn: string): boolean {
    return this.factsOf(conn).dns.has(dn);
  }

  /** What the events of a call (its group of linked calls) show, every group's gathered in one pass once asked. */
  private factsOf(conn: string): CallFacts {
    if (!this.callFacts) {
      const facts = new Map<string, CallFacts>();
      for (const r of this.records) {
        const c = r.kind === 'event' ? connIdOf(r) : undefined;
        if (!c) continue;
        const group = this.group(c);
        const f = facts.get(group) ?? { dns: new Set<string>(), heardBusy: false, busyFor: new Set<string>(), observed: false };
        facts.set(group, f);
        if (r.dn) f.dns.add(r.dn);
        if (r.name === 'EventDestinationBusy') {
          f.heardBusy = true;
          if (typeof r.attributes.OtherDN === 'string') f.busyFor.add(r.attributes.OtherDN);
        }
        if (enumNameOf('DNRole', r.attributes.ThisDNRole) === 'Observer') f.observed = true;
      }
      this.callFacts = facts;
    }
    return this.callFacts.get(this.group(conn)) ?? NO_FACTS;
  }

  /** The group (linked calls) of a ConnID. */
  group(conn: string): string {
    let c = conn.toLowerCase();
    if (this.read) return this.groupOf.get(c) ?? c;
    for (let p = this.parent.get(c); p !== undefined && p !== c; p = this.parent.get(c)) c = p;
    return c;
  }

  /** Whether the log shows `dn` on any call before record `index` (nothing of it before: its state then is unknown). */
  seenBefore(dn: string, index: number): boolean {
    const changes = this.activity.get(dn);
    return changes !== undefined && countBefore(changes, index) > 0;
  }

  /** The calls `dn` was on just before record `index`. */
  callsBefore(dn: string, index: number): readonly string[] {
    const changes = this.activity.get(dn);
    if (!changes) return [];
    const lo = countBefore(changes, index);
    return lo === 0 ? [] : changes[lo - 1]?.calls ?? [];
  }

  /**
   * What the log shows of `dn`'s agent just before record `index`: logged out (its last agent event
   * before is EventAgentLogout, or it has none before and its next is EventAgentLogin), logged in
   * (its last is another agent event: `event` names it and where), or unknown (no agent event).
   */
  agentBefore(dn: string, index: number): { readonly state: 'out' | 'in' | 'unknown'; readonly event?: TraceRecord } {
    const list = this.agentEvents.get(dn) ?? [];
    const lo = countBefore(list, index);
    const last = list[lo - 1];
    if (last) return { state: last.name === 'EventAgentLogout' ? 'out' : 'in', event: this.records[last.at] };
    return { state: list[lo]?.name === 'EventAgentLogin' ? 'out' : 'unknown' };
  }

  /**
   * The switch features the log shows active at `dn` just before record `index` (do-not-disturb,
   * call forwarding, call monitoring), each with the record that turned it on. A log that shows none
   * leaves them at the default, off.
   */
  featuresBefore(dn: string, index: number): { readonly feature: string; readonly event: TraceRecord }[] {
    const changes = this.features.get(dn) ?? [];
    const active = changes[countBefore(changes, index) - 1]?.active ?? new Map<string, number>();
    return [...active].map(([feature, at]) => ({ feature, event: this.records[at] as TraceRecord }));
  }

  /** Follows `dn`'s switch features through record `r` (see {@link featuresBefore}). */
  private feature(r: TraceRecord, dn: string, i: number): void {
    const list = this.features.get(dn);
    const before = list?.[list.length - 1]?.active ?? new Map<string, number>();
    const after = new Map(before);
    const toggle = FEATURE_EVENTS[r.name];
    if (toggle) {
      if (toggle.on) after.set(toggle.feature, i);
      else after.delete(toggle.feature);
    }
    if (this.oneCallEnds(r, dn)) after.delete(MONITORED);
    if (after.size !== before.size || [...after].some(([k, v]) => before.get(k) !== v)) this.listOf(this.features, dn).push({ at: i, active: after });
  }

  /** Whether `r` ends a one-call monitoring subscription of `dn`: it lasts for the first call the DN takes after it. */
  private oneCallEnds(r: TraceRecord, dn: string): boolean {
    if (r.name === 'EventMonitoringNextCall') {
      const type = r.attributes.MonitorNextCallType;
      if (type !== 'MonitorAllCalls' && type !== 1) this.oneCall.set(dn, '');
      return false;
    }
    if (r.name === 'EventMonitoringCancelled') this.oneCall.delete(dn);
    const waiting = this.oneCall.get(dn);
    const conn = connIdOf(r);
    if (waiting === '' && conn && ON_CALL.has(r.name)) this.oneCall.set(dn, conn);
    else if (waiting && conn === waiting && OFF_CALL.has(r.name)) {
      this.oneCall.delete(dn);
      return true;
    }
    return false;
  }

  /** The first stimulus (index in {@link stimuli}) naming `dn` after stimulus `after`, or undefined. */
  nextNaming(dn: string, after: number): number | undefined {
    return firstAfter(this.byDn.get(dn), after);
  }

  /** The first stimulus (index in {@link stimuli}) after stimulus `after` that acts on a call of `group` (a group as {@link group} gives it), or undefined. */
  nextOnGroup(group: string, after: number): number | undefined {
    return firstAfter(this.byGroup.get(group), after);
  }

  private learn(r: TraceRecord, i: number, uuids: Map<string, string>): void {
    const dn = r.dn;
    const conn = connIdOf(r);
    if (!conn) return;
    this.link(r, conn, uuids);
    if (dn) this.active(r, dn, conn, i);
  }

  /** The call's links: PreviousConnID, TransferConnID, a CallUUID seen on another ConnID. */
  private link(r: TraceRecord, conn: string, uuids: Map<string, string>): void {
    this.join(conn, conn);
    for (const key of ['PreviousConnID', 'TransferConnID']) {
      const other = r.attributes[key];
      if (typeof other === 'string' && other) this.join(conn, other.toLowerCase());
    }
    const uuid = r.attributes.CallUUID;
    if (typeof uuid !== 'string' || !uuid) return;
    const first = uuids.get(uuid);
    if (first) this.join(conn, first);
    else uuids.set(uuid, conn);
  }

  private active(r: TraceRecord, dn: string, conn: string, i: number): void {
    const before = this.callsBefore(dn, i + 1);
    let after: readonly string[] = before;
    if (r.name === 'EventPartyChanged' && typeof r.attributes.PreviousConnID === 'string') {
      const previous = r.attributes.PreviousConnID.toLowerCase();
      after = [...before.filter((c) => c !== previous && c !== conn), conn];
    } else if (ON_CALL.has(r.name) && !before.includes(conn)) after = [...before, conn];
    else if (OFF_CALL.has(r.name) && before.includes(conn)) after = before.filter((c) => c !== conn);
    if (after !== before) this.listOf(this.activity, dn).push({ at: i, calls: after });
  }

  private join(a: string, b: string): void {
    if (!this.parent.has(a)) this.parent.set(a, a);
    if (!this.parent.has(b)) this.parent.set(b, b);
    const ra = this.group(a);
    const rb = this.group(b);
    if (ra !== rb) this.parent.set(rb, ra);
  }

  private listOf<T>(map: Map<string, T[]>, key: string): T[] {
    let list = map.get(key);
    if (!list) {
      list = [];
      map.set(key, list);
    }
    return list;
  }
}

/** The first number of an ascending list greater than `after` (binary search), or undefined. */
function firstAfter(list: readonly number[] | undefined, after: number): number | undefined {
  if (!list) return undefined;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] ?? 0) <= after) lo = mid + 1;
    else hi = mid;
  }
  return list[lo];
}

/** How many entries of `list` (in order of `at`) come before record `index`: a binary search. */
function countBefore(list: readonly { readonly at: number }[], index: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid]?.at ?? 0) < index) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
