/**
 * Scenario outcomes from cucumber's message stream. "Failed" (not conformant) and "broken" (could
 * not test) are told apart by the error type the harness threw.
 */
import { TestStepResultStatus, type Envelope, type Pickle, type TestStepResult } from '@cucumber/messages';
import { isConformanceFailure } from '../errors';
import { RULE_VIOLATIONS_TITLE } from '../model/eventRules';
import { readTags, type ScenarioEvidence } from '../model/tags';
import { KNOWN_LOG_PREFIX } from './knownIssues';
import { lineOfPickle, scenarioLines } from './gherkinLocations';

/** `known`: every deviation is listed in the known-issues manifest (support/report/knownIssues.ts). */
export type Outcome = 'passed' | 'failed' | 'broken' | 'skipped' | 'usage' | 'known';

export interface ScenarioOutcome {
  readonly name: string;
  readonly uri: string;
  readonly line: number;
  readonly model?: string;
  /** Where the expectations come from: documented (GenEM), qa-model, inferred (a reconstruction). */
  readonly evidence: ScenarioEvidence;
  readonly inferred: boolean;
  readonly outcome: Outcome;
  /** The first line of the error, or the skip reason. */
  readonly reason?: string;
  /** Keys of the known-issue entries that covered the scenario's deviations. */
  readonly known?: readonly string[];
  /** A failed scenario's whole diff (at most {@link DETAIL_CHARS} characters). */
  readonly detail?: string;
  /**
   * A failed scenario broke GenEM's event-level rules (support/model/eventRules.ts): documented
   * facts, so the failure is never advisory, whatever the scenario's evidence.
   */
  readonly ruleBroken?: true;
}

/** The part of a failure's diff kept in the outcome (the whole diff is attached to the scenario). */
export const DETAIL_CHARS = 8_000;

interface Running {
  readonly pickle: Pickle;
  results: TestStepResult[];
  logs: string[];
}

/** Told as scenarios start and finish (the run journal). */
export interface OutcomeListener {
  started?(scenario: { readonly name: string; readonly uri: string; readonly line: number }): void;
  finished?(outcome: ScenarioOutcome): void;
}

/** Collects envelopes as they stream in; `outcomes()` gives one entry per executed scenario. */
export class OutcomeCollector {
  private readonly pickles = new Map<string, Pickle>();
  private readonly testCases = new Map<string, string>();
  private readonly running = new Map<string, Running>();
  private readonly lines = new Map<string, number>();
  private readonly finished: ScenarioOutcome[] = [];

  constructor(private readonly listener: OutcomeListener = {}) {}

  readonly onMessage = (envelope: Envelope): void => {
    if (envelope.gherkinDocument) scenarioLines(envelope.gherkinDocument, this.lines);
    if (envelope.pickle) this.pickles.set(envelope.pickle.id, envelope.pickle);
    if (envelope.testCase) this.testCases.set(envelope.testCase.id, envelope.testCase.pickleId);
    if (envelope.testCaseStarted) this.start(envelope.testCaseStarted.id, envelope.testCaseStarted.testCaseId);
    if (envelope.testStepFinished) this.running.get(envelope.testStepFinished.testCaseStartedId)?.results.push(envelope.testStepFinished.testStepResult);
    if (envelope.attachment?.testCaseStartedId && envelope.attachment.mediaType.startsWith('text/x.cucumber.log')) {
      this.running.get(envelope.attachment.testCaseStartedId)?.logs.push(envelope.attachment.body);
    }
    if (envelope.testCaseFinished && !envelope.testCaseFinished.willBeRetried) this.finish(envelope.testCaseFinished.testCaseStartedId);
  };

  private start(startedId: string, testCaseId: string): void {
    const pickle = this.pickles.get(this.testCases.get(testCaseId) ?? '');
    if (!pickle) return;
    this.running.set(startedId, { pickle, results: [], logs: [] });
    this.listener.started?.({ name: pickle.name, uri: pickle.uri, line: this.lineOf(pickle) });
  }

