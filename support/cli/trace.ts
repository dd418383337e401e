/**
 * `npm run trace -- <log file> [--include-sync]`: print the T-Library messages found in a Genesys
 * log (native T-Server/SIP Server, URS/ORS, .NET PSDK) or an NDJSON trace as normalised NDJSON on
 * stdout — kind, name, dn, attributes, source file:line — and a summary of unknown lines,
 * truncated records and attribute problems (with line numbers) on stderr.
 *
 * Exit codes: 0 read (even with unknown lines: they are reported) · 2 cannot read · 64 usage.
 */
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { EXIT, UsageError } from '../errors';
import { readTrace } from '../accel';
import { normalisedRecord } from '../trace/read';

const USAGE = 'usage: npm run trace -- <log or .ndjson file> [--include-sync]';

async function main(argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: { 'include-sync': { type: 'boolean' }, help: { type: 'boolean' } }, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\n${USAGE}`);
  }
  const [file, ...rest] = parsed.positionals;
  if (parsed.values.help || !file || rest.length) throw new UsageError(USAGE);
  if (!existsSync(file)) {
    console.error(`${file}: no such file`);
    return EXIT.broken;
  }
  const problems: string[] = [];
  let problemCount = 0;
  const diagnostics = await readTrace(file, (r) => {
    if (r.sync && !parsed.values['include-sync']) return;
    const out = normalisedRecord(r);
    problemCount += out.problems.length;
    for (const p of out.problems) if (problems.length < 50) problems.push(p);
    process.stdout.write(`${JSON.stringify(out.json)}\n`);
  }, { label: file });
  console.error(diagnostics.summary(file));
  if (problemCount) console.error([`${file}: ${problemCount} attribute value problem(s)`, ...problems.map((p) => `  ${p}`)].join('\n'));
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
