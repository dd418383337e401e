/**
 * The call recogniser: log records in, one verdict per call out (see index.ts for the entry point).
 *
 * Records are split into calls as they come (episodes.ts). When a call completes — or the input
 * ends, or it has been idle too long — every scenario plan whose request names it could follow is
 * judged against it (judge.ts), on the same selection and matcher as a conformance replay:
 *
 * - **conforms**: at least one scenario's stimulus history is in the call and its events follow the
 *   model, and no exercised history is left with only deviating scenarios;
 * - **deviates**: some part of the call exercises scenarios that all deviate from the model (the
 *   variants of a model — `@requires:` pairs, the same history in two features — count as one: one
 *   that follows is enough). The nearest scenario (the longest history, then the fewest
 *   differences) and its diff, as the conformance run prints it, come with the verdict;
 * - **unrecognised**: no scenario's history is in the call.
 *
 * A followed scenario whose events break one of GenEM's event-level rules (an EventRinging without
 * CallID or CallState, an ill-formed ConnID) deviates, as its replay fails (judge.ts).
 *
 * A call whose shape (its records with DNs, ConnIDs, CallUUIDs, ReferenceIDs and CallIDs numbered
 * in order of appearance, whether each value a rule types has its type, volatile attributes and
 * exact times left out) was judged before and did not deviate gets that judgement again without
 * judging: the scenarios and the rules only see those relations.
 */
import { configurationOf, DnKnowledge, LogIndex, notOnThisSwitch } from '../trace/logIndex';
import { DnStateTail } from './dnStates';
import { connIdOf, StimulusTracker, type Stimulus } from '../trace/stimuli';
import { HANDSET_REPORTED } from '../model/agentState';
import { RecentMap } from '../model/recent';
import { msOf, type TraceRecord } from '../trace/record';
import { inOpeningBurst } from '../trace/opened';
import { EpisodeSplitter, type Episode } from './episodes';
import { shapeOf } from './shape';
import { SCENARIO_MARKER, SESSION_MARKER } from '../trace/RecordingAdapter';
import { markerObservation } from '../trace/ReplayAdapter';
import { CONSOLE_OBSERVATION } from '../trace/consoleLog';
import type { Observation } from '../adapter/contract';
import { judge, type Exercise, type JudgeOptions } from './judge';
import { UNSEEN_STATES } from '../trace/replayMatch';
import type { ScenarioPlan } from './plans';

export interface ScenarioRef {
  readonly uri: string;
  readonly line: number;
  readonly name: string;
  readonly model?: string;
}

export interface CallVerdict {
  /** Numbered in order of the calls' first records. */
  readonly id: number;
  /** The ConnIDs of the call (linked ConnIDs, and the calls its parties were on at the same time). */
  readonly calls: readonly string[];
  /** The DNs that had events in it. */
  readonly dns: readonly string[];
  /** `file:line` of its first and last records. */
  readonly from: string;
  readonly to: string;
  readonly firstTime?: string;
  readonly lastTime?: string;
  readonly records: number;
  /** Its stimuli in words (requests, and party actions recognised from the events). */
  readonly stimuli: readonly string[];
  /** False when the input ended (or the call was idle too long) while a DN was still on it. */
  readonly complete: boolean;
  /** `unreadable`: a record of the call is truncated or damaged; it is not judged (an input problem, not a verdict). */
  readonly outcome: 'conforms' | 'deviates' | 'unrecognised' | 'unreadable';
  /** The scenarios the call follows. */
  readonly follows: readonly ScenarioRef[];
  /** For a deviating call: the nearest scenario and the diff. */
  readonly deviation?: { readonly scenario: ScenarioRef; readonly diff: string };
  /** For an unreadable call: the damaged record (`file:line: how`). */
  readonly unreadable?: string;
  /**
   * For a call unrecognised because only a switch configuration a log cannot confirm explains it:
   * the scenario it follows with that configuration, the configuration, and how it deviates from
   * the nearest scenario without it.
   */
  readonly unconfirmed?: { readonly scenario: ScenarioRef; readonly configuration: string; readonly deviation: { readonly scenario: ScenarioRef; readonly diff: string } };
  /**
   * For a call unrecognised because it may have begun before the log's file was opened (its first
   * event came within OPENING_BURST_MS of the opening: a file a rotation opened in the middle of
   * traffic — RecognizerOptions.opened): when the file was opened, and how the call deviates if it
   * began in this file.
   */
  readonly beganBefore?: { readonly opened: string; readonly deviation: { readonly scenario: ScenarioRef; readonly diff: string } };
}