  private finish(startedId: string): void {
    const run = this.running.get(startedId);
    if (!run) return;
    const outcome = this.classify(run);
    this.finished.push(outcome);
    this.running.delete(startedId);
    this.listener.finished?.(outcome);
  }

  outcomes(): readonly ScenarioOutcome[] {
    return this.finished;
  }

  private lineOf(pickle: Pickle): number {
    return lineOfPickle(this.lines, pickle);
  }

  private classify(run: Running): ScenarioOutcome {
    const tags = readTags(run.pickle.tags.map((t) => t.name));
    const base = {
      name: run.pickle.name,
      uri: run.pickle.uri,
      line: this.lineOf(run.pickle),
      evidence: tags.evidence,
      inferred: tags.inferred,
      ...(tags.model ? { model: tags.model } : {}),
    };
    return { ...base, ...verdict(run) };
  }
}

const { PASSED, SKIPPED, FAILED, UNDEFINED, AMBIGUOUS } = TestStepResultStatus;

/** Deviations all listed in the known-issues manifest (the World logged them and stopped the scenario). */
function knownVerdict(logs: readonly string[]): { outcome: Outcome; reason: string; known: string[] } | undefined {
  const known = logs.filter((l) => l.startsWith(KNOWN_LOG_PREFIX));
  if (!known.length) return undefined;
  return { outcome: 'known', reason: known.join('; '), known: known.map((l) => l.slice(KNOWN_LOG_PREFIX.length).split(' — ')[0] ?? '') };
}

/** No step failed: passed, skipped (with the reason logged), or stopped on a known issue. */
function cleanVerdict(run: Running): { outcome: Outcome; reason?: string; known?: string[] } {
  const known = knownVerdict(run.logs);
  if (known) return known;
  const skipped = run.results.some((r) => r.status === SKIPPED);
  const reason = run.logs.find((l) => l.startsWith('Skipped: '))?.slice('Skipped: '.length);
  return { outcome: skipped ? 'skipped' : 'passed', ...(skipped && reason ? { reason } : {}) };
}

function verdict(run: Running): { outcome: Outcome; reason?: string; known?: string[]; detail?: string; ruleBroken?: true } {
  const bad = run.results.find((r) => r.status !== PASSED && r.status !== SKIPPED);
  if (!bad) return cleanVerdict(run);
  const firstLine = (bad.exception?.message ?? bad.message ?? bad.status).split('\n')[0] ?? '';
  if (bad.status === UNDEFINED) return { outcome: 'usage', reason: 'a step has no definition' };
  if (bad.status === AMBIGUOUS || bad.exception?.type === 'UsageError') return { outcome: 'usage', reason: firstLine };
  const failed = run.results.filter((r) => r.status === FAILED);
  const conformance = failed.length > 0 && failed.every((r) => isConformanceFailure(r.exception?.type));
  if (!conformance) return { outcome: 'broken', reason: firstLine };
  return { outcome: 'failed', reason: firstLine, ...detailOf(bad.exception?.message ?? bad.message), ...ruleBrokenIn(failed) };
}

/** A failure that broke GenEM's event-level rules is never advisory. */
function ruleBrokenIn(failed: readonly TestStepResult[]): { ruleBroken?: true } {
  return failed.some((r) => (r.exception?.message ?? r.message ?? '').startsWith(RULE_VIOLATIONS_TITLE)) ? { ruleBroken: true } : {};
}

/** A failure's diff beyond its first line, bounded. */
function detailOf(message: string | undefined): { detail?: string } {
  if (!message?.includes('\n')) return {};
  return { detail: message.length > DETAIL_CHARS ? `${message.slice(0, DETAIL_CHARS)}\n… (cut; the whole diff is attached to the scenario)` : message };
}
