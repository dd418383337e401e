/**
 * A line-at-a-time parser for T-Library dumps in Genesys logs (log-formats.md §6 checklist):
 * native T-Server/SIP Server logs (`@hh:mm:ss.ffff [n] ver fn: message EventX` and the
 * `Trc 04541/04542` + `message X` form, `[BSYNC]` HA copies), URS/ORS client dumps
 * (`received from … message X`, `request to … message X`, and the one-line summaries
 * `Trc 04541 Message EventX received from 'App@DN'` / `Int 04543 Interaction message "EventX"
 * received from … ("App@DN")` of events with no dump), routing-library messages
 * (`RLIB: received from … message RequestInvoke(…)`, kept as `other`, not T-Library) and .NET
 * Platform SDK dumps (`'EventOnHook' ('87')` + `message attributes:` + `Name [type] = value`). A
 * copy of a log commented out line by line (`# ` or `// ` before every line, as in source code) is
 * read as the log.
 *
 * It holds one record at a time (constant memory for any file size). Every line is either part of
 * a record, a known kind of log line, or counted as unknown with its line number; records cut off
 * or damaged (an unreadable line inside, unreadable bytes, a KV list whose pair count differs from
 * its `[n] 00 NN` header, attribute lines whose header is lost) are reported as truncated, and
 * message names no model knows are counted. It never throws on input.
 */
import { nativeHeader, nativeHeaderAt, type Header } from './nativeHeader';
import { ShapeTrie } from './shape';
import { DayClock } from './dayClock';
import { TraceDiagnostics, UNREADABLE, type RawValue, type TraceRecord } from './record';
import { RecordOut } from './recordOut';
import { attributeName, nativeScalar, nativeValueOf, pairLine, psdkValue, remember, seenAt, valueStart, type Parsed, type Seen } from './values';
import { blankFrom, isBlank, isLetter, LINE_TERMINATOR, RE, rlibPair, uncommented, type Builder, type Expectation, type MutablePair, type PendingSummary } from './logLines';

export type { Builder } from './logLines';

export class LogParser {
  readonly diagnostics = new TraceDiagnostics();
  protected builder: Builder | undefined;
  protected expect: Expectation | undefined;
  private readonly clock = new DayClock();
  private inSip = false;
  private seenTimestamp = false;
  protected lastEndedPsdk = false;
  /** The line being read holds no line terminator (see {@link push}). */
  protected plain = false;
  private lastLineNo = 0;
  /** The prefix every line of a commented-out copy starts with (`#`, `//`), once the first line showed one. */
  private comment: string | undefined;
  /** Inside a run of attribute lines with no record open (reported once per run). */
  private orphans = false;
  private pendingSummary: PendingSummary | undefined;
  /** The name of the record the line being read ended (a summary right after its dump repeats it). */
  private endedByLine: string | undefined;
  private readonly out: RecordOut;

  private readonly shapes = this.shapeTrie();
  private readonly values: RawValue[] = [];

  constructor(file: string, emit: (record: TraceRecord) => void) {
    this.out = new RecordOut(file, this.diagnostics, emit);
    const d = RE.fileDate.exec(file);
    if (d) this.clock.set(`${d[1] ?? ''}-${d[2] ?? ''}-${d[3] ?? ''}`, `${d[4] ?? ''}:${d[5] ?? ''}:${d[6] ?? ''}`);
  }

  /** The trie of the records' shapes (the fast path's parser gives one that compiles literals). */
  protected shapeTrie(): ShapeTrie {
    return new ShapeTrie();
  }

  /**
   * One line (its terminator removed or not). `plain`: the caller knows the line holds no line
   * terminator (`\n`, `\r`, U+2028, U+2029), as lines cut by readTrace's splitter from a chunk
   * without U+2028/U+2029; otherwise it is looked for here. On plain lines, the common shapes are
   * read without regular expressions (`.` in them does not match a terminator).
   */
  push(rawLine: string, lineNo: number, plain = false): void {
    this.read(rawLine, lineNo, plain, true);
  }

  protected read(rawLine: string, lineNo: number, plain: boolean, tryKnown: boolean): void {
    const pending = this.pendingSummary;
    this.readLine(rawLine, lineNo, plain, tryKnown);
    // A summary not followed by a dump of its event (start() sees that one) is the event's only trace.
    if (pending && this.pendingSummary === pending) this.emitSummary(pending);
  }

