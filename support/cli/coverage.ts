/** `npm run coverage [-- --out file]`: the coverage table of the model index, from the features' tags. */
import { writeFileSync } from 'node:fs';
import { coverageOf, renderCoverage } from '../report/coverage';
import { featureFiles, parseFeature } from '../spec/validateFeatures';
import { parseCommandLine, runCommand, type CommandSpec } from '../config/commandLine';

export const COMMAND = {
  name: 'coverage',
  synopsis: ['[--out file]'],
  description: `Prints the coverage table of the model index (support/model/models.ts): per model its feature file,
scenario count and evidence, from the features' tags, without running anything.`,
  options: {
    out: { type: 'string', value: '<file>', help: 'write the table (Markdown) to this file instead of stdout' },
  },
  epilogue: 'Exit codes: 0 written · 64 usage error.',
} as const satisfies CommandSpec;

function main(argv: readonly string[]): number {
  const { values } = parseCommandLine(COMMAND, argv);
  const text = renderCoverage(coverageOf(featureFiles().map((f) => parseFeature(f))));
  if (values.out !== undefined) writeFileSync(values.out, text);
  else process.stdout.write(text);
  return 0;
}

if (require.main === module) runCommand(COMMAND, process.argv.slice(2), main);
