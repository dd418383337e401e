/**
 * Sound scenario selection in a log (issue 17): which part of a log exercises a scenario, step by
 * step, and which events of it the scenario observes.
 *
 * A scenario is exercised only where the log holds, on the same call(s), exactly its stimulus
 * history: each Given and When in order, with no other request or party action of the scenario's
 * parties (or on its calls) in between. Parties bind to DNs of the right kind (logIndex.ts kindOf)
 * that are idle when they first take part, one DN per party. After the When, every party the
 * scenario names must have been found. Anything else is "not exercised", with the reason.
 *
 * Events are delivered from each step's stimulus on: after a Given, up to the next stimulus of the
 * scenario (a DN of a party taking part in another call meanwhile means the state is not the
 * scenario's); after the When, per DN, up to the next stimulus naming that DN, so that another
 * party's later act does not cut the events the When caused (those after the scenario's next
 * stimulus are marked: they may be that act's consequences, so they can be expected but are never
 * unexpected). Only events of the scenario's calls
 * (the stimuli's calls, calls their events name by ReferenceID, calls linked to those) and events
 * without a call are delivered; a DN that no party is bound to is not watched, unless it appears
 * on the scenario's calls and exactly one party the scenario names can be it. EventOffHook and
 * EventOnHook that no request caused are the party lifting or putting down its own handset: part of
 * its act (dialling, hanging up on the phone), not events the act caused — delivered only when the
 * recorded switch is declared to report them (`off-hook:reported`).
 *
 * A harness recording's part (`identity`) holds one scenario's run: its DNs and participants are
 * the features' own, and its stimuli are exactly the acts the harness logged, so a step's next act
 * is the part's next stimulus, whatever it names (an agent application's request to Interaction
 * Server names no DN), and a participant (an IVR, a router, a notified client) binds to the DN its
 * messages were recorded under: its name.
 *
 * One {@link ScenarioMatch} is one attempt: its first step takes the first candidate from `from`
 * on whose history also fits the steps known from earlier attempts (`known`); the replay adapter
 * starts the next attempt after it when the World finds this one does not exercise the scenario.
 */
import type { PartyConfig } from '../adapter/contract';
import { HANDSET_EVENTS } from '../model/agentState';
import { lookupAttribute } from '../model/catalogue';
import { isSpecialDn } from '../model/specialDns';
import { normaliseAttributes, type TRequest } from '../model/event';
import { configurationOf, describeKind, kindFits, notOnThisSwitch, onSharedLine, type DnKind, type LogIndex, type ScenarioFacts } from './logIndex';
import type { RawValue, TraceRecord } from './record';
import { connIdOf, referenceOf, type Stimulus } from './stimuli';

export interface MatchSetup {
  readonly parties: readonly PartyConfig[];
  /** The names of the parties the scenario's own steps and tables name. */
  readonly named: readonly string[];
  /** Feature DN → trace DN, given by the user (adapterOptions.dnMap). */
  readonly dnMap: Readonly<Record<string, string>>;
  /** A harness recording: its DNs are the features' own. */
  readonly identity: boolean;
  /**
   * Deliver EventOffHook / EventOnHook without ReferenceID (the replay declares
   * `off-hook:reported`); otherwise they are the party's own handset, part of its act.
   */
  readonly handset: boolean;
  /**
   * Judge as if the switch configuration the scenario gives its parties held (DN options, bridged
   * appearances) — what a log cannot confirm. The recognizer asks so before it calls a call
   * deviating: a documented configuration that explains the call makes it unrecognised instead.
   */
  readonly assumeConfigured?: boolean;
  /**
   * What is known of the whole scenario (a recognizer's plan): a switch option that changes only an
   * act it does not have need not be confirmed; a queue it expects to hold a call while it names
   * none of the queue's agents cannot be (logIndex.ts configurationOf). A replay's steps come one at a time: unknown.
   */
  readonly scenario?: ScenarioFacts;
}

/** `unseen`: the step is an outside party's state no log shows (UNSEEN_STATES), taken without a stimulus. */
export type StepResult = { readonly ok: true; readonly referenceId: number; readonly unseen?: true } | { readonly ok: false; readonly reason: string; readonly final: boolean };

