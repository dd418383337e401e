/**
 * The fast paths, chosen here and nowhere else.
 *
 * Each fast path is a second implementation of something the harness already does plainly, kept
 * only because a benchmark target (bench/RESULTS.md, README "Benchmarks") is missed without it.
 * Each lives in this folder, one module per path, with the interface of its reference (the plain
 * implementation, where a reader meets it first), and a differential spec holds the two to the
 * same answers:
 *
 * | path            | reference                                   | fast path                               | contract                                   | target |
 * |-----------------|---------------------------------------------|-----------------------------------------|--------------------------------------------|--------|
 * | trace-reader    | trace/read.ts readTrace (one thread)        | traceReader.ts (two threads, literals)  | trace/read.spec.ts, trace/shape.spec.ts, trace/tokenizer.spec.ts | (b) |
 * | schema-check    | Ajv on the published schema (bridge/protocol.ts) | schemaCheck.ts                    | schemaCheck.spec.ts                        | (d)    |
 * | allure-results  | report/allureResults.ts (FileSystemWriter)  | allureResults.ts (+ backgroundFiles.ts) | allureResults.spec.ts                      | (a)    |
 * | simulator-steps | simulator/steps.ts PureSteps (`transition`) | simulatorSteps.ts (in place)            | simulator/SimulatorAdapter.spec.ts         | (d)    |
 * | ts-loader       | `node -r ts-node/register/transpile-only`   | tsLoader.js (ts-node's compiled modules kept; TypeScript loaded only on a miss) | tsLoader.spec.ts | npm test time (issue 20) |
 *
 * The switch: `CMC_REFERENCE=1` (or `all`) runs every reference instead, `CMC_REFERENCE=trace-reader,
 * schema-check` the ones named — a run, a spec or a benchmark gives the same answers either way,
 * only slower. Read on every choice (no state here). ts-loader is chosen by the `-r` of every npm script and
 * child process (typescriptNode.ts), and reads the same switch before anything else loads.
 */
import { UsageError } from '../errors';
import { AllureResults as ReferenceAllureResults, type AllureResultsWriter } from '../report/allureResults';
import { PureSteps, type SimulatorSteps } from '../simulator/steps';
import { readTrace as readOnOneThread, type ReadOptions } from '../trace/read';
import type { TraceDiagnostics, TraceRecord } from '../trace/record';
import { AllureResults } from './allureResults';
import { compileCheck, Unsupported, type Check, type Resolve } from './schemaCheck';
import { InPlaceSteps } from './simulatorSteps';
import { readTrace as readOnTwoThreads } from './traceReader';

export type FastPath = 'trace-reader' | 'schema-check' | 'allure-results' | 'simulator-steps' | 'ts-loader';
export const FAST_PATHS: readonly FastPath[] = ['trace-reader', 'schema-check', 'allure-results', 'simulator-steps', 'ts-loader'];

/** The environment variable that forces references. */
export const SWITCH = 'CMC_REFERENCE';

/** Is `path`'s fast path used (not forced back to its reference by {@link SWITCH})? */
export function fast(path: FastPath, env: NodeJS.ProcessEnv = process.env): boolean {
  const value = (env[SWITCH] ?? '').trim();
  if (value === '' || value === '0') return true;
  if (value === '1' || value === 'all') return false;
  const named = value.split(',').map((p) => p.trim());
  const unknown = named.filter((p) => !(FAST_PATHS as readonly string[]).includes(p));
  if (unknown.length) throw new UsageError(`${SWITCH}=${value}: unknown fast path(s) ${unknown.join(', ')} (known: ${FAST_PATHS.join(', ')}; 1 or all for every one)`);
  return !named.includes(path);
}

/** Read a trace file, calling `onRecord` for each record in file order (trace-reader). */
export function readTrace(path: string, onRecord: (r: TraceRecord) => void, options: ReadOptions = {}): Promise<TraceDiagnostics> {
  return fast('trace-reader') ? readOnTwoThreads(path, onRecord, options) : readOnOneThread(path, onRecord, options);
}

/**
 * A yes/no check compiled from a wire schema that never accepts what the schema refuses
 * (schema-check). Throws {@link Unsupported} for a schema it cannot compile, and always when the
 * reference is forced: the caller then runs Ajv alone.
 */
export function schemaCheck(schema: Parameters<typeof compileCheck>[0], resolve: Resolve): Check {
  if (!fast('schema-check')) throw new Unsupported(`the reference (Ajv) was chosen with ${SWITCH}`);
  return compileCheck(schema, resolve);
}

export { Unsupported, type Check, type Resolve };

/** One run's Allure results writer, into `resultsDir` (allure-results). */
export function allureResults(resultsDir: string): AllureResultsWriter {
  return fast('allure-results') ? new AllureResults(resultsDir) : new ReferenceAllureResults(resultsDir);
}

/** How one embedded simulator moves its state (simulator-steps). */
export function simulatorSteps(): SimulatorSteps {
  return fast('simulator-steps') ? new InPlaceSteps() : new PureSteps();
}