export interface RecognizerOptions {
  readonly plans: readonly ScenarioPlan[];
  readonly onVerdict: (verdict: CallVerdict) => void;
  /** Events a scenario does not expect are judged up to this long (log time) after its last expected one (default 300 ms). */
  readonly settleMs?: number;
  /** What the recorded switch is known to do (`off-hook:reported`: its EventOffHook/EventOnHook are judged). */
  readonly features?: readonly string[];
  /**
   * The level the whole input saw the system at, when coarser than T-Library (judge.ts
   * JudgeOptions.observation). A harness recording's scenario marker names its part's own level.
   */
  readonly observation?: Observation;
  /**
   * When the log's file was opened (support/trace/opened.ts: its banner's Local time). A call whose
   * first record is an event within OPENING_BURST_MS of it may have begun in the file before (a
   * rotation opens the next file in the middle of a burst): if it deviates, it is unrecognised, with
   * the deviation said (CallVerdict.beganBefore) — its first events may be in the other file. One
   * whose first record is a logged request began here, with it, and is judged as ever.
   */
  readonly opened?: string;
}

export interface RecognizerStats {
  records: number;
  calls: number;
  conforms: number;
  deviates: number;
  unrecognised: number;
  unreadable: number;
  /** Calls judged by their shape's earlier judgement. */
  reused: number;
  /** Records that belong to no call. */
  outside: number;
}

/** A verdict while it is being put together (its required fields set after the first ones). */
type Mutable<T> = { -readonly [K in keyof T]?: T[K] };

/** What judging a call's shape found. */
type Judged = Pick<CallVerdict, 'outcome' | 'follows' | 'deviation' | 'unconfirmed' | 'beganBefore'>;

/** Judged shapes kept: at least the most recent 20,000, at most twice as many. */
const MEMO = 20_000;

export class CallRecognizer {
  /** What the input showed of its DNs, and its calls in progress: both start again at a harness recording's scenario marker. */
  private knowledge = new DnKnowledge();
  /** A harness recording (it has scenario markers): every request is logged, so only logged requests are stimuli (as its replay reads it). */
  private recording = false;
  /** In a harness recording, the scenario (`uri:line name`) whose part is being read, and its plan. */
  private part: string | undefined;
  private partPlans: ReadonlySet<ScenarioPlan> | undefined;
  /** The records of the recording's part being read, when it names its scenario (judged whole at its end). */
  private partRecords: TraceRecord[] | undefined;
  /** The level the part being read saw the system at (a recording's marker names it; else the options'). */
  private observation: Observation | undefined;
  private splitter: EpisodeSplitter;
  private readonly byFirst = new Map<string, ScenarioPlan[]>();
  private readonly unindexed: ScenarioPlan[] = [];
  private readonly memo = new RecentMap<string, { readonly outcome: CallVerdict['outcome']; readonly follows: readonly ScenarioRef[] }>(MEMO);
  /** The DNs' states outside calls, for a log's calls (a recording's part starts from its own). */
  private readonly states = new DnStateTail();
  private readonly settleMs: number;
  /** RecognizerOptions.opened, in ms. */
  private readonly openedMs: number | undefined;
  private readonly handset: boolean;
  private lastTime: number | undefined;
  readonly stats: RecognizerStats = { records: 0, calls: 0, conforms: 0, deviates: 0, unrecognised: 0, unreadable: 0, reused: 0, outside: 0 };

