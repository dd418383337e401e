/**
 * Reading a trace file, streaming (a few chunks and one record in memory at a time): a Genesys log
 * (parsed by {@link LogParser}) or NDJSON (the output of `npm run trace`, bridge `event` messages,
 * or the harness's own observed-events attachments), or a desktop's browser console log
 * (./consoleLog.ts). The format is chosen by the first non-blank line: `{` means NDJSON, a console
 * line (DevTools' source tag, or WWE's `date time [LEVEL] [logger]`) a console log. This is the reference reader, on one thread; its fast path
 * (support/accel/traceReader.ts: a large file read on two threads, the same records and
 * diagnostics, sooner) is chosen in support/accel/index.ts.
 */
import { isAscii } from 'node:buffer';
import { open, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { normaliseAttributes } from '../model/event';
import { ConsoleLogReader, isConsoleLine } from './consoleLog';
import { LogParser } from './logParser';
import { envelopeOf, kindOf, TraceDiagnostics, type RawValue, type TraceRecord } from './record';

export interface ReadOptions {
  /** Shown in `source` (default: the file's base name). */
  readonly label?: string;
}

/** Read `path`, calling `onRecord` for each record in file order. Resolves with the diagnostics. */
export async function readTrace(path: string, onRecord: (r: TraceRecord) => void, options: ReadOptions = {}): Promise<TraceDiagnostics> {
  const sink = new TraceSink(options.label ?? basename(path), onRecord);
  const file = await open(path, 'r');
  try {
    await readHere(file, path, sink);
  } finally {
    await file.close();
  }
  return sink.end();
}

/** The file read on this thread, piece by piece into the sink. A read error is given as `<path>: could not read: <why>`. */
async function readHere(file: FileHandle, path: string, sink: TraceSink): Promise<void> {
  let next: Promise<{ bytesRead: number }> | undefined;
  const read = (into: Buffer): Promise<{ bytesRead: number }> => file.read(into, 0, READ, null).catch((e: unknown) => {
    throw new Error(`${path}: could not read: ${(e as Error).message}`, { cause: e });
  });
  try {
    // Two buffers, reused: the next block is read while this one is cut into lines.
    let spare = Buffer.allocUnsafe(READ);
    let current = Buffer.allocUnsafe(READ);
    next = read(current);
    for (;;) {
      const { bytesRead } = await next;
      if (bytesRead === 0) break;
      const filled = current;
      current = spare;
      spare = filled;
      next = read(current);
      for (let at = 0; at < bytesRead; at += PIECE) sink.text(filled, at, Math.min(bytesRead, at + PIECE));
    }
  } finally {
    // A read still running (the parser threw) must end before the file is closed.
    await next?.catch(() => undefined);
  }
}

/**
 * The file's pieces, in order, to lines and records: the first non-blank line chooses the reader
 * (`{`: NDJSON, else a Genesys log, made by {@link TraceSink.logParser}); text goes through
 * {@link LineSplitter}. (The fast path's sink extends this one with pieces already cut into tokens.)
 */
export class TraceSink {
  protected reader: NdjsonReader | ConsoleLogReader | LogParser | undefined;
  protected lineNo = 0;
  protected readonly decoder = new Utf8Chunks();
  protected readonly lines = new LineSplitter((text, start, end, plain, more) => this.line(text, start, end, plain, more));

  constructor(private readonly label: string, private readonly onRecord: (r: TraceRecord) => void) {}

  text(bytes: Buffer, start: number, end: number): void {
    this.lines.write(this.decoder.text(bytes, start, end));
  }

  end(): TraceDiagnostics {
    this.lines.write(this.decoder.end());
    this.lines.end();
    return this.reader?.end() ?? new TraceDiagnostics();
  }

  /** The parser of a Genesys log. */
  protected logParser(label: string, onRecord: (r: TraceRecord) => void): LogParser {
    return new LogParser(label, onRecord);
  }

  private line(text: string, start: number, end: number, plain: boolean, more: boolean): number {
    this.lineNo += 1;
    if (this.reader) {
      const resume = this.reader.pushRange(text, start, end, this.lineNo, plain, more);
      if (resume >= 0) this.lineNo = this.reader.lastLine;
      return resume;
    }
    const raw = text.slice(start, end);
    if (raw.replace(/^\uFEFF/, '').trim() === '') return -1;
    const first = raw.replace(/^\uFEFF/, '').trimStart();
    if (first.startsWith('{')) this.reader = new NdjsonReader(this.label, this.onRecord);
    else if (isConsoleLine(first)) this.reader = new ConsoleLogReader(this.label, this.onRecord);
    else this.reader = this.logParser(this.label, this.onRecord);
    this.reader.push(raw, this.lineNo, plain);
    return -1;
  }
}

/**
 * The file is read 1 MB at a time (each read is a trip through the event loop: at 64 KB those
 * trips cost ~190 ms over 200 MB, at 1 MB ~45 ms) and decoded 64 KB at a time: the text of a piece
 * stays an ordinary heap object. From 128 KB on, V8 puts each string in the large-object space
 * (its own mapping, freed by a full GC), which made decoding 5–8× slower (measured on the 200 MB
 * benchmark log: ~330 ms against ~60 ms).
 */
export const READ = 1 << 20;
export const PIECE = 1 << 16;

/**
 * UTF-8 bytes to text, chunk by chunk (a character split between two chunks is decoded whole; an
 * incomplete one at the end becomes U+FFFD), as the stream's own decoding did. While every chunk
 * has been ASCII, a chunk that is ASCII is copied as Latin-1, the same text ~8× faster.
 */
export class Utf8Chunks {
  private readonly decoder = new StringDecoder('utf8');
  /** Every chunk so far was ASCII: the decoder holds no partial character. */
  private allAscii = true;

  /** Every chunk so far was ASCII (so each character is one byte, and the text is the bytes). */
  get ascii(): boolean {
    return this.allAscii;
  }

  /** The text of `buffer`'s bytes from `start` to `end` (copied: the buffer may be reused). */
  text(buffer: Buffer, start: number, end: number): string {
    const chunk = buffer.subarray(start, end);
    if (this.allAscii && isAscii(chunk)) return chunk.toString('latin1');
    this.allAscii = false;
    return this.decoder.write(chunk);
  }

  end(): string {
    return this.decoder.end();
  }
}

/**
 * Cuts text arriving in chunks into lines the way readline (`crlfDelay: Infinity`) does: a line
 * ends at `\r\n`, `\n` or a lone `\r` (also when the `\r\n` pair is split across two chunks), the
 * terminator is not part of the line, and a last line without a terminator is still a line (an
 * empty one is not). A line is given as a range of the chunk it was found in (`text.slice(start,
 * end)`; a line across chunks is joined first), so a reader can look at it without cutting it out,
 * and with `plain`: it holds no line terminator at all (its chunk holds no U+2028/U+2029) and no
 * unreadable byte (record.ts UNREADABLE), which spares the parser looking for either in every line. With `more`, the lines after it in `text` are
 * each ended by a `\n` alone (a chunk without `\r`), and the reader may read on by itself: it
 * returns where the next line it has not read starts, or -1 when it read only the line given.
 */
// eslint-disable-next-line no-control-regex -- U+2028/U+2029 and record.ts UNREADABLE
const PLAIN_NOT = /[\u2028\u2029\x00-\x08\x0e-\x1f\x7f]/;

export class LineSplitter {
  /** The start of a line that has not ended yet (kept in parts: a very long line stays linear). */
  private pending: string[] = [];
  private pendingPlain = true;
  /** The chunk being cut holds no U+2028/U+2029. */
  private plain = true;
  /** The previous chunk ended with `\r`: a `\n` starting this one belongs to it. */
  private afterCr = false;

  constructor(private readonly onLine: (text: string, start: number, end: number, plain: boolean, more: boolean) => number) {}

  write(chunk: string): void {
    if (!chunk) return; // (a chunk that was only the start of a character)
    const from = this.afterCr && chunk.charCodeAt(0) === 10 ? 1 : 0;
    this.afterCr = false;
    this.plain = !PLAIN_NOT.test(chunk);
    const rest = chunk.includes('\r', from) ? this.crLines(chunk, from) : this.lfLines(chunk, from);
    if (rest < chunk.length) {
      this.pending.push(chunk.slice(rest));
      this.pendingPlain &&= this.plain;
    }
  }

  end(): void {
    const last = this.pending.join('');
    const plain = this.pendingPlain;
    this.pending = [];
    this.pendingPlain = true;
    if (last) this.onLine(last, 0, last.length, plain, false);
  }

  /** Returns where the reader resumed (see the class comment), or -1. */
  private line(text: string, start: number, end: number, more: boolean): number {
    if (this.pending.length === 0) return this.onLine(text, start, end, this.plain, more);
    this.pending.push(text.slice(start, end));
    const whole = this.pending.join('');
    const plain = this.pendingPlain && this.plain;
    this.pending = [];
    this.pendingPlain = true;
    this.onLine(whole, 0, whole.length, plain, false);
    return -1;
  }

  /** The usual case, `\n` only. Returns where the unfinished last line starts. */
  private lfLines(text: string, from: number): number {
    let start = from;
    for (let lf = text.indexOf('\n', start); lf !== -1; lf = text.indexOf('\n', start)) {
      const resume = this.line(text, start, lf, true);
      start = resume >= 0 ? resume : lf + 1;
    }
    return start;
  }

  private crLines(text: string, from: number): number {
    let start = from;
    let lf = text.indexOf('\n', start);
    let cr = text.indexOf('\r', start);
    while (lf !== -1 || cr !== -1) {
      if (cr === -1 || (lf !== -1 && lf < cr)) {
        this.line(text, start, lf, false);
        start = lf + 1;
        lf = text.indexOf('\n', start);
        continue;
      }
      this.line(text, start, cr, false);
      if (cr + 1 === text.length) {
        this.afterCr = true;
        return text.length;
      }
      start = text.charCodeAt(cr + 1) === 10 ? cr + 2 : cr + 1;
      cr = text.indexOf('\r', start);
      if (lf !== -1 && lf < start) lf = text.indexOf('\n', start);
    }
    return start;
  }
}

/** One JSON object per line; `name` + `attributes` required, the rest optional. */
/**
 * The kinds a line may state (`npm run trace` prints it; a recording states it, since messages of
 * other protocols — an IVR's CallStatus, TreatCall — are events that no name prefix tells apart
 * from requests); a line without one is told by its name ({@link kindOf}).
 */
const KINDS: ReadonlySet<unknown> = new Set<TraceRecord['kind']>(['event', 'request', 'other']);

export class NdjsonReader {
  private readonly diagnostics = new TraceDiagnostics();
  constructor(private readonly file: string, private readonly emit: (r: TraceRecord) => void) {}

  /** (Never reads more than the line it is given: see LineSplitter.) */
  readonly lastLine = 0;

  pushRange(text: string, start: number, end: number, lineNo: number): number {
    this.push(text.slice(start, end), lineNo);
    return -1;
  }

  push(raw: string, lineNo: number): void {
    this.diagnostics.lines += 1;
    const line = raw.replace(/^\uFEFF/, '').trim();
    if (!line) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      // A last line cut in the middle is the usual way an NDJSON trace is truncated.
      this.diagnostics.truncatedRecord(lineNo, line, 'not complete JSON');
      return;
    }
    const o = value as { name?: unknown; attributes?: unknown; dn?: unknown; time?: unknown; type?: unknown; kind?: unknown; source?: unknown; site?: unknown; participant?: unknown; protocol?: unknown; sender?: unknown };
    if (typeof o !== 'object' || o === null || typeof o.name !== 'string' || typeof o.attributes !== 'object' || o.attributes === null) {
      this.diagnostics.unknownLine(lineNo, line, 'not a {name, attributes} object');
      return;
    }
    this.diagnostics.records += 1;
    const envelope = envelopeOf(o);
    this.emit({
      kind: KINDS.has(o.kind) ? o.kind as TraceRecord['kind'] : kindOf(o.name), name: o.name, attributes: o.attributes as Record<string, RawValue>,
      ...(typeof o.dn === 'string' ? { dn: o.dn } : {}),
      source: `${this.file}:${lineNo}`, line: lineNo, format: 'ndjson',
      ...(typeof o.time === 'string' ? { time: o.time } : {}),
      ...(envelope ? { envelope } : {}),
    });
  }

  end(): TraceDiagnostics {
    return this.diagnostics;
  }
}

/** The `npm run trace` output line: normalised attributes (enum names, canonical attribute names). */
export function normalisedRecord(r: TraceRecord): { json: Record<string, unknown>; problems: string[] } {
  const { attributes, problems } = normaliseAttributes(r.attributes);
  return {
    json: {
      kind: r.kind, name: r.name, ...(r.dn ? { dn: r.dn } : {}), ...r.envelope, attributes, source: r.source,
      ...(r.time ? { time: r.time } : {}), ...(r.sync ? { sync: true } : {}), ...(r.truncated ? { truncated: r.truncated } : {}),
    },
    problems: problems.map((p) => `${r.source}: ${r.name}: ${p}`),
  };
}
