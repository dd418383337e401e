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
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { EXIT } from '../errors';
import { parseCommandLine, runCommand, type CommandSpec } from '../config/commandLine';
import { readTrace } from '../accel';
import { normalisedRecord } from '../trace/read';
import { unopenable, unreadableInput } from '../trace/input';

export const COMMAND = {
  name: 'trace',
  synopsis: ['<log or .ndjson file> [--include-sync]'],
  description: `Prints the T-Library messages of a Genesys log (T-Server / SIP Server, URS / ORS, .NET PSDK) or an
NDJSON trace as normalised NDJSON on stdout; unknown lines, damaged records and attribute problems
go to stderr. Use npm run -s (silent) when redirecting: npm run -s trace -- sip.log > sip.ndjson`,
  options: {
    'include-sync': { type: 'boolean', help: 'also print the synchronisation records (HA backup sync), left out by default' },
  },
  positionals: { min: 1, max: 1 },
  epilogue: 'Exit codes: 0 read (unknown lines and damaged records are reported) · 2 cannot read · 64 usage error.',
} as const satisfies CommandSpec;

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
  const parsed = parseCommandLine(COMMAND, argv);
  const file = parsed.positionals[0] ?? '';
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

if (require.main === module) runCommand(COMMAND, process.argv.slice(2), main);
