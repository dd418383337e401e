/**
 * The Allure results writer of the conformance run (cucumber.js: `formatOptions.writer`).
 *
 * allure-js-commons' own FileSystemWriter writes every result and attachment to a temp file,
 * fsyncs it, renames it and deletes the temp name: durable against a power cut, and several
 * system calls per file. Each scenario writes its result plus its attachments (trace, diagrams),
 * and the fsyncs alone were about a third of the whole run's time (bench/RESULTS.md, 2026-11-26).
 * The results are read once, by `allure generate` after the run, so this writer writes each file in
 * place, in the background (libuv's thread pool: the other core), while the next scenarios run;
 * the files and their contents are the same. `npm run conformance` waits for
 * {@link allureResultsWritten} before it generates the report; a write that fails is printed at
 * once and sets exit code 2 (the harness could not report), so nothing is lost silently.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringifyEnvInfo, type Writer } from 'allure-js-commons/sdk/reporter';

type Parameter<M extends keyof Writer, I extends number> = Parameters<Writer[M]>[I];

const pending = new Set<Promise<void>>();
const failures: string[] = [];

function inBackground(path: string, data: string | Buffer): void {
  const write = writeFile(path, data).catch((e: unknown) => {
    const message = `could not write the Allure result ${path}: ${(e as Error).message}`;
    failures.push(message);
    console.error(message);
    process.exitCode = 2;
  }).finally(() => pending.delete(write));
  pending.add(write);
}

/** Resolves once every result file is on disk; the write failures so far (empty: all written). */
export async function allureResultsWritten(): Promise<readonly string[]> {
  while (pending.size > 0) await Promise.all([...pending]);
  return failures.splice(0);
}

class ReportResultsWriter implements Writer {
  private made = false;

  constructor(private readonly config: { readonly resultsDir: string }) {
    if (typeof config.resultsDir !== 'string' || config.resultsDir === '') throw new Error('allureWriter: resultsDir is required');
  }

  writeResult(result: Parameter<'writeResult', 0>): void {
    this.json(`${result.uuid}-result.json`, result);
  }

  writeGroup(result: Parameter<'writeGroup', 0>): void {
    this.json(`${result.uuid}-container.json`, result);
  }

  writeAttachment(distFileName: string, content: Buffer): void {
    inBackground(this.path(distFileName), content);
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
    inBackground(this.path(name), JSON.stringify(data));
  }

  private path(name: string): string {
    if (!this.made) {
      mkdirSync(this.config.resultsDir, { recursive: true });
      this.made = true;
    }
    return join(this.config.resultsDir, name);
  }
}

/** The writer for `formatOptions.writer` (cucumber.js), writing into `resultsDir`. */
export function allureWriter(resultsDir: string): Writer {
  return new ReportResultsWriter({ resultsDir });
}
