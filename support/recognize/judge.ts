/**
 * One scenario plan judged against a part of a log, without cucumber: what the conformance run
 * does with a replay, step for step (support/world.ts, support/world/replay.ts, support/hooks.ts),
 * on the same selection (support/trace/replayMatch.ts), the same matcher and the same diff text:
 * the expectation tables, then the events nobody expected, then GenEM's event-level rules on every
 * event the scenario observed (support/model/eventRules.ts) — a call whose tables match but whose
 * EventRinging has no CallID deviates here as its replay fails.
 *
 * Every exercise of the scenario in that part is judged: each candidate for its first step whose
 * stimulus history fits is one exercise, and it follows the model or deviates from it (with the
 * diff the conformance run would print). No exercise at all: not exercised, with the first reason.
 */
import type { Observation, PartyConfig } from '../adapter/contract';
import { observationGap, optionalTableGap, withoutUnchecked } from '../adapter/observation';
import { TestCompromisedError } from '../errors';
import { normaliseAttributes, type AttrValue, type ObservedEvent, type TRequest } from '../model/event';
import { checkEventRules, judgeableAt, renderRuleViolations } from '../model/eventRules';
import type { CellMatcher } from '../matching/cells';
import { diagnose, type Diagnosis } from '../matching/diagnose';
import { parseExpectationTable, TableError, type ExpectedRow } from '../matching/expectation';
import { diagnosable, matchExpectation, withoutAllowedExtras } from '../matching/optional';
import { matchAnyOf } from '../matching/anyOf';
import type { SequenceInput } from '../matching/sequence';
import { formatEvent, renderAnyOfMiss, renderDiff } from '../report/diff';
import type { LogIndex } from '../trace/logIndex';
import { msOf, type TraceRecord } from '../trace/record';
import { ScenarioMatch } from '../trace/replayMatch';
import { CallView } from '../world/callView';
import { Parties } from '../world/parties';
import { replayHorizon } from '../world/replay';
import type { PlanExpectation, ScenarioPlan } from './plans';
import { extrasAllowedDns } from '../model/tags';

export interface JudgeOptions {
  /** Quiet period after the last expected event in which other events are unexpected (ms of log time). */
  readonly settleMs: number;
  /** Deliver EventOffHook/EventOnHook without ReferenceID (the switch is known to report them). */
  readonly handset: boolean;
  /** Candidates for the first step tried at most. */
  readonly maxAttempts?: number;
  /**
   * The input stopped while the call went on (a monitor stopping mid-call): events the model expects
   * after the call's last record may still come, so an exercise whose only fault is such events
   * missing is not judged. An event that is there and wrong, one in the wrong order, one nobody
   * expects, or one missing before events that did come, still deviates. (A log's end is not a cut:
   * as in a replay, a log is finite.)
   */
  readonly cut?: boolean;
  /** Judge as if the scenario's switch configuration held (replayMatch.ts MatchSetup.assumeConfigured). */
  readonly assumeConfigured?: boolean;
  /**
   * The level the input saw the system at, when coarser than T-Library (a recording made through
   * the Workspace API, a desktop's console log): judged as the conformance run judges an adapter at
   * that level (support/adapter/observation.ts) — a scenario expecting what the level cannot show is
   * not exercised, the cells of attributes it does not carry are not checked, and only the
   * event-level rules its attributes can show are judged.
   */
  readonly observation?: Observation;
  /** A harness recording's part: its DNs and participants are the features' own, its stimuli the harness's acts in order (support/trace/replayMatch.ts). */
  readonly recording?: boolean;
}

export interface Exercise {
  /** The positions (indexes in the part's stimuli) the steps matched: the history, for telling variants apart. */
  readonly history: readonly number[];
  readonly follows: boolean;
  /** When it deviates: the diff, as the conformance run prints it, and how many rows or events differ. */
  readonly diff?: string;
  readonly problems?: number;
}

export interface Judgement {
  readonly exercises: readonly Exercise[];
  /** Why the scenario is not exercised, when it has no exercise. */
  readonly reason?: string;
}

type Attempt = { readonly exercise: Exercise } | { readonly reason: string; readonly final: boolean };