  constructor(private readonly options: RecognizerOptions) {
    this.settleMs = options.settleMs ?? 300;
    this.openedMs = msOf(options.opened);
    this.handset = options.features?.includes(HANDSET_REPORTED) ?? false;
    this.observation = options.observation;
    for (const plan of options.plans) {
      // Indexed by the first act a log can show (an outside party's busy line it cannot: UNSEEN_STATES).
      const first = plan.requestNames?.find((n) => !UNSEEN_STATES.has(n));
      if (first === undefined) this.unindexed.push(plan);
      else this.byFirst.set(first, [...(this.byFirst.get(first) ?? []), plan]);
    }
    // A log is finite, as a replay reads it: its end is where the call's events end (a call the end leaves open is judged as it is).
    this.splitter = this.newSplitter();
  }

  /** A splitter for what comes next, its calls numbered on from the last one's. */
  private newSplitter(firstId = 1): EpisodeSplitter {
    const knowledge = this.knowledge;
    return new EpisodeSplitter((e, finished) => this.judgeCall(e, finished, knowledge, false, this.states), linksOf(knowledge), firstId);
  }

  /**
   * The records of one call assembled elsewhere (a stream partitioned by call thread), judged now:
   * with what these records show of their DNs only, not what the stream showed before, so that the
   * verdict does not depend on which other calls this recognizer saw. A verdict per call the records
   * hold (usually one); `complete` false for a call some DN was still on. `cut`: the records stop
   * because their source stopped (a monitor stopping mid-call), not because the call did: events the
   * call's models expect next are not judged missing (judge.ts JudgeOptions.cut).
   */
  judgeRecords(records: readonly TraceRecord[], options: { readonly cut?: boolean } = {}): void {
    // Records of a desktop's console log show its DNs at call-state level (as push() judges them).
    this.observation = records.some((r) => r.format === 'console') ? CONSOLE_OBSERVATION : this.options.observation;
    const knowledge = new DnKnowledge();
    // The state its DNs were in (a feed sends a thread with its DNs' state events: support/stream/callThreads.ts).
    const states = new DnStateTail();
    for (const r of records) {
      knowledge.learn(r);
      states.note(r);
    }
    const episodes: [Episode, boolean][] = [];
    const splitter = new EpisodeSplitter((e, finished) => episodes.push([e, finished]), linksOf(knowledge));
    for (const r of records) {
      this.stats.records += 1;
      splitter.push(r, msOf(r.time));
    }
    splitter.flush();
    this.stats.outside += splitter.outside;
    for (const [e, finished] of episodes) this.judgeCall(e, finished, knowledge, options.cut === true && !finished, states);
  }

  /** Judges the recording's part read so far as one run of its scenario (see push), numbered as the next call. */
  private endPart(): void {
    const records = this.partRecords;
    this.partRecords = undefined;
    if (!records?.length) return;
    const id = this.splitter.nextId;
    this.judgeCall(partEpisode(id, records), true, this.knowledge, false, this.states);
    this.splitter = this.newSplitter(id + 1);
  }

  /** The calls in progress (memory is bounded by them). */
  get openCalls(): number {
    return this.splitter.inProgress;
  }

