/**
 * The log replay adapter (observe-only: it has no `send`). It reads a recorded trace (a Genesys log
 * or NDJSON) and plays it back in the feature's terms, judging only what the log soundly exercises
 * (replayMatch.ts): a step is the log's next stimulus of the scenario's parties — a client request,
 * or a party action recognised from the events (stimuli.ts: dialling, answering, hanging up,
 * holding from the phone; an outside caller calling in) — parties bind to DNs of the right kind,
 * and anything else is "not exercised", with the reason.
 *
 * - **Stimulus as expectation.** {@link ReplayAdapter.recorded} answers a step with the recorded
 *   ReferenceID and delivers the recorded events it observes, the DNs translated back to the
 *   feature's; or says why the log does not exercise the scenario. The World then opens the adapter
 *   again: the next attempt takes the log's next candidate for the first step (the next call that
 *   starts like the scenario), until one fits or none is left.
 * - **Finite.** Everything a recording holds is delivered at once: `settled` resolves at once, so a
 *   precondition the log never reaches ends the scenario at once, not after the step timeout.
 * - **Input problems are not verdicts.** A trace that cannot be judged soundly (a truncated or
 *   damaged record, no T-Library message, an empty file) makes the scenario broken (could not test)
 *   with one message naming the file and line; `npm run conformance -- --replay` refuses it before
 *   running (support/trace/input.ts).
 *
 * The log is read once per run and shared by its scenarios' adapters ({@link ReplayLogs}, owned by
 * the run; nothing is kept at module scope). A harness recording (`--record`) marks where each scenario starts: only that
 * scenario's part is replayed, its DNs are the features' own, and only its logged requests are
 * stimuli. The adapter declares the capabilities the recording names (see {@link createReplayAdapter}).
 */
import { SCENARIO_MARKER } from './RecordingAdapter';
import type { Capabilities, EventSink, EventSourceAdapter, Observation, ReplayAnswer, Topology } from '../adapter/contract';
import type { TRequest } from '../model/event';
import { TestCompromisedError, UsageError } from '../errors';
import { readTrace } from '../accel';
import { unreadableInput } from './input';
import { LogIndex } from './logIndex';
import { logOpenedAt } from './opened';
import { CONSOLE_OBSERVATION } from './consoleLog';
import { ScenarioMatch } from './replayMatch';
import { msOf, type TraceRecord } from './record';

/** Replay holds the trace in memory; a larger trace must be cut first, or judged by `npm run recognize`, which streams. */
export const MAX_REPLAY_RECORDS = 200_000;
/** Candidates for a scenario's first step tried at most (each attempt replays the steps so far). */
export const MAX_ATTEMPTS = 1000;

/** A trace loaded for replay: its records, whether the harness recorded it, and the capabilities it names. */
export class ReplayLog {
  private readonly indexes = new Map<string, LogIndex>();
  private named: readonly string[] | undefined;

  /** `openedMs`: when the log's file was opened (support/trace/opened.ts), when its banner or name says. */
  private constructor(readonly file: string, readonly records: readonly TraceRecord[], readonly marked: boolean, private readonly openedMs?: number) {}

  /** Reads `file`; an input problem is a TestCompromisedError (could not test) with one message. */
  static async load(file: string): Promise<ReplayLog> {
    const records: TraceRecord[] = [];
    let tooMany = false;
    let diagnostics;
    try {
      diagnostics = await readTrace(file, (r) => {
        if (records.length < MAX_REPLAY_RECORDS) records.push(r);
        else tooMany = true;
      }, { label: file });
    } catch (e) {
      throw new TestCompromisedError(`replay: ${(e as Error).message}`, { cause: e });
    }
    const problem = unreadableInput(file, diagnostics, { needRecords: true });
    if (problem) throw new TestCompromisedError(`replay: ${problem}`);
    if (tooMany) throw new TestCompromisedError(`replay: ${file} has more than ${MAX_REPLAY_RECORDS} records; cut it to the calls of interest first, or judge it with npm run recognize`);
    const marked = records.some((r) => r.name === SCENARIO_MARKER);
    // A file a rotation opened mid-traffic: its first calls may have begun in the file before.
    const opened = marked ? undefined : msOf(await logOpenedAt(file));
    return new ReplayLog(file, records, marked, opened);
  }

  /** The features the recording's scenario markers name (what the recorded system declared): found once, every scenario's adapter asks. */
  namedFeatures(): readonly string[] {
    if (this.named) return this.named;
    const features = new Set<string>();
    for (const r of this.records) {
      const named = r.name === SCENARIO_MARKER ? r.attributes.features : undefined;
      if (typeof named === 'string') for (const f of named.split(' ')) if (f) features.add(f);
    }
    this.named = [...features];
    return this.named;
  }