/** Every exercise of `plan` in the part of the log `index` holds. */
export function judge(plan: ScenarioPlan, index: LogIndex, options: JudgeOptions): Judgement {
  const gap = options.observation ? levelGap(plan, options.observation) : undefined;
  if (gap) return { exercises: [], reason: gap };
  const known: (TRequest | undefined)[] = [];
  const exercises: Exercise[] = [];
  let reason: string | undefined;
  let from = 0;
  for (let n = 0; n < (options.maxAttempts ?? 200); n++) {
    const match = new ScenarioMatch(index, { parties: plan.parties, named: plan.named, dnMap: {}, identity: options.recording === true, handset: options.handset, ...(options.assumeConfigured ? { assumeConfigured: true } : {}), scenario: plan.facts }, from, known);
    const attempt = run(plan, match, known, options);
    if ('exercise' in attempt) exercises.push(attempt.exercise);
    else reason ??= attempt.reason;
    if (match.firstAt === undefined || ('final' in attempt && attempt.final)) break;
    from = match.firstAt + 1;
  }
  return exercises.length ? { exercises } : { exercises, reason: reason ?? 'not exercised' };
}

/** One attempt: the steps on the attempt's candidate, then the expectation tables and the events nobody expected. */
function run(plan: ScenarioPlan, match: ScenarioMatch, known: (TRequest | undefined)[], options: JudgeOptions): Attempt {
  const scene = new Scene(plan, match);
  const history: number[] = [];
  for (const [k, step] of plan.steps.entries()) {
    if (step.role === 'stimulus') scene.consumeAll();
    const since = scene.events.length;
    let request: TRequest;
    try {
      request = step.action.build({ parties: scene.parties, calls: scene.calls, since: [] });
    } catch (e) {
      if (e instanceof TestCompromisedError) return { reason: `${e.message} (step "${step.action.text}")`, final: false };
      throw e;
    }
    known[k] = request;
    const result = match.step(request, step.role, (r, afterNextAct) => scene.deliver(r, afterNextAct));
    if (!result.ok) return { reason: `${result.reason} (step "${step.action.text}")`, final: result.final };
    // A step no log shows (an outside party's busy line) took no act: the history is the acts taken.
    if (!result.unseen) history.push(match.lastAt);
    if (step.role === 'stimulus') {
      if (result.referenceId) scene.bindings.set('$request', result.referenceId);
      continue;
    }
    const fresh = scene.events.slice(since);
    const error = fresh.find((e) => e.name === 'EventError');
    if (error) return { reason: `the recording refused "${step.action.text}": ${formatEvent(error, ['ErrorCode', 'ErrorMessage', 'ThisDN'])}`, final: false };
    if (!step.action.done({ parties: scene.parties, calls: scene.calls, since: fresh })) return { reason: `after "${step.action.text}" the recording does not reach the precondition`, final: false };
  }
  return scene.outcome(history, options);
}

/** One attempt's World: the cast, the calls, the events delivered, the bindings. */
class Scene {
  readonly parties = new Parties();
  readonly calls = new CallView();
  readonly events: ObservedEvent[] = [];
  readonly bindings = new Map<string, AttrValue>();
  private readonly consumed = new Set<number>();
  private baseline = 0;

  constructor(private readonly plan: ScenarioPlan, private readonly match: ScenarioMatch) {
    for (const p of plan.parties) this.parties.declare(p);
  }

  /** A recorded event in the feature's terms (its DNs translated back), numbered like the session numbers them. */
  deliver(r: TraceRecord, afterNextAct: boolean): void {
    const view = this.match.inFeatureTerms(r);
    if (!view) return;
    const at = msOf(r.time);
    const event = {
      name: r.name, ...r.envelope, dn: view.dn, attributes: normaliseAttributes(view.attributes).attributes, origin: view.origin, seq: this.events.length + 1, receivedAt: 0,
      ...(at !== undefined ? { recordedAt: at } : {}), ...(afterNextAct ? { afterNextAct } : {}),
    };
    this.events.push(event);
    this.calls.apply(event);
  }

  consumeAll(): void {
    for (const e of this.events) this.consumed.add(e.seq);
    this.baseline = this.events.length;
  }