const ON_CALL = new Set(['EventDialing', 'EventRinging', 'EventEstablished', 'EventRetrieved', 'EventHeld', 'EventQueued', 'EventRouteRequest']);

/**
 * Acts that set a party's state, which a real log never shows: "Otto's line is busy" (the switch
 * has no events of an outside number), "Bob's phone is not yet alerted" (a test lab's network holds
 * the alerting back; on a real switch the phone is slow, or out of reach). The call shows it: it
 * heard busy, or it never rang at the phone (see ScenarioMatch.lineNotAsStarted, notAlerted).
 */
export const UNSEEN_STATES: ReadonlySet<string> = new Set(['Party.IsBusy', 'Network.DelayAlerting']);

/** Bindings and calls of one attempt (copied for dry runs). */
interface State {
  readonly toTrace: Map<string, string>;
  readonly toFeature: Map<string, string>;
  /**
   * The feature's agent IDs bound to the log's (one to one, as DNs are): a real contact center's
   * agents are not 1001 and 1002. Kept apart from the DNs (an agent ID may look like a DN).
   */
  readonly agentToTrace: Map<string, string>;
  readonly agentToFeature: Map<string, string>;
  readonly groups: Set<string>;
  /** Index (in the stimuli) of the last step's stimulus; -1 before the first. */
  last: number;
}

export class ScenarioMatch {
  private readonly state: State;
  private readonly byFeatureDn = new Map<string, PartyConfig>();
  private readonly named: readonly PartyConfig[];
  private steps = 0;
  private chosen: number | undefined;
  /** Per trace DN, where the When's window for it ends (record index). */
  private readonly windowEnds = new Map<string, number>();
  private ambiguous: string | undefined;
  /** Trace DN → the feature DN adapterOptions.dnMap maps to it. */
  private readonly mappedFrom: ReadonlyMap<string, string>;
  /** Outside parties (feature DNs) whose line the scenario makes busy before calling them ({@link UNSEEN_STATES}). */
  private readonly busyLines = new Set<string>();
  /** Parties (feature DNs) whose phone the scenario keeps from being alerted ({@link UNSEEN_STATES}). */
  private readonly unalerted = new Set<string>();

  constructor(private readonly index: LogIndex, private readonly setup: MatchSetup, private readonly from: number, private readonly known: readonly (TRequest | undefined)[]) {
    for (const p of setup.parties) this.byFeatureDn.set(p.dn, p);
    this.mappedFrom = new Map(Object.entries(setup.dnMap).map(([feature, trace]) => [trace, feature]));
    this.named = setup.parties.filter((p) => setup.named.includes(p.name));
    this.state = { toTrace: new Map(), toFeature: new Map(), agentToTrace: new Map(), agentToFeature: new Map(), groups: new Set(), last: -1 };
    // In a harness recording a participant's (an IVR's, a router's, a client's) messages are recorded
    // under its name: as their DN, their participant, or the sender of its requests.
    const present = setup.identity ? new Set(index.records.flatMap((r) => [
      ...Object.values(r.attributes).filter((v): v is string => typeof v === 'string'),
      ...[r.dn, r.envelope?.participant, r.envelope?.sender].filter((v): v is string => v !== undefined),
    ])) : new Set<string>();
    for (const p of setup.parties) {
      const traceDn = setup.dnMap[p.dn] ?? (setup.identity && present.has(p.dn) ? p.dn : undefined);
      if (traceDn !== undefined && !this.state.toFeature.has(traceDn)) bind(this.state, p.dn, traceDn);
    }
  }

  /** The stimulus (index in the log's stimuli) the first step took, once it took one. */
  get firstAt(): number | undefined {
    return this.chosen;
  }

  /** The stimulus (index in the log's stimuli) the last step took; -1 before the first. */
  get lastAt(): number {
    return this.state.last;
  }

  /** The feature's DN for a trace DN, when a party is bound to it. */
  featureDn(traceDn: string): string | undefined {
    // A recording's DNs are the features' own, bound or not.
    return this.state.toFeature.get(traceDn) ?? (this.setup.identity ? traceDn : undefined);
  }

