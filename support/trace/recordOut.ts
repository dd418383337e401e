/**
 * The end of a record of the log parser (logParser.ts): its checks (KV pair counts, a message name
 * no model knows, damage), its object, and the record handed on; and the summary records of URS/ORS
 * one-line event summaries.
 */
import { isKnownEvent, isKnownRequest } from '../model/catalogue';
import { kindOf, type TraceDiagnostics, type TraceRecord } from './record';
import type { Builder, CountedList, PendingSummary } from './logLines';

export class RecordOut {
  /** `file:` of every record's source. */
  private readonly sourcePrefix: string;
  /** Whether each message name is one the models know (names are few; bounded anyway). */
  private readonly knownNames = new Map<string, boolean>();

  constructor(file: string, private readonly diagnostics: TraceDiagnostics, private readonly emit: (record: TraceRecord) => void) {
    this.sourcePrefix = `${file}:`;
  }

  /** The record `b` has built, checked and handed on. */
  record(b: Builder): void {
    if (b.counted) checkCounts(b, b.counted);
    if (b.truncated) this.diagnostics.truncatedRecord(b.line, b.name, b.truncated);
    this.diagnostics.records += 1;
    const attributes = b.shape.build(b.values);
    const thisDn = attributes.ThisDN;
    const kind = b.body === 'rlib' ? 'other' : kindOf(b.name);
    if (b.body !== 'rlib' && !this.isKnownName(b.name)) this.diagnostics.unknownName(b.line, b.name);
    const source = this.sourcePrefix + String(b.line);
    // The usual record (a DN, a time, nothing else) as one literal: all its properties in the object
    // itself, made at once. Any other is built key by key; the keys are in the same order either way.
    if (typeof thisDn === 'string' && thisDn && b.time && !b.sync && !b.truncated) {
      this.emit({ kind, name: b.name, attributes, dn: thisDn, source, line: b.line, format: b.format, time: b.time });
      return;
    }
    const r: { -readonly [K in keyof TraceRecord]: TraceRecord[K] } = { kind, name: b.name, attributes } as TraceRecord;
    if (typeof thisDn === 'string' && thisDn) r.dn = thisDn;
    r.source = source;
    r.line = b.line;
    r.format = b.format;
    if (b.time) r.time = b.time;
    if (b.sync) r.sync = true;
    if (b.truncated) r.truncated = b.truncated;
    this.emit(r);
  }

  /** A summary record: the event's name and DN, no attributes. */
  summary(s: PendingSummary): void {
    this.diagnostics.summaries += 1;
    this.diagnostics.records += 1;
    if (!this.isKnownName(s.name)) this.diagnostics.unknownName(s.line, s.name);
    this.emit({
      kind: kindOf(s.name), name: s.name, attributes: {}, dn: s.dn, source: this.sourcePrefix + String(s.line), line: s.line,
      format: 'urs', ...(s.time ? { time: s.time } : {}), summary: true,
    });
  }

  private isKnownName(name: string): boolean {
    let known = this.knownNames.get(name);
    if (known === undefined) {
      known = name.startsWith('Request') ? isKnownRequest(name) : isKnownEvent(name);
      if (this.knownNames.size < 10_000) this.knownNames.set(name, known);
    }
    return known;
  }
}

/** A KV list with fewer or more pairs than its header announced lost lines or gained some. */
function checkCounts(b: Builder, counted: readonly CountedList[]): void {
  for (const c of counted) {
    if (c.list.length !== c.pairs) b.truncated ??= `line ${c.line}: ${c.name}: the header announces ${c.pairs} pair(s), ${c.list.length} were read`;
  }
}