  /** The expectation tables in turn, then the events nobody expected (support/hooks.ts). */
  outcome(history: readonly number[], options: JudgeOptions): Attempt {
    const { cut } = options;
    const unjudged = extrasAllowedDns(this.plan, this.parties.resolveDn);
    for (const expectation of this.plan.expectations) {
      const rows = this.judgedRows(expectation, options);
      if (rows === 'skip') continue;
      if (!Array.isArray(rows)) return rows;
      if (expectation.anyOf) {
        const missed = this.anyOf(expectation, rows, history, cut);
        if (missed) return missed;
        continue;
      }
      const input: SequenceInput = withoutAllowedExtras({
        rows, observed: this.events.filter((e) => !this.consumed.has(e.seq)), mode: expectation.mode, bindings: this.callBindings(rows), resolveDn: this.parties.resolveDn,
        ...(expectation.dn ? { defaultDn: expectation.dn } : {}),
      }, unjudged, (e) => this.parties.outsideModel(e, options.handset));
      const outcome = matchExpectation(input, expectation.optional);
      if (outcome.kind === 'matched') {
        for (const e of outcome.assignment.values()) this.consumed.add(e.seq);
        for (const [k, v] of outcome.bindings) this.bindings.set(k, v);
        continue;
      }
      const diagnosis = diagnose(diagnosable(input, expectation.optional));
      if (cut && cutShort(diagnosis)) return { reason: `the input ended while the call went on, before the events ${expectation.location} expects next`, final: false };
      const diff = renderDiff(diagnosis, { title: 'Not conformant: the observed events differ from the model', location: expectation.location, mode: expectation.mode, partyOf: this.parties.nameOf });
      return { exercise: { history, follows: false, diff, problems: problemsOf(diagnosis) } };
    }
    return this.afterTables(history, options);
  }

  /**
   * A table of alternatives (support/matching/anyOf.ts): undefined when one of its rows is matched by
   * an event since the stimulus (it takes nothing), else the exercise's deviation — or, when the
   * input ended while the call went on, why it is not exercised.
   */
  private anyOf(expectation: PlanExpectation, rows: readonly ExpectedRow[], history: readonly number[], cut: boolean | undefined): Attempt | undefined {
    const input: SequenceInput = { rows, observed: this.events.slice(this.baseline), mode: 'any', bindings: this.callBindings(rows), resolveDn: this.parties.resolveDn };
    if (matchAnyOf(input).kind === 'matched') return undefined;
    if (cut) return { reason: `the input ended while the call went on, before any of the events ${expectation.location} allows`, final: false };
    return { exercise: { history, follows: false, diff: renderAnyOfMiss(input, expectation.location, this.parties.dnLabel), problems: 1 } };
  }

  /**
   * A table's rows as judged here (the cells the level carries), or why the exercise stops, or
   * 'skip' for a table of optional events that cannot be judged (the rest of the scenario is).
   */
  private judgedRows(expectation: PlanExpectation, options: JudgeOptions): ExpectedRow[] | Attempt | 'skip' {
    // (A table of alternatives at a coarser level leaves the whole plan unjudged before this: levelGap.)
    if (expectation.optional && options.observation && optionalTableGap(expectation, options.observation, partyIn(this.plan))) return 'skip';
    let rows: ExpectedRow[];
    try {
      rows = parseExpectationTable(expectation.rows, { dnColumn: expectation.dn ? 'forbidden' : 'required', lines: expectation.tableLines });
    } catch (e) {
      if (e instanceof TableError) return { reason: `${expectation.location}: ${e.message}`, final: true };
      throw e;
    }
    if (options.observation) rows = withoutUnchecked(rows, options.observation).rows;
    if (!this.bindings.has('$request') && rows.some((row) => row.cells.some((c) => uses(c.matcher, '$request')))) {
      if (expectation.optional) return 'skip';
      return { reason: 'the model checks the ReferenceID of the stimulus\'s request, and in the recording the stimulus was a party action, not a request', final: false };
    }
    return rows;
  }

