/**
 * The tokenizer of the two-thread log reader (see readInWorker.ts): it cuts a piece of a native
 * log into lines and says, for each, whether it is one of the lines that make up nearly all of a
 * native log — an attribute line (`<TAB>AttributeName<TABs>value`), a native header ending with
 * its message name (`@hh:mm:ss.f [0] …: message EventX`) or a UserData pair (`<TAB><TAB>'key'
 * <TAB>value`) — and where its parts are. It also
 * reads the value's number, the way values.ts would. The parser on the reading thread then only
 * looks at these tokens to build records; any line not classified here is read there, by the
 * parser's own path, from its text. So what a token says must be exactly what that path would
 * find (read.spec.ts checks records and diagnostics against the one-thread reader).
 *
 * {@link createTokenizer} runs in a worker thread as source text (`toString()`, types already
 * stripped): it must not use anything from outside its own body but Node's globals and the
 * functions it is given.
 */

import { VALUE_READERS } from './values';

/**
 * A line's token: {@link TokenLayout.stride} Int32 words. Word 0 is the kind; words 1 and 2 say
 * where the line is (`text.slice(start, end)`, without its `\n`). An attribute line: 3 the
 * spelling's id, 4 where the value starts, 5 the value's flags with the spelling's length above
 * `lengthShift`. A header: 3 the message name's id, 4 where the name starts (it ends the line),
 * 5 where the time ends (it starts after the `@`). A UserData pair: 3 its depth (the key starts
 * after the depth's TABs and a quote), 4 where the key ends, 5 the value's start and kind (see
 * `pairValue`). Ids are given in order of first appearance.
 */
export interface TokenLayout {
  readonly stride: number;
  /** The kinds (word 0). */
  readonly other: number;
  readonly attribute: number;
  readonly header: number;
  readonly pair: number;
  /** How a pair's value is given (word 5, below `shift`; the value's start above it). */
  readonly pairValue: { readonly text: number; readonly quoted: number; readonly int: number; readonly empty: number; readonly shift: number };
  /** The value's flags: visible ASCII at both ends; starts with a quote; a whole `'quoted'` value; starts with `[`; an integer reading; a hex reading. */
  readonly flags: { readonly visible: number; readonly quote: number; readonly quoted: number; readonly bracket: number; readonly int: number; readonly hex: number; readonly lengthShift: number };
}

/** One piece cut into lines: text before `prefixEnd` ends a line begun earlier; text from `suffixStart` begins one that ends later. */
export interface PieceCut {
  readonly prefixEnd: number;
  readonly suffixStart: number;
  /** The tokens written, up to this word. */
  readonly end: number;
}

export interface Tokenizer {
  readonly layout: TokenLayout;
  /**
   * Tokenizes the lines of `text` (an ASCII piece of the file without `\r`; `bytes` are its bytes)
   * into `tokens` from word `at` on, two numbers per line into `numbers` (the integer and the hex
   * reading of an attribute's value, at `2 × line`), at most up to word `limit`. `lineEnded`: the
   * text before this piece ended a line. Undefined when the lines do not fit (the piece is then
   * read as text).
   */
  tokenize(text: string, bytes: DataView, lineEnded: boolean, tokens: Int32Array, numbers: Float64Array, at: number, limit: number): PieceCut | undefined;
}

/** values.ts integerAt and hexAt (given, so that the worker's source text holds them too). */
export interface ValueReaders {
  integerAt(text: string, start: number, end: number): number;
  hexAt(text: string, start: number, end: number): number;
}

