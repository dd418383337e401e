/**
 * Recognising the calls of a log against the models — the library behind `npm run recognize`, and
 * the engine of a continuous monitor (a worker judging a stream of events).
 *
 * ```ts
 * import { CallRecognizer, loadPlans } from './support/recognize';
 *
 * const { plans } = await loadPlans();                    // once per process: the features' scenarios (~seconds)
 * const recognizer = new CallRecognizer({
 *   plans,
 *   onVerdict: (v) => publish(v),                          // one CallVerdict per call, when it completes
 * });
 * for await (const record of records) recognizer.push(record);   // TraceRecords, in log order
 * recognizer.expireIdle(10 * 60_000);                     // now and then: calls idle 10 min (log time) are judged as they are
 * recognizer.flush();                                      // end of input: every open call is judged
 * recognizer.judgeRecords(records);                        // or: one call assembled elsewhere (a stream partitioned by call), judged now
 * ```
 *
 * - **Input**: {@link TraceRecord}s, as support/trace/read.ts gives them (any log format, or NDJSON
 *   of `npm run trace`), in log order, from one switch. A record must not be changed after it is pushed.
 * - **Output**: {@link CallVerdict} per call — its ConnIDs and DNs, its stimuli in words, `conforms`
 *   (with the scenarios it follows), `deviates` (with the nearest scenario and the diff the
 *   conformance run would print), `unrecognised` (no scenario's history is in it) or `unreadable`
 *   (a record of it is damaged: not judged). `complete` is false for a call judged before it ended.
 * - **Memory**: the calls in progress only (`openCalls`); a finished call is judged and forgotten.
 *   The stream's knowledge of each DN's kind is kept (bounded by the switch's configured DNs), and
 *   the judgements of up to 20,000 call shapes (a call shaped like an earlier one is not judged again).
 * - **Cost**: judging is synchronous, in `push` (when a call completes), `expireIdle` and `flush`.
 *
 * {@link recognizeFile} does this for a file, with the input checks of the other commands.
 */
import { readTrace } from '../accel';
import { unopenable, unreadableInput } from '../trace/input';
import { logOpenedAt } from '../trace/opened';
import type { TraceDiagnostics } from '../trace/record';
import { CallRecognizer, type CallVerdict, type RecognizerOptions, type RecognizerStats } from './recognizer';

export { CallRecognizer, linksOf, type CallVerdict, type RecognizerOptions, type RecognizerStats, type ScenarioRef } from './recognizer';
export { EpisodeSplitter, type Episode } from './episodes';
export { loadPlans, type PlanCatalogue, type ScenarioPlan } from './plans';
export type { TraceRecord } from '../trace/record';

export interface FileRecognition {
  readonly stats: RecognizerStats;
  readonly diagnostics?: TraceDiagnostics;
  /** Why the file cannot be judged (one message naming the file and line), when it cannot. */
  readonly problem?: string;
  /** When the file was opened (support/trace/opened.ts), when its banner or name says. */
  readonly opened?: string;
}

/** Recognise every call of the log `file`; verdicts go to `onVerdict` as calls complete. */
export async function recognizeFile(file: string, options: RecognizerOptions): Promise<FileRecognition> {
  const missing = await unopenable(file);
  if (missing) return { stats: new CallRecognizer(options).stats, problem: missing };
  // A file a rotation opened mid-traffic: its first calls may have begun in the file before.
  const opened = options.opened ?? await logOpenedAt(file);
  const recognizer = new CallRecognizer(opened ? { ...options, opened } : options);
  let diagnostics: TraceDiagnostics;
  try {
    diagnostics = await readTrace(file, (r) => recognizer.push(r), { label: file });
  } catch (e) {
    return { stats: recognizer.stats, problem: (e as Error).message };
  }
  recognizer.flush();
  const problem = unreadableInput(file, diagnostics, { needRecords: true });
  return { stats: recognizer.stats, diagnostics, ...(problem ? { problem } : {}), ...(opened ? { opened } : {}) };
}

export type Outcome = CallVerdict['outcome'];
