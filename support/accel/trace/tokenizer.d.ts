/**
 * The types of tokenizer.js (plain JavaScript, so that the reading thread loads it without a
 * TypeScript loader). See that file.
 */

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


/** A new tokenizer (its word tables are its own: one per reading thread). */
export function createTokenizer(): Tokenizer;

/** The layout, for the thread that reads the tokens. */
export const TOKEN_LAYOUT: TokenLayout;

/** The tokenizer's copies of values.ts integerAt and hexAt (tokenizer.spec.ts holds them to those). */
export function integerAt(text: string, start: number, end: number): number;
export function hexAt(text: string, start: number, end: number): number;
