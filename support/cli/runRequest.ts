/**
 * What `npm run conformance` (the supervisor, ./conformance.ts) asks of the run it starts as a child
 * process (./runSuite.ts): written as JSON into the run's staging directory, read by the child.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunConfig } from '../config/runConfig';

export interface RunRequest {
  readonly config: RunConfig;
  readonly tags?: string;
  readonly name?: string;
  /** The features directory (default `features`). */
  readonly features: string;
  /** Generate the Allure report. */
  readonly report: boolean;
  /** Where this run writes (swapped into `reports` at the end by the supervisor). */
  readonly staging: string;
  /** The reports folder (read for the Allure history and other commands' files; never written by the child). */
  readonly reports: string;
  /** The filter as the user gave it, for the certificate (`--tags "…"`…); empty for the whole suite. */
  readonly filter: readonly string[];
}

export const REQUEST_FILE = 'run-request.json';
export const JOURNAL_FILE = 'run-journal.ndjson';

export function writeRunRequest(request: RunRequest): string {
  const file = join(request.staging, REQUEST_FILE);
  writeFileSync(file, `${JSON.stringify(request, null, 2)}\n`);
  return file;
}

export function readRunRequest(file: string): RunRequest {
  return JSON.parse(readFileSync(file, 'utf8')) as RunRequest;
}
