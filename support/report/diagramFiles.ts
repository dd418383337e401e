/**
 * Collects the diagrams the hooks attach (observed-sequence.svg for every scenario,
 * expected-vs-observed.html on a mismatch) from cucumber's message stream and writes them to
 * reports/diagrams/ with an index page (./diagramsIndex.ts: every scenario's outcome, grouped by
 * section and model, a filter), so the summary and the certificate can link to them.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Envelope, Pickle } from '@cucumber/messages';
import { lineOfPickle, scenarioLines } from './gherkinLocations';
import { renderDiagramsIndex, type IndexMeta, type IndexScenario } from './diagramsIndex';
import type { ScenarioOutcome } from './outcomes';

const FILES: Readonly<Record<string, string>> = { 'observed-sequence.svg': 'observed.svg', 'expected-vs-observed.html': 'expected-vs-observed.html' };

interface Entry { readonly name: string; readonly uri: string; readonly line: number; readonly files: Map<string, string>; readonly omitted: Set<string> }

/** What attachBounded (support/world.ts) attaches instead of a file when the run's attachment budget is spent. */
const OMITTED_SUFFIX = '.omitted.txt';

export class DiagramFiles {
  private readonly pickles = new Map<string, { name: string; uri: string; line: number }>();
  /** Scenario and example-row ids to their feature-file lines (the line the outcomes name). */
  private readonly lines = new Map<string, number>();
  private readonly testCases = new Map<string, string>();
  private readonly started = new Map<string, Entry>();
  private readonly entries: Entry[] = [];

  readonly onMessage = (envelope: Envelope): void => {
    if (envelope.gherkinDocument) scenarioLines(envelope.gherkinDocument, this.lines);
    if (envelope.pickle) this.addPickle(envelope.pickle);
    if (envelope.testCase) this.testCases.set(envelope.testCase.id, envelope.testCase.pickleId);
    if (envelope.testCaseStarted) {
      const pickle = this.pickles.get(this.testCases.get(envelope.testCaseStarted.testCaseId) ?? '');
      if (pickle) {
        const entry = { ...pickle, files: new Map<string, string>(), omitted: new Set<string>() };
        this.started.set(envelope.testCaseStarted.id, entry);
        this.entries.push(entry);
      }
    }
    if (envelope.attachment) this.attach(envelope.attachment);
  };

  /** A diagram the hooks attached, or the note that the attachment budget left it out. */
  private attach(a: NonNullable<Envelope['attachment']>): void {
    const entry = a.testCaseStartedId ? this.started.get(a.testCaseStartedId) : undefined;
    if (!entry || !a.fileName) return;
    const target = FILES[a.fileName];
    if (target) entry.files.set(target, a.body);
    const left = a.fileName.endsWith(OMITTED_SUFFIX) ? a.fileName.slice(0, -OMITTED_SUFFIX.length) : undefined;
    if (left && FILES[left]) entry.omitted.add(left);
  }

  private addPickle(pickle: Pickle): void {
    this.pickles.set(pickle.id, { name: pickle.name, uri: pickle.uri, line: lineOfPickle(this.lines, pickle) });
  }

  /**
   * Write every diagram and `index.html`; returns the index path (undefined when there is none).
   * `outcomes`: every scenario of the run, listed on the index with its outcome (a scenario with
   * no diagram too, e.g. a skipped one).
   */
  write(dir: string, outcomes: readonly ScenarioOutcome[], meta: IndexMeta = {}): string | undefined {
    const withFiles = this.entries.filter((e) => e.files.size > 0);
    if (!withFiles.length && !outcomes.length) return undefined;
    // A retried scenario keeps its last attempt's account.
    const omitted = new Map(this.entries.map((e) => [`${e.uri}:${String(e.line)}`, [...e.omitted]]));
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const links = new Map<string, { href: string; text: string }[]>();
    withFiles.forEach((e, i) => {
      const base = `${String(i + 1).padStart(3, '0')}-${e.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 60).replace(/-+$/, '')}`;
      const written = [...e.files].map(([suffix, body]) => {
        writeFileSync(join(dir, `${base}.${suffix}`), body);
        return { href: `${base}.${suffix}`, text: suffix.startsWith('expected') ? 'expected vs observed' : 'observed' };
      });
      // A retried scenario keeps its last attempt's diagrams.
      links.set(`${e.uri}:${String(e.line)}`, written);
    });
    const scenarios: IndexScenario[] = outcomes.map((o) => ({
      name: o.name, uri: o.uri, line: o.line, outcome: o.outcome, links: links.get(`${o.uri}:${String(o.line)}`) ?? [], omitted: omitted.get(`${o.uri}:${String(o.line)}`) ?? [],
      ...(o.model ? { model: o.model } : {}), ...(o.reason ? { reason: o.reason } : {}),
    }));
    const index = join(dir, 'index.html');
    writeFileSync(index, renderDiagramsIndex(scenarios, meta));
    return index;
  }
}
