/**
 * `npm run trace -- <log file> [--include-sync]`: print the T-Library messages found in a Genesys
 * log (native T-Server/SIP Server, URS/ORS, .NET PSDK) or an NDJSON trace as normalised NDJSON on
 * stdout — kind, name, dn, attributes, source file:line — and a summary of unknown lines,
 * truncated or damaged records, unknown message names and attribute problems (with line numbers)
 * on stderr. The output is written in batches of about {@link BATCH} characters (one write per
 * record cost more than reading the log).
 *
 * Exit codes: 0 read (even with unknown lines or damaged records: they are reported) · 2 cannot
 * read (no such file, a directory, an empty file, no T-Library message in a known format) · 64 usage.
 */
import { parseArgs } from 'node:util';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { EXIT, UsageError } from '../errors';
import { readTrace } from '../accel';
import { normalisedRecord } from '../trace/read';
import { unopenable, unreadableInput } from '../trace/input';

const USAGE = 'usage: npm run trace -- <log or .ndjson file> [--include-sync]';

/** Characters of NDJSON gathered before one write. */
const BATCH = 1 << 18;

/** NDJSON lines gathered into large writes; {@link end} writes the rest and waits until it is out. */
export class BatchedLines {
  private parts: string[] = [];
  private size = 0;

  constructor(private readonly out: Writable, private readonly batch = BATCH) {}

  line(text: string): void {
    this.parts.push(text, '\n');
    this.size += text.length + 1;
    if (this.size >= this.batch) this.flush();
  }

  async end(): Promise<void> {
    this.flush();
    // stdout to a file or a pipe is written synchronously on Linux; to anything slower, wait.
    if (this.out.writableNeedDrain) await once(this.out, 'drain');
  }

  private flush(): void {
    if (this.size === 0) return;
    this.out.write(this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }
}

async function main(argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: { 'include-sync': { type: 'boolean' }, help: { type: 'boolean' } }, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\n${USAGE}`);
  }
  const [file, ...rest] = parsed.positionals;
  if (parsed.values.help || !file || rest.length) throw new UsageError(USAGE);
  const missing = await unopenable(file);
  if (missing) {
    console.error(missing);
    return EXIT.broken;
  }
  const problems: string[] = [];
  let problemCount = 0;
  const out = new BatchedLines(process.stdout);
  let diagnostics;
  try {
    diagnostics = await readTrace(file, (r) => {
      if (r.sync && !parsed.values['include-sync']) return;
      const normalised = normalisedRecord(r);
      problemCount += normalised.problems.length;
      for (const p of normalised.problems) if (problems.length < 50) problems.push(p);
      out.line(JSON.stringify(normalised.json));
    }, { label: file });
  } finally {
    await out.end();
  }
  console.error(diagnostics.summary(file));
  if (problemCount) console.error([`${file}: ${problemCount} attribute value problem(s)`, ...problems.map((p) => `  ${p}`)].join('\n'));
  const unreadable = unreadableInput(file, diagnostics, { damagedRecords: false });
  if (unreadable) {
    console.error(unreadable);
    return EXIT.broken;
  }
  return EXIT.passed;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => { process.exitCode = code; },
    (e: unknown) => {
      console.error((e as Error).message);
      process.exitCode = e instanceof UsageError ? EXIT.usage : EXIT.broken;
    },
  );
}
