/**
 * Logging that a flood of bad input cannot turn into a flood of log lines. Of each kind of report
 * ("invalid message", "refused", "peer dropped", …: a handful of kinds), the first
 * `logLinesPerInterval` of an interval are written in full — so a flood of one kind does not hide
 * another; the rest are counted per kind and per peer, and one summary line says how many were not
 * written, by whom, when the interval ends (or when the endpoint closes). An interval starts with
 * the first report after a quiet one, so an idle endpoint has no timer.
 */
import type { BridgeLimits } from './limits';

export type LogWrite = (line: string) => void;

/** Distinct peers counted per kind in one interval; the rest are summed as "other peers". */
const TRACKED_PEERS = 1000;
/** Peers named per kind in a summary line. */
const NAMED_PEERS = 3;

const n = (x: number): string => x.toLocaleString('en-US');

interface KindCounts {
  total: number;
  readonly byPeer: Map<string, number>;
  others: number;
}

export class RateLimitedLog {
  /** Lines written in full in this interval, per kind. */
  private readonly written = new Map<string, number>();
  private readonly suppressed = new Map<string, KindCounts>();
  private suppressedTotal = 0;
  private timer: NodeJS.Timeout | undefined;
  /** Lines written, summaries included (for the specs and the benchmark). */
  lines = 0;

  constructor(private readonly write: LogWrite | undefined, private readonly limits: Pick<BridgeLimits, 'logIntervalMs' | 'logLinesPerInterval'>) {}

  /** `kind` groups the summary ("invalid message"); `peer` is who caused it; `detail` the full line's text. */
  report(peer: string, kind: string, detail: string): void {
    if (!this.write) return;
    this.timer ??= setTimeout(() => this.endInterval(), this.limits.logIntervalMs).unref();
    const written = this.written.get(kind) ?? 0;
    if (written < this.limits.logLinesPerInterval) {
      this.written.set(kind, written + 1);
      this.emit(`${kind}: ${detail}`);
      return;
    }
    this.suppressedTotal += 1;
    let counts = this.suppressed.get(kind);
    if (!counts) this.suppressed.set(kind, (counts = { total: 0, byPeer: new Map(), others: 0 }));
    counts.total += 1;
    const seen = counts.byPeer.get(peer);
    if (seen !== undefined) counts.byPeer.set(peer, seen + 1);
    else if (counts.byPeer.size < TRACKED_PEERS) counts.byPeer.set(peer, 1);
    else counts.others += 1;
  }

  /** Write the summary of what was held back so far (the endpoint is closing). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.endInterval();
  }

  private endInterval(): void {
    this.timer = undefined;
    this.written.clear();
    if (this.suppressedTotal === 0) return;
    const kinds = [...this.suppressed].map(([kind, c]) => {
      const top = [...c.byPeer].sort((a, b) => b[1] - a[1]);
      const named = top.slice(0, NAMED_PEERS).map(([peer, count]) => `${peer} ${n(count)}`);
      const rest = top.length - named.length + (c.others > 0 ? 1 : 0);
      return `${kind} ×${n(c.total)} (${named.join(', ')}${rest > 0 ? `, and ${rest === 1 && c.others === 0 ? 'one more peer' : 'more peers'}` : ''})`;
    });
    this.emit(`not logged in the last ${this.limits.logIntervalMs / 1000} s (logIntervalMs; at most ${this.limits.logLinesPerInterval} lines of each kind per interval): ${n(this.suppressedTotal)} more: ${kinds.join('; ')}`);
    this.suppressed.clear();
    this.suppressedTotal = 0;
  }

  private emit(line: string): void {
    this.lines += 1;
    this.write?.(line);
  }
}
