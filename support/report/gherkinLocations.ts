/** Feature-file lines of a step and of its data-table rows, from the Gherkin AST. */
import type { GherkinDocument, Step } from '@cucumber/messages';

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
