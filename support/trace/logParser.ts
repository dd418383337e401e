/**
 * A line-at-a-time parser for T-Library dumps in Genesys logs (log-formats.md §6 checklist):
 * native T-Server/SIP Server logs (`@hh:mm:ss.ffff [n] ver fn: message EventX` and the
 * `Trc 04541/04542` + `message X` form, `[BSYNC]` HA copies), URS/ORS client dumps
 * (`received from … message X`, `request to … message X`) and .NET Platform SDK dumps
 * (`'EventOnHook' ('87')` + `message attributes:` + `Name [type] = value`).
 *
 * It holds one record at a time (constant memory for any file size). Every line is either part of
 * a record, a known kind of log line, or counted as unknown with its line number; records cut off
 * are reported as truncated. It never throws on input.
 */
import { kindOf, TraceDiagnostics, type RawValue, type TraceRecord } from './record';
import { attributeName, nativeValue, pairLine, psdkValue, type Parsed } from './values';

type MutablePair = { key: string; value: RawValue };
interface OpenList { readonly depth: number; readonly list: MutablePair[] }

interface Builder {
  readonly name: string;
  readonly line: number;
  readonly time: string | undefined;
  readonly format: TraceRecord['format'];
  readonly body: 'tlib' | 'psdk';
  readonly sync: boolean;
  readonly attributes: Record<string, RawValue>;
  stack: OpenList[];
  complexOpen: boolean;
  truncated?: string;
}

interface Expectation {
  readonly line: number;
  readonly text: string;
  readonly time: string | undefined;
  /** A `[BSYNC]` header or a `RequestX received from` line must be followed by `message X`. */
  readonly required: boolean;
  readonly sync: boolean;
  /** .NET: the name is known and `message attributes:` must follow. */
  readonly psdkName?: string;
}

const TIME = String.raw`\d\d:\d\d:\d\d\.\d{3}`;
const RE = {
  atHeader: /^@(\d\d:\d\d:\d\d\.\d+) \[([^\]]*)\][^\n]*?(?:: message (\w+))?\s*$/,
  messageLine: /^message (\w+)\s*$/,
  standard: new RegExp(String.raw`^(?:(\d{4}-\d\d-\d\d)T)?(${TIME}) (?:Trc|Std|Int|Dbg|Alr|Wrn|Err|Mdm) (\d{5}) (.*)$`),
  clientHeader: /\b(received from|request to) .*? message (\w+)(?:\(\d+\))?\s*$/,
  psdkHeader: /'(\w+)' \('(\d+)'\)\s*$/,
  javaHeader: /message='(\w+)' \((\d+)\) attributes:\s*$/,
  psdkStamp: /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d),(\d{3}) /,
  timestamped: new RegExp(String.raw`^(?:\d{4}-\d\d-\d\d[T ])?${TIME}`),
  ursTrace: /^(?:\d\d:\d\d:\d\d\.\d{3})?_[A-Z]_[A-Z]_/,
  sipStart: /(>>>>>|<<<<<)\s*$/,
  banner: /^[A-Za-z][\w ()/.-]*:(\s|$)/,
  localTime: /^Local time:\s+(\d{4}-\d\d-\d\d)T/,
  fileDate: /_(\d{4})(\d\d)(\d\d)_\d{6}_\d{3}\.log$/,
  attribute: /^([A-Za-z]\w*)(?:[\t ]+(.*))?$/,
  psdkAttribute: /^([A-Za-z]\w*) \[(\w+)\] = ?(.*)$/,
  psdkComplex: /^([A-Za-z]\w*)\s+= ComplexClass\(\w+\):\s*$/,
};

function indentOf(line: string): { depth: number; text: string } {
  const lead = /^[\t ]*/.exec(line)?.[0] ?? '';
  let tabs = 0;
  for (const ch of lead) if (ch === '\t') tabs += 1;
  const spaces = lead.length - tabs;
  // Copies from blogs/comments turned TABs into runs of spaces (checklist 3): 4 spaces ≈ 1 TAB.
  return { depth: tabs + Math.ceil(spaces / 4), text: line.slice(lead.length) };
}

export class LogParser {
  readonly diagnostics = new TraceDiagnostics();
  private builder: Builder | undefined;
  private expect: Expectation | undefined;
  private date: string | undefined;
  private inSip = false;
  private seenTimestamp = false;
  private lastEndedPsdk = false;

  constructor(private readonly file: string, private readonly emit: (record: TraceRecord) => void) {
    const d = RE.fileDate.exec(file);
    if (d) this.date = `${d[1] ?? ''}-${d[2] ?? ''}-${d[3] ?? ''}`;
  }