  /**
   * The level the recorded system was observed at, when a scenario marker says it was coarser than
   * T-Library (a run through the Workspace API): the replay judges at that level, as the run did. A
   * recording appended to at several levels is judged at the first coarse one its markers name.
   */
  observation(): Observation | undefined {
    for (const r of this.records) {
      const level = markerObservation(r, 'replay: ');
      if (level) return level;
    }
    // A desktop's console log shows its agents' DNs at call-state level.
    return this.records[0]?.format === 'console' ? CONSOLE_OBSERVATION : undefined;
  }

  /** The index of the part a scenario replays: its own part of a harness recording, else the whole log. */
  indexFor(scenario: string | undefined): LogIndex {
    const key = this.marked ? scenario ?? '' : '';
    let index = this.indexes.get(key);
    if (!index) {
      index = new LogIndex(this.marked ? sliceForScenario(this.records, scenario) : this.records, !this.marked, undefined, this.openedMs);
      this.indexes.set(key, index);
    }
    return index;
  }
}

/**
 * The logs one run replays, each read once (a run's scenarios each create an adapter: reading the
 * log per scenario read a 14,000-record log 406 times, most of a 50-second run). A log and its
 * indexes are not changed once built, so the scenarios share them. A log that cannot be read fails
 * each scenario with the same error. Lives as long as the run's adapters (support/adapter/select.ts
 * AdapterRun); keyed by the path as given (the run's working directory does not change).
 */
export class ReplayLogs {
  private readonly loaded = new Map<string, Promise<ReplayLog>>();

  load(file: string): Promise<ReplayLog> {
    let log = this.loaded.get(file);
    if (!log) {
      log = ReplayLog.load(file);
      this.loaded.set(file, log);
    }
    return log;
  }
}

export class ReplayAdapter implements EventSourceAdapter {
  readonly name: string;
  readonly capabilities: Capabilities;
  private sink: EventSink | undefined;
  private match: ScenarioMatch | undefined;
  private index: LogIndex | undefined;
  /** The requests of the steps so far (the latest attempt's), for the next attempt's dry run. */
  private readonly known: (TRequest | undefined)[] = [];
  private step = 0;
  /** Where the next attempt's first step starts looking (after the candidate the last one took). */
  private nextFirst = 0;
  private attempts = 0;

  /** `features`: what the recorded system could do (`@requires:` names), so those scenarios are replayed, not skipped. */
  constructor(private readonly log: ReplayLog, private readonly dnMap: Readonly<Record<string, string>> = {}, features: readonly string[] = [], observation?: Observation) {
    this.name = `replay of ${log.file}`;
    this.capabilities = { requests: [], features: [...features], ...(observation ? { observation } : {}) };
  }

  open(topology: Topology, sink: EventSink): Promise<void> {
    this.index = this.log.indexFor(topology.scenario);
    this.sink = sink;
    this.step = 0;
    this.attempts += 1;
    const parties = topology.parties;
    const handset = this.log.marked || this.capabilities.features.includes('off-hook:reported');
    this.match = new ScenarioMatch(this.index, { parties, named: topology.named ?? [], dnMap: this.dnMap, identity: this.log.marked, handset }, this.nextFirst, this.known);
    return Promise.resolve();
  }

  /** The recorded counterpart of `request` (feature DNs), or why there is none; delivers the events it observes. */
  recorded(request: TRequest, role: 'setup' | 'stimulus'): ReplayAnswer {
    const match = this.match;
    if (!match) throw new Error('the replay adapter is not open');
    const k = this.step++;
    this.known[k] = request;
    this.known.length = Math.max(this.known.length, k + 1);
    const result = match.step(request, role, (r, afterNextAct) => this.emit(match, r, afterNextAct));
    if (k === 0 && match.firstAt !== undefined) this.nextFirst = match.firstAt + 1;
    if (result.ok) return { referenceId: result.referenceId || undefined };
    const final = result.final || this.attempts >= MAX_ATTEMPTS;
    return { notExercised: this.attempts >= MAX_ATTEMPTS && !result.final ? `${result.reason} (and ${MAX_ATTEMPTS} candidates tried)` : result.reason, final };
  }

  settled(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.sink = undefined;
    return Promise.resolve();
  }

