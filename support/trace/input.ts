/**
 * Input problems of a trace, as one message naming the file and the line: a file that is not
 * there, a directory, an empty file, a file in no format the reader knows, a truncated or damaged
 * record. Commands that judge a log (replay, recognize) refuse such input ("the harness could not
 * test"), they never turn it into a verdict; `npm run trace` prints what it can read and refuses
 * only what it cannot read at all.
 */
import { stat } from 'node:fs/promises';
import { readTrace } from './read';
import { printable, type TraceDiagnostics, type TraceRecord } from './record';

export interface InputChecks {
  /** A truncated or damaged record makes the input unusable (default true). */
  readonly damagedRecords?: boolean;
  /** A log without a single T-Library message makes it unusable (default false: a SIP Server log may have none). */
  readonly needRecords?: boolean;
}

/** The problem of a trace already read, or undefined when it can be used. */
export function unreadableInput(file: string, d: TraceDiagnostics, checks: InputChecks = {}): string | undefined {
  if (d.lines === 0) return `${file}: the file is empty`;
  if (d.records === 0 && d.unknown > 0) return unknownFormat(file, d);
  if (checks.needRecords && d.records === 0) return `${file}: no T-Library message in ${d.lines} line(s): nothing to judge`;
  if ((checks.damagedRecords ?? true) && d.truncated > 0) return damaged(file, d);
  return undefined;
}

function unknownFormat(file: string, d: TraceDiagnostics): string {
  const line = d.unknownSamples[0]?.line ?? 1;
  const why = d.unknownSamples[0]?.why ?? 'unknown';
  return `${file}:${line}: not a log the harness can read: none of its ${d.lines} line(s) holds a T-Library message in a known format (line ${line}: ${why})`;
}

function damaged(file: string, d: TraceDiagnostics): string {
  const first = d.truncatedSamples[0];
  const more = d.truncated > 1 ? ` (and ${d.truncated - 1} more)` : '';
  return `${file}:${first ? first.line : '?'}: a truncated or damaged record (${printable(first ? first.text : '')}: ${first ? first.why : 'cut'})${more}; the log cannot be judged soundly`;
}

/** Why `file` cannot be opened as a trace (no such file, a directory), or undefined. */
export async function unopenable(file: string): Promise<string | undefined> {
  try {
    const s = await stat(file);
    return s.isFile() ? undefined : `${file}: not a file${s.isDirectory() ? ' (a directory)' : ''}`;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? `${file}: no such file` : `${file}: cannot be read: ${(e as Error).message}`;
  }
}

/**
 * Reads the whole trace to check it (see {@link unreadableInput}); the records go to `onRecord`
 * when given. Resolves with the problem, or undefined when the trace can be judged.
 */
export async function checkInput(file: string, checks: InputChecks = {}, onRecord?: (r: TraceRecord) => void): Promise<string | undefined> {
  const missing = await unopenable(file);
  if (missing) return missing;
  let d: TraceDiagnostics;
  try {
    d = await readTrace(file, onRecord ?? (() => undefined), { label: file });
  } catch (e) {
    return (e as Error).message;
  }
  return unreadableInput(file, d, checks);
}
