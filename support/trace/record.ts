/**
 * What the trace readers produce: one record per T-Library message found in a log, with where it
 * was found, plus a running account of the lines that could not be read (never silently skipped).
 */
import { PROTOCOLS, type Envelope, type Protocol } from '../model/event';
import type { KVList } from '../model/kvlist';

export type RawValue = string | number | KVList;

/** The kinds of trace the readers know: Genesys server logs (native), T-Library client logs (URS/ORS, .NET PSDK), NDJSON, and a desktop's browser console log (WWE, GWS API v2). */
export const TRACE_FORMATS = ['native', 'urs', 'psdk', 'ndjson', 'console'] as const;

export interface TraceRecord {
  /** `event` (Event…), `request` (Request…) or `other`. */
  readonly kind: 'event' | 'request' | 'other';
  readonly name: string;
  /** Attribute names without the `Attribute` prefix; values as printed (quotes removed, numbers parsed). */
  readonly attributes: Record<string, RawValue>;
  /** Whose stream it belongs to (ThisDN, or the `AppName@DN` of an interaction line). */
  readonly dn?: string;
  /** `file:line` of the header line. */
  readonly source: string;
  readonly line: number;
  /** Header time; with the banner/file-name date when one was found (`2026-02-02T16:45:24.5939`). */
  readonly time?: string;
  readonly format: (typeof TRACE_FORMATS)[number];
  /** An HA copy sent to the backup server (`[BSYNC]`), not traffic with a client. */
  readonly sync?: boolean;
  /**
   * A DN-state event (an agent's, a switch feature's) outside any call, added by the recognizer
   * around a call of the log: it tells the state the call's DNs were in, and a scenario may observe
   * it, but it is no act of the call (never a stimulus).
   */
  readonly context?: boolean;
  /** Set when the record was cut off or damaged (a line in it unreadable, its pair count wrong); says how. */
  readonly truncated?: string;
  /**
   * A one-line summary of an event a client received (URS/ORS `Trc 04541 Message EventX received
   * from 'App@DN'`, `Int 04543 Interaction message "EventX" received from … ("App@DN")`) with no
   * dump of it: the name and the DN only, no attributes to judge.
   */
  readonly summary?: boolean;
  /**
   * Where the event came from and goes, when the trace says (a harness recording of a multi-site or
   * multi-protocol run: site, participant, protocol, sender); a native log says none of it.
   */
  readonly envelope?: Envelope;
}

const KNOWN_PROTOCOLS: ReadonlySet<string> = new Set<Protocol>(PROTOCOLS);

/** The envelope fields of an NDJSON line (`site`, `participant`, `protocol`, `sender`: strings), or undefined when it has none. */
export function envelopeOf(o: Readonly<Partial<Record<keyof Envelope, unknown>>>): Envelope | undefined {
  const e: { -readonly [K in keyof Envelope]: Envelope[K] } = {};
  if (typeof o.site === 'string') e.site = o.site;
  if (typeof o.participant === 'string') e.participant = o.participant;
  if (typeof o.protocol === 'string' && KNOWN_PROTOCOLS.has(o.protocol)) e.protocol = o.protocol as Protocol;
  if (typeof o.sender === 'string') e.sender = o.sender;
  return Object.keys(e).length > 0 ? e : undefined;
}

export interface LineNote {
  readonly line: number;
  readonly text: string;
  readonly why: string;
}

/**
 * Characters that never belong in a log line: C0 controls other than TAB, LF, VT, FF and CR, and
 * DEL. A line holding one was damaged on disk (binary garbage, a block of NULs after a crash).
 * (U+FFFD, what bytes that are not UTF-8 decode to, is not among them: a log written in a Windows
 * code page has those in names and user data, and is not damaged.)
 */
// eslint-disable-next-line no-control-regex -- exactly these characters
export const UNREADABLE = /[\x00-\x08\x0e-\x1f\x7f]/;