  /**
   * A recorded event in the feature's terms: its DN and DN attributes translated back, and its
   * origin (`file:line`) saying what the log line itself holds where that differs (`…:66, where
   * ThisDN=5001 OtherDN=5002`), so that a diff naming 7001 does not mislead whoever opens the log.
   * Undefined for an event of a DN no party is bound to. The replay and the recogniser both use it.
   */
  inFeatureTerms(r: TraceRecord): { readonly dn: string; readonly attributes: Record<string, RawValue>; readonly origin: string } | undefined {
    const dn = r.dn === undefined ? undefined : this.featureDn(r.dn);
    if (dn === undefined) return undefined;
    const attributes: Record<string, RawValue> = {};
    const inLog: string[] = [];
    for (const [k, v] of Object.entries(r.attributes)) {
      const feature = typeof v !== 'string' ? v : lookupAttribute(k)?.kind === 'dn' ? this.featureDn(v) ?? v : k === 'AgentID' ? this.state.agentToFeature.get(v) ?? v : v;
      if (feature !== v) inLog.push(`${k}=${v as string}`);
      attributes[k] = feature;
    }
    return { dn, attributes, origin: inLog.length ? `${r.source}, where ${inLog.join(' ')}` : r.source };
  }

  /**
   * Match the next step's request; deliver the events it observes to `deliver` (trace terms), each
   * saying whether it comes after the scenario's next stimulus (another party's later act).
   */
  step(request: TRequest, role: 'setup' | 'stimulus', deliver: (r: TraceRecord, afterNextAct: boolean) => void): StepResult {
    if (this.unseen(request)) {
      if (typeof request.attributes.ThisDN === 'string') (request.name === 'Network.DelayAlerting' ? this.unalerted : this.busyLines).add(request.attributes.ThisDN);
      return { ok: true, referenceId: 0, unseen: true };
    }
    const k = this.steps++;
    const found = k === 0 ? this.first(request) : this.next(request);
    if (typeof found === 'string') return { ok: false, reason: found, final: k === 0 };
    const s = this.index.stimuli[found] as Stimulus;
    const end = role === 'setup' ? this.recordOf(this.following(this.state, found)) : this.index.records.length;
    const trouble = this.deliver(s, end, role, deliver);
    if (trouble) return { ok: false, reason: trouble, final: false };
    if (role === 'stimulus') {
      const missing = this.named.filter((p) => !this.state.toTrace.has(p.dn));
      if (missing.length) return { ok: false, reason: this.ambiguous ?? `${missing.map((p) => p.name).join(', ')} ${missing.length > 1 ? 'take' : 'takes'} no part in the calls of ${s.description}`, final: false };
    }
    return { ok: true, referenceId: s.referenceId ?? 0 };
  }

  private first(request: TRequest): number | string {
    const stimuli = this.index.stimuli;
    let nearest: string | undefined;
    let named = 0;
    for (let c = this.from; c < stimuli.length; c++) {
      const s = stimuli[c] as Stimulus;
      if (s.name !== request.name) continue;
      named += 1;
      if (s.refused !== undefined) {
        nearest ??= `${s.description}: the recorded adapter did not send it (${s.refused})`;
        continue;
      }
      if (this.index.mayHaveBegunBefore(c)) {
        nearest ??= `${s.description}: its call may have begun before this file (its first event comes just after the file was opened, as a rotation opens the next file mid-traffic): its start may be in the file before`;
        continue;
      }
      const fresh = this.unify(this.state, request, s, true);
      if (typeof fresh === 'string') {
        nearest ??= `${s.description}: ${fresh}`;
        continue;
      }
      const trial = copy(this.state);
      commit(trial, fresh, s, this.index, c);
      const why = this.dryRun(trial);
      if (why) {
        nearest ??= `${s.description}: ${why}`;
        continue;
      }
      commit(this.state, fresh, s, this.index, c);
      this.chosen = c;
      return c;
    }
    if (this.from > 0) return `no other ${request.name} in the recording fits${nearest ? ` (the first after the one tried: ${nearest})` : ''}`;
    return named === 0 ? `the recording has no ${request.name}` : `the recording has no ${request.name} that fits (${named} in the log; the first: ${nearest ?? 'none'})`;
  }