  /** Once every table matched: the events nobody expected, then the event-level rules (support/hooks.ts After). */
  private afterTables(history: readonly number[], { settleMs, observation, handset }: JudgeOptions): Attempt {
    const allowed = extrasAllowedDns(this.plan, this.parties.resolveDn);
    const extras = allowed ? this.unexpected(settleMs).filter((e) => !allowed.has(e.dn) && !this.parties.outsideModel(e, handset)) : [];
    if (extras.length > 0) {
      const text = ['Not conformant: events that the model does not expect arrived after the stimulus',
        ...extras.slice(0, 50).map((e) => `  + ${this.parties.dnLabel(e.dn)}: ${formatEvent(e)}`),
        ...(extras.length > 50 ? [`  … and ${String(extras.length - 50)} more (${String(extras.length)} in all)`] : [])].join('\n');
      return { exercise: { history, follows: false, diff: text, problems: extras.length } };
    }
    // The event-level rules, on the events up to the last one the tables took (what a replay's world judges).
    const horizon = Math.max(this.baseline, ...this.consumed);
    const all = checkEventRules(this.events.filter((e) => e.seq <= horizon));
    const carried = observation ? new Set(observation.attributes) : undefined;
    const violations = carried ? all.filter((v) => judgeableAt(v, carried)) : all;
    if (violations.length === 0) return { exercise: { history, follows: true } };
    return { exercise: { history, follows: false, diff: renderRuleViolations(violations, this.parties.dnLabel), problems: violations.length } };
  }

  private unexpected(settleMs: number): ObservedEvent[] {
    const judged = replayHorizon(this.events, this.baseline, this.consumed, settleMs);
    return this.events.filter((e) => e.seq > this.baseline && !this.consumed.has(e.seq) && judged(e));
  }

  /** The bindings plus `$callN` for each call the table refers to: the scenario's N-th call (distinct ConnIDs in order of first appearance). */
  private callBindings(rows: readonly ExpectedRow[]): Map<string, AttrValue> {
    const bindings = new Map(this.bindings);
    const seen: string[] = [];
    for (const e of this.events) if (typeof e.attributes.ConnID === 'string' && !seen.includes(e.attributes.ConnID)) seen.push(e.attributes.ConnID);
    for (const n of referencedCalls(rows)) {
      const conn = seen[n - 1];
      if (conn !== undefined) bindings.set(`$call${String(n)}`, conn);
    }
    return bindings;
  }
}

/** A party of the plan's cast by name or DN, as the observation checks read it. */
function partyIn(plan: ScenarioPlan): (nameOrDn: string) => PartyConfig | undefined {
  return (p) => plan.parties.find((c) => c.name === p || c.dn === p);
}

/** Why the plan's tables expect what the observation level cannot show (as support/world.ts skips such a scenario), or undefined. */
function levelGap(plan: ScenarioPlan, observation: Observation): string | undefined {
  const tables = plan.expectations.map((x) => ({ text: x.text, rows: x.rows }));
  const gap = observationGap(tables, observation, partyIn(plan));
  return gap ? `not judged at the ${observation.tier}: ${gap}` : undefined;
}

/** The `$callN` variables a table uses. */
function referencedCalls(rows: readonly ExpectedRow[]): number[] {
  const found = new Set<number>();
  const visit = (m: CellMatcher): void => {
    if (m.kind === 'bind') {
      const n = /^\$call(\d+)$/.exec(m.variable)?.[1];
      if (n) found.add(Number(n));
    } else if (m.kind === 'oneOf') m.options.forEach(visit);
  };
  for (const row of rows) for (const cell of row.cells) visit(cell.matcher);
  return [...found];
}

function uses(m: CellMatcher, variable: string): boolean {
  return (m.kind === 'bind' && m.variable === variable) || (m.kind === 'oneOf' && m.options.some((o) => uses(o, variable)));
}

/**
 * Whether the only fault is expected events missing at the end of their DNs' lanes, with no event
 * that came close to them (a nearest candidate differs: it is there and wrong), nothing unexpected
 * and nothing out of order: what a call cut by the end of its input looks like.
 */
function cutShort(d: Diagnosis): boolean {
  if (d.orderViolations.length > 0) return false;
  return d.lanes.every((lane) => {
    // An event that came out of order on its DN is there and wrong, whatever comes after it.
    if (lane.unexpected.length > 0 || lane.rows.some((r) => r.kind === 'matched' && r.outOfOrder)) return false;
    const firstMissing = lane.rows.findIndex((r) => r.kind === 'missing');
    return firstMissing < 0 || lane.rows.slice(firstMissing).every((r) => r.kind === 'missing' && r.nearest === undefined);
  });
}

function problemsOf(d: Diagnosis): number {
  return d.lanes.reduce((n, lane) => n + lane.rows.filter((r) => r.kind === 'missing').length + lane.unexpected.length, 0) + d.orderViolations.length;
}
