/**
 * The date of a log's time-of-day stamps (`@23:59:59.9000`, `00:00:00.100 Trc …`): a native log
 * gives its date once (its file name, its `Local time:` banner, a dated line) and times of day after
 * it. A log that runs past midnight gives the next times on the next day: a time more than twelve
 * hours before the previous one is the next day's. The next dated line says so too, but the event
 * dumps before it would otherwise be stamped a day early, and their calls would run backwards in time.
 */
const HALF_DAY_MS = 12 * 3600 * 1000;

export class DayClock {
  private date: string | undefined;
  /** The time of day (ms) of the latest time read on {@link date}. */
  private dayMs: number | undefined;

  /** The log's date, and the time of day it was given at when known. */
  set(date: string, hms?: string): void {
    this.date = date;
    this.dayMs = hms === undefined ? undefined : msOfDay(hms);
  }

  /** `hms` on the log's current date (rolled past midnight when it went back more than half a day); as it is without a date. */
  stamp(hms: string): string {
    if (!this.date) return hms;
    const ms = msOfDay(hms);
    if (ms !== undefined) {
      if (this.dayMs !== undefined && ms < this.dayMs - HALF_DAY_MS) this.date = nextDay(this.date);
      this.dayMs = ms;
    }
    return `${this.date}T${hms}`;
  }
}

/** Milliseconds since midnight of `HH:MM:SS[.fraction]`, or undefined. */
function msOfDay(hms: string): number | undefined {
  const m = /^(\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?/.exec(hms);
  if (!m) return undefined;
  const fraction = m[4] ? Number(`0.${m[4]}`) * 1000 : 0;
  return ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1000 + fraction;
}

/** The day after `YYYY-MM-DD`. */
function nextDay(date: string): string {
  const t = Date.parse(`${date}T00:00:00Z`);
  return Number.isNaN(t) ? date : new Date(t + 24 * 3600 * 1000).toISOString().slice(0, 10);
}
