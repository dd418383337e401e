/**
 * Child of the replay benchmark: stream one log through {@link readTrace} and report how long it
 * took and how many records it found. Its own process, so its peak RSS is the reader's (plus
 * Node and ts-node, reported separately as `startRssMb`).
 */
import { readTrace } from '../support/accel';
import { reply } from './child';

export interface ReplayChildResult {
  readonly ms: number;
  readonly events: number;
  readonly records: number;
  readonly unknownLines: number;
  readonly truncated: number;
  readonly startRssMb: number;
}

reply(async (): Promise<ReplayChildResult> => {
  const path = process.argv[2];
  if (!path) throw new Error('usage: replay.child.ts <log>');
  const startRssMb = process.resourceUsage().maxRSS / 1024;
  let events = 0;
  const started = process.hrtime.bigint();
  const d = await readTrace(path, (r) => {
    if (r.kind === 'event') events += 1;
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  return { ms, events, records: d.records, unknownLines: d.unknown, truncated: d.truncated, startRssMb };
});
