/**
 * `node support/cli/validate.ts [files...]`: check the specification without running it (unknown
 * events, attributes and enum values, the tag vocabulary, one When per scenario). Exit 64 on problems.
 */
import { EXIT } from '../errors';
import { featureFiles, formatProblem, validateFeatureFiles } from '../spec/validateFeatures';

const files = process.argv.length > 2 ? process.argv.slice(2) : featureFiles();
const problems = validateFeatureFiles(files);
for (const p of problems) console.error(formatProblem(p));
console.log(`specification: ${files.length} feature file(s), ${problems.length} problem(s)`);
process.exitCode = problems.length ? EXIT.usage : 0;
