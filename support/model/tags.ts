/**
 * The tag vocabulary. Anything else is rejected before a run (see the feature validator).
 *
 * | tag | level | meaning |
 * |---|---|---|
 * | `@model:<slug>` | feature | the GenEM model restated (slug from the model index) — exactly one |
 * | `@source:GenEM/<Page>` | feature | the GenEM page the expectations come from — at least one |
 * | `@inferred` | feature / rule / scenario | expectations reconstructed, not read in a GenEM table; the prose says what is uncertain |
 * | `@requires:<capability>` | any | the adapter must declare this capability, or the scenario is skipped with the reason |
 * | `@extras-allowed` | any | events nobody expected do not fail the scenario |
 * | `@severity:<level>` | any | Allure severity |
 * | `@issue=<id>` | any | Allure issue link |
 */
import { modelOf, sourceTitle } from './models';

export interface ScenarioTags {
  readonly model?: string;
  readonly sources: readonly string[];
  readonly inferred: boolean;
  readonly requires: readonly string[];
  readonly extrasAllowed: boolean;
  readonly severity?: string;
}

const SEVERITIES = new Set(['blocker', 'critical', 'normal', 'minor', 'trivial']);

export function readTags(tags: readonly string[]): ScenarioTags {
  const value = (prefix: string): string[] => tags.filter((t) => t.startsWith(prefix)).map((t) => t.slice(prefix.length));
  const model = value('@model:')[0];
  const severity = value('@severity:')[0];
  return {
    sources: tags.filter((t) => t.startsWith('@source:')),
    inferred: tags.includes('@inferred'),
    requires: value('@requires:'),
    extrasAllowed: tags.includes('@extras-allowed'),
    ...(model ? { model } : {}),
    ...(severity ? { severity } : {}),
  };
}

/** Problems with one tag, or undefined when it is part of the vocabulary. */
export function tagProblem(tag: string): string | undefined {
  if (tag === '@inferred' || tag === '@extras-allowed') return undefined;
  if (tag.startsWith('@model:')) return modelOf(tag.slice(7)) ? undefined : `unknown model slug in ${tag} (see support/model/models.ts)`;
  if (tag.startsWith('@source:')) return sourceTitle(tag) ? undefined : `unknown GenEM page in ${tag} (use @source:GenEM/<Page>, pages in support/model/models.ts)`;
  if (tag.startsWith('@requires:')) return /^@requires:[a-z0-9:-]+$/.test(tag) ? undefined : `malformed capability tag ${tag}`;
  if (tag.startsWith('@severity:')) return SEVERITIES.has(tag.slice(10)) ? undefined : `unknown severity in ${tag}`;
  if (/^@issue=\S+$/.test(tag)) return undefined;
  return `tag ${tag} is not part of the vocabulary (@model:, @source:, @inferred, @requires:, @extras-allowed, @severity:, @issue=)`;
}
