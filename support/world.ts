/**
 * ConformanceWorld: one scenario's state and the domain operations steps delegate to.
 *
 * Lifecycle: parties are declared (Background) → the adapter is opened lazily with that cast →
 * `Given` steps reach preconditions (their events are consumed, EventError makes the scenario
 * broken) → the one `When` sends the stimulus → `Then` tables are matched against the events that
 * followed → the After hook rejects events nobody expected.
 */
import { Before, setDefaultTimeout, setWorldConstructor, World } from '@cucumber/cucumber';
import { capabilityFor, type Action } from './world/actions';
import { CallView } from './world/callView';
import { returnToIdle } from './world/cleanup';
import { namedInScenario } from './world/named';
import { replayHorizon, ReplaySteps, type ReplayHost } from './world/replay';
import { loadProfile } from './cli/profile';
import { Parties } from './world/parties';
import { AdapterSession } from './adapter/session';
import { createAdapter, type AdapterChoice } from './adapter/select';
import { supportsRequest, type PartyConfig } from './adapter/contract';
import { ConformanceAssertionError, TestCompromisedError } from './errors';
import type { AttrValue, ObservedEvent, TRequest } from './model/event';
import { parseExpectationTable, TableError, type ExpectedRow } from './matching/expectation';
import type { CellMatcher } from './matching/cells';
import { matchSequence, type OrderMode, type SequenceInput } from './matching/sequence';
import { diagnose } from './matching/diagnose';
import { formatEvent, renderDiff } from './report/diff';
import { sideBySideHtml } from './report/scenarioDiagrams';
import { covering, knownLog, loadKnownIssues, type Deviation, type ScenarioRef, deviationsOf } from './report/knownIssues';

export interface WorldParameters extends AdapterChoice {
  /** Per-step wait for events, in ms (default 3000). */
  readonly timeoutMs?: number;
  /** Quiet period before judging unexpected events, for adapters without `settled` (default 300). */
  readonly settleMs?: number;
  /** Path of the known-issues manifest (support/report/knownIssues.ts). */
  readonly knownIssues?: string;
  /** What the adapter connects to, as the conformance certificate names it ("SIP Server 8.1 lab"). */
  readonly systemUnderTest?: string;
}

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

export class ConformanceWorld extends World<WorldParameters> {
  readonly parties = new Parties();
  readonly calls = new CallView();
  readonly bindings = new Map<string, AttrValue>();
  step: StepLocation | undefined;
  skipReason: string | undefined;
  /** The running scenario (set by the Before hook), for the known-issues manifest. */
  scenario: ScenarioRef | undefined;
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

  declare(party: PartyConfig): void {
    if (this.session?.isOpen) throw new TestCompromisedError('parties must be declared before the first action');
    this.parties.declare(party);
  }

  /** Create and open the adapter with the declared cast (once per scenario). */
  async open(): Promise<AdapterSession> {
    if (this.session?.isOpen) return this.session;
    this.session ??= new AdapterSession(await createAdapter(this.parameters), {
      timeoutMs: this.timeoutMs,
      settleMs: this.parameters.settleMs ?? 300,
    });
    const scenario = this.scenario ? `${this.scenario.uri}:${this.scenario.line} ${this.scenario.name}` : undefined;
    await this.session.open({ ...this.parties.topology(), ...(scenario ? { scenario } : {}), named: this.named });
    return this.session;
  }

  /** The capabilities of the adapter (opening it if needed), for `@requires:` gates. */
  async missingCapability(feature: string): Promise<boolean> {
    this.session ??= new AdapterSession(await createAdapter(this.parameters), { timeoutMs: this.timeoutMs, settleMs: this.parameters.settleMs ?? 300 });
    return !this.session.adapter.capabilities.features.includes(feature);
  }

  /** Reach a precondition: run the actions one by one, each until it took effect. */
  async establish(...actions: Action[]): Promise<StepOutcome> {
    for (const action of actions) {
      const outcome = await this.perform(action, 'setup');
      if (outcome === 'skipped') return outcome;
    }
    await this.settleAndConsume();
    return undefined;
  }

