/**
 * ConformanceWorld: one scenario's state and the domain operations steps delegate to.
 *
 * Lifecycle: parties are declared (Background) → the adapter is opened lazily with that cast →
 * `Given` steps reach preconditions (their events are consumed, EventError makes the scenario
 * broken) → the one `When` sends the stimulus → `Then` tables are matched against the events that
 * followed → the After hook rejects events nobody expected.
 */
import { AfterAll, Before, setDefaultTimeout, setWorldConstructor, World } from '@cucumber/cucumber';
import { capabilityFor, type Action } from './world/actions';
import { CallView } from './world/callView';
import { returnToIdle } from './world/cleanup';
import { namedInScenario } from './world/named';
import { replayHorizon, ReplaySteps, type ReplayHost } from './world/replay';
import { loadProfile } from './config/profile';
import type { RunConfig } from './config/runConfig';
import { Parties } from './world/parties';
import { AdapterSession } from './adapter/session';
import { AdapterRun, createAdapter } from './adapter/select';
import { RequestNotExpressible, supportsRequest, type PartyConfig } from './adapter/contract';
import { ConformanceAssertionError, TestCompromisedError } from './errors';
import type { AttrValue, ObservedEvent, TRequest } from './model/event';
import { parseExpectationTable, TableError, type ExpectedRow } from './matching/expectation';
import type { CellMatcher } from './matching/cells';
import { diagnosable, matchExpectation, receivedNone, withoutAllowedExtras } from './matching/optional';
import type { OrderMode, SequenceInput } from './matching/sequence';
import { ordinalBindings, ordinalsExist, referencedOrdinals } from './matching/ordinals';
import { diagnose } from './matching/diagnose';
import { formatEvent, renderAnyOfMiss, renderDiff } from './report/diff';
import { matchAnyOf } from './matching/anyOf';
import { sideBySideHtml, type SentRequest } from './report/scenarioDiagrams';
import { covering, knownLog, loadKnownIssues, type Deviation, type ScenarioRef, deviationsOf } from './report/knownIssues';
import { limitsOf, RunContext } from './world/runContext';
import { observationGap, optionalTableGap, withoutUnchecked, type ScenarioTable } from './adapter/observation';
import { extrasAllowedDns, type ScenarioTags } from './model/tags';
import { checkEventRules, judgeableAt, renderRuleViolations } from './model/eventRules';
import { lacksCapability, lacksWording } from './model/capabilities';
import { HANDSET_REPORTED } from './model/agentState';

/** Why a table that checks the stimulus's ReferenceID is not exercised by a replayed party action. */
const REQUEST_NOT_EXERCISED = 'the model checks the ReferenceID of the stimulus\'s request, and in the recording the stimulus was a party action, not a request';

/** The world's parameters are the run configuration (support/config/runConfig.ts). */
export type WorldParameters = RunConfig;

/** The step being run, with its table's feature-file lines (set by the BeforeStep hook). */
export interface StepLocation {
  readonly uri: string;
  readonly line: number;
  readonly text: string;
  readonly tableLines: readonly number[];
}

export type StepOutcome = 'skipped' | undefined;

export const DEFAULT_TIMEOUT_MS = 3000;
setDefaultTimeout(60_000);

/**
 * What the scenarios of a run not started by our CLI (`npx cucumber-js`) share across their
 * adapters: cucumber loads the support code once per run, so this lives as long as that run and is
 * closed after its last scenario. A CLI run brings its own ({@link bindRun}).
 */
const unboundAdapters = new AdapterRun();
AfterAll(() => unboundAdapters.close());