  /** One record of the log, in log order. */
  push(record: TraceRecord): void {
    this.stats.records += 1;
    if (record.name === SCENARIO_MARKER || record.name === SESSION_MARKER) {
      // A harness recording (--record): each scenario ran on a system set up afresh, whose ConnIDs
      // and DNs start again; its calls end with it, and the next part is read as a log of its own.
      this.recording = true;
      this.endPart();
      this.splitter.flush();
      this.stats.outside += this.splitter.outside;
      this.knowledge = new DnKnowledge();
      this.splitter = this.newSplitter(this.splitter.nextId);
      // The part that follows is judged against the scenario it recorded only (as its replay judges
      // it): the same DNs play other roles, on other configurations, in other scenarios' parts.
      const scenario = record.attributes.scenario;
      this.part = record.name === SCENARIO_MARKER && typeof scenario === 'string' ? scenario : undefined;
      this.partPlans = this.part === undefined ? undefined : plansNamed(this.part, this.options.plans);
      // A recording made through an adapter at a coarser level says so in its marker: its part is judged at that level, as its replay is.
      this.observation = markerObservation(record) ?? this.options.observation;
      // A scenario's part is its run, judged whole, as its replay judges it: not cut into calls (an
      // event of a DN outside any call — an EventPrivateInfo, an IVR's message — is part of the run).
      this.partRecords = this.part === undefined ? undefined : [];
      return;
    }
    if (this.partRecords) {
      this.knowledge.learn(record);
      // Every line of the part: a `NotSent` line says the request before it never reached the system.
      this.partRecords.push(record);
      return;
    }
    // A desktop's console log shows its agents' DNs at call-state level (as its replay judges it).
    if (record.format === 'console' && this.observation === undefined) this.observation = CONSOLE_OBSERVATION;
    this.knowledge.learn(record);
    this.states.note(record);
    const t = msOf(record.time);
    if (t !== undefined) this.lastTime = t;
    this.splitter.push(record, t);
  }

  /** End of input: judges every call still open (as far as it went). */
  flush(): void {
    this.endPart();
    this.splitter.flush();
    this.stats.outside += this.splitter.outside;
    this.splitter = this.newSplitter(this.splitter.nextId);
  }

  /** Judges (as incomplete) the calls nothing happened to for `idleMs` of log time before `nowMs` (default: the latest record's time). */
  expireIdle(idleMs: number, nowMs = this.lastTime): void {
    if (nowMs !== undefined) this.splitter.expireIdle(nowMs, idleMs);
  }

  /** `cut`: the input stopped while the call went on (judge.ts JudgeOptions.cut: a monitor stopping); such a judgement is not remembered for calls that were not cut. */
  /**
   * Judges one call (see {@link judgeCallAsIs}). A failure of the harness itself on one call — a bug
   * an unusual call of a real switch meets — leaves that call not judged (`unreadable`, the error
   * said), and every other call is judged as ever: a monitor worker does not die on it, over and
   * over on the same redelivered call, nor does a log's recognition stop there.
   */
  private judgeCall(e: Episode, finished: boolean, knowledge: DnKnowledge, cut: boolean, states: DnStateTail): void {
    let verdict: CallVerdict;
    try {
      verdict = this.judgeCallAsIs(e, finished, knowledge, cut, states);
    } catch (failure) {
      const why = failure instanceof Error ? `${failure.name}: ${failure.message}${failure.stack ? ` (${failure.stack.split('\n')[1]?.trim() ?? ''})` : ''}` : String(failure);
      const unjudged = verdictOf(e, finished, [], { outcome: 'unreadable', follows: [] }, undefined);
      verdict = { ...unjudged, unreadable: `not judged: the harness failed on this call (${why}); a fault of the harness, not of the switch — please report it with the call's records (${unjudged.from} – ${unjudged.to})` };
    }
    this.stats.calls += 1;
    this.stats[verdict.outcome] += 1;
    // The caller's own failure is its own: not caught here.
    this.options.onVerdict(verdict);
  }