  /**
   * Whether `request` is an outside party's state that no log shows before the call it affects
   * ({@link UNSEEN_STATES}): a real log is matched without it, and the call that follows must show it.
   * A harness recording logs it, as the act the harness took.
   */
  private unseen(request: TRequest): boolean {
    return !this.setup.identity && UNSEEN_STATES.has(request.name);
  }

  /** The steps known from earlier attempts, on a copy: ConnIDs not compared (they were another attempt's). */
  private dryRun(trial: State): string | undefined {
    const known = this.known.filter((r) => r === undefined || !this.unseen(r));
    for (let j = 1; j < known.length; j++) {
      const request = known[j];
      if (!request) return undefined;
      const c = this.following(trial, trial.last);
      const s = c === undefined ? undefined : this.index.stimuli[c];
      if (c === undefined || !s) return `then the log ends for these parties (step ${j + 1} is ${request.name})`;
      if (s.name !== request.name) return `then comes ${s.description}, not ${request.name}`;
      const fresh = this.unify(trial, request, s, false);
      if (typeof fresh === 'string') return `then ${s.description}: ${fresh}`;
      commit(trial, fresh, s, this.index, c);
    }
    return undefined;
  }

  private next(request: TRequest): number | string {
    const prev = this.index.stimuli[this.state.last] as Stimulus;
    const c = this.following(this.state, this.state.last);
    const s = c === undefined ? undefined : this.index.stimuli[c];
    if (c === undefined || !s) return `after ${prev.description} the log has nothing more of these parties (no ${request.name})`;
    if (s.name !== request.name) return `after ${prev.description} the next act of these parties is ${s.description}, not ${request.name}`;
    if (s.refused !== undefined) return `the recorded adapter did not send ${s.description} (${s.refused})`;
    const fresh = this.unify(this.state, request, s, true);
    if (typeof fresh === 'string') return `after ${prev.description}, ${s.description}: ${fresh}`;
    commit(this.state, fresh, s, this.index, c);
    return c;
  }

  /** The next stimulus after `after` that names a bound DN or acts on one of the scenario's calls. */
  private following(state: State, after: number): number | undefined {
    // A harness recording's part holds one scenario's run, and its stimuli are the requests and acts
    // the harness logged, in the order it took them: the next one is the scenario's next act, whether
    // or not it names a DN (an agent application's request to Interaction Server names none).
    if (this.setup.identity) return after + 1 < this.index.stimuli.length ? after + 1 : undefined;
    let best: number | undefined;
    for (const dn of state.toFeature.keys()) {
      const n = this.index.nextNaming(dn, after);
      if (n !== undefined && (best === undefined || n < best)) best = n;
    }
    for (const group of state.groups) {
      const n = this.index.nextOnGroup(group, after);
      if (n !== undefined && (best === undefined || n < best)) best = n;
    }
    return best;
  }

  private recordOf(stimulus: number | undefined): number {
    return stimulus === undefined ? this.index.records.length : (this.index.stimuli[stimulus]?.at ?? this.index.records.length);
  }

  /**
   * New bindings that make the request the stimulus, or why not: same DNs (a new party of the
   * right kind, idle before it), the same call, the same other values.
   */
  private unify(state: State, request: TRequest, s: Stimulus, calls: boolean): Fresh | string {
    const fresh: Fresh = { dns: new Map(), agents: new Map() };
    const elsewhere = otherEnvelope(request, s);
    if (elsewhere) return elsewhere;
    for (const [key, value] of Object.entries(request.attributes)) {
      if (key === 'ReferenceID') continue;
      const why = this.unifyValue(state, fresh, key, value, s, calls);
      if (why) return why;
    }
    return fresh;
  }