export class ConformanceWorld extends World<WorldParameters> {
  readonly parties = new Parties();
  readonly calls = new CallView();
  readonly bindings = new Map<string, AttrValue>();
  step: StepLocation | undefined;
  skipReason: string | undefined;
  /** The running scenario (set by the Before hook), for the known-issues manifest. */
  scenario: ScenarioRef | undefined;
  /** The scenario's `@extras-allowed` tags (set by the Before hook): whose events nobody expected do not fail it. */
  extras: Pick<ScenarioTags, 'extrasAllowed' | 'extrasAllowedOn'> = { extrasAllowed: false, extrasAllowedOn: [] };
  /** What the scenarios of this run share (bounds, the adapter seen); set once, by {@link bindRun} in a CLI run. */
  run: RunContext = new RunContext(limitsOf(this.parameters), {}, unboundAdapters);
  /** The scenario's expectation tables (set by the Before hook): what an adapter's observation level is checked against. */
  expectationTables: readonly ScenarioTable[] = [];
  /** The requests the scenario sent, in order, for its sequence diagrams (who asked what, and when). */
  readonly requests: SentRequest[] = [];
  private session: AdapterSession | undefined;
  private readonly consumed = new Set<number>();
  private baseline = 0;
  private stimulusSent = false;
  private applied = 0;
  /** The parties the scenario's own steps and tables name (set by the Before hook below): a replay must find them. */
  named: readonly string[] = [];
  private readonly replaySteps = new ReplaySteps();

