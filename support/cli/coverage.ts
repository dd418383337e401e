/** `npm run coverage [-- --out file]`: the coverage table of the model index, from the features' tags. */
import { writeFileSync } from 'node:fs';
import { coverageOf, renderCoverage } from '../report/coverage';
import { featureFiles, parseFeature } from '../spec/validateFeatures';

const out = process.argv.indexOf('--out');
const text = renderCoverage(coverageOf(featureFiles().map((f) => parseFeature(f))));
if (out > 0 && process.argv[out + 1]) writeFileSync(process.argv[out + 1] as string, text);
else process.stdout.write(text);
