/**
 * The native T-Server/SIP Server header line, `@hh:mm:ss.ffff [0] 8.1.103.07 distribute_event:
 * message EventRinging`: its time, tag (`[0]`, `[BSYNC]`), and the message name when it ends the
 * line. The expression says what the line is; the reader by hand gives the same on the lines it
 * reads by itself (one header per record of a log that can be hundreds of MB).
 */
export const AT_HEADER = /^@(\d\d:\d\d:\d\d\.\d+) \[([^\]]*)\][^\n]*?(?:: message (\w+))?\s*$/;

export type Header = readonly [time: string, tag: string, name: string | undefined];

/**
 * `AT_HEADER` on a line holding no line terminator, by hand (it was the costliest expression of
 * a record): `@hh:mm:ss.f+ [tag]`, then the name when the line ends with `: message Name` (the
 * lazy `[^\n]*?` can only stop before the last `: message `, as no `:` can follow it). Undefined
 * when the line is no header; null when in doubt (another `: message ` may follow the first, or
 * something follows the name): left to the expression.
 */
export function nativeHeader(line: string): Header | undefined | null {
  return nativeHeaderAt(line, 0, line.length);
}

/** {@link nativeHeader} of the line `text.slice(start, end)`, read in place. */
export function nativeHeaderAt(text: string, start: number, end: number): Header | undefined | null {
  TIME_TAG.lastIndex = start;
  if (!TIME_TAG.test(text) || TIME_TAG.lastIndex > end) return undefined;
  const open = TIME_TAG.lastIndex; // after `[`
  const close = text.indexOf(']', open);
  if (close === -1 || close >= end) return undefined;
  const time = text.slice(start + 1, open - 2);
  const tag = text.slice(open, close);
  const message = text.indexOf(MESSAGE, close + 1);
  if (message === -1 || message + MESSAGE.length > end) return [time, tag, undefined];
  const from = message + MESSAGE.length;
  // The name ends the line (`\w+$`); anything else after it is left to the expression.
  WORD.lastIndex = from;
  return WORD.test(text) && WORD.lastIndex === end ? [time, tag, text.slice(from, end)] : null;
}

/** Sticky: `@hh:mm:ss.f+ [` at `lastIndex`. */
const TIME_TAG = /@\d\d:\d\d:\d\d\.\d+ \[/y;
const MESSAGE = ': message ';
/** Sticky: the word at `lastIndex` (one native match is cheaper than a loop over its characters). */
const WORD = /\w+/y;