  push(rawLine: string, lineNo: number): void {
    this.diagnostics.lines += 1;
    const unCr = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    const line = lineNo === 1 ? unCr.replace(/^\uFEFF/, '') : unCr;
    if (this.builder && this.bodyLine(this.builder, line, lineNo)) return;
    const psdkTrailer = this.lastEndedPsdk;
    this.lastEndedPsdk = false;
    if (this.expect && this.fulfil(this.expect, line)) return;
    if (psdkTrailer && line.startsWith('. ')) return;
    this.outside(line, lineNo);
  }

  end(): TraceDiagnostics {
    if (this.builder) this.finish(this.builder);
    if (this.expect?.required) this.diagnostics.truncatedRecord(this.expect.line, this.expect.text, 'the file ends before the message name/body');
    this.expect = undefined;
    return this.diagnostics;
  }

  // ----- records -----

  private start(name: string, line: number, format: TraceRecord['format'], body: Builder['body'], time: string | undefined, sync = false): void {
    if (this.builder) this.finish(this.builder);
    this.builder = { name, line, time, format, body, sync, attributes: {}, stack: [], complexOpen: false };
  }

  private finish(b: Builder): void {
    this.builder = undefined;
    this.lastEndedPsdk = b.body === 'psdk';
    if (b.truncated) this.diagnostics.truncatedRecord(b.line, b.name, b.truncated);
    this.diagnostics.records += 1;
    const thisDn = b.attributes.ThisDN;
    this.emit({
      kind: kindOf(b.name), name: b.name, attributes: b.attributes,
      ...(typeof thisDn === 'string' && thisDn ? { dn: thisDn } : {}),
      source: `${this.file}:${b.line}`, line: b.line, format: b.format,
      ...(b.time ? { time: b.time } : {}), ...(b.sync ? { sync: true } : {}), ...(b.truncated ? { truncated: b.truncated } : {}),
    });
  }

  private stamp(hms: string): string {
    return this.date ? `${this.date}T${hms}` : hms;
  }

  // ----- body lines -----

  /** True when the line belongs to the open record; false ends the record (the line is read again outside). */
  private bodyLine(b: Builder, line: string, lineNo: number): boolean {
    if (line.trim() === '') {
      this.finish(b);
      return true;
    }
    const { depth, text } = indentOf(line);
    if (b.body === 'tlib') {
      if (depth === 0) {
        this.finish(b);
        return false;
      }
      if (depth === 1) this.nativeAttribute(b, text, lineNo);
      else this.pair(b, depth, text, lineNo);
      return true;
    }
    return this.psdkLine(b, depth, text, lineNo);
  }

  private nativeAttribute(b: Builder, text: string, lineNo: number): void {
    b.stack = [];
    if (/^\(.*\)$/.test(text)) return; // free-text note before the attributes: `(DN is not configured in CME)`
    const m = RE.attribute.exec(text);
    if (!m?.[1]) {
      this.diagnostics.unknownLine(lineNo, text, text.trim() === '...' ? 'elided by whoever copied the log' : 'not an attribute line');
      return;
    }
    const name = attributeName(m[1]);
    this.setValue(b, name, nativeValue(name, m[2] ?? ''), 1, lineNo);
  }

  private setValue(b: Builder, name: string, parsed: Parsed, depth: number, lineNo: number): void {
    if ('cut' in parsed) {
      b.truncated = `line ${lineNo}: ${name}: ${parsed.cut}`;
      return;
    }
    if ('compound' in parsed) {
      const list: MutablePair[] = [];
      b.attributes[name] = list;
      b.stack = [{ depth, list }];
      return;
    }
    b.attributes[name] = parsed.value;
  }

  /** A KV pair at `depth`: it belongs to the innermost open list that started above it. */
  private pair(b: Builder, depth: number, text: string, lineNo: number): void {
    while (b.stack.length && (b.stack[b.stack.length - 1]?.depth ?? 0) >= depth) b.stack.pop();
    const parent = b.stack[b.stack.length - 1];
    const p = pairLine(text);
    if (!parent || !p) {
      this.diagnostics.unknownLine(lineNo, text, parent ? 'not a key-value pair' : 'a key-value pair outside any list');
      return;
    }
    if (p.kind === 'list') {
      const list: MutablePair[] = [];
      parent.list.push({ key: p.key, value: list });
      b.stack.push({ depth, list });
      if (p.rest) this.pair(b, depth + 1, p.rest, lineNo); // first child printed on the same line
      return;
    }
    if ('cut' in p.value) b.truncated = `line ${lineNo}: '${p.key}': ${p.value.cut}`;
    else if ('value' in p.value) parent.list.push({ key: p.key, value: p.value.value });
  }