  get timeoutMs(): number {
    return this.parameters.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  get observed(): readonly ObservedEvent[] {
    return this.session?.events ?? [];
  }

  get adapterName(): string | undefined {
    return this.session?.adapter.name;
  }

  /** Sequence number of the first event the stimulus can have caused (the ones before answered the Givens). */
  get stimulusFrom(): number {
    return this.baseline + 1;
  }

  declare(party: PartyConfig): void {
    if (this.session?.isOpen) throw new TestCompromisedError('parties must be declared before the first action');
    this.parties.declare(party);
  }

  /** Create and open the adapter with the declared cast (once per scenario). */
  async open(): Promise<AdapterSession> {
    if (this.session?.isOpen) return this.session;
    const session = await this.newSession();
    const scenario = this.scenarioLabel();
    await session.open({ ...this.parties.topology(), ...(scenario ? { scenario } : {}), named: this.named });
    return session;
  }

  /** Whether the system reports its phones' handsets (`off-hook:reported`): then EventOffHook/EventOnHook are outside the call models (Parties.outsideModel). */
  reportsHandset = (): boolean => this.session?.adapter.capabilities.features.includes(HANDSET_REPORTED) ?? false;

  /** Why the scenario cannot run for lack of `feature`, in the one wording of {@link lacksCapability}; undefined when declared. */
  async missingCapability(feature: string): Promise<string | undefined> {
    const session = await this.newSession();
    return session.adapter.capabilities.features.includes(feature) ? undefined : lacksCapability(session.adapter.name, feature);
  }

  /** The scenario's session (created once), bounded as the run says; the run notes the adapter. */
  private async newSession(): Promise<AdapterSession> {
    if (this.session) return this.session;
    const adapter = await createAdapter(this.parameters, this.run.adapters);
    this.run.noteAdapter(adapter.name, adapter.capabilities);
    this.session = new AdapterSession(adapter, this.sessionOptions());
    return this.session;
  }

  /** A session bounded as the run says, its late failures reported with the scenario. */
  private sessionOptions(): ConstructorParameters<typeof AdapterSession>[1] {
    const label = this.scenarioLabel() ?? 'a scenario';
    return {
      timeoutMs: this.timeoutMs,
      settleMs: this.parameters.settleMs ?? 300,
      maxEvents: this.run.limits.maxEventsPerScenario,
      onLateFailure: (error) => { this.run.lateFailure(label, error); },
    };
  }

  private scenarioLabel(): string | undefined {
    return this.scenario ? `${this.scenario.uri}:${this.scenario.line} ${this.scenario.name}` : undefined;
  }

  /**
   * Attach bulky evidence (traces, diagrams) within the run's budget (support/world/runContext.ts):
   * past it, a one-line note says what was left out, so a flooding system cannot turn the reports
   * into gigabytes. Texts that are bounded per scenario (diffs, lists of 50) are attached directly.
   */
  attachBounded(data: string, options: { readonly mediaType: string; readonly fileName: string }): void {
    const bytes = Buffer.byteLength(data);
    if (this.run.admit(bytes)) this.attach(data, options);
    else this.attach(`${options.fileName} (${String(bytes)} bytes) not attached: the run's attachment budget of ${String(this.run.limits.attachmentBytesPerRun)} bytes is spent`, { mediaType: 'text/plain', fileName: `${options.fileName}.omitted.txt` });
  }

  /** Events the adapter delivered beyond the per-scenario bound (counted, not kept). */
  get droppedEvents(): number {
    return this.session?.dropped ?? 0;
  }

  /** Reach a precondition: run the actions one by one, each until it took effect. */
  async establish(...actions: Action[]): Promise<StepOutcome> {
    if (await this.beyondObservation()) return 'skipped';
    for (const action of actions) {
      const outcome = await this.perform(action, 'setup');
      if (outcome === 'skipped') return outcome;
    }
    await this.settleAndConsume();
    return undefined;
  }

  /** The scenario's one stimulus. Its ReferenceID is bound to `$request`. */
  async stimulate(action: Action): Promise<StepOutcome> {
    if (await this.beyondObservation()) return 'skipped';
    await this.open();
    await this.settleAndConsume();
    this.stimulusSent = true;
    return this.perform(action, 'stimulus');
  }

  private async perform(action: Action, role: 'setup' | 'stimulus'): Promise<StepOutcome> {
    const session = await this.open();
    if (session.canReplay && !session.canSend) {
      const why = await this.replaySteps.perform(this.replayHost(), action, role);
      return why === undefined ? undefined : this.skip(`not exercised: ${why}`);
    }
    this.applyEvents();
    const since = session.events.length;
    const request: TRequest = action.build({ parties: this.parties, calls: this.calls, since: [] });
    let referenceId: number | undefined;
    try {
      referenceId = await this.sendSupported(session, request);
    } catch (e) {
      // The adapter's API cannot say this form of the request (support/adapter/contract.ts).
      const cause = (e as Error).cause;
      if (cause instanceof RequestNotExpressible) return this.skip(`the adapter "${session.adapter.name}" cannot send this ${request.name}: ${cause.message}`);
      throw e;
    }
    if (referenceId === undefined) return this.skip(this.unsupported(session, request.name) ?? 'unsupported');
    this.requests.push({ name: request.name, attributes: request.attributes, role, after: since, step: role === 'stimulus' && this.step ? this.step.text : action.text });
    if (role === 'stimulus') {
      this.bindings.set('$request', referenceId);
      return undefined;
    }
    const result = await session.waitFor(() => {
      this.applyEvents();
      const fresh = session.events.slice(since);
      const error = fresh.find((e) => e.name === 'EventError');
      if (error) return { error };
      return action.done({ parties: this.parties, calls: this.calls, since: fresh }) ? { error: undefined } : undefined;
    });
    if (result.kind !== 'done') {
      // A system that answered with events GenEM forbids fails on them first (event-level rules).
      await this.judgeEventRules();
      return this.notReached(result.kind, action, request, session.events.slice(since));
    }
    if (result.value.error) {
      throw new TestCompromisedError(`could not reach the precondition: "${action.text}" was refused: ${formatEvent(result.value.error, ['ErrorCode', 'ErrorMessage', 'ThisDN'])}`);
    }
    return undefined;
  }

  /** A precondition that did not take effect: skipped, not conformant, or broken (the environment's fault). */
  private notReached(kind: 'timeout' | 'settled', action: Action, request: TRequest, since: readonly ObservedEvent[]): 'skipped' {
    // The adapter said every event of the request was delivered: the system answered, and not as the model requires —
    // unless the adapter sees less than T-Library, where the confirming event may be one its level does not show.
    if (kind === 'settled') {
      const observation = this.session?.adapter.capabilities.observation;
      if (observation) return this.skip(`the precondition "${action.text}" cannot be confirmed at the ${observation.tier}: after ${request.name} the system settled without an event this level shows that confirms it`);
      throw new ConformanceAssertionError(preconditionNotReached(action.text, request.name, since));
    }
    throw new TestCompromisedError(`could not reach the precondition: "${action.text}" had no effect within ${this.timeoutMs} ms`);
  }

  // ----- Replay of a recording (support/world/replay.ts) -----

  private replayHost(): ReplayHost {
    return {
      parties: this.parties, calls: this.calls, bindings: this.bindings,
      session: () => this.open(),
      applyEvents: () => this.applyEvents(),
      beforeStimulus: async () => {
        await this.settleAndConsume();
        this.stimulusSent = true;
      },
      restart: async () => {
        const session = this.session;
        if (!session) return;
        await session.close();
        this.session = new AdapterSession(session.adapter, this.sessionOptions());
        this.calls.clear();
        this.bindings.clear();
        this.consumed.clear();
        this.baseline = 0;
        this.applied = 0;
        this.stimulusSent = false;
      },
    };
  }

  // ----- end of replay -----

  /** Send the request when the adapter supports it; undefined otherwise (the caller skips). */
  private async sendSupported(session: AdapterSession, request: TRequest): Promise<number | undefined> {
    return this.unsupported(session, request.name) ? undefined : session.send(request);
  }

  private unsupported(session: AdapterSession, requestName: string): string | undefined {
    if (!session.canSend) return `the adapter "${session.adapter.name}" is observe-only; this scenario needs a stimulus`;
    const need = capabilityFor(requestName);
    const caps = session.adapter.capabilities;
    if (need.kind === 'feature' ? !caps.features.includes(need.name) : !supportsRequest(caps, need.name)) {
      return need.kind === 'feature' ? lacksCapability(session.adapter.name, need.name) : lacksWording(session.adapter.name, `the request ${need.name}`);
    }
    return undefined;
  }

  /**
   * Skip (with the reason) a scenario whose tables expect what the adapter's observation level
   * cannot show (support/adapter/observation.ts); checked once the parties are declared.
   */
  private async beyondObservation(): Promise<boolean> {
    if (this.session?.isOpen) return false;
    const session = await this.newSession();
    const observation = session.adapter.capabilities.observation;
    if (!observation) return false;
    const gap = observationGap(this.expectationTables, observation, this.partyConfig);
    if (gap) this.skip(gap);
    return gap !== undefined;
  }

  /** A party of the scenario by name or DN, as the observation checks read it. */
  private readonly partyConfig = (p: string): PartyConfig | undefined => this.parties.topology().parties.find((c) => c.name === p || c.dn === p);

  skip(reason: string): 'skipped' {
    this.skipReason = reason;
    this.log(`Skipped: ${reason}`);
    return 'skipped';
  }

  private applyEvents(): void {
    const events = this.observed;
    for (; this.applied < events.length; this.applied += 1) {
      const e = events[this.applied];
      if (e) this.calls.apply(e);
    }
  }

  private async settleAndConsume(): Promise<void> {
    const session = await this.open();
    await session.settle();
    this.applyEvents();
    for (const e of session.events) this.consumed.add(e.seq);
    this.baseline = session.events.length;
  }

  /** The table's rows without the cells the adapter's observation level does not carry (logged). */
  private checkableRows(session: AdapterSession, parsed: ExpectedRow[]): ExpectedRow[] {
    const observation = session.adapter.capabilities.observation;
    if (!observation) return parsed;
    const { rows, unchecked } = withoutUnchecked(parsed, observation);
    if (unchecked.length) this.log(`Not checked at the ${observation.tier}: ${unchecked.join(', ')} (the level does not carry them)`);
    return rows;
  }

  /**
   * Match an expectation table against the events since the stimulus, waiting up to the timeout.
   * `dn` is set when the step names the DN ("Then Bob receives, in order:"). An `optional` table
   * ("Sales may also receive, in order:") is judged once the system has settled: none of its events
   * holds, those that came must match (support/matching/optional.ts).
   */
  async expectEvents(rows: readonly (readonly string[])[], mode: OrderMode, dn?: string, optional?: boolean): Promise<StepOutcome> {
    const session = await this.open();
    if (optional && !(await this.optionalJudged(session, rows))) return undefined;
    const expected = this.checkableRows(session, this.parseTable(rows, dn));
    const calls = referencedOrdinals(expected);
    if (this.requestNotExercised(session, expected)) {
      if (!optional) return this.skip(`not exercised: ${REQUEST_NOT_EXERCISED}`);
      this.log(`Not judged (events the model leaves optional): ${REQUEST_NOT_EXERCISED}`);
      return undefined;
    }
    const unjudged = extrasAllowedDns(this.extras, this.parties.resolveDn);
    const input = (): SequenceInput => withoutAllowedExtras({
      rows: expected,
      observed: session.events.filter((e) => !this.consumed.has(e.seq)),
      mode,
      bindings: ordinalBindings(this.observed, calls, this.bindings),
      resolveDn: this.parties.resolveDn,
      ...(dn ? { defaultDn: dn } : {}),
    }, unjudged, (e) => this.parties.outsideModel(e, this.reportsHandset()));
    const result = await session.waitFor(() => {
      if (!ordinalsExist(this.observed, calls)) return undefined;
      const outcome = matchExpectation(input(), optional);
      return outcome.kind === 'incomplete' ? undefined : outcome;
    });
    this.applyEvents();
    if (result.kind === 'done' && result.value.kind === 'matched') {
      if (optional && receivedNone(result.value)) this.log(`${this.parties.dnLabel(dn ?? '')} received none of ${[...new Set(expected.map((r) => r.event))].join(', ')}, which the model leaves optional`);
      for (const e of result.value.assignment.values()) this.consumed.add(e.seq);
      for (const [k, v] of result.value.bindings) this.bindings.set(k, v);
      return undefined;
    }
    const sinceStimulus = session.events.length - this.baseline;
    if (result.kind === 'timeout' && sinceStimulus === 0) {
      throw new TestCompromisedError(`no event at all arrived within ${this.timeoutMs} ms after the stimulus: the adapter or the system did not answer`);
    }
    return this.notConformant(diagnosable(input(), optional));
  }

  /**
   * A table of alternatives ("at least one of these is reported:", support/matching/anyOf.ts): one
   * of its rows matched by an event since the stimulus (whichever table took it), within the step
   * timeout, holds; it takes nothing. One is required, so where it cannot be judged the scenario is
   * not exercised, as for a table: a coarser observation level skips the scenario before it runs
   * (observation.ts observationGap).
   */
  async expectAnyOf(rows: readonly (readonly string[])[]): Promise<StepOutcome> {
    const session = await this.open();
    const expected = this.parseTable(rows, undefined);
    if (this.requestNotExercised(session, expected)) return this.skip(`not exercised: ${REQUEST_NOT_EXERCISED}`);
    const calls = referencedOrdinals(expected);
    const input = (): SequenceInput => ({ rows: expected, observed: session.events.filter((e) => e.seq > this.baseline), mode: 'any', bindings: ordinalBindings(this.observed, calls, this.bindings), resolveDn: this.parties.resolveDn });
    // One alternative is required: it may come as late as a table's event may (the step timeout).
    const held = await session.waitFor(() => (ordinalsExist(this.observed, calls) && matchAnyOf(input()).kind === 'matched' ? true : undefined));
    this.applyEvents();
    if (held.kind === 'done') return undefined;
    const text = renderAnyOfMiss(input(), this.location() ?? '', this.parties.dnLabel);
    this.attach(text, { mediaType: 'text/plain', fileName: 'diff.txt' });
    // Each alternative is a missing event (a known issue covers the miss when it covers them all).
    if (this.acceptKnown(expected.map((r) => ({ dn: this.parties.resolveDn(r.dn ?? ''), event: r.event })))) return 'skipped';
    throw new ConformanceAssertionError(text, text);
  }

  /** A party action on the phone has no request: a table that checks the request's ReferenceID is not exercised by it. */
  private requestNotExercised(session: AdapterSession, expected: readonly ExpectedRow[]): boolean {
    return session.canReplay && !session.canSend && !this.bindings.has('$request') && usesVariable(expected, '$request');
  }

  /**
   * Whether an optional table is judged: not at an observation level that cannot show it (the rest
   * of the scenario is judged); when it is, once the system has settled.
   */
  private async optionalJudged(session: AdapterSession, rows: readonly (readonly string[])[]): Promise<boolean> {
    const observation = session.adapter.capabilities.observation;
    const gap = observation && optionalTableGap({ text: this.step?.text ?? '', rows }, observation, this.partyConfig);
    if (gap) {
      this.log(`Not judged at the ${observation.tier}: ${gap} (the model leaves these events optional)`);
      return false;
    }
    await session.settle();
    return true;
  }

  /** A table that did not match: the diff attached, then skipped if known, else not conformant. */
  private notConformant(input: SequenceInput): 'skipped' {
    const diagnosis = diagnose(input);
    const diff = renderDiff(diagnosis, {
      title: 'Not conformant: the observed events differ from the model',
      location: this.location(),
      mode: input.mode,
      partyOf: this.parties.nameOf,
    });
    this.attach(diff, { mediaType: 'text/plain', fileName: 'diff.txt' });
    this.attachBounded(sideBySideHtml(this.scenario?.name ?? 'scenario', diagnosis, this.parties.topology().parties), { mediaType: 'text/html', fileName: 'expected-vs-observed.html' });
    if (this.acceptKnown(deviationsOf(diagnosis))) return 'skipped';
    throw new ConformanceAssertionError(diff, diff);
  }

  /**
   * Deviations that the known-issues manifest lists (every one, unexpired): logged as known, and
   * the scenario stops here (skipped) instead of failing. The conformance CLI reports it as known.
   */
  acceptKnown(deviations: readonly Deviation[]): boolean {
    if (!this.scenario || !this.parameters.knownIssues) return false;
    const hits = covering(loadKnownIssues(this.parameters.knownIssues), this.scenario, deviations, this.parties.resolveDn, new Date());
    if (!hits) return false;
    for (const entry of hits) this.log(knownLog(entry));
    return true;
  }

  private parseTable(rows: readonly (readonly string[])[], dn: string | undefined): ReturnType<typeof parseExpectationTable> {
    try {
      return parseExpectationTable(rows, { dnColumn: dn ? 'forbidden' : 'required', lines: this.step?.tableLines ?? [] });
    } catch (e) {
      if (e instanceof TableError) {
        const line = this.step?.tableLines[e.row] ?? this.step?.line;
        throw new TestCompromisedError(`${this.step?.uri ?? 'feature'}:${line ?? '?'}: ${e.message}`);
      }
      throw e;
    }
  }

  /** Events after the stimulus that no expectation accounted for (the After hook fails on them). */
  async unexpectedEvents(): Promise<ObservedEvent[]> {
    if (!this.session?.isOpen || !this.stimulusSent) return [];
    await this.session.settle();
    // A recording goes on past the scenario: as in a live run, what arrives up to settleMs after the
    // last expected event can be unexpected, and nothing later (support/world/replay.ts).
    const replaying = this.session.canReplay && !this.session.canSend;
    const judged = replaying ? replayHorizon(this.session.events, this.baseline, this.consumed, this.parameters.settleMs ?? 300) : () => true;
    return this.session.events.filter((e) => e.seq > this.baseline && !this.consumed.has(e.seq) && judged(e));
  }

  /**
   * GenEM's event-level rules (support/model/eventRules.ts) on every event the scenario observed,
   * whatever the tables assert: a violation is not conformant. `known` when the known-issues
   * manifest covers every violation.
   */
  async judgeEventRules(): Promise<'known' | undefined> {
    if (!this.session?.isOpen) return undefined;
    await this.session.settle();
    const replaying = this.session.canReplay && !this.session.canSend;
    const horizon = replaying ? Math.max(this.baseline, ...this.consumed) : Infinity;
    const all = checkEventRules(this.session.events.filter((e) => e.seq <= horizon));
    // At a coarser observation level, only what the level carries can be judged (support/adapter/observation.ts).
    const observation = this.session.adapter.capabilities.observation;
    const carried = observation ? new Set(observation.attributes) : undefined;
    const violations = carried ? all.filter((v) => judgeableAt(v, carried)) : all;
    if (all.length > violations.length && observation) {
      this.log(`Event-level rules not judged at the ${observation.tier}: ${[...new Set(all.filter((v) => !violations.includes(v)).map((v) => v.rule.id))].join(', ')} (they read attributes the level does not carry)`);
    }
    if (violations.length === 0) return undefined;
    const text = renderRuleViolations(violations, this.parties.dnLabel);
    this.attach(text, { mediaType: 'text/plain', fileName: 'event-rules.txt' });
    if (this.acceptKnown(violations.map((v) => ({ dn: v.event.dn ?? '', event: v.event.name, attribute: v.attribute })))) return 'known';
    throw new ConformanceAssertionError(text);
  }

  /** Normalisation problems of observed events (unknown enum values...), never silently dropped. */
  get inputProblems(): readonly string[] {
    return this.session?.problems ?? [];
  }

  location(): string | undefined {
    return this.step ? `${this.step.uri}:${this.step.line} (${this.step.text})` : undefined;
  }

  /**
   * Lab profile clean-up (support/world/cleanup.ts): return the scenario's DNs to idle; the lines
   * say what had to be cleaned (leaks). Nothing without a profile (a simulator is fresh per scenario).
   */
  async returnToIdle(): Promise<string[]> {
    const session = this.session;
    if (!this.parameters.profile || !session?.isOpen || !session.canSend) return [];
    const plan = loadProfile(this.parameters.profile).cleanup;
    return returnToIdle({ session, calls: this.calls, parties: this.parties, refresh: () => this.applyEvents(), timeoutMs: this.timeoutMs }, plan);
  }

  async close(): Promise<void> {
    await this.session?.close();
  }
}

/** The failure when the system settled after a precondition's request without taking the step the model requires. */
function preconditionNotReached(text: string, requestName: string, events: readonly ObservedEvent[]): string {
  const seen = events.slice(0, 10).map((e) => `  DN ${e.dn}: ${formatEvent(e)}`);
  return [`Not conformant: the precondition "${text}" was not reached: the system answered ${requestName} and settled without the events that make it take effect`,
    ...(seen.length ? ['It reported:', ...seen, ...(events.length > 10 ? [`  … and ${String(events.length - 10)} more`] : [])] : ['It reported no event at all.'])].join('\n');
}

/** Whether a table binds or checks `$variable`. */
function usesVariable(rows: readonly ExpectedRow[], variable: string): boolean {
  const uses = (m: CellMatcher): boolean => (m.kind === 'bind' && m.variable === variable) || (m.kind === 'oneOf' && m.options.some(uses)) || (m.kind === 'orAbsent' && uses(m.inner));
  return rows.some((row) => row.cells.some((cell) => uses(cell.matcher)));
}

setWorldConstructor(ConformanceWorld);

// A replay binds the parties the scenario names (support/world/named.ts); the Background's cast alone is not required.
Before(function (this: ConformanceWorld, { pickle, gherkinDocument }) {
  this.named = namedInScenario(pickle, gherkinDocument);
});