  /** The line without its CR, the BOM of line 1, and the comment prefix of a commented-out copy. */
  private text(rawLine: string, lineNo: number): string {
    const unCr = rawLine.charCodeAt(rawLine.length - 1) === 13 ? rawLine.slice(0, -1) : rawLine;
    const line = lineNo === 1 ? unCr.replace(/^\uFEFF/, '') : unCr;
    if (this.diagnostics.lines === 1) this.comment = RE.comment.exec(line)?.[1];
    return uncommented(line, this.comment);
  }

  private readLine(rawLine: string, lineNo: number, plain: boolean, tryKnown: boolean): void {
    this.diagnostics.lines += 1;
    const line = this.text(rawLine, lineNo);
    if (UNREADABLE.test(line)) {
      this.unreadable(line, lineNo);
      return;
    }
    this.plain = plain || !LINE_TERMINATOR.test(line);
    const b = this.builder;
    this.endedByLine = b?.name;
    if (b && ((tryKnown && b.body === 'tlib' && this.plain && this.knownAttribute(b, line, 0, line.length, lineNo)) || this.bodyLine(b, line, lineNo))) return;
    const psdkTrailer = this.lastEndedPsdk;
    this.lastEndedPsdk = false;
    if (this.expect && this.fulfil(this.expect, line)) return;
    if (psdkTrailer && line.startsWith('. ')) return;
    this.outside(line, lineNo);
  }

  /**
   * A line with bytes no log line holds (see UNREADABLE): never read as log text. Inside a record
   * the record is damaged; a header waiting for its `message` line does not get it.
   */
  private unreadable(line: string, lineNo: number): void {
    if (this.builder) this.builder.truncated ??= `line ${lineNo}: unreadable bytes inside the record`;
    if (this.expect) this.fulfil(this.expect, '');
    this.lastEndedPsdk = false;
    this.diagnostics.unknownLine(lineNo, line, 'unreadable bytes (binary data in the log)');
  }

  /**
   * `push(text.slice(start, end), lineNo, plain)`, for a line that is a range of a larger text
   * (the chunk it was found in). The two most common lines of a native log are read from the text
   * in place, without cutting the line out and looking at it shape by shape: an attribute of the
   * open record (`<TAB>Name<TAB>value` with a name read before) and a native header
   * (`@hh:mm:ss.f [0] …: message EventX`); any other line goes through push. With `more` (see
   * LineSplitter in read.ts) the lines that follow are read on here for as long as they are of
   * those two kinds; returns where the next line not read starts, or -1 when only this line was read.
   */
  pushRange(text: string, start: number, end: number, lineNo: number, plain: boolean, more = false): number {
    // What push would see: not the first line (BOM), a line without terminators.
    if (plain && lineNo !== 1 && this.inPlace(text, start, end, lineNo)) {
      this.diagnostics.lines += 1;
      return more ? this.moreLines(text, end + 1, lineNo + 1) : -1;
    }
    this.read(start === 0 && end === text.length ? text : text.slice(start, end), lineNo, plain, false);
    return -1;
  }

  /** The number of the last line read by {@link pushRange}. */
  get lastLine(): number {
    return this.lastLineNo;
  }

  /** Reads the plain line `text.slice(start, end)` in place when it is one of the two common kinds. */
  private inPlace(text: string, start: number, end: number, lineNo: number): boolean {
    const b = this.builder;
    if (b?.body === 'tlib' && this.knownAttribute(b, text, start, end, lineNo)) return true;
    return text.charCodeAt(start) === 64 && this.headerInPlace(b, text, start, end, lineNo);
  }

  /**
   * The lines of `text` from `start` on (each ended by a `\n` alone) for as long as they are read
   * in place: one loop instead of a call per line. Returns where the first line it did not read starts.
   */
  private moreLines(text: string, start: number, lineNo: number): number {
    let from = start;
    let n = lineNo;
    for (let lf = text.indexOf('\n', from); lf !== -1 && this.inPlace(text, from, lf, n); lf = text.indexOf('\n', from)) {
      from = lf + 1;
      n += 1;
    }
    this.diagnostics.lines += n - lineNo;
    this.lastLineNo = n - 1;
    return from;
  }