  private emit(match: ScenarioMatch, r: TraceRecord, afterNextAct: boolean): void {
    const event = match.inFeatureTerms(r);
    if (!event) return;
    const at = msOf(r.time);
    this.sink?.event({ name: r.name, ...r.envelope, ...event, ...(at !== undefined ? { recordedAt: at } : {}), ...(afterNextAct ? { afterNextAct } : {}) });
  }
}

/**
 * A recording made with `--record` marks where each scenario starts; replay the marked part only,
 * so one scenario cannot match another scenario's requests. Traces without markers (real logs) are
 * replayed whole.
 */
function sliceForScenario(records: readonly TraceRecord[], scenario: string | undefined): readonly TraceRecord[] {
  const isMarker = (r: TraceRecord): boolean => r.name === SCENARIO_MARKER;
  if (!scenario) return records;
  const start = records.findIndex((r) => isMarker(r) && r.attributes.scenario === scenario);
  if (start < 0) return [];
  const end = records.findIndex((r, i) => i > start && isMarker(r));
  return records.slice(start + 1, end < 0 ? undefined : end);
}

/**
 * The replay's declared features: those the recording's scenario markers name (what the recorded
 * system declared when `--record` wrote it), those given in the options (for a log written by a
 * real system, where nothing says what it could do), `external-parties` when the log shows an
 * outside party (an inbound call's act, or an outbound call), and whether the switch reports
 * reaching the network when the log has outbound calls (EventNetworkReached in it or not), unless
 * the options say.
 */
export async function createReplayAdapter(options: Readonly<Record<string, unknown>>, logs: ReplayLogs = new ReplayLogs()): Promise<ReplayAdapter> {
  const file = options.file;
  if (typeof file !== 'string' || !file) throw new UsageError('replay: "file" (the trace to replay) is required');
  const dnMap = options.dnMap;
  if (dnMap !== undefined && (typeof dnMap !== 'object' || dnMap === null || Object.values(dnMap).some((v) => typeof v !== 'string'))) {
    throw new UsageError('replay: "dnMap" must map feature DNs to trace DNs, e.g. { "7001": "2001" }');
  }
  const given = options.features;
  if (given !== undefined && (!Array.isArray(given) || given.some((f) => typeof f !== 'string'))) {
    throw new UsageError('replay: "features" must be a list of capability names, e.g. ["external-parties"]');
  }
  const log = await logs.load(file);
  const features = new Set<string>([...(given as string[] | undefined ?? []), ...log.namedFeatures()]);
  if (!log.marked) shownByLog(log.indexFor(undefined), features);
  return new ReplayAdapter(log, (dnMap ?? {}) as Record<string, string>, [...features], log.observation());
}

/**
 * The capabilities a real system's log shows it has: calls with outside parties, whether its outbound
 * calls report reaching the network, and whether its routing points report a routed call diverted
 * (each variant unless the options said).
 */
function shownByLog(index: LogIndex, features: Set<string>): void {
  if (index.outsideParties) features.add('external-parties');
  if (index.networkReached && !features.has('network-reached:reported') && !features.has('network-reached:not-reported')) features.add(`network-reached:${index.networkReached}`);
  if (index.routing && !features.has('routing:diverted-after-route-used') && !features.has('routing:route-used-only')) features.add(`routing:${index.routing}`);
}

/**
 * The observation level a scenario marker names (a run through an adapter at a coarser level than
 * T-Library, e.g. the Workspace API), or undefined (another record, or a marker naming none). A
 * level a harness recording does not write is an input problem (could not test), named with the
 * marker's file and line after `prefix`.
 */
export function markerObservation(r: TraceRecord, prefix = ''): Observation | undefined {
  const text = r.name === SCENARIO_MARKER ? r.attributes.observation : undefined;
  if (text === undefined) return undefined;
  const parsed = typeof text === 'string' ? parseObservation(text) : undefined;
  if (!parsed) throw new TestCompromisedError(`${prefix}${r.source}: the scenario marker's observation level is not one a harness recording writes`);
  return parsed;
}

/** An observation level as RecordingAdapter writes it (JSON of {@link Observation}), or undefined when it is not one. */
function parseObservation(text: string): Observation | undefined {
  let o: Partial<Record<keyof Observation, unknown>>;
  try {
    o = JSON.parse(text) as typeof o;
  } catch {
    return undefined;
  }
  const strings = (v: unknown): boolean => Array.isArray(v) && v.every((x) => typeof x === 'string');
  const ok = typeof o === 'object' && o !== null && typeof o.tier === 'string' && strings(o.events) && strings(o.attributes) && strings(o.unchecked) && typeof o.crossDnOrder === 'boolean' && strings(o.partyTypes);
  return ok ? (o as Observation) : undefined;
}
