/**
 * `npm run spec-book [-- --out dir] [--reports dir] [--no-results]`: write the living specification to
 * `reports/spec-book/` (open `reports/spec-book/index.html` in a browser; no server needed).
 * Shows the last run's outcomes when `reports/` holds them.
 */
import { parseArgs } from 'node:util';
import { join, relative } from 'node:path';
import { writeSpecBook } from '../report/specBook/build';

function main(argv: readonly string[]): number {
  const { values } = parseArgs({
    args: [...argv],
    options: { out: { type: 'string' }, reports: { type: 'string' }, 'no-results': { type: 'boolean' }, help: { type: 'boolean' } },
    strict: true,
  });
  if (values.help) {
    console.log('usage: npm run spec-book -- [--out dir] [--reports dir] [--no-results]');
    return 0;
  }
  const result = writeSpecBook({ ...(values.out ? { outDir: values.out } : {}), ...(values.reports ? { reportsDir: values.reports } : {}), withoutResults: values['no-results'] === true });
  const scenarios = result.book.features.reduce((n, f) => n + f.scenarioCount, 0);
  const runs = result.results ? `with outcomes from the last run (${result.results.from === 'messages' ? 'cucumber-messages.ndjson' : 'summary.json'})` : 'without run results';
  console.log(`Spec book: ${result.book.features.length} features, ${scenarios} scenarios, ${result.book.gaps.length} models without a feature, ${runs}.`);
  console.log(`Open ${relative(process.cwd(), join(result.outDir, 'index.html'))} in a browser (no server needed).`);
  return 0;
}

if (require.main === module) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    console.error(`spec-book: ${(e as Error).message}`);
    process.exitCode = 64;
  }
}
