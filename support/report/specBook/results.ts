/**
 * The last run's results for the book, when `reports/` holds them: each scenario's outcome
 * (from `cucumber-messages.ndjson`, classified like the conformance summary; or, without messages,
 * from `summary.json`) and its attachments (observed trace, unexpected events, diff/diagram
 * attachments), copied next to the book so the links work from the file system.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AttachmentContentEncoding, type Envelope, type Pickle } from '@cucumber/messages';
import { OutcomeCollector, type Outcome, type ScenarioOutcome } from '../outcomes';
import type { RunSummary } from '../summary';

export interface BookAttachment {
  readonly name: string;
  readonly mediaType: string;
  /** Path relative to the book's root. */
  readonly href: string;
}

export interface ScenarioResult {
  readonly outcome: Outcome;
  readonly reason?: string;
  readonly attachments: readonly BookAttachment[];
  /** The feature file changed since the run (its text differs from the run's source). */
  readonly stale: boolean;
}

export interface RunResults {
  readonly from: 'messages' | 'summary';
  readonly adapter?: string;
  readonly date?: string;
  /**
   * Key: `<feature uri>:<line>` ({@link resultKey}), the scenario's line or, for an outline, its
   * Examples row's (ScenarioOutcome.line and BookScenario.line both are): two scenarios of one name
   * keep their own outcomes.
   */
  readonly byScenario: ReadonlyMap<string, readonly ScenarioResult[]>;
}

export const resultKey = (uri: string, line: number): string => `${uri}:${String(line)}`;

export interface ResultOptions {
  readonly reportsDir: string;
  /** The book's output directory; attachments are written to `<outDir>/attachments/`. */
  readonly outDir: string;
  /** Current feature texts by uri, to tell whether a result is stale. */
  readonly currentSources: ReadonlyMap<string, string>;
}

/** Read the last run's results; undefined when `reports/` holds none. */
export function readResults(options: ResultOptions): RunResults | undefined {
  const summary = readSummary(join(options.reportsDir, 'summary.json'));
  const messages = join(options.reportsDir, 'cucumber-messages.ndjson');
  if (existsSync(messages)) return fromMessages(readFileSync(messages, 'utf8'), summary, options);
  if (summary) return fromSummary(summary);
  return undefined;
}

function readSummary(file: string): RunSummary | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as RunSummary;
  } catch {
    return undefined;
  }
}

function fromSummary(summary: RunSummary): RunResults {
  const byScenario = new Map<string, ScenarioResult[]>();
  for (const o of summary.scenarios) add(byScenario, o, [], false);
  return { from: 'summary', adapter: summary.adapter, date: summary.date, byScenario };
}

function add(map: Map<string, ScenarioResult[]>, o: ScenarioOutcome, attachments: readonly BookAttachment[], stale: boolean): void {
  const key = resultKey(o.uri, o.line);
  map.set(key, [...(map.get(key) ?? []), { outcome: o.outcome, attachments, stale, ...(o.reason ? { reason: o.reason } : {}) }]);
}

interface Started { readonly pickle: Pickle; readonly attachments: BookAttachment[] }

/** Attachments a person reads (not cucumber logs, not Allure's runtime messages). */
function isEvidence(mediaType: string): boolean {
  return !mediaType.startsWith('text/x.cucumber.log') && !mediaType.startsWith('application/vnd.allure');
}

/** Replays the message stream through the summary's classifier and keeps the attachments per test case. */
class MessageReader {
  readonly collector = new OutcomeCollector();
  readonly runSources = new Map<string, string>();
  /** Test cases in the order they finished (the order of the collector's outcomes). */
  readonly finished: Started[] = [];
  private readonly pickles = new Map<string, Pickle>();
  private readonly testCases = new Map<string, string>();
  private readonly started = new Map<string, Started>();
  private written = 0;

  constructor(private readonly outDir: string) {}

  read(envelope: Envelope): void {
    this.collector.onMessage(envelope);
    if (envelope.source) this.runSources.set(envelope.source.uri, envelope.source.data);
    if (envelope.pickle) this.pickles.set(envelope.pickle.id, envelope.pickle);
    if (envelope.testCase) this.testCases.set(envelope.testCase.id, envelope.testCase.pickleId);
    if (envelope.testCaseStarted) {
      const pickle = this.pickles.get(this.testCases.get(envelope.testCaseStarted.testCaseId) ?? '');
      if (pickle) this.started.set(envelope.testCaseStarted.id, { pickle, attachments: [] });
    }
    if (envelope.attachment) this.attach(envelope.attachment);
    if (envelope.testCaseFinished && !envelope.testCaseFinished.willBeRetried) {
      const run = this.started.get(envelope.testCaseFinished.testCaseStartedId);
      if (run) this.finished.push(run);
    }
  }

  private attach(a: NonNullable<Envelope['attachment']>): void {
    const run = a.testCaseStartedId ? this.started.get(a.testCaseStartedId) : undefined;
    if (!run || !isEvidence(a.mediaType)) return;
    this.written += 1;
    run.attachments.push(writeAttachment(this.outDir, this.written, a));
  }
}

function fromMessages(ndjson: string, summary: RunSummary | undefined, options: ResultOptions): RunResults {
  const reader = new MessageReader(options.outDir);
  for (const line of ndjson.split('\n')) if (line.trim()) reader.read(JSON.parse(line) as Envelope);
  const byScenario = new Map<string, ScenarioResult[]>();
  reader.collector.outcomes().forEach((o, i) => {
    const run = reader.finished[i];
    const attachments = run && run.pickle.uri === o.uri && run.pickle.name === o.name ? run.attachments : [];
    const current = options.currentSources.get(o.uri);
    const ran = reader.runSources.get(o.uri);
    add(byScenario, o, attachments, current !== undefined && ran !== undefined && ran !== current);
  });
  return { from: 'messages', byScenario, ...(summary ? { adapter: summary.adapter, date: summary.date } : {}) };
}

const EXTENSIONS: Readonly<Record<string, string>> = {
  'text/plain': 'txt', 'application/json': 'json', 'application/x-ndjson': 'ndjson', 'image/svg+xml': 'svg',
  'text/html': 'html', 'image/png': 'png',
};

function writeAttachment(outDir: string, n: number, a: NonNullable<Envelope['attachment']>): BookAttachment {
  const base = (a.fileName ?? `attachment.${EXTENSIONS[a.mediaType] ?? 'bin'}`).replace(/[^A-Za-z0-9._-]/g, '_');
  const href = `attachments/${String(n).padStart(4, '0')}-${base}`;
  mkdirSync(join(outDir, 'attachments'), { recursive: true });
  const body = a.contentEncoding === AttachmentContentEncoding.BASE64 ? Buffer.from(a.body, 'base64') : a.body;
  writeFileSync(join(outDir, href), body);
  return { name: a.fileName ?? a.mediaType, mediaType: a.mediaType, href };
}
