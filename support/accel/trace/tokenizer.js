'use strict';
/**
 * The tokenizer of the two-thread log reader (see readInWorker.ts): it cuts a piece of a native
 * log into lines and says, for each, whether it is one of the lines that make up nearly all of a
 * native log — an attribute line (`<TAB>AttributeName<TABs>value`), a native header ending with
 * its message name (`@hh:mm:ss.f [0] …: message EventX`) or a UserData pair (`<TAB><TAB>'key'
 * <TAB>value`) — and where its parts are. It also reads the value's number, the way values.ts
 * would. The parser on the reading thread then only looks at these tokens to build records; any
 * line not classified here is read there, by the parser's own path, from its text. So what a token
 * says must be exactly what that path would find (read.spec.ts checks records and diagnostics
 * against the one-thread reader, tokenizer.spec.ts the number readers against values.ts).
 *
 * Plain JavaScript (its types are in tokenizer.d.ts): the reading thread (readerThread.js) loads it
 * without a TypeScript loader, under ts-node and under plain node alike.
 */

/**
 * values.ts hexAt: `/^[0-9a-fA-F]+$/` and `parseInt(…, 16)` on `text.slice(start, end)` when the
 * number has at most 13 significant digits; NaN otherwise. A copy, so that the thread needs nothing
 * but this file; tokenizer.spec.ts holds it to the original.
 */
function hexAt(text, start, end) {
  let i = start;
  while (i < end - 1 && text.charCodeAt(i) === 48) i += 1;
  if (end - i > 13) return NaN;
  let sum = 0;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    const lower = c | 32; // A–F to a–f (and nothing else into a–f)
    const d = c >= 48 && c <= 57 ? c - 48 : lower >= 97 && lower <= 102 ? lower - 87 : -1;
    if (d < 0) return NaN;
    sum = sum * 16 + d;
  }
  return sum;
}

/** values.ts integerAt: `/^-?\d+$/` on `text.slice(start, end)` (at most 15 digits) → the number; NaN otherwise. A copy, as {@link hexAt}. */
function integerAt(text, start, end) {
  const negative = text.charCodeAt(start) === 45;
  let i = negative ? start + 1 : start;
  if (i >= end || end - i > 15) return NaN;
  let sum = 0;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return NaN;
    sum = sum * 10 + (c - 48);
  }
  return negative ? -sum : sum;
}

const STRIDE = 6;
const [OTHER, ATTRIBUTE, HEADER, PAIR] = [0, 1, 2, 3];
/** A pair's value: as text, `'quoted'`/`"quoted"`, an integer, empty; the value's start above these bits. */
const [PAIR_TEXT, PAIR_QUOTED, PAIR_INT, PAIR_EMPTY, PAIR_SHIFT] = [0, 1, 2, 3, 4];
const [VISIBLE, QUOTE, QUOTED, BRACKET, INT, HEX, LENGTH_SHIFT] = [1, 2, 4, 8, 16, 32, 8];
/** Distinct spellings and names given an id, at most (past it, a new one is left to the parser). */
const LIMIT = 4096;
const MESSAGE = ': message ';

/**
 * Ids of words (attribute spellings, message names): a direct-mapped table by the length and
 * three characters, each entry checked against the bytes four at a time (a native match or
 * `startsWith` cost ~100 ns a line, most of the tokenizer's time), in front of a Map.
 */
class Words {
  constructor() {
    this.ids = new Map();
    /** Each word's bytes, four to an Int32 (little-endian), the last one padded with zeros. */
    this.packed = [];
    this.lengths = [];
    this.slots = new Int32Array(1024).fill(-1);
  }

  /** The id of `text.slice(a, e)` if the table holds it (its bytes are `bytes`, a view of the same text). Else -1. */
  cached(text, bytes, a, e) {
    const n = e - a;
    const id = this.slots[this.slot(text, a, e)] ?? -1;
    if (id < 0 || this.lengths[id] !== n) return -1;
    const packed = this.packed[id];
    let k = 0;
    for (; k + 4 <= n; k += 4) if (bytes.getInt32(a + k, true) !== packed[k >> 2]) return -1;
    for (let shift = 0; k < n; k += 1, shift += 8) if (bytes.getUint8(a + k) !== (((packed[k >> 2] ?? 0) >>> shift) & 255)) return -1;
    return id;
  }

  /** The id of the word `text.slice(a, e)` (not empty): new or known. -1 past the limit. */
  id(text, a, e) {
    const key = text.slice(a, e);
    let id = this.ids.get(key);
    if (id === undefined) {
      if (this.lengths.length >= LIMIT) return -1;
      id = this.lengths.length;
      // A copy: the key is cut from the piece, which it would keep alive.
      this.ids.set(Buffer.from(key, 'latin1').toString('latin1'), id);
      const padded = Buffer.alloc(Math.ceil(key.length / 4) * 4);
      padded.write(key, 'latin1');
      this.packed.push(Int32Array.from({ length: padded.length / 4 }, (_, i) => padded.readInt32LE(i * 4)));
      this.lengths.push(key.length);
    }
    this.slots[this.slot(text, a, e)] = id;
    return id;
  }

