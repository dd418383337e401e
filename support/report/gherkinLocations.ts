/** Feature-file lines of a step and of its data-table rows, from the Gherkin AST. */
import type { GherkinDocument, Pickle, Step } from '@cucumber/messages';

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

/** The scenario's (or example row's) feature-file line: what `file:line` filters and reports use. */
export function pickleLine(doc: GherkinDocument, pickle: Pickle): number {
  const lines = new Map<string, number>();
  const visit = (s: { id: string; location: { line: number }; examples: readonly { tableBody: readonly { id: string; location: { line: number } }[] }[] } | undefined): void => {
    if (!s) return;
    lines.set(s.id, s.location.line);
    for (const ex of s.examples) for (const row of ex.tableBody) lines.set(row.id, row.location.line);
  };
  for (const child of doc.feature?.children ?? []) {
    visit(child.scenario);
    for (const rc of child.rule?.children ?? []) visit(rc.scenario);
  }
  const ids = pickle.astNodeIds;
  return lines.get(ids[ids.length - 1] ?? '') ?? lines.get(ids[0] ?? '') ?? 0;
}
