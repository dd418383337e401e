/**
 * The Allure results writer of the conformance run (cucumber.js: `formatOptions.writer`).
 *
 * allure-js-commons' own FileSystemWriter writes every result and attachment to a temp file,
 * fsyncs it, renames it and deletes the temp name: durable against a power cut, and several
 * system calls per file. Each scenario writes its result plus its attachments (trace, diagrams),
 * and the fsyncs alone were about a third of the whole run's time (bench/RESULTS.md, 2026-11-26).
 * The results are read once, by `allure generate` after the run, so this writer writes each file in
 * place, in the background (a worker thread, see ./backgroundFiles.ts: the other core), while the
 * next scenarios run; the files and their contents are the same. One {@link AllureResults} per run
 * holds what is in flight: `npm run conformance` waits for {@link AllureResults.written} before it
 * generates the report, and a write that fails is printed at once and returned there, so the run
 * reports it (exit 2: the harness could not report) and nothing is lost silently. One
 * difference in content: a scenario whose hook failed is failed (or broken) in its result too, as
 * cucumber counts it (see {@link carryHookFailures}); and a scenario's hook containers are merged
 * into one (see {@link mergeContainers}).
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IRunConfiguration } from '@cucumber/cucumber/api';
import { stringifyEnvInfo, type Writer } from 'allure-js-commons/sdk/reporter';
import { BackgroundFiles } from './backgroundFiles';

type Parameter<M extends keyof Writer, I extends number> = Parameters<Writer[M]>[I];
type JsonObject = IRunConfiguration['formats']['options'];
type TestResult = Parameter<'writeResult', 0>;
type Container = Parameter<'writeGroup', 0>;

/** Worse first; a status not listed (passed, skipped, unknown) never overrides. */
const SEVERITY: Readonly<Record<string, number>> = { failed: 2, broken: 1 };

/**
 * The Allure results of one run: the writer the reporter calls (it is one), and when everything it
 * was given is on disk. Its files, held results and failures live as long as the run.
 */
export class AllureResults implements Writer {
  private readonly failures: string[] = [];
  private readonly files = new BackgroundFiles((reason) => {
    const message = `could not write the Allure results: ${reason}`;
    this.failures.push(message);
    console.error(message);
  });
  /**
   * Results wait for the end of the turn before they are written: allure-cucumberjs writes a
   * scenario's result, then (in the same turn) one container per hook, and a hook's failure is only
   * in its container. Our After hook fails a scenario that received events nobody expected (not
   * conformant), and the scenario's result would say "passed" with a failed tear-down; the
   * containers' failures are carried into the results here, as cucumber itself counts them.
   */
  private readonly held = new Map<string, { readonly result: TestResult; readonly containers: Container[] }>();
  private flushScheduled = false;
  private made = false;

  constructor(readonly resultsDir: string) {
    if (typeof resultsDir !== 'string' || resultsDir === '') throw new Error('allureWriter: resultsDir is required');
  }

  /** `configuration` with its Allure reporter writing here (instead of the writer cucumber.js names). */
  into(configuration: IRunConfiguration): IRunConfiguration {
    const options = { ...configuration.formats.options, writer: this as unknown as JsonObject };
    return { ...configuration, formats: { ...configuration.formats, options } };
  }

  /** Resolves once every result file is on disk; the write failures so far (empty: all written). */
  async written(): Promise<readonly string[]> {
    this.flushHeld();
    await this.files.settled();
    return this.failures.splice(0);
  }

  writeResult(result: TestResult): void {
    this.path('');
    // The results held so far are complete: their containers came in the same turn as they did.
    this.flushHeld();
    this.held.set(result.uuid, { result, containers: [] });
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => { this.flushHeld(); });
    }
  }

  writeGroup(container: Container): void {
    this.carryHookFailures(container);
    // A container of one held scenario is written with that scenario's other containers, merged.
    const [only, ...others] = container.children;
    const entry = only !== undefined && others.length === 0 ? this.held.get(only) : undefined;
    if (entry) entry.containers.push(container);
    else this.json(`${container.uuid}-container.json`, container);
  }

  writeAttachment(distFileName: string, content: Buffer): void {
    this.files.write(this.path(distFileName), content);
  }

  /** At once: the source file is the caller's, and may be gone later. */
  writeAttachmentFromPath(distFileName: string, from: string): void {
    copyFileSync(from, this.path(distFileName));
  }

  writeEnvironmentInfo(info: Parameter<'writeEnvironmentInfo', 0>): void {
    writeFileSync(this.path('environment.properties'), stringifyEnvInfo(info), 'utf8');
  }

  writeCategoriesDefinitions(categories: Parameter<'writeCategoriesDefinitions', 0>): void {
    this.json('categories.json', categories);
  }

  writeGlobals(distFileName: string, info: Parameter<'writeGlobals', 1>): void {
    this.json(distFileName, info);
  }

  private flushHeld(): void {
    this.flushScheduled = false;
    for (const { result, containers } of this.held.values()) {
      this.json(`${result.uuid}-result.json`, result);
      const merged = mergeContainers(containers);
      if (merged) this.json(`${merged.uuid}-container.json`, merged);
    }
    this.held.clear();
  }

  private carryHookFailures(container: Container): void {
    const fixtures = [...container.befores, ...container.afters];
    for (const child of container.children) {
      const entry = this.held.get(child);
      if (!entry) continue;
      for (const fixture of fixtures) {
        const severity = SEVERITY[fixture.status ?? ''] ?? 0;
        if (severity > (SEVERITY[entry.result.status ?? ''] ?? 0)) {
          entry.result.status = fixture.status;
          entry.result.statusDetails = { ...entry.result.statusDetails, ...fixture.statusDetails };
        }
      }
    }
  }

  private json(name: string, data: unknown): void {
    this.files.write(this.path(name), JSON.stringify(data));
  }

  private path(name: string): string {
    if (!this.made) {
      mkdirSync(this.resultsDir, { recursive: true });
      this.made = true;
    }
    return join(this.resultsDir, name);
  }
}

/**
 * One container for a scenario's hooks instead of one per hook (allure-cucumberjs writes a Before
 * and an After container, each with the scenario as its only child): the report shows the same
 * set-up and tear-down, and the run creates a file less per scenario (creating files is most of
 * what the Allure results cost on a busy disk: bench/RESULTS.md).
 */
function mergeContainers(containers: readonly Container[]): Container | undefined {
  const [first, ...rest] = containers;
  if (!first || rest.length === 0) return first;
  return { ...first, befores: containers.flatMap((c) => c.befores), afters: containers.flatMap((c) => c.afters) };
}
