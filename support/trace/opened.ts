/**
 * When a native log's file was opened. SIP Server (the Genesys common log library) writes its
 * banner — `Local time:`, `File: (n) <path>` — as it opens each file: the first one, when the
 * server starts, and each one it rotates to when the previous is full (log-formats.md §1.1). The
 * file's name carries the same moment (`…_YYYYMMDD_HHMMSS_mmm.log`).
 *
 * A file opened when the server starts is written a while before the first call; one opened by a
 * rotation is opened in the middle of the traffic, and its first events may belong to calls that
 * began in the file before it — the recognizer does not judge such a call's start
 * (support/recognize/recognizer.ts, RecognizerOptions.opened). A file without a banner or such a
 * name (an NDJSON trace, an excerpt) has no opening time: its first calls are judged as they are.
 */
import { open } from 'node:fs/promises';
import { basename } from 'node:path';

/**
 * How long after a file's opening a call's first event may still belong to a burst begun in the file
 * before (the events of one act come within the settle period's 300 ms of each other).
 */
export const OPENING_BURST_MS = 300;

/** Whether a record at `ms` comes within {@link OPENING_BURST_MS} after the file's opening at `openedMs`. */
export function inOpeningBurst(ms: number | undefined, openedMs: number): boolean {
  return ms !== undefined && ms >= openedMs && ms - openedMs <= OPENING_BURST_MS;
}

/** Enough of a file's start to hold its banner (a few hundred bytes in the files seen). */
const HEAD_BYTES = 16 * 1024;

const LOCAL_TIME = /^Local time:\s+(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,6})?)\s*$/m;
const FILE_NAME_TIME = /[._](\d{4})(\d\d)(\d\d)_(\d\d)(\d\d)(\d\d)_(\d{3})\.log$/;

/**
 * The opening time of a log whose text starts with `head` and whose name is `file` (ISO local
 * time, as the records' times are given): the banner's `Local time:` when the banner is there,
 * else the time in the file's name; undefined for a file that is not a native log or names neither.
 */
export function openedOf(file: string, head: string): string | undefined {
  const firstLine = head.slice(0, head.indexOf('\n') < 0 ? head.length : head.indexOf('\n')).trimStart();
  // A trace in NDJSON (npm run trace), or a recording: no banner, and its name says nothing of when it began.
  if (firstLine.startsWith('{')) return undefined;
  // The banner comes before the first record: a `Local time:` further on is not this file's opening.
  const firstRecord = head.search(/^(?:@\d\d:\d\d|\d{4}-\d\d-\d\dT\d\d:\d\d|\d\d:\d\d:\d\d)/m);
  const banner = LOCAL_TIME.exec(firstRecord < 0 ? head : head.slice(0, firstRecord));
  if (banner?.[1]) return banner[1];
  const n = FILE_NAME_TIME.exec(basename(file));
  return n ? `${n[1]}-${n[2]}-${n[3]}T${n[4]}:${n[5]}:${n[6]}.${n[7]}` : undefined;
}

/** {@link openedOf} for a file on disk (its first {@link HEAD_BYTES} bytes); undefined when it cannot be read. */
export async function logOpenedAt(file: string): Promise<string | undefined> {
  let handle;
  try {
    handle = await open(file, 'r');
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return openedOf(file, buffer.subarray(0, bytesRead).toString('utf8'));
  } catch {
    return undefined;
  } finally {
    await handle?.close();
  }
}
