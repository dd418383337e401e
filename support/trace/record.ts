/**
 * What the trace readers produce: one record per T-Library message found in a log, with where it
 * was found, plus a running account of the lines that could not be read (never silently skipped).
 */
import type { KVList } from '../model/kvlist';

export type RawValue = string | number | KVList;

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
  readonly format: 'native' | 'urs' | 'psdk' | 'ndjson';
  /** An HA copy sent to the backup server (`[BSYNC]`), not traffic with a client. */
  readonly sync?: boolean;
  /** Set when the record was cut off; says how. */
  readonly truncated?: string;
}

export interface LineNote {
  readonly line: number;
  readonly text: string;
  readonly why: string;
}

/** Counts everything, keeps the first {@link TraceDiagnostics.KEEP} examples of each kind. */
export class TraceDiagnostics {
  static readonly KEEP = 50;
  lines = 0;
  records = 0;
  unknown = 0;
  truncated = 0;
  readonly unknownSamples: LineNote[] = [];
  readonly truncatedSamples: LineNote[] = [];

  unknownLine(line: number, text: string, why = 'not a known log line'): void {
    this.unknown += 1;
    if (this.unknownSamples.length < TraceDiagnostics.KEEP) this.unknownSamples.push({ line, text: text.slice(0, 200), why });
  }

  truncatedRecord(line: number, text: string, why: string): void {
    this.truncated += 1;
    if (this.truncatedSamples.length < TraceDiagnostics.KEEP) this.truncatedSamples.push({ line, text: text.slice(0, 200), why });
  }

  /** A few lines for stderr: totals, then the examples with their line numbers. */
  summary(file: string): string {
    const out = [`${file}: ${this.lines} lines, ${this.records} records, ${this.unknown} unknown line(s), ${this.truncated} truncated record(s)`];
    for (const n of this.truncatedSamples) out.push(`  ${file}:${n.line}: truncated: ${n.why}: ${n.text}`);
    for (const n of this.unknownSamples) out.push(`  ${file}:${n.line}: unknown: ${n.why}: ${n.text}`);
    const hidden = this.unknown - this.unknownSamples.length + this.truncated - this.truncatedSamples.length;
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
