/**
 * The specification checks of a run, before anything runs: every feature valid (file:line for each
 * problem), the tag expression and name parse, and the filter selects at least one scenario.
 * Problems are usage errors (exit 64).
 */
import { compile } from '@cucumber/gherkin';
import { IdGenerator } from '@cucumber/messages';
import { UsageError } from '../errors';
import { nameExpression, tagExpression } from '../config/filter';
import { featureFiles, formatProblem, parseFeature, validateFeatureFiles } from '../spec/validateFeatures';

/** Throws a UsageError naming every problem of the features in `dir`, or a filter that selects nothing. */
export function checkSpecification(dir: string, filter: { readonly tags?: string; readonly name?: string; readonly shown: readonly string[] }): void {
  const files = featureFiles(dir);
  const problems = validateFeatureFiles(files);
  if (problems.length) {
    throw new UsageError([`The specification has ${String(problems.length)} problem(s); nothing was run:`, ...problems.map((p) => `  ${formatProblem(p)}`)].join('\n'));
  }
  if (!filter.tags && !filter.name) return;
  const tags = filter.tags ? tagExpression(filter.tags) : undefined;
  const name = filter.name ? nameExpression(filter.name) : undefined;
  const selected = files.some((f) => compile(parseFeature(f), f, IdGenerator.incrementing())
    .some((p) => (!tags || tags.evaluate(p.tags.map((t) => t.name))) && (!name || name.test(p.name))));
  if (!selected) throw new UsageError(`The filter ${filter.shown.join(' ')} matches no scenario of ${dir}/; nothing was run.`);
}