  private judgeCallAsIs(e: Episode, finished: boolean, knowledge: DnKnowledge, cut: boolean, states: DnStateTail): CallVerdict {
    // The knowledge has learnt the call's own records too: the same as the call's index would say.
    // A judgement holds for the same shape judged against the same scenarios (a recording's part: its own).
    // A log's call is judged with the state its DNs were in before it (the agent, switch features).
    const context = this.recording ? [] : states.contextOf(e.records);
    const shape = `${this.recording ? `r${this.part ?? ''}` : ''}\u0002${this.observation?.tier ?? ''}\u0002${shapeOf(e, context, knowledge, this.settleMs)}`;
    // A judgement made without the cut holds with it (the cut only leaves missing events unjudged).
    const known = this.memo.get(shape);
    let outcome: CallVerdict['outcome'];
    let follows: readonly ScenarioRef[];
    let deviation: CallVerdict['deviation'];
    let unconfirmed: CallVerdict['unconfirmed'];
    let stimuli: readonly Stimulus[];
    const records = e.records;
    const damaged = records.find((r) => r.truncated);
    if (damaged) {
      outcome = 'unreadable';
      follows = [];
      stimuli = [];
    } else if (known) {
      ({ outcome, follows } = known);
      const tracker = new StimulusTracker(!this.recording);
      const found: Stimulus[] = [];
      for (let i = 0; i < records.length; i++) {
        const s = tracker.push(records[i] as TraceRecord, i);
        if (s) found.push(s);
      }
      stimuli = found;
      this.stats.reused += 1;
    } else {
      const index = new LogIndex(context.length ? byLine([...e.records, ...context]) : e.records, !this.recording, knowledge);
      stimuli = index.stimuli;
      ({ outcome, follows, deviation, unconfirmed } = this.judgeShape(index, cut));
      // A deviation's diff and an unconfirmed configuration's name this call's own values: judged anew.
      if (outcome !== 'deviates' && !unconfirmed && !cut) this.remember(shape, { outcome, follows });
    }
    return verdictOf(e, finished, stimuli, this.beganBefore(records, { outcome, follows, deviation, unconfirmed }), damaged);
  }

  /** A deviating call that may have begun before the log's file was opened: unrecognised, its deviation said (see {@link beganBeforeOpened}). */
  private beganBefore(records: readonly TraceRecord[], judged: Judged): Judged {
    if (judged.outcome !== 'deviates' || !judged.deviation || !this.beganBeforeOpened(records)) return judged;
    return { outcome: 'unrecognised', follows: judged.follows, beganBefore: { opened: this.options.opened ?? '', deviation: judged.deviation } };
  }

  /**
   * The call's first record is an event, within OPENING_BURST_MS (support/trace/opened.ts) after the log's file was
   * opened (RecognizerOptions.opened). A call whose first record is a logged request began with it, here.
   */
  private beganBeforeOpened(records: readonly TraceRecord[]): boolean {
    const head = records[0];
    return this.openedMs !== undefined && !this.recording && head?.kind === 'event' && inOpeningBurst(msOf(head.time), this.openedMs);
  }

  private judgeShape(index: LogIndex, cut: boolean): Judged {
    const names = index.stimuli.map((s) => s.name);
    const candidates = new Set<ScenarioPlan>(this.unindexed);
    for (const name of new Set(names)) for (const p of this.byFirst.get(name) ?? []) if (subsequence((p.requestNames ?? []).filter((n) => !UNSEEN_STATES.has(n)), names)) candidates.add(p);
    const own = this.partPlans;
    if (own) for (const p of candidates) if (!own.has(p)) candidates.delete(p);
    const groups = new Map<string, { followers: ScenarioPlan[]; deviations: { plan: ScenarioPlan; exercise: Exercise }[] }>();
    for (const plan of candidates) {
      for (const exercise of judge(plan, index, this.judgeOptions(cut)).exercises) {
        const key = exercise.history.join(',');
        const group = groups.get(key) ?? { followers: [], deviations: [] };
        groups.set(key, group);
        if (exercise.follows) group.followers.push(plan);
        else group.deviations.push({ plan, exercise });
      }
    }
    const follows = unique([...groups.values()].flatMap((g) => g.followers)).map(refOf);
    const deviating = [...groups.values()].filter((g) => g.followers.length === 0).flatMap((g) => g.deviations);
    const nearest = deviating.sort((a, b) => b.exercise.history.length - a.exercise.history.length || (a.exercise.problems ?? 0) - (b.exercise.problems ?? 0))[0];
    const followed = [...groups].filter(([, g]) => g.followers.length > 0).map(([history, g]) => ({ history, plan: g.followers[0] as ScenarioPlan }));
    if (nearest) return this.deviates(nearest, follows, { candidates, followed }, index, cut);
    return { outcome: follows.length ? 'conforms' : 'unrecognised', follows };
  }