  /**
   * A native header line read in place, doing what {@link read} does with it (the open T-Library
   * record ends, the header starts the next one or announces a `[BSYNC]` copy). False, having
   * changed nothing, when another path must decide: a line expected after the previous one, an
   * open .NET record, or a line {@link nativeHeaderAt} does not read by itself.
   */
  private headerInPlace(b: Builder | undefined, text: string, start: number, end: number, lineNo: number): boolean {
    if (this.expect || (b && b.body !== 'tlib')) return false;
    const at = nativeHeaderAt(text, start, end);
    if (!at) return false;
    this.plain = true;
    if (b) this.finish(b);
    this.lastEndedPsdk = false;
    this.header(at, lineNo, text, start, end);
    return true;
  }

  /** The time, tag and name of a native header line: a record starts, or a `[BSYNC]` copy is announced. */
  protected header(at: Header, lineNo: number, text: string, start: number, end: number): void {
    this.seenTimestamp = true;
    this.orphans = false;
    const time = this.clock.stamp(at[0]);
    if (at[2]) this.start(at[2], lineNo, 'native', 'tlib', time);
    else if (at[1] === 'BSYNC') this.expect = { line: lineNo, text: text.slice(start, end), time, required: true, sync: true };
  }

  end(): TraceDiagnostics {
    if (this.builder) this.finish(this.builder);
    if (this.pendingSummary) this.emitSummary(this.pendingSummary);
    if (this.expect?.required) this.diagnostics.truncatedRecord(this.expect.line, this.expect.text, 'the file ends before the message name/body');
    this.expect = undefined;
    return this.diagnostics;
  }

  // ----- records -----

  private start(name: string, line: number, format: TraceRecord['format'], body: Builder['body'], time: string | undefined, sync = false): void {
    if (this.builder) this.finish(this.builder);
    this.orphans = false;
    const pending = this.pendingSummary;
    if (pending) {
      // The dump of the summarised event follows it: the dump is the record.
      if (pending.name === name) this.pendingSummary = undefined;
      else this.emitSummary(pending);
    }
    // One values array for all records: a record's values are copied into its object when it ends,
    // before the next one starts.
    this.builder = { name, line, time, format, body, sync, shape: this.shapes.root(name), values: this.values, stack: [], complexOpen: false };
  }

  protected finish(b: Builder): void {
    this.builder = undefined;
    this.lastEndedPsdk = b.body === 'psdk';
    this.out.record(b);
  }

  private emitSummary(summary: PendingSummary): void {
    this.pendingSummary = undefined;
    this.out.summary(summary);
  }

  // ----- body lines -----

  /** True when the line belongs to the open record; false ends the record (the line is read again outside). */
  private bodyLine(b: Builder, line: string, lineNo: number): boolean {
    // The indentation is the nesting depth. Copies from blogs/comments turned TABs into runs of
    // spaces (checklist 3): 4 spaces ≈ 1 TAB.
    let lead = 0;
    let tabs = 0;
    for (; lead < line.length; lead++) {
      const c = line.charCodeAt(lead);
      if (c === 9) tabs += 1;
      else if (c !== 32) break;
    }
    if (blankFrom(line, lead)) {
      this.finish(b);
      return true;
    }
    if (b.body === 'rlib') return this.rlibLine(b, line);
    const depth = tabs + Math.ceil((lead - tabs) / 4);
    if (b.body === 'tlib') {
      if (depth === 0) {
        this.finish(b);
        return false;
      }
      if (depth === 1) this.nativeAttribute(b, line, lead, lineNo);
      else this.pair(b, depth, line.slice(lead), lineNo);
      return true;
    }
    return this.psdkLine(b, depth, line.slice(lead), lineNo);
  }

  /** A routing-library body line, `name(id)<TAB>value`; anything else ends the record. */
  private rlibLine(b: Builder, line: string): boolean {
    const pair = rlibPair(line);
    if (pair) this.put(b, pair[0], pair[1]);
    else this.finish(b);
    return pair !== undefined;
  }

  /** `line` from `lead` on is the attribute line without its indentation. */
  private nativeAttribute(b: Builder, line: string, lead: number, lineNo: number): void {
    if (b.stack.length) b.stack = [];
    // A free-text note before the attributes: `(DN is not configured in CME)`.
    if (line.charCodeAt(lead) === 40 && /^\(.*\)$/.test(line.slice(lead))) return;
    RE.attribute.lastIndex = lead;
    const m = RE.attribute.exec(line);
    if (!m?.[1]) {
      const text = line.slice(lead);
      const elided = text.trim() === '...';
      // An elision is a person's; any other line that is no attribute is a damaged record.
      if (!elided) b.truncated ??= `line ${lineNo}: an unreadable line inside the record`;
      this.diagnostics.unknownLine(lineNo, text, elided ? 'elided by whoever copied the log' : 'not an attribute line');
      return;
    }
    const info = remember(m[1]);
    this.setValue(b, info.name, nativeValueOf(info.name, info.kind, m[2] ?? ''), 1, lineNo);
  }