/** `text` safe to print: controls, DEL, U+FFFD and line separators escaped (raw bytes are never echoed). */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex -- exactly the characters escaped here
  return text.replace(/[\x00-\x08\x0b-\x1f\x7f\ufffd\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Counts everything, keeps the first {@link TraceDiagnostics.KEEP} examples of each kind. */
export class TraceDiagnostics {
  static readonly KEEP = 50;
  lines = 0;
  records = 0;
  unknown = 0;
  truncated = 0;
  /** Records whose message name no model knows (a typo, another protocol, a newer T-Library). */
  unknownNames = 0;
  /** One-line summaries of events with no dump (see {@link TraceRecord.summary}). */
  summaries = 0;
  readonly unknownSamples: LineNote[] = [];
  readonly truncatedSamples: LineNote[] = [];
  readonly unknownNameSamples: LineNote[] = [];

  unknownLine(line: number, text: string, why = 'not a known log line'): void {
    this.unknown += 1;
    if (this.unknownSamples.length < TraceDiagnostics.KEEP) this.unknownSamples.push({ line, text: printable(text.slice(0, 200)), why });
  }

  truncatedRecord(line: number, text: string, why: string): void {
    this.truncated += 1;
    if (this.truncatedSamples.length < TraceDiagnostics.KEEP) this.truncatedSamples.push({ line, text: printable(text.slice(0, 200)), why });
  }

  unknownName(line: number, name: string): void {
    this.unknownNames += 1;
    if (this.unknownNameSamples.length < TraceDiagnostics.KEEP) this.unknownNameSamples.push({ line, text: printable(name.slice(0, 200)), why: 'a message name no model knows' });
  }

  /** A few lines for stderr: totals, then the examples with their line numbers. */
  summary(file: string): string {
    const extra = [
      ...(this.unknownNames ? [`${this.unknownNames} unknown message name(s)`] : []),
      ...(this.summaries ? [`${this.summaries} event summary line(s) without a dump`] : []),
    ];
    const out = [`${file}: ${this.lines} lines, ${this.records} records, ${this.unknown} unknown line(s), ${this.truncated} truncated record(s)${extra.map((e) => `, ${e}`).join('')}`];
    for (const n of this.truncatedSamples) out.push(`  ${file}:${n.line}: truncated: ${n.why}: ${n.text}`);
    for (const n of this.unknownNameSamples) out.push(`  ${file}:${n.line}: unknown name: ${n.text}`);
    for (const n of this.unknownSamples) out.push(`  ${file}:${n.line}: unknown: ${n.why}: ${n.text}`);
    const hidden = this.unknown - this.unknownSamples.length + this.truncated - this.truncatedSamples.length + this.unknownNames - this.unknownNameSamples.length;
    if (hidden > 0) out.push(`  … and ${hidden} more`);
    return out.join('\n');
  }
}

export function kindOf(name: string): TraceRecord['kind'] {
  if (name.startsWith('Event')) return 'event';
  // Party actions of the adapter contract are stimuli too (recorded by --record).
  if (/^(Request|Party\.|Network\.|Interaction\.)/.test(name)) return 'request';
  return 'other';
}

/** A record's time (`2026-03-04T10:15:01.0123`, `10:15:01.0123`, `10:15:01.012`) in ms: since the epoch with a date, since midnight without. */
export function msOf(time: string | undefined): number | undefined {
  if (!time) return undefined;
  // Read by hand: it runs several times per record of a stream (the expression is the fallback's check).
  const dated = time.length > 10 && time.charCodeAt(10) === 84; // T
  const t = dated ? 11 : 0;
  const two = (at: number): number => (time.charCodeAt(at) - 48) * 10 + time.charCodeAt(at + 1) - 48;
  if (time.charCodeAt(t + 2) !== 58 || time.charCodeAt(t + 5) !== 58) return undefined;
  const h = two(t);
  const m = two(t + 3);
  const s = two(t + 6);
  if (!(h >= 0 && h < 24 && m >= 0 && m < 60 && s >= 0 && s < 62)) return undefined;
  const fraction = time.length > t + 8 ? fractionOf(time, t + 8) : 0;
  const day = dated ? dayOf(time.slice(0, 10)) : 0;
  return day === undefined || fraction === undefined ? undefined : day + ((h * 60 + m) * 60 + s) * 1000 + fraction;
}

/** `.0123` at `at` in ms (12.3); undefined when it is not a dot and digits to the end. */
function fractionOf(time: string, at: number): number | undefined {
  if (time.charCodeAt(at) !== 46) return undefined;
  let fraction = 0;
  let scale = 100;
  for (let i = at + 1; i < time.length; i++) {
    const d = time.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return undefined;
    fraction += d * scale;
    scale /= 10;
  }
  return fraction;
}

/** Days since the epoch, in ms, of a `YYYY-MM-DD` date (proleptic Gregorian, by hand: no Date per record). */
function dayOf(date: string): number | undefined {
  if (date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return undefined;
  const n = (from: number, to: number): number => {
    let v = 0;
    for (let i = from; i < to; i++) v = v * 10 + date.charCodeAt(i) - 48;
    return v;
  };
  const y0 = n(0, 4);
  const m = n(5, 7);
  const d = n(8, 10);
  if (!(m >= 1 && m <= 12 && d >= 1 && d <= 31)) return undefined;
  // Days from civil (H. Hinnant): March-based years.
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return (era * 146097 + doe - 719468) * 86_400_000;
}
