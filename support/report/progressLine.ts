/**
 * Progress of a conformance run: how many scenarios of how many are done, the failures so far and
 * an estimate of the time left. On a terminal one line is rewritten in place; elsewhere (CI, a
 * file) a plain line is written every tenth of the run or every 30 s, whichever comes first.
 */
import type { Outcome, ScenarioOutcome } from './outcomes';

export interface ProgressOutput {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

const PLAIN_EVERY_MS = 30_000;

export class ProgressLine {
  private total = 0;
  private done = 0;
  private readonly counts: Record<Outcome, number> = { passed: 0, failed: 0, broken: 0, skipped: 0, usage: 0, known: 0 };
  private started: number | undefined;
  private lastPlain = 0;
  private lastTenth = 0;

  constructor(private readonly out: ProgressOutput, private readonly now: () => number = Date.now) {}

  /** Cucumber announces every test case before the run starts: that is the total. */
  readonly onMessage = (envelope: { readonly testCase?: unknown; readonly testRunStarted?: unknown }): void => {
    if (envelope.testCase) this.total += 1;
    if (envelope.testRunStarted) this.started = this.now();
  };

  /** One scenario finished. */
  finished(outcome: ScenarioOutcome): void {
    this.done += 1;
    this.counts[outcome.outcome] += 1;
    if (this.out.isTTY) {
      this.out.write(`\r\x1b[K${this.line()}`);
      if (this.done === this.total) this.out.write('\n');
      return;
    }
    const tenth = this.total ? Math.floor((this.done * 10) / this.total) : 0;
    const t = this.now();
    if (tenth > this.lastTenth || t - this.lastPlain >= PLAIN_EVERY_MS || this.done === this.total) {
      this.lastTenth = tenth;
      this.lastPlain = t;
      this.out.write(`${this.line()}\n`);
    }
  }

  /** `[ 120/386 ] 118 passed · 1 failed · 1 broken · 0 skipped · 41 s, about 1 min 10 s to go` */
  line(): string {
    const c = this.counts;
    const elapsed = this.started === undefined ? 0 : this.now() - this.started;
    const left = this.done && this.total > this.done ? (elapsed / this.done) * (this.total - this.done) : 0;
    const width = String(this.total).length;
    return `[ ${String(this.done).padStart(width)}/${String(this.total)} ] ${String(c.passed)} passed · ${String(c.failed)} failed · ${String(c.broken + c.usage)} broken · ${String(c.skipped + c.known)} skipped · ${duration(elapsed)}${left ? `, about ${duration(left)} to go` : ''}`;
  }
}

export function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${String(s)} s`;
  return `${String(Math.floor(s / 60))} min ${String(s % 60)} s`;
}