  /**
   * The fast path of {@link nativeAttribute} for the plain line `text.slice(start, end)` (so no CR
   * to remove): a single TAB, a name seen before, blanks, the value (so: not blank, depth 1, no
   * `(note)`). False, having changed nothing, for any other line.
   */
  private knownAttribute(b: Builder, text: string, start: number, end: number, lineNo: number): boolean {
    const predicted = b.shape.nextSeen;
    let from = predicted ? valueStart(predicted, text, start, end) : -1;
    let seen = predicted;
    if (from < 0) {
      seen = this.lookUpSeen(b, text, start, end);
      if (!seen) return false;
      from = valueStart(seen, text, start, end);
    }
    if (b.stack.length) b.stack = [];
    const { name, kind } = (seen as Seen).info;
    const scalar = nativeScalar(name, kind, text, from, end);
    if (scalar === undefined) this.setValue(b, name, nativeValueOf(name, kind, text.slice(from, end)), 1, lineNo);
    else this.put(b, name, scalar);
    return true;
  }

  /** The seen spelling of the line by its slot; remembered as the one that follows the record's shape. */
  private lookUpSeen(b: Builder, text: string, start: number, end: number): Seen | undefined {
    if (text.charCodeAt(start) !== 9 || !isLetter(text.charCodeAt(start + 1))) return undefined;
    const seen = seenAt(text, start, end);
    if (!seen) return undefined;
    b.shape.nextSeen = seen;
    return seen;
  }

  protected setValue(b: Builder, name: string, parsed: Parsed, depth: number, lineNo: number): void {
    if ('cut' in parsed) {
      b.truncated = `line ${lineNo}: ${name}: ${parsed.cut}`;
      return;
    }
    if ('compound' in parsed) {
      const list: MutablePair[] = [];
      this.put(b, name, list);
      b.stack = [{ depth, list }];
      if (parsed.pairs !== undefined) (b.counted ??= []).push({ name, line: lineNo, pairs: parsed.pairs, list });
      return;
    }
    this.put(b, name, parsed.value);
  }

  protected put(b: Builder, name: string, value: RawValue): void {
    const step = b.shape.step(name);
    b.shape = step.shape;
    b.values[step.slot] = value;
  }

