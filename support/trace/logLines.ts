/**
 * The line grammar of the log parser (logParser.ts): the expressions that say what a line is, the
 * record being built, and the small readers of indentation and blank lines.
 */
import { AT_HEADER } from './nativeHeader';
import type { Shape } from './shape';
import type { RawValue, TraceRecord } from './record';
import { kvValue } from './values';

export type MutablePair = { key: string; value: RawValue };
export interface OpenList { readonly depth: number; readonly list: MutablePair[] }
/** A KV list whose header announced its number of pairs (`[64] 00 03 00 00..`: 3). */
export interface CountedList { readonly name: string; readonly line: number; readonly pairs: number; readonly list: readonly MutablePair[] }

export interface Builder {
  readonly name: string;
  readonly line: number;
  readonly time: string | undefined;
  readonly format: TraceRecord['format'];
  /** `rlib`: a routing-library message (`name(id)<TAB>value` lines), not T-Library. */
  readonly body: 'tlib' | 'psdk' | 'rlib';
  readonly sync: boolean;
  /** The names of the attributes so far (see shape.ts), and their values in that order. */
  shape: Shape;
  readonly values: RawValue[];
  stack: OpenList[];
  complexOpen: boolean;
  truncated?: string;
  /** KV lists to check against their announced pair count when the record ends. */
  counted?: CountedList[];
}

/** A one-line event summary waiting to see whether a dump of the same event follows it. */
export interface PendingSummary { readonly name: string; readonly dn: string; readonly line: number; readonly time: string | undefined }

export interface Expectation {
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
export const RE = {
  atHeader: AT_HEADER,
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
  /** URS/ORS: `Message EventX received from 'App@DN'` (after `Trc 04541`). */
  ursSummary: /^Message (\w+) received from '[^'@]*@([^']+)'/,
  /** URS/ORS: `Interaction message "EventX" received from 65200 ("App@DN")` (after `Int 04543`). */
  interactionSummary: /^Interaction message "(\w+)" received from .*\("[^"@]*@([^"]+)"\)\s*$/,
  /** Routing library: `RLIB: received from 23(OR_Server_811) message RequestInvoke(1000000100)`. */
  rlib: /\bRLIB: (?:received from|request to|sent to) .*? message (\w+)(?:\(\d+\))?\s*$/,
  rlibLine: /^(\w+)\((\d+)\)\t(.*)$/,
  leadingTime: /^(?:(\d{4}-\d\d-\d\d)[T ])?(\d\d:\d\d:\d\d\.\d{3})\b/,
  /** A copy commented out line by line: `# ` or `// ` (the first line says which). */
  comment: /^(#|\/\/)/,
  /** Indented like an attribute or a KV pair. */
  bodyLike: /^(?:\t| {2,})\s*(?:Attribute\w|')/,
  localTime: /^Local time:\s+(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d)?/,
  fileDate: /[._](\d{4})(\d\d)(\d\d)_(\d\d)(\d\d)(\d\d)_\d{3}\.log$/,
  /** Sticky: applied from the end of the indentation (`lastIndex`), like `^` on the rest. */
  attribute: /([A-Za-z]\w*)(?:[\t ]+(.*))?$/y,
  psdkAttribute: /^([A-Za-z]\w*) \[(\w+)\] = ?(.*)$/,
  psdkComplex: /^([A-Za-z]\w*)\s+= ComplexClass\(\w+\):\s*$/,
};

export function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** `line.trim() === ''`, knowing where its leading TABs/spaces end (`lead`). */
export function blankFrom(line: string, lead: number): boolean {
  if (lead === line.length) return true;
  const c = line.charCodeAt(lead);
  // Visible ASCII is never white space; anything else (NBSP, U+3000, …) is left to trim().
  return !(c > 32 && c < 127) && line.trim() === '';
}

export function isBlank(line: string): boolean {
  let i = 0;
  while (i < line.length && (line.charCodeAt(i) === 9 || line.charCodeAt(i) === 32)) i += 1;
  return blankFrom(line, i);
}

/** What `.` in a regular expression does not match. */
export const LINE_TERMINATOR = /[\n\r\u2028\u2029]/;


/** A line of a commented-out copy without its prefix (`# ` or `#`, `// ` or `//`); other lines as they are. */
export function uncommented(line: string, prefix: string | undefined): string {
  if (prefix === undefined || !line.startsWith(prefix)) return line;
  return line.slice(prefix.length + (line.charCodeAt(prefix.length) === 32 ? 1 : 0));
}

/** A routing-library body line, `name(id)<TAB>value`: the name and the value; undefined for any other line. */
export function rlibPair(line: string): [string, RawValue] | undefined {
  const m = RE.rlibLine.exec(line);
  if (!m) return undefined;
  const parsed = kvValue(m[3] ?? '');
  return 'value' in parsed ? [m[1] ?? '', parsed.value] : undefined;
}