  /** The scenario's one stimulus. Its ReferenceID is bound to `$request`. */
  async stimulate(action: Action): Promise<StepOutcome> {
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
    const referenceId = await this.sendSupported(session, request);
    if (referenceId === undefined) return this.skip(this.unsupported(session, request.name) ?? 'unsupported');
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
      throw new TestCompromisedError(`could not reach the precondition: "${action.text}" had no effect within ${this.timeoutMs} ms`);
    }
    if (result.value.error) {
      throw new TestCompromisedError(`could not reach the precondition: "${action.text}" was refused: ${formatEvent(result.value.error, ['ErrorCode', 'ErrorMessage', 'ThisDN'])}`);
    }
    return undefined;
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
        this.session = new AdapterSession(session.adapter, { timeoutMs: this.timeoutMs, settleMs: this.parameters.settleMs ?? 300 });
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
      return `the adapter "${session.adapter.name}" does not support ${need.name}`;
    }
    return undefined;
  }

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

  /**
   * Match an expectation table against the events since the stimulus, waiting up to the timeout.
   * `dn` is set when the step names the DN ("Then Bob receives, in order:").
   */
  async expectEvents(rows: readonly (readonly string[])[], mode: OrderMode, dn?: string): Promise<StepOutcome> {
    const session = await this.open();
    const expected = this.parseTable(rows, dn);
    const calls = referencedCalls(expected);
    // A party action on the phone has no request: a table that checks the request's ReferenceID is not exercised by it.
    if (session.canReplay && !session.canSend && !this.bindings.has('$request') && usesVariable(expected, '$request')) {
      return this.skip('not exercised: the model checks the ReferenceID of the stimulus\'s request, and in the recording the stimulus was a party action, not a request');
    }
    const input = (): SequenceInput => ({
      rows: expected,
      observed: session.events.filter((e) => !this.consumed.has(e.seq)),
      mode,
      bindings: this.callBindings(calls),
      resolveDn: this.parties.resolveDn,
      ...(dn ? { defaultDn: dn } : {}),
    });
    const result = await session.waitFor(() => {
      if (!this.callsExist(calls)) return undefined;
      const outcome = matchSequence(input());
      return outcome.kind === 'incomplete' ? undefined : outcome;
    });
    this.applyEvents();
    if (result.kind === 'done' && result.value.kind === 'matched') {
      for (const e of result.value.assignment.values()) this.consumed.add(e.seq);
      for (const [k, v] of result.value.bindings) this.bindings.set(k, v);
      return undefined;
    }
    const sinceStimulus = session.events.length - this.baseline;
    if (result.kind === 'timeout' && sinceStimulus === 0) {
      throw new TestCompromisedError(`no event at all arrived within ${this.timeoutMs} ms after the stimulus: the adapter or the system did not answer`);
    }
    const diagnosis = diagnose(input());
    const diff = renderDiff(diagnosis, {
      title: 'Not conformant: the observed events differ from the model',
      location: this.location(),
      mode,
      partyOf: this.parties.nameOf,
    });
    this.attach(diff, { mediaType: 'text/plain', fileName: 'diff.txt' });
    this.attach(sideBySideHtml(this.scenario?.name ?? 'scenario', diagnosis, this.parties.topology().parties), { mediaType: 'text/html', fileName: 'expected-vs-observed.html' });
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

  /** The scenario's calls (distinct ConnIDs) in order of first appearance, Givens included. */
  private scenarioCalls(): string[] {
    const seen = new Set<string>();
    for (const e of this.observed) if (typeof e.attributes.ConnID === 'string') seen.add(e.attributes.ConnID);
    return [...seen];
  }

  private callsExist(numbers: readonly number[]): boolean {
    const count = this.scenarioCalls().length;
    return numbers.every((n) => n <= count);
  }

  /** The scenario bindings plus `$callN` for each referenced call that exists. */
  private callBindings(numbers: readonly number[]): Map<string, AttrValue> {
    const calls = this.scenarioCalls();
    const bindings = new Map(this.bindings);
    for (const n of numbers) {
      const connId = calls[n - 1];
      if (connId !== undefined) bindings.set(`$call${n}`, connId);
    }
    return bindings;
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

/** Whether a table binds or checks `$variable`. */
function usesVariable(rows: readonly ExpectedRow[], variable: string): boolean {
  const uses = (m: CellMatcher): boolean => (m.kind === 'bind' && m.variable === variable) || (m.kind === 'oneOf' && m.options.some(uses));
  return rows.some((row) => row.cells.some((cell) => uses(cell.matcher)));
}

/** The `$callN` variables a table uses (the N-th call of the scenario, Givens included). */
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

setWorldConstructor(ConformanceWorld);

// A replay binds the parties the scenario names (support/world/named.ts); the Background's cast alone is not required.
Before(function (this: ConformanceWorld, { pickle, gherkinDocument }) {
  this.named = namedInScenario(pickle, gherkinDocument);
});
