/**
 * Reading a large file on two threads: a worker (readerThread.js) reads the file into a ring of
 * shared blocks and tokenizes each 64 KB piece (tokenizer.js); the calling thread decodes the same bytes and builds
 * the records from the tokens, in file order, while the worker is already on the next block.
 *
 * One thread of JavaScript reads a native log at about 20× grep's time, and half of that is
 * finding lines, recognising attribute spellings and reading numbers (bench/RESULTS.md). Handing
 * finished records from one thread to the other costs more than making them (the structured
 * clone), so the worker hands over positions and numbers only, in shared memory.
 *
 * The worker never decides anything the parser would decide differently: a piece that is not
 * ASCII, holds a `\r` or an unreadable byte (record.ts UNREADABLE), or has more lines than the
 * token space is handed over as text, and a line it does not classify is read by the parser from
 * its text (see {@link TraceSink}).
 */
import { join } from 'node:path';
import { inspect } from 'node:util';
import { Worker } from 'node:worker_threads';
import { TOKEN_LAYOUT } from './tokenizer';

/** What the calling thread does with each piece of a block, in file order. */
export interface PieceSink {
  /** False once tokens are of no use (an NDJSON trace): the worker then only reads. */
  readonly wantsTokens: boolean;
  /** `bytes` from `start` to `end`, to be read as text (not tokenized). */
  text(bytes: Buffer, start: number, end: number): void;
  /** The same, tokenized: the tokens are `tokens` words `from`..`to` (see tokenizer.ts). */
  tokens(bytes: Buffer, start: number, end: number, cut: { prefixEnd: number; suffixStart: number }, tokens: Int32Array, numbers: Float64Array, from: number, to: number): void;
}

export interface WorkerSizes {
  /** Bytes read at once (a block of the ring). */
  readonly block: number;
  /** Bytes tokenized and decoded at once (≤ 64 KB keeps each piece's text an ordinary heap string). */
  readonly piece: number;
}

/** Blocks in the ring: the worker can be this far ahead. */
const SLOTS = 4;
const { stride: STRIDE } = TOKEN_LAYOUT;

interface WorkerData {
  readonly fd: number;
  readonly ring: SharedArrayBuffer;
  readonly control: SharedArrayBuffer;
  readonly tokens: SharedArrayBuffer;
  readonly numbers: SharedArrayBuffer;
  readonly slots: number;
  readonly block: number;
  readonly piece: number;
  /** Token words per slot. */
  readonly words: number;
  /** {@link PIECE_FIELDS}. */
  readonly fields: number;
}

/** Per piece of a block: start, end, tokenized (0/1), prefix end, suffix start, first word, last word. */
const PIECE_FIELDS = 7;

/** What the reading thread says of each block (control words: readerThread.js). */
interface BlockMessage {
  readonly slot: number;
  readonly pieces: Int32Array;
}

/** The reading thread's program: a real module file, plain JavaScript (see the file). */
export const READER_THREAD = join(__dirname, 'readerThread.js');

/**
 * Reads the open file `fd` (`path`, for messages) from its current position to its end, handing
 * each piece to `sink` in order. Rejects with the error of the sink as it is, with a read error as
 * `<path>: could not read: <why>`, or when the worker stops before the end of the file; the worker
 * is stopped first.
 */
export function readInWorker(fd: number, path: string, sink: PieceSink, sizes: WorkerSizes): Promise<void> {
  // Room for a line of every 16 bytes; a piece with more lines is handed over as text.
  const words = Math.ceil(sizes.block / 16) * STRIDE;
  const data: WorkerData = {
    fd, slots: SLOTS, block: sizes.block, piece: sizes.piece, words, fields: PIECE_FIELDS,
    ring: new SharedArrayBuffer(SLOTS * sizes.block), control: new SharedArrayBuffer(12),
    tokens: new SharedArrayBuffer(SLOTS * words * 4), numbers: new SharedArrayBuffer(SLOTS * (words / STRIDE) * 2 * 8),
  };
  const ring = Buffer.from(data.ring);
  const control = new Int32Array(data.control);
  const views = Array.from({ length: SLOTS }, (_, slot) => ({
    tokens: new Int32Array(data.tokens, slot * words * 4, words),
    numbers: new Float64Array(data.numbers, slot * (words / STRIDE) * 2 * 8, (words / STRIDE) * 2),
  }));
  return new Promise<void>((resolve, reject) => {
    let failure: Error | undefined;
    let ended = false;
    const worker = new Worker(READER_THREAD, { workerData: data, execArgv: [] });
    const stop = (e: unknown): void => {
      if (failure !== undefined || ended) return;
      failure = e instanceof Error ? e : new Error(inspect(e));
      Atomics.store(control, 1, 1);
      Atomics.notify(control, 0);
      void worker.terminate();
    };
    worker.on('message', (m: BlockMessage) => {
      if (failure !== undefined) return;
      if (m.slot < 0) {
        ended = true;
        return;
      }
      try {
        handBlock(m, ring, data.block, views, sink);
        if (!sink.wantsTokens) Atomics.store(control, 2, 1);
      } catch (e) {
        stop(e);
        return;
      }
      Atomics.add(control, 0, 1);
      Atomics.notify(control, 0);
    });
    const unreadable = (e: unknown): void => { stop(new Error(`${path}: could not read: ${e instanceof Error ? e.message : inspect(e)}`, { cause: e })); };
    worker.on('error', unreadable);
    worker.on('messageerror', unreadable);
    worker.on('exit', (code) => {
      if (failure !== undefined) reject(failure);
      else if (!ended) reject(new Error(`${path}: could not read: the reading thread stopped (exit code ${String(code)}) before the end of the file`));
      else resolve();
    });
  });
}

/** The pieces of one block, to the sink, in order. */
function handBlock(m: BlockMessage, ring: Buffer, block: number, views: readonly { tokens: Int32Array; numbers: Float64Array }[], sink: PieceSink): void {
  const view = views[m.slot];
  if (!view) throw new Error(`the reading thread named block slot ${String(m.slot)} of ${String(views.length)}`);
  const base = m.slot * block;
  const { tokens, numbers } = view;
  const p = m.pieces;
  for (let i = 0; i + PIECE_FIELDS <= p.length; i += PIECE_FIELDS) {
    const start = base + (p[i] ?? 0);
    const end = base + (p[i + 1] ?? 0);
    if (p[i + 2]) sink.tokens(ring, start, end, { prefixEnd: p[i + 3] ?? 0, suffixStart: p[i + 4] ?? 0 }, tokens, numbers, p[i + 5] ?? 0, p[i + 6] ?? 0);
    else sink.text(ring, start, end);
  }
}