  /** A KV pair at `depth`: it belongs to the innermost open list that started above it. */
  private pair(b: Builder, depth: number, text: string, lineNo: number): void {
    while (b.stack.length && (b.stack[b.stack.length - 1]?.depth ?? 0) >= depth) b.stack.pop();
    const parent = b.stack[b.stack.length - 1];
    const p = pairLine(text, this.plain);
    if (!parent || !p) {
      b.truncated ??= `line ${lineNo}: ${parent ? 'an unreadable key-value pair' : 'a key-value pair outside any list'}`;
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
        b.truncated ??= `line ${lineNo}: an unreadable line inside the record`;
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
    const m = line.startsWith('message ') ? RE.messageLine.exec(line) : null;
    if (m?.[1]) {
      this.start(m[1], e.line, 'native', 'tlib', e.time, e.sync);
      return true;
    }
    if (e.required) this.diagnostics.truncatedRecord(e.line, e.text, 'no "message <Name>" line after the header');
    return false;
  }

  private outside(line: string, lineNo: number): void {
    const orphans = this.orphans;
    this.orphans = false;
    if (isBlank(line)) {
      this.inSip = false;
      return;
    }
    if (this.recordStart(line, lineNo)) return;
    if (this.inSip) return; // raw SIP text (its `Event:` headers are not T-Library events)
    if (this.knownLine(line, lineNo)) return;
    if (!this.seenTimestamp && RE.banner.test(line)) {
      const d = RE.localTime.exec(line);
      if (d?.[1]) this.clock.set(d[1], d[2]);
      return;
    }
    if ((line.charCodeAt(0) === 9 || line.charCodeAt(0) === 32) && RE.bodyLike.test(line)) {
      // The body of a record whose header line is lost (damaged, or cut by a copy): one damaged record per run of such lines.
      if (!orphans) this.diagnostics.truncatedRecord(lineNo, line, 'attribute lines without a message header (the header is damaged or missing)');
      this.orphans = true;
    }
    this.diagnostics.unknownLine(lineNo, line);
  }

  // Each expression below runs only on lines that have a character or substring it requires: most
  // lines of a log are none of these, and trying every expression on each was most of the time.
  private recordStart(line: string, lineNo: number): boolean {
    const at = line.charCodeAt(0) === 64 ? this.atHeader(line) : undefined;
    if (at) {
      this.header(at, lineNo, line, 0, line.length);
      return true;
    }
    const message = line.startsWith('message ') ? RE.messageLine.exec(line) : null;
    if (message?.[1]) {
      this.start(message[1], lineNo, 'native', 'tlib', undefined);
      return true;
    }
    const rlib = line.includes('RLIB: ') ? RE.rlib.exec(line) : null;
    if (rlib?.[1]) {
      this.start(rlib[1], lineNo, 'urs', 'rlib', this.timeOf(line));
      return true;
    }
    const client = line.includes(' message ') ? RE.clientHeader.exec(line) : null;
    if (client?.[2]) {
      this.start(client[2], lineNo, 'urs', 'tlib', this.timeOf(line));
      return true;
    }
    return this.psdkStart(line, lineNo);
  }

  /** RE.atHeader's time, tag and name; on a plain line read by hand ({@link nativeHeader}). */
  private atHeader(line: string): Header | undefined {
    const quick = this.plain ? nativeHeader(line) : null;
    if (quick !== null) return quick;
    const at = RE.atHeader.exec(line);
    return at ? [at[1] ?? '', at[2] ?? '', at[3]] : undefined;
  }

  private psdkStart(line: string, lineNo: number): boolean {
    const java = line.includes("message='") ? RE.javaHeader.exec(line) : null;
    if (java?.[1]) {
      this.start(java[1], lineNo, 'psdk', 'psdk', this.timeOf(line));
      return true;
    }
    const net = line.includes("' ('") ? RE.psdkHeader.exec(line) : null;
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
    if (s) return this.standardTime(s);
    const t = RE.leadingTime.exec(line);
    return t ? (t[1] ? `${t[1]}T${t[2] ?? ''}` : this.clock.stamp(t[2] ?? '')) : undefined;
  }

  /** The time of a line read by the standard-line expression: its own date, else the log's. */
  private standardTime(s: RegExpExecArray): string {
    return s[1] ? `${s[1]}T${s[2] ?? ''}` : this.clock.stamp(s[2] ?? '');
  }

  /**
   * A URS/ORS event summary (`Trc 04541 Message EventX received from 'App@DN'`, `Int 04543
   * Interaction message "EventX" received from … ("App@DN")`): right after the dump of the same
   * event it repeats it; otherwise the dump may follow (start() then drops the summary), or it is
   * all there is of the event.
   */
  private summaryLine(id: string | undefined, rest: string, lineNo: number, s: RegExpExecArray): boolean {
    const summary = id === '04541' ? RE.ursSummary.exec(rest) : id === '04543' ? RE.interactionSummary.exec(rest) : null;
    if (!summary?.[1] || !summary[2]) return false;
    if (this.pendingSummary) this.emitSummary(this.pendingSummary);
    if (this.endedByLine !== summary[1]) this.pendingSummary = { name: summary[1], dn: summary[2], line: lineNo, time: this.standardTime(s) };
    return true;
  }

  /** Standard library lines, SIP Server internal lines, URS strategy lines: known, not records. */
  private knownLine(line: string, lineNo: number): boolean {
    const first = line.charCodeAt(0);
    const digit = first >= 48 && first <= 57;
    // All of these start with a time or a date, except the `_I_…` URS trace lines.
    if (!digit && first !== 95) return false;
    const s = digit ? RE.standard.exec(line) : null;
    if (s) {
      this.seenTimestamp = true;
      if (s[1]) this.clock.set(s[1], s[2]);
      const id = s[3];
      const rest = s[4] ?? '';
      if (this.summaryLine(id, rest, lineNo, s)) return true;
      if (id === '04541' || id === '04542') {
        // timeOf(line), without reading the line again: a standard line is no .NET stamp line.
        this.expect = { line: lineNo, text: line, time: this.standardTime(s), required: /\bRequest\w+ received from\b/.test(rest), sync: false };
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