  slot(text, a, e) {
    const n = e - a;
    return (n * 131 + text.charCodeAt(e - 1) * 31 + text.charCodeAt(a + (n >> 1)) * 7 + text.charCodeAt(a + ((n * 3) >> 2))) & 1023;
  }

  /** The length of word `id`. */
  length(id) {
    return this.lengths[id] ?? 0;
  }
}

const isWord = (c) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isLetter = (c) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** The flags of the value `text.slice(from, end)`; its two readings go to `numbers[n]`, `numbers[n + 1]`. */
function value(text, from, end, numbers, n) {
  if (from >= end) return 0;
  const first = text.charCodeAt(from);
  const last = text.charCodeAt(end - 1);
  if (!(first > 32 && first < 127 && last > 32 && last < 127)) return 0;
  if (first === 39) return VISIBLE | QUOTE | (end - from >= 2 && last === 39 ? QUOTED : 0);
  if (first === 91) return VISIBLE | BRACKET;
  const int = integerAt(text, from, end);
  const hex = hexAt(text, from, end);
  numbers[n] = int;
  numbers[n + 1] = hex;
  return VISIBLE | (Number.isNaN(int) ? 0 : INT) | (Number.isNaN(hex) ? 0 : HEX);
}


/** `/@\d\d:\d\d:\d\d\.\d+ \[/y` at `start`, within the line: where it ends, or -1. */
function timeTag(text, start, end) {
  if (start + 13 > end) return -1;
  for (let i = 1; i <= 8; i++) {
    const c = text.charCodeAt(start + i);
    if (i % 3 === 0 ? c !== 58 : !(c >= 48 && c <= 57)) return -1;
  }
  if (text.charCodeAt(start + 9) !== 46) return -1;
  let i = start + 10;
  const digits = i;
  while (i < end && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i += 1;
  if (i === digits || i + 2 > end || text.charCodeAt(i) !== 32 || text.charCodeAt(i + 1) !== 91) return -1;
  return i + 2;
}


/**
 * A UserData pair of the usual shape (values.ts pairLine, kvValue): TABs only (at least two),
 * `'key'` without `''` in it, then a value that is no `(list)` and holds no `[`, blanks before it,
 * a visible character last; a quoted value closed. The token's words 3–5: the depth (TABs), where
 * the key ends, and the value's start and kind; an integer's reading goes to `numbers`. Else false.
 */
function pair(text, start, end, tokens, t, numbers) {
  let q = start;
  while (q < end && text.charCodeAt(q) === 9) q += 1;
  const close = q - start >= 2 ? pairKeyEnd(text, q, end) : -1;
  if (close < 0) return false;
  let from = close + 1;
  while (from < end && (text.charCodeAt(from) === 9 || text.charCodeAt(from) === 32)) from += 1;
  const kind = pairValue(text, from, end, numbers, (t / STRIDE) * 2);
  if (kind < 0) return false;
  tokens[t + 3] = q - start;
  tokens[t + 4] = close;
  tokens[t + 5] = (from << PAIR_SHIFT) | kind;
  return true;
}

/** Where the `'key'` at `q` ends (its closing quote) when the pair is of the usual shape; else -1. */
function pairKeyEnd(text, q, end) {
  const last = text.charCodeAt(end - 1);
  if (text.charCodeAt(q) !== 39 || !(last > 32 && last < 127)) return -1;
  const close = text.indexOf("'", q + 1);
  if (close === -1 || close >= end || text.charCodeAt(close + 1) === 39 || text.startsWith('(list)', close + 1)) return -1;
  const bracket = text.indexOf('[', close + 1);
  return bracket !== -1 && bracket < end ? -1 : close;
}

/** The kind of the pair value `text.slice(from, end)` (an integer's reading to `numbers[n]`), or -1 when the parser must say. */
function pairValue(text, from, end, numbers, n) {
  if (from === end) return PAIR_EMPTY;
  const first = text.charCodeAt(from);
  if (first < 33) return -1; // other white space: left to trim()
  if (first === 39 || first === 34) return end - from >= 2 && text.charCodeAt(end - 1) === first ? PAIR_QUOTED : -1; // cut: the parser says how
  const int = integerAt(text, from, end);
  if (Number.isNaN(int)) return digitsOnly(text, from, end) ? -1 : PAIR_TEXT; // too long for integerAt: the parser's own reading
  numbers[n] = int;
  return PAIR_INT;
}

/** `/^-?\d+$/` on `text.slice(from, end)`, whatever its length. */
function digitsOnly(text, from, end) {
  let i = text.charCodeAt(from) === 45 ? from + 1 : from;
  if (i >= end) return false;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** The token layout (see TokenLayout in tokenizer.d.ts). */
const LAYOUT = {
  stride: STRIDE, other: OTHER, attribute: ATTRIBUTE, header: HEADER, pair: PAIR,
  pairValue: { text: PAIR_TEXT, quoted: PAIR_QUOTED, int: PAIR_INT, empty: PAIR_EMPTY, shift: PAIR_SHIFT },
  flags: { visible: VISIBLE, quote: QUOTE, quoted: QUOTED, bracket: BRACKET, int: INT, hex: HEX, lengthShift: LENGTH_SHIFT },
};

/** One tokenizer: its word tables are its own (one per reading thread). */
class Tokenizer {
  constructor() {
    this.spellings = new Words();
    this.names = new Words();
    this.layout = LAYOUT;
  }

  /** `<TAB>Name[\t ]+value`, Name `[A-Za-z]\w*`: the token's words 3–5, or false. */
  attribute(text, bytes, start, end, tokens, t, numbers) {
    // The usual line: a spelling seen before, then a TAB.
    const tab = text.indexOf('\t', start + 1);
    let id = tab > start + 1 && tab < end ? this.spellings.cached(text, bytes, start + 1, tab) : -1;
    let from = tab + 1;
    if (id < 0) {
      if (!isLetter(text.charCodeAt(start + 1))) return false;
      let e = start + 2;
      while (e < end && isWord(text.charCodeAt(e))) e += 1;
      const blank = text.charCodeAt(e);
      if (e >= end || (blank !== 9 && blank !== 32)) return false;
      id = this.spellings.id(text, start + 1, e);
      if (id < 0) return false;
      from = e + 1;
    }
    while (from < end && (text.charCodeAt(from) === 9 || text.charCodeAt(from) === 32)) from += 1;
    const length = this.spellings.length(id);
    tokens[t + 3] = id;
    tokens[t + 4] = from;
    tokens[t + 5] = value(text, from, end, numbers, (t / STRIDE) * 2) | (length << LENGTH_SHIFT);
    return true;
  }

  /** nativeHeader.ts nativeHeaderAt, for a header that ends with its message name: the token's words 3–5, or false. */
  header(text, bytes, start, end, tokens, t) {
    const open = timeTag(text, start, end);
    if (open < 0) return false;
    const close = text.indexOf(']', open);
    if (close === -1 || close >= end) return false;
    const message = text.indexOf(MESSAGE, close + 1);
    if (message === -1 || message + MESSAGE.length > end) return false;
    const from = message + MESSAGE.length;
    // `\w+$`: the name ends the line.
    if (from >= end) return false;
    for (let i = from; i < end; i++) if (!isWord(text.charCodeAt(i))) return false;
    let id = this.names.cached(text, bytes, from, end);
    if (id < 0) id = this.names.id(text, from, end);
    if (id < 0) return false;
    tokens[t + 3] = id;
    tokens[t + 4] = from;
    tokens[t + 5] = open - 2;
    return true;
  }

  /** Tokenizes a piece of the file: see the `Tokenizer` interface in tokenizer.d.ts. */
  tokenize(text, bytes, lineEnded, tokens, numbers, at, limit) {
    let start = 0;
    if (!lineEnded) {
      const lf = text.indexOf('\n');
      if (lf === -1) return { prefixEnd: text.length, suffixStart: text.length, end: at };
      start = lf + 1;
    }
    const prefixEnd = start;
    let t = at;
    for (let lf = text.indexOf('\n', start); lf !== -1; lf = text.indexOf('\n', start)) {
      if (t + STRIDE > limit) return undefined;
      const c = text.charCodeAt(start);
      let kind = OTHER;
      if (c === 9 && this.attribute(text, bytes, start, lf, tokens, t, numbers)) kind = ATTRIBUTE;
      else if (c === 64 && this.header(text, bytes, start, lf, tokens, t)) kind = HEADER;
      else if (c === 9 && pair(text, start, lf, tokens, t, numbers)) kind = PAIR;
      tokens[t] = kind;
      tokens[t + 1] = start;
      tokens[t + 2] = lf;
      t += STRIDE;
      start = lf + 1;
    }
    return { prefixEnd, suffixStart: start, end: t };
  }
}

/** A new tokenizer. */
function createTokenizer() {
  return new Tokenizer();
}

/** The layout, for the reading thread (the worker gets its own from its own tokenizer, the same). */
const TOKEN_LAYOUT = createTokenizer().layout;

module.exports = { createTokenizer, TOKEN_LAYOUT, integerAt, hexAt };