  /** Why the stimulus's `key` cannot be the request's `value` (a DN and an agent ID bound in `fresh`, a ConnID on the same call). */
  private unifyValue(state: State, fresh: Fresh, key: string, value: unknown, s: Stimulus, calls: boolean): string | undefined {
    const have = s.attributes[key];
    if (lookupAttribute(key)?.kind === 'dn' && typeof value === 'string') {
      return typeof have === 'string' ? this.bindable(state, fresh, value, have, s) : `it names no ${key}`;
    }
    if (key === 'ConnID' && typeof value === 'string') {
      return calls && (!s.call || this.index.group(s.call) !== this.index.group(value)) ? 'it is on another call' : undefined;
    }
    if (key === 'AgentID' && typeof value === 'string' && !this.setup.identity) {
      return typeof have === 'string' ? agentBindable(state, fresh, value, have) : 'it names no AgentID';
    }
    if (same(key, value, have)) return undefined;
    return have === undefined ? `it has no ${key}` : `its ${key} is ${shown(have)}, not ${shown(value)}`;
  }

  private bindable(state: State, fresh: Fresh, featureDn: string, traceDn: string, s: Stimulus): string | undefined {
    const bound = state.toTrace.get(featureDn) ?? fresh.dns.get(featureDn);
    const party = this.byFeatureDn.get(featureDn);
    if (bound !== undefined) return bound === traceDn ? undefined : `${traceDn} is not ${party?.name ?? featureDn}'s DN (${bound})`;
    if (!party) return traceDn === featureDn ? undefined : `${traceDn} is not ${featureDn}`;
    if (state.toFeature.has(traceDn) || [...fresh.dns.values()].includes(traceDn)) return `${traceDn} is already another party's DN`;
    const special = this.notThisDn(party, traceDn);
    if (special) return special;
    const kind = this.index.kindOf(traceDn);
    const agent = this.index.isAgent(traceDn);
    if (!kindFits(party, kind, agent)) return `${party.name} is ${typeText(party)}, but ${traceDn} is ${describeKind(kind)}${kind === 'device' && !agent ? ' with no agent' : ''} in the log`;
    const busy = this.notIdle(state, party, kind, traceDn, s.at) ?? this.notAsStarted(party, kind, traceDn, s);
    if (busy) return busy;
    fresh.dns.set(featureDn, traceDn);
    return undefined;
  }

  /** Why `party` cannot be `traceDn` whatever the log shows of it: a service DN is that DN only (a call to an ordinary number is no parking); a DN whose switch configuration matters, any. */
  private notThisDn(party: PartyConfig, traceDn: string): string | undefined {
    if (isSpecialDn(party.dn) && traceDn !== party.dn) return `${party.name} is the switch's ${party.dn}, not ${traceDn}`;
    // And the other way: a call to the parking place is nobody's call to an outside number.
    if (isSpecialDn(traceDn) && traceDn !== party.dn) return `${traceDn} is a service of the switch, not ${party.name}`;
    // The user's map is what the DN is: a trace DN mapped from a feature DN is that party's only
    // (a routing point mapped as one that does not divert on ringing is not judged as the default one).
    const mapped = this.mappedFrom.get(traceDn);
    if (mapped !== undefined && mapped !== party.dn) return `${traceDn} is feature DN ${mapped} in adapterOptions.dnMap, not ${party.name}'s (${party.dn})`;
    // A shared line's appearances show as such in the log (AppearanceIndex): a party on one binds
    // only there, and a party on none never does (a shared-line call is not a basic call).
    const shown = this.index.isAppearance(traceDn);
    if (onSharedLine(party, this.setup.parties) !== shown) {
      return shown ? `${traceDn} is an appearance of a shared line in the log (its events carry AppearanceIndex), ${party.name} is not` : `${party.name} is on a shared line, but ${traceDn}'s events carry no AppearanceIndex`;
    }
    const special = this.setup.assumeConfigured ? notOnThisSwitch(party) : configurationOf(party, this.setup.parties, shown, this.setup.scenario);
    return special ? `${special} (map it with adapterOptions.dnMap to replay it)` : undefined;
  }

  /** Why `traceDn` is not in the state the scenario starts `party` in, where it first takes part (record `at`): on another call, an agent logged in. */
  private notIdle(state: State, party: PartyConfig, kind: DnKind, traceDn: string, at: number): string | undefined {
    if (kind === 'device' && this.elsewhere(state, traceDn, at)) return `${traceDn} (${party.name}) is already on another call`;
    return this.agentNotOut(party, traceDn, at) ?? this.featureOn(party, traceDn, at);
  }

