/**
 * Child of the replay benchmark: recognise every call of one log (support/recognize/) and report
 * how long the reading and judging took (the scenario plans are loaded first, untimed), how many
 * events and calls, and the most calls held at once. Its own process, so its peak RSS is its own.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { CallRecognizer, loadPlans } from '../support/recognize';
import { readTrace } from '../support/trace/read';
import { reply } from './child';

export interface RecognizeChildResult {
  readonly ms: number;
  readonly events: number;
  readonly calls: number;
  readonly conforms: number;
  readonly deviates: number;
  readonly unrecognised: number;
  readonly reused: number;
  readonly maxOpenCalls: number;
  /** RSS after loading the plans, before the first record. */
  readonly startRssMb: number;
  /**
   * Heap still held after the log (both ends measured after a full GC): what the recogniser keeps
   * once its calls are judged. Peak RSS says how lazily V8 collected; this says what was retained.
   */
  readonly retainedHeapMb: number;
}

/** A full GC, outside the timed part (the flag set at run time gives this process a `gc`). */
function collectedHeapMb(): number {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

reply(async (): Promise<RecognizeChildResult> => {
  const path = process.argv[2];
  if (!path) throw new Error('usage: recognize.child.ts <log>');
  const { plans } = await loadPlans();
  const startRssMb = process.memoryUsage().rss / 2 ** 20;
  const startHeapMb = collectedHeapMb();
  const recognizer = new CallRecognizer({ plans, onVerdict: () => undefined });
  let events = 0;
  let maxOpenCalls = 0;
  const started = process.hrtime.bigint();
  await readTrace(path, (r) => {
    if (r.kind === 'event') events += 1;
    recognizer.push(r);
    if (recognizer.openCalls > maxOpenCalls) maxOpenCalls = recognizer.openCalls;
  });
  recognizer.flush();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const s = recognizer.stats;
  const retainedHeapMb = collectedHeapMb() - startHeapMb;
  return { ms, events, calls: s.calls, conforms: s.conforms, deviates: s.deviates, unrecognised: s.unrecognised, reused: s.reused, maxOpenCalls, startRssMb, retainedHeapMb };
});
