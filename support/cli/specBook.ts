/**
 * `npm run spec-book [-- --out dir] [--reports dir] [--no-results]`: write the living specification to
 * `reports/spec-book/` (open `reports/spec-book/index.html` in a browser; no server needed).
 * Shows the last run's outcomes when `reports/` holds them.
 */
import { join, relative } from 'node:path';
import { writeSpecBook } from '../report/specBook/build';
import { UsageError } from '../errors';
import { parseCommandLine, runCommand, type CommandSpec } from '../config/commandLine';

export const COMMAND = {
  name: 'spec-book',
  synopsis: ['[--out dir] [--reports dir] [--no-results]'],
  description: `Writes the features as a browsable book with the expected sequence diagrams (reports/spec-book/;
open its index.html in a browser, no server needed), with the last run's outcomes when reports/ holds them.`,
  options: {
    out: { type: 'string', value: '<dir>', help: 'where to write the book (default reports/spec-book)' },
    reports: { type: 'string', value: '<dir>', help: "where the last run's reports are, for its outcomes (default reports)" },
    'no-results': { type: 'boolean', help: 'the specification alone, without the outcomes of the last run' },
  },
  epilogue: 'Exit codes: 0 written · 64 usage error or a feature that cannot be read.',
} as const satisfies CommandSpec;

function main(argv: readonly string[]): number {
  const { values } = parseCommandLine(COMMAND, argv);
  const result = book({ ...(values.out ? { outDir: values.out } : {}), ...(values.reports ? { reportsDir: values.reports } : {}), withoutResults: values['no-results'] === true });
  const scenarios = result.book.features.reduce((n, f) => n + f.scenarioCount, 0);
  const runs = result.results ? `with outcomes from the last run (${result.results.from === 'messages' ? 'cucumber-messages.ndjson' : 'summary.json'})` : 'without run results';
  console.log(`Spec book: ${result.book.features.length} features, ${scenarios} scenarios, ${result.book.gaps.length} models without a feature, ${runs}.`);
  console.log(`Open ${relative(process.cwd(), join(result.outDir, 'index.html'))} in a browser (no server needed).`);
  return 0;
}

/** What keeps the book from being written is in the features or the folders named: a usage error (as before issue 20). */
function book(options: Parameters<typeof writeSpecBook>[0]): ReturnType<typeof writeSpecBook> {
  try {
    return writeSpecBook(options);
  } catch (e) {
    throw new UsageError(`spec-book: ${(e as Error).message}`);
  }
}

if (require.main === module) runCommand(COMMAND, process.argv.slice(2), main);