  /**
   * An outside number's line is busy or free as the call to it shows (EventDestinationBusy on the
   * call of `s`, the act it first takes part in): a scenario that makes the party's line busy binds
   * only where the call heard busy, and one that does not (its line is free) never does — an
   * outbound call that heard busy is not the basic outbound call with its busy signal unexpected.
   */
  private lineNotAsStarted(party: PartyConfig, kind: DnKind, traceDn: string, s: Stimulus): string | undefined {
    if (this.setup.identity) return undefined;
    // An extension the call heard busy for, of which the log shows nothing before: on a call from
    // before the log began (a rotated file's second part), not in the state the scenario starts it.
    if (kind === 'device' && !this.busyLines.has(party.dn) && s.call !== undefined && !this.index.seenBefore(traceDn, s.at) && this.index.heardBusyFor(s.call, traceDn)) {
      return `the call to ${traceDn} heard busy, and the log shows nothing of ${traceDn} before: busy from before the log began, where the scenario starts ${party.name} free`;
    }
    if (kind !== 'external') return undefined;
    const heardBusy = s.call !== undefined && this.index.heardBusy(s.call);
    if (this.busyLines.has(party.dn)) return heardBusy ? undefined : `${party.name}'s line is busy in the scenario, but the call to ${traceDn} did not hear busy`;
    return heardBusy ? `the call to ${traceDn} heard busy (EventDestinationBusy), but the scenario starts ${party.name}'s line free` : undefined;
  }

  /** Why the call does not show the state a party's unseen act set ({@link UNSEEN_STATES}): a busy line, a phone not alerted; or shows one the scenario starts without. */
  private notAsStarted(party: PartyConfig, kind: DnKind, traceDn: string, s: Stimulus): string | undefined {
    return this.lineNotAsStarted(party, kind, traceDn, s) ?? this.notAlerted(party, traceDn, s) ?? this.observedUnasked(s);
  }

  /**
   * An observer on the call (a supervisor's monitoring leg, ThisDNRole Observer) that no request in
   * the log asked for: the monitoring began before the log did (a rotated file's second part), and a
   * scenario without it does not describe the call — its release would find the observer's
   * EventPartyDeleted unexpected. Only where the scenario's acts are known (a recognizer's).
   */
  private observedUnasked(s: Stimulus): string | undefined {
    const acts = this.setup.scenario?.acts;
    if (!acts || acts.includes('RequestMonitorNextCall') || s.call === undefined || !this.index.observedUnasked(s.call)) return undefined;
    return `${s.description}: the call has an observer (a supervisor monitoring it), which the scenario starts without`;
  }

  /**
   * A phone the scenario keeps from being alerted binds only where the call never reached it (no
   * event of it there): "Alice hangs up before the call reaches Bob's phone" is not the call that rang
   * Bob, nor one Bob answered without its ringing being reported.
   */
  private notAlerted(party: PartyConfig, traceDn: string, s: Stimulus): string | undefined {
    if (!this.unalerted.has(party.dn) || this.setup.identity) return undefined;
    return s.call !== undefined && this.index.reached(s.call, traceDn) ? `the call reached ${traceDn}, but the scenario keeps ${party.name}'s phone from being alerted` : undefined;
  }

  /**
   * A switch feature the log shows on at `traceDn` where `party` first takes part (do-not-disturb,
   * forwarding, a supervisor monitoring it), which the scenario starts with off: a call a supervisor
   * is bridged into is not a basic call. Undefined when none (a harness recording starts from its own state).
   */
  private featureOn(party: PartyConfig, traceDn: string, at: number): string | undefined {
    if (this.setup.identity) return undefined;
    const on = this.index.featuresBefore(traceDn, at)[0];
    return on ? `${traceDn} (${party.name}) has ${on.feature} on at that point of the log (${on.event.name}, ${on.event.source}), and the scenario starts with it off` : undefined;
  }