  private psdkLine(b: Builder, depth: number, text: string, lineNo: number): boolean {
    if (depth > 0 && text.startsWith("'")) {
      this.pair(b, depth, text, lineNo);
      return true;
    }
    const complex = RE.psdkComplex.exec(text);
    if (complex && depth === 0) {
      b.stack = [];
      b.complexOpen = true;
      return true;
    }
    const m = RE.psdkAttribute.exec(text);
    if (!m || (depth > 0 && !b.complexOpen)) {
      if (depth > 0) {
        this.diagnostics.unknownLine(lineNo, text, 'not a .NET attribute line');
        return true;
      }
      this.finish(b);
      return false;
    }
    if (depth === 0) b.complexOpen = false; // members of a ComplexClass are indented and flattened
    const name = attributeName(m[1] ?? '');
    const value = m[3] ?? '';
    if (/^KVList:\s*$/.test(value)) this.setValue(b, name, { compound: true }, depth, lineNo);
    else this.setValue(b, name, psdkValue(m[2] ?? '', value, name), depth, lineNo);
    return true;
  }

  // ----- lines outside records -----

  /** The line after a Trc 04541/04542, `[BSYNC]` or .NET header line. */
  private fulfil(e: Expectation, line: string): boolean {
    this.expect = undefined;
    if (e.psdkName) {
      if (/^message attributes:\s*$/.test(line)) {
        this.start(e.psdkName, e.line, 'psdk', 'psdk', e.time);
        return true;
      }
      this.diagnostics.truncatedRecord(e.line, e.text, 'no "message attributes:" after the header');
      return false;
    }
    const m = RE.messageLine.exec(line);
    if (m?.[1]) {
      this.start(m[1], e.line, 'native', 'tlib', e.time, e.sync);
      return true;
    }
    if (e.required) this.diagnostics.truncatedRecord(e.line, e.text, 'no "message <Name>" line after the header');
    return false;
  }

  private outside(line: string, lineNo: number): void {
    if (line.trim() === '') {
      this.inSip = false;
      return;
    }
    if (this.recordStart(line, lineNo)) return;
    if (this.inSip) return; // raw SIP text (its `Event:` headers are not T-Library events)
    if (this.knownLine(line, lineNo)) return;
    if (!this.seenTimestamp && RE.banner.test(line)) {
      const d = RE.localTime.exec(line);
      if (d?.[1]) this.date = d[1];
      return;
    }
    this.diagnostics.unknownLine(lineNo, line);
  }

  private recordStart(line: string, lineNo: number): boolean {
    const at = RE.atHeader.exec(line);
    if (at) {
      this.seenTimestamp = true;
      const time = this.stamp(at[1] ?? '');
      if (at[3]) this.start(at[3], lineNo, 'native', 'tlib', time);
      else if (at[2] === 'BSYNC') this.expect = { line: lineNo, text: line, time, required: true, sync: true };
      return true;
    }
    const message = RE.messageLine.exec(line);
    if (message?.[1]) {
      this.start(message[1], lineNo, 'native', 'tlib', undefined);
      return true;
    }
    const client = RE.clientHeader.exec(line);
    if (client?.[2]) {
      this.start(client[2], lineNo, 'urs', 'tlib', this.timeOf(line));
      return true;
    }
    return this.psdkStart(line, lineNo);
  }

  private psdkStart(line: string, lineNo: number): boolean {
    const java = RE.javaHeader.exec(line);
    if (java?.[1]) {
      this.start(java[1], lineNo, 'psdk', 'psdk', this.timeOf(line));
      return true;
    }
    const net = RE.psdkHeader.exec(line);
    if (net?.[1]) {
      this.expect = { line: lineNo, text: line, time: this.timeOf(line), required: true, sync: false, psdkName: net[1] };
      return true;
    }
    return false;
  }

  private timeOf(line: string): string | undefined {
    const p = RE.psdkStamp.exec(line);
    if (p) return `${p[1] ?? ''}T${p[2] ?? ''}.${p[3] ?? ''}`;
    const s = RE.standard.exec(line);
    if (s) return s[1] ? `${s[1]}T${s[2] ?? ''}` : this.stamp(s[2] ?? '');
    return undefined;
  }

  /** Standard library lines, SIP Server internal lines, URS strategy lines: known, not records. */
  private knownLine(line: string, lineNo: number): boolean {
    const s = RE.standard.exec(line);
    if (s) {
      this.seenTimestamp = true;
      if (s[1]) this.date = s[1];
      const id = s[3];
      if (id === '04541' || id === '04542') {
        this.expect = { line: lineNo, text: line, time: this.timeOf(line), required: /\bRequest\w+ received from\b/.test(s[4] ?? ''), sync: false };
      }
      return true;
    }
    if (RE.timestamped.test(line) || RE.psdkStamp.test(line) || RE.ursTrace.test(line)) {
      this.seenTimestamp = true;
      if (RE.sipStart.test(line)) this.inSip = true;
      return true;
    }
    return false;
  }
}
