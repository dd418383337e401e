/**
 * The tag vocabulary. Anything else is rejected before a run (see the feature validator).
 *
 * | tag | level | meaning |
 * |---|---|---|
 * | `@model:<slug>` | feature | the GenEM model restated (slug from the model index) — exactly one |
 * | `@source:GenEM/<Page>` | feature | the GenEM page the expectations come from — at least one |
 * | `@inferred` | feature / rule / scenario | expectations reconstructed, not read in a GenEM table; the prose says what is uncertain |
 * | `@qa-model` | feature / rule / scenario | expectations read in the Genesys QA model of SIP Server, not in a GenEM table |
 * | `@documented` | feature / rule / scenario | expectations read in a GenEM table, in a model whose index evidence is otherwise the QA model |
 * | `@requires:<capability>` | any | the adapter must declare this capability, or the scenario is skipped with the reason |
 * | `@extras-allowed` | any | events nobody expected do not fail the scenario |
 * | `@extras-allowed:<party>` | any | events nobody expected on that party's DN do not fail the scenario (a column GenEM's rendering does not show) |
 * | `@severity:<level>` | any | Allure severity |
 * | `@issue=<id>` | any | Allure issue link |
 */
import { modelOf, sourceTitle, type ModelEntry } from './models';

/**
 * Where a scenario's expectations come from, weakest last:
 * - `documented`: a GenEM table (or GenEM's text) was read;
 * - `qa-model`: the Genesys QA model of SIP Server (executable evidence, not GenEM);
 * - `inferred`: reconstructed; a deviation is advisory ("deviates from the reconstruction").
 */
export type ScenarioEvidence = 'documented' | 'qa-model' | 'inferred';

export const EVIDENCE_LEVELS: readonly ScenarioEvidence[] = ['documented', 'qa-model', 'inferred'];

/** The default when no tag says: from the model index's evidence column (title-only models are reconstructions). */
export function defaultEvidence(model: ModelEntry | undefined): ScenarioEvidence {
  if (model?.evidence === 'qa-model') return 'qa-model';
  if (model?.evidence === 'title') return 'inferred';
  return 'documented';
}

/** "documented 3, qa-model 2, inferred 1" (levels with no scenario left out; "—" when none). */
export function evidenceText(counts: Readonly<Record<ScenarioEvidence, number>>): string {
  const parts = EVIDENCE_LEVELS.filter((e) => counts[e] > 0).map((e) => `${e} ${String(counts[e])}`);
  return parts.length ? parts.join(', ') : '—';
}

export interface ScenarioTags {
  readonly model?: string;
  readonly sources: readonly string[];
  /** Where the expectations come from: the weakest evidence tag, else the model index's default. */
  readonly evidence: ScenarioEvidence;
  /** `evidence === 'inferred'`. */
  readonly inferred: boolean;
  readonly requires: readonly string[];
  readonly extrasAllowed: boolean;
  /** Parties (names or DNs) whose unexpected events do not fail the scenario (`@extras-allowed:<party>`). */
  readonly extrasAllowedOn: readonly string[];
  readonly severity?: string;
}

/**
 * The DNs whose events nobody expected do not fail the scenario: every DN (undefined) for
 * `@extras-allowed`, the named parties' for `@extras-allowed:<party>`, none (an empty set) otherwise.
 */
export function extrasAllowedDns(tags: Pick<ScenarioTags, 'extrasAllowed' | 'extrasAllowedOn'>, resolveDn: (party: string) => string): ReadonlySet<string> | undefined {
  return tags.extrasAllowed ? undefined : new Set(tags.extrasAllowedOn.map(resolveDn));
}

const SEVERITIES = new Set(['blocker', 'critical', 'normal', 'minor', 'trivial']);

export function readTags(tags: readonly string[]): ScenarioTags {
  const value = (prefix: string): string[] => tags.filter((t) => t.startsWith(prefix)).map((t) => t.slice(prefix.length));
  const model = value('@model:')[0];
  const severity = value('@severity:')[0];
  const evidence = tags.includes('@inferred') ? 'inferred' : tags.includes('@qa-model') ? 'qa-model'
    : tags.includes('@documented') ? 'documented' : defaultEvidence(model ? modelOf(model) : undefined);
  return {
    sources: tags.filter((t) => t.startsWith('@source:')),
    evidence,
    inferred: evidence === 'inferred',
    requires: value('@requires:'),
    extrasAllowed: tags.includes('@extras-allowed'),
    extrasAllowedOn: value('@extras-allowed:'),
    ...(model ? { model } : {}),
    ...(severity ? { severity } : {}),
  };
}

/** Problems with one tag, or undefined when it is part of the vocabulary. */
export function tagProblem(tag: string): string | undefined {
  if (['@inferred', '@qa-model', '@documented', '@extras-allowed'].includes(tag)) return undefined;
  if (tag.startsWith('@model:')) return modelOf(tag.slice(7)) ? undefined : `unknown model slug in ${tag} (see support/model/models.ts)`;
  if (tag.startsWith('@source:')) return sourceTitle(tag) ? undefined : `unknown GenEM page in ${tag} (use @source:GenEM/<Page>, pages in support/model/models.ts)`;
  if (tag.startsWith('@extras-allowed:')) return /^@extras-allowed:[A-Za-z0-9_]+$/.test(tag) ? undefined : `malformed tag ${tag} (@extras-allowed:<party>)`;
  if (tag.startsWith('@requires:')) return /^@requires:[a-z0-9:-]+$/.test(tag) ? undefined : `malformed capability tag ${tag}`;
  if (tag.startsWith('@severity:')) return SEVERITIES.has(tag.slice(10)) ? undefined : `unknown severity in ${tag}`;
  if (/^@issue=\S+$/.test(tag)) return undefined;
  return `tag ${tag} is not part of the vocabulary (@model:, @source:, @inferred, @qa-model, @documented, @requires:, @extras-allowed, @extras-allowed:<party>, @severity:, @issue=)`;
}