  /**
   * Why the log does not show `party`'s agent logged out where the party first takes part (record
   * `at`), when the scenario casts it as an agent, or undefined. Every scenario starts with its agents
   * logged out (a Given logs them in): "becoming ready without being logged in is refused" judged at
   * a DN whose agent logged in an hour before failed a correct switch. A harness recording's part
   * starts from that state itself.
   */
  private agentNotOut(party: PartyConfig, traceDn: string, at: number): string | undefined {
    if (this.setup.identity || (party.agentId === undefined && party.type !== 'ACDPosition')) return undefined;
    const seen = this.index.agentBefore(traceDn, at);
    if (seen.state === 'out') return undefined;
    if (seen.event) return `${party.name}'s agent is logged in at ${traceDn} at that point of the log (${seen.event.name}, ${seen.event.source}), and the scenario starts with the agent logged out`;
    return `the log does not show whether an agent was logged in at ${traceDn} before ${party.name} takes part (the scenario starts with the agent logged out)`;
  }

  /** Whether `traceDn` is on a call that is not the scenario's just before record `at`. */
  private elsewhere(state: State, traceDn: string, at: number): boolean {
    return this.index.callsBefore(traceDn, at).some((c) => !state.groups.has(this.index.group(c)));
  }

  /** Deliver the events of the step's window; a reason when the scenario's state is disturbed. */
  private deliver(s: Stimulus, end: number, role: 'setup' | 'stimulus', deliver: (r: TraceRecord, afterNextAct: boolean) => void): string | undefined {
    const records = this.index.records;
    const nextAct = this.recordOf(this.following(this.state, this.state.last));
    for (let i = s.at; i < end; i++) {
      const r = records[i] as TraceRecord;
      const verdict = this.admit(r, i, s, role);
      if (verdict === true) deliver(r, i >= nextAct);
      else if (typeof verdict === 'string') return verdict;
    }
    return undefined;
  }

  /** An event a party's window may hold: not its own handset (see the module comment), not an HA copy or a summary. */
  private observable(r: TraceRecord): r is TraceRecord & { dn: string } {
    if (r.kind !== 'event' || r.sync || r.summary || !r.dn) return false;
    return this.setup.handset || !HANDSET_EVENTS.has(r.name) || referenceOf(r.attributes) !== undefined;
  }

  /** Whether the event is on one of the scenario's calls (a call the step's request created becomes one). */
  private ours(r: TraceRecord, dn: string, conn: string | undefined, s: Stimulus): boolean {
    if (conn === undefined || this.state.groups.has(this.index.group(conn))) return true;
    if (s.referenceId === undefined || referenceOf(r.attributes) !== s.referenceId || !this.state.toFeature.has(dn)) return false;
    this.state.groups.add(this.index.group(conn)); // e.g. the consultation a RequestInitiateTransfer made
    return true;
  }

  /** Whether the step observes record `i` (true), not (false), or why the scenario's state is disturbed. */
  private admit(r: TraceRecord, i: number, s: Stimulus, role: 'setup' | 'stimulus'): boolean | string {
    if (!this.observable(r)) return false;
    const dn = r.dn;
    // A recording's part is its scenario's run: every event in it reached the live run, which judged
    // it (an event of a DN no party has, or of another call, is unexpected there too).
    if (this.setup.identity) return role === 'setup' || i < this.windowEnd(dn, s);
    const conn = connIdOf(r);
    const ours = this.ours(r, dn, conn, s);
    if (!this.state.toFeature.has(dn) && !(ours && conn && this.adopt(dn, i))) return false;
    if (!ours) {
      const disturbs = role === 'setup' && ON_CALL.has(r.name) && this.index.kindOf(dn) === 'device';
      return disturbs ? `${this.partyName(dn)} takes part in another call (${r.name}, ${r.source}) between the steps` : false;
    }
    return role === 'setup' || i < this.windowEnd(dn, s);
  }

  /** Binds `traceDn` (seen on the scenario's calls at record `at`) to the one named, unbound party it can be. */
  private adopt(traceDn: string, at: number): boolean {
    const kind = this.index.kindOf(traceDn);
    const agent = this.index.isAgent(traceDn);
    const fits = this.named.filter((p) => !this.state.toTrace.has(p.dn) && this.notThisDn(p, traceDn) === undefined && kindFits(p, kind, agent));
    if (fits.length !== 1) {
      if (fits.length > 1) this.ambiguous ??= `the log does not say which of ${fits.map((p) => p.name).join(', ')} its DN ${traceDn} is`;
      return false;
    }
    if (kind === 'device' && this.elsewhere(this.state, traceDn, at)) return false;
    if (this.agentNotOut(fits[0] as PartyConfig, traceDn, at) ?? this.featureOn(fits[0] as PartyConfig, traceDn, at)) return false;
    bind(this.state, (fits[0] as PartyConfig).dn, traceDn);
    return true;
  }

