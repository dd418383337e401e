/**
 * The run journal: what a conformance run has done so far, one JSON line per fact, written
 * synchronously as it happens (`run-journal.ndjson` in the run's reports). The run itself is a child
 * process of `npm run conformance`; the journal is how the parent judges it from the outside. A run
 * that ends without its `complete` line did not finish — whatever ended it (an adapter calling
 * process.exit, out of memory, a signal) — and the journal says which scenario it had reached.
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import type { ScenarioOutcome } from './outcomes';
import type { Capabilities } from '../adapter/contract';

export type JournalEntry =
  | { readonly t: 'start'; readonly pid: number; readonly date: string; readonly handles: readonly string[] }
  /** The features or the filter are wrong: nothing was run (exit 64). */
  | { readonly t: 'usage'; readonly message: string }
  | { readonly t: 'scenario'; readonly name: string; readonly uri: string; readonly line: number }
  | { readonly t: 'finished'; readonly outcome: ScenarioOutcome }
  | { readonly t: 'adapter'; readonly name: string; readonly capabilities: Capabilities }
  | { readonly t: 'late-failure'; readonly scenario: string; readonly message: string }
  /** The run wrote all its reports; `code` is its exit code, `line` its last line. */
  | { readonly t: 'complete'; readonly code: number; readonly line: string; readonly verdict: string; readonly maxRssKb: number }
  /** After `complete`: what still keeps the process alive (node's active resources, beyond those at start). */
  | { readonly t: 'handles'; readonly handles: readonly string[] };

export class RunJournal {
  constructor(readonly file: string) {}

  write(entry: JournalEntry): void {
    appendFileSync(this.file, `${JSON.stringify(entry)}\n`);
  }
}

/** Read a journal; a torn last line (the process died while writing it) is ignored. */
export function readJournal(file: string): JournalEntry[] {
  if (!existsSync(file)) return [];
  const entries: JournalEntry[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line) continue;
    try {
      entries.push(JSON.parse(line) as JournalEntry);
    } catch {
      // Only the last line can be torn: the journal is appended whole lines at a time.
    }
  }
  return entries;
}

/** Node's active resources that were not there at `baseline` (type names with counts: `Timeout ×2`). */
export function newHandles(now: readonly string[], baseline: readonly string[]): string[] {
  const left = new Map<string, number>();
  for (const h of baseline) left.set(h, (left.get(h) ?? 0) + 1);
  const extra = new Map<string, number>();
  for (const h of now) {
    const base = left.get(h) ?? 0;
    if (base > 0) left.set(h, base - 1);
    else extra.set(h, (extra.get(h) ?? 0) + 1);
  }
  return [...extra].map(([h, n]) => (n > 1 ? `${describeHandle(h)} ×${String(n)}` : describeHandle(h)));
}

const HANDLE_NAMES: Readonly<Record<string, string>> = {
  Timeout: 'a timer', TCPSocketWrap: 'a TCP socket', TCPServerWrap: 'a listening TCP server', PipeWrap: 'a pipe',
  FSReqCallback: 'a file operation', ProcessWrap: 'a child process', UDPWrap: 'a UDP socket', Immediate: 'an immediate',
  TTYWrap: 'a terminal stream', FSEventWrap: 'a file watcher', StatWatcher: 'a file watcher', MessagePort: 'a worker message port',
};

function describeHandle(type: string): string {
  return HANDLE_NAMES[type] ? `${HANDLE_NAMES[type]} (${type})` : type;
}
