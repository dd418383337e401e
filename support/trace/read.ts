/**
 * Reading a trace file, streaming (readline; one record in memory at a time): a Genesys log
 * (parsed by {@link LogParser}) or NDJSON (the output of `npm run trace`, bridge `event` messages,
 * or the harness's own observed-events attachments). The format is chosen by the first non-blank
 * line: `{` means NDJSON.
 */
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import { normaliseAttributes } from '../model/event';
import { LogParser } from './logParser';
import { kindOf, TraceDiagnostics, type RawValue, type TraceRecord } from './record';

export interface ReadOptions {
  /** Shown in `source` (default: the file's base name). */
  readonly label?: string;
}

/** Read `path`, calling `onRecord` for each record in file order. Resolves with the diagnostics. */
export async function readTrace(path: string, onRecord: (r: TraceRecord) => void, options: ReadOptions = {}): Promise<TraceDiagnostics> {
  const label = options.label ?? basename(path);
  const input = createReadStream(path, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  let reader: { push(line: string, n: number): void; end(): TraceDiagnostics } | undefined;
  let lineNo = 0;
  try {
    for await (const raw of lines) {
      lineNo += 1;
      if (!reader) {
        if (raw.replace(/^\uFEFF/, '').trim() === '') continue;
        reader = raw.replace(/^\uFEFF/, '').trimStart().startsWith('{') ? new NdjsonReader(label, onRecord) : new LogParser(label, onRecord);
      }
      reader.push(raw, lineNo);
    }
  } finally {
    lines.close();
    input.destroy();
  }
  return reader?.end() ?? new TraceDiagnostics();
}

/** One JSON object per line; `name` + `attributes` required, the rest optional. */
class NdjsonReader {
  private readonly diagnostics = new TraceDiagnostics();
  constructor(private readonly file: string, private readonly emit: (r: TraceRecord) => void) {}

  push(raw: string, lineNo: number): void {
    this.diagnostics.lines += 1;
    const line = raw.replace(/^\uFEFF/, '').trim();
    if (!line) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      // A last line cut in the middle is the usual way an NDJSON trace is truncated.
      this.diagnostics.truncatedRecord(lineNo, line, 'not complete JSON');
      return;
    }
    const o = value as { name?: unknown; attributes?: unknown; dn?: unknown; time?: unknown; type?: unknown; kind?: unknown; source?: unknown };
    if (typeof o !== 'object' || o === null || typeof o.name !== 'string' || typeof o.attributes !== 'object' || o.attributes === null) {
      this.diagnostics.unknownLine(lineNo, line, 'not a {name, attributes} object');
      return;
    }
    this.diagnostics.records += 1;
    this.emit({
      kind: kindOf(o.name), name: o.name, attributes: o.attributes as Record<string, RawValue>,
      ...(typeof o.dn === 'string' ? { dn: o.dn } : {}),
      source: `${this.file}:${lineNo}`, line: lineNo, format: 'ndjson',
      ...(typeof o.time === 'string' ? { time: o.time } : {}),
    });
  }

  end(): TraceDiagnostics {
    return this.diagnostics;
  }
}

/** The `npm run trace` output line: normalised attributes (enum names, canonical attribute names). */
export function normalisedRecord(r: TraceRecord): { json: Record<string, unknown>; problems: string[] } {
  const { attributes, problems } = normaliseAttributes(r.attributes);
  return {
    json: {
      kind: r.kind, name: r.name, ...(r.dn ? { dn: r.dn } : {}), attributes, source: r.source,
      ...(r.time ? { time: r.time } : {}), ...(r.sync ? { sync: true } : {}), ...(r.truncated ? { truncated: r.truncated } : {}),
    },
    problems: problems.map((p) => `${r.source}: ${r.name}: ${p}`),
  };
}