  /** The record index where the When's window ends for `traceDn`: the next stimulus naming it. */
  private windowEnd(traceDn: string, s: Stimulus): number {
    let end = this.windowEnds.get(traceDn);
    if (end === undefined) {
      end = this.recordOf(this.index.nextNaming(traceDn, this.index.stimulusAt.get(s.at) ?? -1));
      this.windowEnds.set(traceDn, end);
    }
    return end;
  }

  private partyName(traceDn: string): string {
    const f = this.state.toFeature.get(traceDn);
    const p = f === undefined ? undefined : this.byFeatureDn.get(f);
    return p ? `${p.name} (${traceDn})` : traceDn;
  }
}

/** Binds a party's DN of the feature to the log's, both ways. */
function bind(state: State, featureDn: string, traceDn: string): void {
  state.toTrace.set(featureDn, traceDn);
  state.toFeature.set(traceDn, featureDn);
}

/** The bindings one step would add (feature → log), DNs and agent IDs apart: committed only if the whole step fits. */
interface Fresh {
  readonly dns: Map<string, string>;
  readonly agents: Map<string, string>;
}

/** Why the feature's agent ID cannot be the log's: each is bound already, to another. */
function agentBindable(state: State, fresh: Fresh, feature: string, trace: string): string | undefined {
  const bound = state.agentToTrace.get(feature) ?? fresh.agents.get(feature);
  if (bound !== undefined) return bound === trace ? undefined : `its AgentID is ${shown(trace)}, not agent ${feature}'s (${shown(bound)})`;
  const other = state.agentToFeature.get(trace) ?? [...fresh.agents].find(([, t]) => t === trace)?.[0];
  if (other !== undefined) return `its AgentID ${shown(trace)} is agent ${other}'s already`;
  fresh.agents.set(feature, trace);
  return undefined;
}

/** Whose request, to which site, where the recording says (an agent application's request names no DN): why it is not `request`'s. */
function otherEnvelope(request: TRequest, s: Stimulus): string | undefined {
  if (!s.envelope) return undefined;
  for (const key of ['participant', 'site'] as const) {
    const want = request[key];
    const have = s.envelope[key];
    if (want !== undefined && have !== want) return `it is ${have === undefined ? `not a ${key}'s` : `${have}'s`}, not ${want}'s`;
  }
  return undefined;
}

function copy(state: State): State {
  return {
    toTrace: new Map(state.toTrace), toFeature: new Map(state.toFeature), agentToTrace: new Map(state.agentToTrace), agentToFeature: new Map(state.agentToFeature),
    groups: new Set(state.groups), last: state.last,
  };
}

function commit(state: State, fresh: Fresh, s: Stimulus, index: LogIndex, at: number): void {
  for (const [f, t] of fresh.dns) bind(state, f, t);
  for (const [f, t] of fresh.agents) {
    state.agentToTrace.set(f, t);
    state.agentToFeature.set(t, f);
  }
  if (s.call) state.groups.add(index.group(s.call));
  state.last = at;
}

function same(key: string, want: unknown, have: RawValue | undefined): boolean {
  if (have === undefined) return false;
  const a = normaliseAttributes({ [key]: want }).attributes[key];
  const b = normaliseAttributes({ [key]: have }).attributes[key];
  return JSON.stringify(a) === JSON.stringify(b);
}

function shown(v: unknown): string {
  return typeof v === 'string' ? `'${v}'` : JSON.stringify(v);
}

function typeText(p: PartyConfig): string {
  if (!p.configured) return 'a DN the switch does not know';
  if (p.agentId !== undefined && p.type === 'Extension') return 'an agent\'s extension';
  return { Extension: 'an extension', ACDPosition: 'an ACD position', ACDQueue: 'an ACD queue', RoutingPoint: 'a routing point', External: 'an outside party' }[p.type];
}
