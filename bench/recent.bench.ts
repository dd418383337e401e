/**
 * Bounded memory over an endless stream (support/model/recent.ts): a key set past the limit, in a
 * RecentMap against the Map that deletes its oldest key on each new one (what the monitor's
 * assembler, the recognizer's memo and the stimulus tracker did before). Both hold 100,000 keys — the
 * keys of the calls a monitor worker remembers having judged — and are first filled past that, so
 * every set evicts. Baseline: the Map evicting its oldest key, measured just before.
 */
import { RecentMap } from '../support/model/recent';
import { measure, ratio, type Ratio } from './harness';

const KEYS = 100_000;

export async function recentBench(): Promise<Ratio[]> {
  const oldest = new Map<string, number>();
  const recent = new RecentMap<string, number>(KEYS);
  let n = 0;
  const evictOldest = (): void => {
    if (oldest.size >= KEYS) oldest.delete(oldest.keys().next().value as string);
    oldest.set(`tenant:${n++}`, 1);
  };
  const inRecent = (): void => {
    recent.set(`tenant:${n++}`, 1);
  };
  for (let i = 0; i < 3 * KEYS; i++) {
    evictOldest();
    inRecent();
  }
  const base = await measure(`baseline: a Map of ${KEYS} keys deleting its oldest on each set`, evictOldest, 1500);
  return [ratio(await measure(`a RecentMap of ${KEYS} keys, set past its limit`, inRecent, 1500), base)];
}