export function createTokenizer(readers: ValueReaders): Tokenizer {
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
    private readonly ids = new Map<string, number>();
    /** Each word's bytes, four to an Int32 (little-endian), the last one padded with zeros. */
    private readonly packed: Int32Array[] = [];
    private readonly lengths: number[] = [];
    private readonly slots = new Int32Array(1024).fill(-1);

    /** The id of `text.slice(a, e)` if the table holds it (its bytes are `bytes`, a view of the same text). Else -1. */
    cached(text: string, bytes: DataView, a: number, e: number): number {
      const n = e - a;
      const id = this.slots[this.slot(text, a, e)] ?? -1;
      if (id < 0 || this.lengths[id] !== n) return -1;
      const packed = this.packed[id] as Int32Array;
      let k = 0;
      for (; k + 4 <= n; k += 4) if (bytes.getInt32(a + k, true) !== packed[k >> 2]) return -1;
      for (let shift = 0; k < n; k += 1, shift += 8) if (bytes.getUint8(a + k) !== (((packed[k >> 2] ?? 0) >>> shift) & 255)) return -1;
      return id;
    }

    /** The id of the word `text.slice(a, e)` (not empty): new or known. -1 past the limit. */
    id(text: string, a: number, e: number): number {
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

    private slot(text: string, a: number, e: number): number {
      const n = e - a;
      return (n * 131 + text.charCodeAt(e - 1) * 31 + text.charCodeAt(a + (n >> 1)) * 7 + text.charCodeAt(a + ((n * 3) >> 2))) & 1023;
    }

    /** The length of word `id`. */
    length(id: number): number {
      return this.lengths[id] ?? 0;
    }
  }
  const spellings = new Words();
  const names = new Words();

  const isWord = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
  const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

  const { integerAt, hexAt } = readers;

  /** The flags of the value `text.slice(from, end)`; its two readings go to `numbers[n]`, `numbers[n + 1]`. */
  function value(text: string, from: number, end: number, numbers: Float64Array, n: number): number {
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

  /** `<TAB>Name[\t ]+value`, Name `[A-Za-z]\w*`: the token's words 3–5, or false. */
  function attribute(text: string, bytes: DataView, start: number, end: number, tokens: Int32Array, t: number, numbers: Float64Array): boolean {
    // The usual line: a spelling seen before, then a TAB.
    const tab = text.indexOf('\t', start + 1);
    let id = tab > start + 1 && tab < end ? spellings.cached(text, bytes, start + 1, tab) : -1;
    let from = tab + 1;
    if (id < 0) {
      if (!isLetter(text.charCodeAt(start + 1))) return false;
      let e = start + 2;
      while (e < end && isWord(text.charCodeAt(e))) e += 1;
      const blank = text.charCodeAt(e);
      if (e >= end || (blank !== 9 && blank !== 32)) return false;
      id = spellings.id(text, start + 1, e);
      if (id < 0) return false;
      from = e + 1;
    }
    while (from < end && (text.charCodeAt(from) === 9 || text.charCodeAt(from) === 32)) from += 1;
    const length = spellings.length(id);
    tokens[t + 3] = id;
    tokens[t + 4] = from;
    tokens[t + 5] = value(text, from, end, numbers, (t / STRIDE) * 2) | (length << LENGTH_SHIFT);
    return true;
  }

  /** `/@\d\d:\d\d:\d\d\.\d+ \[/y` at `start`, within the line: where it ends, or -1. */
  function timeTag(text: string, start: number, end: number): number {
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

  /** nativeHeader.ts nativeHeaderAt, for a header that ends with its message name: the token's words 3–5, or false. */
  function header(text: string, bytes: DataView, start: number, end: number, tokens: Int32Array, t: number): boolean {
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
    let id = names.cached(text, bytes, from, end);
    if (id < 0) id = names.id(text, from, end);
    if (id < 0) return false;
    tokens[t + 3] = id;
    tokens[t + 4] = from;
    tokens[t + 5] = open - 2;
    return true;
  }

  /**
   * A UserData pair of the usual shape (values.ts pairLine, kvValue): TABs only (at least two),
   * `'key'` without `''` in it, then a value that is no `(list)` and holds no `[`, blanks before it,
   * a visible character last; a quoted value closed. The token's words 3–5: the depth (TABs), where
   * the key ends, and the value's start and kind; an integer's reading goes to `numbers`. Else false.
   */
  function pair(text: string, start: number, end: number, tokens: Int32Array, t: number, numbers: Float64Array): boolean {
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
  function pairKeyEnd(text: string, q: number, end: number): number {
    const last = text.charCodeAt(end - 1);
    if (text.charCodeAt(q) !== 39 || !(last > 32 && last < 127)) return -1;
    const close = text.indexOf("'", q + 1);
    if (close === -1 || close >= end || text.charCodeAt(close + 1) === 39 || text.startsWith('(list)', close + 1)) return -1;
    const bracket = text.indexOf('[', close + 1);
    return bracket !== -1 && bracket < end ? -1 : close;
  }

  /** The kind of the pair value `text.slice(from, end)` (an integer's reading to `numbers[n]`), or -1 when the parser must say. */
  function pairValue(text: string, from: number, end: number, numbers: Float64Array, n: number): number {
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
  function digitsOnly(text: string, from: number, end: number): boolean {
    let i = text.charCodeAt(from) === 45 ? from + 1 : from;
    if (i >= end) return false;
    for (; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c < 48 || c > 57) return false;
    }
    return true;
  }

  function tokenize(text: string, bytes: DataView, lineEnded: boolean, tokens: Int32Array, numbers: Float64Array, at: number, limit: number): PieceCut | undefined {
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
      if (c === 9 && attribute(text, bytes, start, lf, tokens, t, numbers)) kind = ATTRIBUTE;
      else if (c === 64 && header(text, bytes, start, lf, tokens, t)) kind = HEADER;
      else if (c === 9 && pair(text, start, lf, tokens, t, numbers)) kind = PAIR;
      tokens[t] = kind;
      tokens[t + 1] = start;
      tokens[t + 2] = lf;
      t += STRIDE;
      start = lf + 1;
    }
    return { prefixEnd, suffixStart: start, end: t };
  }

  return {
    layout: {
      stride: STRIDE, other: OTHER, attribute: ATTRIBUTE, header: HEADER, pair: PAIR,
      pairValue: { text: PAIR_TEXT, quoted: PAIR_QUOTED, int: PAIR_INT, empty: PAIR_EMPTY, shift: PAIR_SHIFT },
      flags: { visible: VISIBLE, quote: QUOTE, quoted: QUOTED, bracket: BRACKET, int: INT, hex: HEX, lengthShift: LENGTH_SHIFT },
    },
    tokenize,
  };
}

/** The layout, for the reading thread (the worker gets its own from its own tokenizer, the same). */
export const TOKEN_LAYOUT: TokenLayout = createTokenizer(VALUE_READERS).layout;
