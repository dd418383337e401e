/**
 * The log parser reading lines the tokenizer has classified (tokenizer.js, in the reading thread):
 * an attribute line or a UserData pair of an open T-Library record, or a native header, takes the
 * parser's own path for it with the positions and numbers already found. Every other line, and a
 * classified line in a state where the parser would look at it differently (no open record, no
 * open list for a pair, a `[BSYNC]` or Trc line waiting for its `message` line, an open .NET
 * record), is read from its text by the general path; not tried in place first, as pushRange
 * would: the tokenizer has already found it is no attribute line and no header it can read.
 */
import type { AttributeKind } from '../../model/catalogue';
import { LogParser, type Builder } from '../../trace/logParser';
import type { RawValue } from '../../trace/record';
import { detached, ShapeTrie } from '../../trace/shape';
import { nativeValueOf, remember, type AttributeInfo } from '../../trace/values';
import { objectLiterals } from '../objectLiteral';
import { TOKEN_LAYOUT } from './tokenizer';

const { stride: STRIDE, attribute: ATTRIBUTE, header: HEADER, pair: PAIR, pairValue: PV, flags: F } = TOKEN_LAYOUT;
const LENGTH_MASK = (1 << F.lengthShift) - 1;

/**
 * values.ts nativeScalar of the value `text.slice(from, end)`, from its token: `flags` and the
 * tokenizer's integer and hex readings of it. Undefined: the general path decides.
 */
export function tokenScalar(name: string, kind: AttributeKind | undefined, text: string, from: number, end: number, flags: number, int: number, hex: number): RawValue | undefined {
  if (!(flags & F.visible)) return undefined;
  if (flags & F.quote) return flags & F.quoted ? text.slice(from + 1, end - 1) : undefined;
  if (flags & F.bracket) return undefined;
  if (name === 'EventSequenceNumber') return flags & F.hex ? hex : undefined;
  if (kind === 'connid' || kind === 'dn' || kind === 'string') return text.slice(from, end);
  return flags & F.int ? int : undefined;
}

export class TokenLogParser extends LogParser {
  /** By the tokenizer's ids (the worker's, in order of first appearance). */
  private readonly spellings: (AttributeInfo | undefined)[] = [];
  private readonly names: (string | undefined)[] = [];

  /** Records' objects made by a literal compiled per shape (../objectLiteral.ts). */
  protected override shapeTrie(): ShapeTrie {
    return new ShapeTrie(objectLiterals);
  }

  /**
   * The lines of `text` whose tokens are `tokens` words `from`..`to`, the first of them line
   * `lineNo`. Returns the number of the last one.
   */
  tokenLines(text: string, tokens: Int32Array, numbers: Float64Array, from: number, to: number, lineNo: number): number {
    let n = lineNo;
    for (let t = from; t < to; t += STRIDE, n++) {
      const kind = tokens[t];
      const b = this.builder;
      if (kind === ATTRIBUTE && b?.body === 'tlib') this.attributeToken(b, text, tokens, numbers, t, n);
      else if (kind === HEADER && !this.expect && !(b && b.body !== 'tlib')) this.headerToken(b, text, tokens, t, n);
      else if (kind === PAIR && b?.body === 'tlib') {
        if (!this.pairToken(b, text, tokens, numbers, t)) this.general(text, tokens, t, n);
      } else this.general(text, tokens, t, n);
    }
    return n - 1;
  }

  /** The line of token `t` read from its text. */
  private general(text: string, tokens: Int32Array, t: number, lineNo: number): void {
    this.read(text.slice(tokens[t + 1] ?? 0, tokens[t + 2] ?? 0), lineNo, true, false);
  }

  /** What knownAttribute/nativeAttribute do with the line. */
  private attributeToken(b: Builder, text: string, tokens: Int32Array, numbers: Float64Array, t: number, lineNo: number): void {
    this.diagnostics.lines += 1;
    const start = tokens[t + 1] ?? 0;
    const end = tokens[t + 2] ?? 0;
    const id = tokens[t + 3] ?? 0;
    const from = tokens[t + 4] ?? 0;
    const flags = tokens[t + 5] ?? 0;
    const info = this.spellings[id] ?? this.spelling(id, text.slice(start + 1, start + 1 + (flags >> F.lengthShift)));
    if (b.stack.length) b.stack = [];
    const n = (t / STRIDE) * 2;
    const scalar = tokenScalar(info.name, info.kind, text, from, end, flags & LENGTH_MASK, numbers[n] ?? NaN, numbers[n + 1] ?? NaN);
    if (scalar === undefined) this.setValue(b, info.name, nativeValueOf(info.name, info.kind, text.slice(from, end)), 1, lineNo);
    else this.put(b, info.name, scalar);
  }

  /** What headerInPlace does with the line. */
  private headerToken(b: Builder | undefined, text: string, tokens: Int32Array, t: number, lineNo: number): void {
    this.diagnostics.lines += 1;
    const start = tokens[t + 1] ?? 0;
    const end = tokens[t + 2] ?? 0;
    const id = tokens[t + 3] ?? 0;
    this.plain = true;
    if (b) this.finish(b);
    this.lastEndedPsdk = false;
    const name = this.names[id] ?? this.name(id, text.slice(tokens[t + 4] ?? 0, end));
    // The tag is only looked at when the header names no message.
    this.header([text.slice(start + 1, tokens[t + 5] ?? 0), '', name], lineNo, text, start, end);
  }

  /**
   * What bodyLine and pair do with a UserData pair line: it goes to the innermost open list that
   * started above it. False when no list is open (the general path then reports the line; the
   * lists closed here it would close the same way).
   */
  private pairToken(b: Builder, text: string, tokens: Int32Array, numbers: Float64Array, t: number): boolean {
    const depth = tokens[t + 3] ?? 0;
    const stack = b.stack;
    while (stack.length && (stack[stack.length - 1]?.depth ?? 0) >= depth) stack.pop();
    const parent = stack[stack.length - 1];
    if (!parent) return false;
    this.diagnostics.lines += 1;
    const start = tokens[t + 1] ?? 0;
    const end = tokens[t + 2] ?? 0;
    const word = tokens[t + 5] ?? 0;
    const kind = word & ((1 << PV.shift) - 1);
    const from = word >> PV.shift;
    const value = kind === PV.quoted ? text.slice(from + 1, end - 1) : kind === PV.int ? (numbers[(t / STRIDE) * 2] ?? NaN) : kind === PV.empty ? '' : text.slice(from, end);
    parent.list.push({ key: text.slice(start + depth + 1, tokens[t + 4] ?? 0), value });
    return true;
  }

  private spelling(id: number, spelling: string): AttributeInfo {
    const info = remember(spelling);
    this.spellings[id] = info;
    return info;
  }

  private name(id: number, name: string): string {
    const kept = detached(name);
    this.names[id] = kept;
    return kept;
  }
}
