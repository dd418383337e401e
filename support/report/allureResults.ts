/**
 * The Allure results of one run (cucumber.js: `formatOptions.writer`), written by allure-js-commons'
 * own FileSystemWriter: each file to a temp name, fsynced, renamed. This is the reference; the
 * run normally writes through the fast path (support/accel/allureResults.ts: the same files
 * without an fsync each, on a worker thread), chosen in support/accel/index.ts.
 *
 * Either way a scenario whose hook failed is failed (or broken) in its result too, as cucumber
 * counts it ({@link HeldResults}), and the run learns of a file that could not be written from
 * {@link AllureResultsWriter.written}, so it can say the harness could not report (exit 2).
 */
import type { IRunConfiguration } from '@cucumber/cucumber/api';
import { FileSystemWriter, type Writer } from 'allure-js-commons/sdk/reporter';

type Parameter<M extends keyof Writer, I extends number> = Parameters<Writer[M]>[I];
export type TestResult = Parameter<'writeResult', 0>;
export type Container = Parameter<'writeGroup', 0>;
type JsonObject = IRunConfiguration['formats']['options'];

/** A run's Allure writer, and when everything it was given is on disk. */
export interface AllureResultsWriter extends Writer {
  readonly resultsDir: string;
  /** `configuration` with its Allure reporter writing here (instead of the writer cucumber.js names). */
  into(configuration: IRunConfiguration): IRunConfiguration;
  /** Resolves once every file is on disk: the write failures so far (empty: all written). */
  written(): Promise<readonly string[]>;
}

/** `configuration` with `writer` as its Allure reporter's writer. */
export function withWriter(configuration: IRunConfiguration, writer: Writer): IRunConfiguration {
  const options = { ...configuration.formats.options, writer: writer as unknown as JsonObject };
  return { ...configuration, formats: { ...configuration.formats, options } };
}

/** Worse first; a status not listed (passed, skipped, unknown) never overrides. */
const SEVERITY: Readonly<Record<string, number>> = { failed: 2, broken: 1 };

/**
 * Results wait for the end of the turn before they are written: allure-cucumberjs writes a
 * scenario's result, then (in the same turn) one container per hook, and a hook's failure is only
 * in its container. Our After hook fails a scenario that received events nobody expected (not
 * conformant), and the scenario's result would say "passed" with a failed tear-down; the
 * containers' failures are carried into the results here, as cucumber itself counts them.
 */
export class HeldResults {
  private readonly held = new Map<string, { readonly result: TestResult; readonly containers: Container[] }>();
  private flushScheduled = false;

  /** `write`: a held result and its scenario's containers, once they are complete. */
  constructor(private readonly write: (result: TestResult, containers: readonly Container[]) => void) {}

  hold(result: TestResult): void {
    // The results held so far are complete: their containers came in the same turn as they did.
    this.flush();
    this.held.set(result.uuid, { result, containers: [] });
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => { this.flush(); });
    }
  }

  /** Carries the container's hook failures; true when it belongs to one held scenario (written with it). */
  group(container: Container): boolean {
    this.carryHookFailures(container);
    const [only, ...others] = container.children;
    const entry = only !== undefined && others.length === 0 ? this.held.get(only) : undefined;
    entry?.containers.push(container);
    return entry !== undefined;
  }

  flush(): void {
    this.flushScheduled = false;
    for (const { result, containers } of this.held.values()) this.write(result, containers);
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
}

/** The reference: allure-js-commons' FileSystemWriter, with failed hooks carried into results. */
export class AllureResults implements AllureResultsWriter {
  private readonly files: FileSystemWriter;
  private readonly failures: string[] = [];
  private readonly held = new HeldResults((result, containers) => {
    this.safely(`${result.uuid}-result.json`, () => { this.files.writeResult(result); });
    for (const c of containers) this.safely(`${c.uuid}-container.json`, () => { this.files.writeGroup(c); });
  });

  constructor(readonly resultsDir: string) {
    if (typeof resultsDir !== 'string' || resultsDir === '') throw new Error('allureResults: resultsDir is required');
    this.files = new FileSystemWriter({ resultsDir });
  }

  into(configuration: IRunConfiguration): IRunConfiguration {
    return withWriter(configuration, this);
  }

  written(): Promise<readonly string[]> {
    this.held.flush();
    return Promise.resolve(this.failures.splice(0));
  }

  writeResult(result: TestResult): void {
    this.held.hold(result);
  }

  writeGroup(container: Container): void {
    if (!this.held.group(container)) this.safely(`${container.uuid}-container.json`, () => { this.files.writeGroup(container); });
  }

  writeAttachment(distFileName: string, content: Buffer): void {
    this.safely(distFileName, () => { this.files.writeAttachment(distFileName, content); });
  }

  writeAttachmentFromPath(distFileName: string, from: string): void {
    this.safely(distFileName, () => { this.files.writeAttachmentFromPath(distFileName, from); });
  }

  writeEnvironmentInfo(info: Parameter<'writeEnvironmentInfo', 0>): void {
    this.safely('environment.properties', () => { this.files.writeEnvironmentInfo(info); });
  }

  writeCategoriesDefinitions(categories: Parameter<'writeCategoriesDefinitions', 0>): void {
    this.safely('categories.json', () => { this.files.writeCategoriesDefinitions(categories); });
  }

  writeGlobals(distFileName: string, info: Parameter<'writeGlobals', 1>): void {
    this.safely(distFileName, () => { this.files.writeGlobals(distFileName, info); });
  }

  /** A file that cannot be written is said at once and kept for {@link written}, as the fast path does. */
  private safely(name: string, write: () => void): void {
    try {
      write();
    } catch (e) {
      const message = `could not write the Allure results: ${this.resultsDir}/${name}: ${(e as Error).message}`;
      this.failures.push(message);
      console.error(message);
    }
  }
}