  /**
   * A call that deviates from `nearest` — unless a switch configuration a log cannot confirm explains
   * it, or the call's next act came before the events `nearest` still expected (then unrecognised).
   */
  private deviates(nearest: { plan: ScenarioPlan; exercise: Exercise }, follows: readonly ScenarioRef[], others: { candidates: Iterable<ScenarioPlan>; followed: readonly { history: string; plan: ScenarioPlan }[] }, index: LogIndex, cut: boolean): Judged {
    const deviation = { scenario: refOf(nearest.plan), diff: nearest.exercise.diff ?? '' };
    const history = nearest.exercise.history.join(',');
    const explained = this.recording ? undefined : this.configurationExplains(others.candidates, index, cut, history) ?? this.interrupted(nearest, others.followed, index);
    if (explained) return { outcome: 'unrecognised', follows, unconfirmed: { ...explained, deviation } };
    return { outcome: 'deviates', follows, deviation };
  }

  /**
   * The events `nearest` expects are missing only at the end, and the call follows a scenario whose
   * acts go on from the same ones and whose premise is a state no log shows (UNSEEN_STATES): the
   * call's next act came before those events, as that premise says. "Alice hangs up before the call
   * reaches Bob's phone" is GenEM's own model of a caller who gives up before the called party is
   * alerted; whether Bob's phone had been alerted by then (and the switch failed to say so) a log
   * cannot tell. Any other longer scenario explains nothing: its Given steps do not judge their events.
   */
  private interrupted(nearest: { plan: ScenarioPlan; exercise: Exercise }, followed: readonly { history: string; plan: ScenarioPlan }[], index: LogIndex): { scenario: ScenarioRef; configuration: string } | undefined {
    const history = nearest.exercise.history.join(',');
    const longer = followed.find((f) => f.history.startsWith(`${history},`) && (f.plan.requestNames ?? []).some((n) => UNSEEN_STATES.has(n)));
    if (!longer) return undefined;
    // Judged as if the input ended after its last record: only an exercise whose fault is events missing at the end is let go.
    const cutShort = !judge(nearest.plan, index, this.judgeOptions(true)).exercises.some((e) => !e.follows && e.history.join(',') === history);
    if (!cutShort) return undefined;
    return { scenario: refOf(longer.plan), configuration: `the call's next act came before the events ${nearest.plan.name.replace(/^(.)/, (c) => c.toLowerCase())} expects (a log cannot tell whether they were due by then)` };
  }

  /**
   * A scenario whose parties have switch configuration a log cannot confirm (a routing point that
   * does not divert on ringing, a bridged appearance) that the call follows, judged as if that
   * configuration held, on the same acts as the nearest deviation (`history`: a scenario that only
   * starts with them does not judge their events): then the deviation may be that configuration,
   * not a fault — the call is not judged either way. A shared line is no such configuration: the
   * log shows its appearances (AppearanceIndex), and its scenarios are judged as they are.
   */
  private configurationExplains(candidates: Iterable<ScenarioPlan>, index: LogIndex, cut: boolean, history: string): { scenario: ScenarioRef; configuration: string } | undefined {
    for (const plan of candidates) {
      const configuration = plan.parties.map((p) => (notOnThisSwitch(p) ? undefined : configurationOf(p, plan.parties, true, plan.facts))).find((c) => c !== undefined);
      if (!configuration) continue;
      const follows = judge(plan, index, { ...this.judgeOptions(cut), assumeConfigured: true }).exercises.some((e) => e.follows && e.history.join(',') === history);
      if (follows) return { scenario: refOf(plan), configuration };
    }
    return undefined;
  }

  private judgeOptions(cut: boolean): JudgeOptions {
    return { settleMs: this.settleMs, handset: this.handset, cut, recording: this.recording, ...(this.observation ? { observation: this.observation } : {}) };
  }

  private remember(shape: string, judgement: { outcome: CallVerdict['outcome']; follows: readonly ScenarioRef[] }): void {
    this.memo.set(shape, judgement);
  }
}

/**
 * A call's verdict, its optional fields set in place in this order (the order of its JSON): not
 * object spreads, once per call.
 */
