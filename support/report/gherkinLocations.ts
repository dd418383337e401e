/** Feature-file lines of a step and of its data-table rows, from the Gherkin AST. */
import type { GherkinDocument, Pickle, Scenario, Step } from '@cucumber/messages';

export function findStep(doc: GherkinDocument, ids: readonly string[]): Step | undefined {
  const children = doc.feature?.children ?? [];
  const steps: Step[] = [];
  for (const child of children) {
    steps.push(...(child.background?.steps ?? []), ...(child.scenario?.steps ?? []));
    for (const ruleChild of child.rule?.children ?? []) {
      steps.push(...(ruleChild.background?.steps ?? []), ...(ruleChild.scenario?.steps ?? []));
    }
  }
  return steps.find((s) => ids.includes(s.id));
}

export function tableLinesOf(doc: GherkinDocument, ids: readonly string[]): { line: number; tableLines: number[] } {
  const step = findStep(doc, ids);
  return { line: step?.location.line ?? 0, tableLines: step?.dataTable?.rows.map((r) => r.location.line) ?? [] };
}

/** Every scenario (and outline) of the document: the feature's and its rules'. */
export function scenariosOf(doc: Pick<GherkinDocument, 'feature'> | undefined): Scenario[] {
  return (doc?.feature?.children ?? []).flatMap((child) => [
    ...(child.scenario ? [child.scenario] : []),
    ...(child.rule?.children ?? []).flatMap((rc) => (rc.scenario ? [rc.scenario] : [])),
  ]);
}

/** Scenario and example-row ids to their feature-file lines, added to `into` (one map can hold several documents). */
export function scenarioLines(doc: Pick<GherkinDocument, 'feature'> | undefined, into = new Map<string, number>()): Map<string, number> {
  for (const scenario of scenariosOf(doc)) {
    into.set(scenario.id, scenario.location.line);
    for (const ex of scenario.examples) for (const row of ex.tableBody) into.set(row.id, row.location.line);
  }
  return into;
}

/** A pickle's line from {@link scenarioLines}: its example row's, else its scenario's (0 if unknown). */
export function lineOfPickle(lines: ReadonlyMap<string, number>, pickle: Pick<Pickle, 'astNodeIds'>): number {
  const ids = pickle.astNodeIds;
  return lines.get(ids[ids.length - 1] ?? '') ?? lines.get(ids[0] ?? '') ?? 0;
}

/** The scenario's (or example row's) feature-file line: what `file:line` filters and reports use. */
export function pickleLine(doc: GherkinDocument, pickle: Pickle): number {
  return lineOfPickle(scenarioLines(doc), pickle);
}
