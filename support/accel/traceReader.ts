/**
 * The fast path of reading a trace file (reference: readTrace in support/trace/read.ts, one
 * thread, LogParser), chosen in ./index.ts.
 *
 * One thread of JavaScript reads a native log at about 20× grep's time, and half of that is
 * finding lines, recognising attribute spellings and reading numbers (bench/RESULTS.md, target
 * (b)). A file of {@link WORKER_FROM} bytes or more is read on two threads instead: a worker reads
 * and tokenizes it (trace/readInWorker.ts, trace/readerThread.js, trace/tokenizer.js) while this
 * thread builds the records from the tokens (trace/tokenParser.ts), each record's object made by a
 * literal compiled for its shape (objectLiteral.ts). A smaller file is read by the reference (a
 * thread costs ~20 ms to start). The contract: the same records and diagnostics as the reference,
 * in the same order (support/trace/read.spec.ts).
 */
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { LogParser } from '../trace/logParser';
import { PIECE, READ, readTrace as readOnOneThread, TraceSink, type ReadOptions } from '../trace/read';
import type { TraceDiagnostics, TraceRecord } from '../trace/record';
import { readInWorker, type PieceSink, type WorkerSizes } from './trace/readInWorker';
import { TokenLogParser } from './trace/tokenParser';

export interface FastReadOptions extends ReadOptions {
  /** Read on two threads (default: for files of {@link WORKER_FROM} bytes or more). */
  readonly worker?: boolean;
  /** The worker's block and piece sizes (tests make them small, to cut lines everywhere). */
  readonly workerSizes?: WorkerSizes;
}

/** Files from this size on are read with a worker thread (starting one costs ~20 ms). */
export const WORKER_FROM = 8 << 20;

/** Read `path`, calling `onRecord` for each record in file order. Resolves with the diagnostics. */
export async function readTrace(path: string, onRecord: (r: TraceRecord) => void, options: FastReadOptions = {}): Promise<TraceDiagnostics> {
  const worker = options.worker ?? (await stat(path)).size >= WORKER_FROM;
  if (!worker) return readOnOneThread(path, onRecord, options);
  const sink = new TokenSink(options.label ?? basename(path), onRecord);
  const file = await open(path, 'r');
  try {
    await readInWorker(file.fd, path, sink, options.workerSizes ?? { block: READ, piece: PIECE });
  } finally {
    await file.close();
  }
  return sink.end();
}

/**
 * The reference's sink, with pieces the worker tokenized: their whole lines are read from the
 * tokens by the token parser, the line begun in the piece before and the one left unfinished still
 * through the line splitter.
 */
class TokenSink extends TraceSink implements PieceSink {
  get wantsTokens(): boolean {
    return this.reader === undefined || this.reader instanceof TokenLogParser;
  }

  tokens(bytes: Buffer, start: number, end: number, cut: { prefixEnd: number; suffixStart: number }, tokens: Int32Array, numbers: Float64Array, from: number, to: number): void {
    const text = this.decoder.text(bytes, start, end);
    const reader = this.reader;
    if (!this.decoder.ascii || !(reader instanceof TokenLogParser)) {
      this.lines.write(text);
      return;
    }
    if (cut.prefixEnd > 0) this.lines.write(text.slice(0, cut.prefixEnd));
    this.lineNo = reader.tokenLines(text, tokens, numbers, from, to, this.lineNo + 1);
    if (cut.suffixStart < text.length) this.lines.write(text.slice(cut.suffixStart));
  }

  protected override logParser(label: string, onRecord: (r: TraceRecord) => void): LogParser {
    return new TokenLogParser(label, onRecord);
  }
}