function verdictOf(e: Episode, finished: boolean, stimuli: readonly Stimulus[], judged: Judged, damaged: TraceRecord | undefined): CallVerdict {
  const records = e.records;
  const first = records[0];
  const last = records[records.length - 1];
  const descriptions: string[] = new Array<string>(stimuli.length);
  for (let i = 0; i < stimuli.length; i++) descriptions[i] = (stimuli[i] as Stimulus).description;
  const verdict: Mutable<CallVerdict> = { id: e.id, calls: [...e.conns], dns: dnsOfEvents(records), from: first?.source ?? '', to: last?.source ?? '' };
  if (first?.time) verdict.firstTime = first.time;
  if (last?.time) verdict.lastTime = last.time;
  verdict.records = records.length;
  verdict.stimuli = descriptions;
  verdict.complete = finished;
  verdict.outcome = judged.outcome;
  verdict.follows = judged.follows;
  if (judged.deviation) verdict.deviation = judged.deviation;
  if (judged.unconfirmed) verdict.unconfirmed = judged.unconfirmed;
  if (judged.beganBefore) verdict.beganBefore = judged.beganBefore;
  if (damaged) verdict.unreadable = `${damaged.source}: ${damaged.truncated ?? ''}`;
  return verdict as CallVerdict;
}

/** Records of one file in the order of their lines (a call's own, and the state events around it); stable. */
function byLine(records: TraceRecord[]): TraceRecord[] {
  return records.map((r, i) => ({ r, i })).sort((a, b) => a.r.line - b.r.line || a.i - b.i).map((x) => x.r);
}

/** A recording's part (one scenario's run) as one episode: every record of it, in order. */
function partEpisode(id: number, records: TraceRecord[]): Episode {
  const times = records.map((r) => msOf(r.time) ?? Number.NaN);
  const conns = new Set<string>();
  const dns = new Set<string>();
  for (const r of records) {
    const conn = connIdOf(r);
    if (conn !== undefined) conns.add(conn);
    if (r.dn !== undefined) dns.add(r.dn);
  }
  const last = times.filter((t) => !Number.isNaN(t)).pop();
  return {
    id, records, order: records.map((_, i) => i), times, active: new Map(), conns, uuids: new Set(), references: new Set(), dns,
    endedAt: records.length, lastTime: last,
  };
}

/** The DNs that had events, in order of their first. */
function dnsOfEvents(records: readonly TraceRecord[]): string[] {
  const dns: string[] = [];
  for (const r of records) if (r.kind === 'event' && r.dn && !dns.includes(r.dn)) dns.push(r.dn);
  return dns;
}

/**
 * The plans a recording's scenario marker names (`uri:line name`). Its uri is as the recording run
 * saw it, relative to that run's directory: the same feature file when one path ends the other.
 */
function plansNamed(part: string, plans: readonly ScenarioPlan[]): ReadonlySet<ScenarioPlan> {
  const m = /^(.+?\.feature):(\d+) (.*)$/s.exec(part);
  if (!m) return new Set();
  const [, uri = '', line, name] = m;
  const sameFile = (a: string): boolean => a === uri || a.endsWith(`/${uri}`) || uri.endsWith(`/${a}`);
  return new Set(plans.filter((p) => p.line === Number(line) && p.name === name && sameFile(p.uri)));
}

/** A DN on two calls at once makes them one call, unless it holds many calls (an ACD queue, a routing point). */
export function linksOf(knowledge: DnKnowledge): (dn: string) => boolean {
  return (dn) => {
    const kind = knowledge.kindOf(dn);
    return kind !== 'queue' && kind !== 'routing-point';
  };
}

function refOf(p: ScenarioPlan): ScenarioRef {
  return { uri: p.uri, line: p.line, name: p.name, ...(p.model ? { model: p.model } : {}) };
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

/** Whether `want` appears in `have` in order (not necessarily next to each other). */
function subsequence(want: readonly string[], have: readonly string[]): boolean {
  let i = 0;
  for (const h of have) if (i < want.length && h === want[i]) i += 1;
  return i === want.length;
}
