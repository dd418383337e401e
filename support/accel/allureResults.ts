/**
 * The fast path of the run's Allure results (reference: support/report/allureResults.ts, which
 * writes through allure-js-commons' FileSystemWriter), chosen in ./index.ts.
 *
 * allure-js-commons' own FileSystemWriter writes every result and attachment to a temp file,
 * fsyncs it, renames it and deletes the temp name: durable against a power cut, and several
 * system calls per file. Each scenario writes its result plus its attachments (trace, diagrams),
 * and the fsyncs alone were about a third of the whole run's time (bench/RESULTS.md, 2026-11-26).
 * The results are read once, by `allure generate` after the run, so this writer writes each file in
 * place, in the background (a worker thread, see ./backgroundFiles.ts: the other core), while the
 * next scenarios run; the files and their contents are the same, but for a scenario's hook
 * containers, merged into one (see {@link mergeContainers}). A failed hook is carried into its
 * scenario's result as the reference does ({@link HeldResults}); a write that fails is printed at
 * once and returned by {@link AllureResults.written}, so the run reports it.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IRunConfiguration } from '@cucumber/cucumber/api';
import { stringifyEnvInfo, type Writer } from 'allure-js-commons/sdk/reporter';
import { HeldResults, withWriter, type AllureResultsWriter, type Container, type TestResult } from '../report/allureResults';
import { BackgroundFiles } from './backgroundFiles';

type Parameter<M extends keyof Writer, I extends number> = Parameters<Writer[M]>[I];

/** One run's Allure results: the writer the reporter calls, and when everything it was given is on disk. */
export class AllureResults implements AllureResultsWriter {
  private readonly failures: string[] = [];
  private readonly files = new BackgroundFiles((reason) => {
    const message = `could not write the Allure results: ${reason}`;
    this.failures.push(message);
    console.error(message);
  });
  private readonly held = new HeldResults((result, containers) => {
    this.json(`${result.uuid}-result.json`, result);
    const merged = mergeContainers(containers);
    if (merged) this.json(`${merged.uuid}-container.json`, merged);
  });
  private made = false;

  constructor(readonly resultsDir: string) {
    if (typeof resultsDir !== 'string' || resultsDir === '') throw new Error('allureResults: resultsDir is required');
  }

  into(configuration: IRunConfiguration): IRunConfiguration {
    return withWriter(configuration, this);
  }

  async written(): Promise<readonly string[]> {
    this.held.flush();
    await this.files.settled();
    return this.failures.splice(0);
  }

  writeResult(result: TestResult): void {
    this.path('');
    this.held.hold(result);
  }

  writeGroup(container: Container): void {
    if (!this.held.group(container)) this.json(`${container.uuid}-container.json`, container);
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
