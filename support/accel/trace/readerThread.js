'use strict';
/**
 * The reading thread of readInWorker.ts: read a block of the file into a free slot of the shared
 * ring, tokenize its pieces (tokenizer.js) into the slot's token space, say so, and wait while the
 * ring is full. Plain JavaScript, so that the thread starts without a TypeScript loader (under
 * ts-node and under plain node alike); what it is given is readInWorker.ts's WorkerData.
 *
 * Control words (shared with the calling thread): 0 blocks consumed, 1 stop, 2 do not tokenize.
 * Each block is answered with `{ slot, pieces }`, seven numbers per piece (start, end, tokenized,
 * prefix end, suffix start, first word, last word); `{ slot: -1 }` at the end of the file.
 */
const threads = require('node:worker_threads');
const { readSync } = require('node:fs');
const { isAscii } = require('node:buffer');
const { createTokenizer } = require('./tokenizer.js');

const d = threads.workerData;
const ring = Buffer.from(d.ring);
const control = new Int32Array(d.control);
const tokenizer = createTokenizer();
const stride = tokenizer.layout.stride;
/** This thread's reading position: did the last piece read end a line? */
const reading = { lineEnded: true };

/** Waits until fewer than all slots are waiting to be read; false when told to stop. */
function free(produced) {
  for (let consumed = Atomics.load(control, 0); produced - consumed >= d.slots; consumed = Atomics.load(control, 0)) {
    if (Atomics.load(control, 1)) return false;
    Atomics.wait(control, 0, consumed, 1000);
  }
  return !Atomics.load(control, 1);
}

/** The pieces of the block in `slot` (`bytes` long), tokenized where they can be. */
function cut(slot, bytes) {
  const base = slot * d.block;
  const tokens = new Int32Array(d.tokens, slot * d.words * 4, d.words);
  const numbers = new Float64Array(d.numbers, slot * (d.words / stride) * 2 * 8, (d.words / stride) * 2);
  const pieces = new Int32Array(Math.ceil(bytes / d.piece) * d.fields);
  let word = 0;
  for (let at = 0, p = 0; at < bytes; at += d.piece, p += d.fields) {
    const piece = ring.subarray(base + at, base + Math.min(bytes, at + d.piece));
    const text = !Atomics.load(control, 2) && isAscii(piece) && piece.indexOf(13) === -1 ? piece.toString('latin1') : undefined;
    // A piece with an unreadable byte (trace/record.ts UNREADABLE) is the parser's to read.
    // eslint-disable-next-line no-control-regex -- control bytes on purpose
    const done = text !== undefined && !/[\x00-\x08\x0e-\x1f\x7f]/.test(text)
      ? tokenizer.tokenize(text, new DataView(d.ring, base + at, piece.length), reading.lineEnded, tokens, numbers, word, d.words)
      : undefined;
    pieces.set([at, at + piece.length, done ? 1 : 0, done?.prefixEnd ?? 0, done?.suffixStart ?? 0, word, done?.end ?? word], p);
    word = done?.end ?? word;
    reading.lineEnded = piece[piece.length - 1] === 10;
  }
  return pieces;
}

for (let produced = 0; free(produced); produced += 1) {
  const slot = produced % d.slots;
  const bytes = readSync(d.fd, ring, slot * d.block, d.block, null);
  if (bytes === 0) {
    threads.parentPort.postMessage({ slot: -1, pieces: new Int32Array(0) });
    break;
  }
  threads.parentPort.postMessage({ slot, pieces: cut(slot, bytes) });
}
