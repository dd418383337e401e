/**
 * The words of a scenario that may name its parties: every word of its own steps (not the
 * Background's, which declare the whole cast) and of its tables' cells. A replay (support/trace/
 * ReplayAdapter.ts) keeps those that are declared parties: each must be found in the recording for
 * the scenario to be exercised, and a DN seen on the scenario's calls may be bound to one of them.
 */
import type { GherkinDocument, Pickle } from '@cucumber/messages';

/** Ids of the steps of every Background (the feature's and its rules'). */
function backgroundSteps(document: GherkinDocument): Set<string> {
  const ids = new Set<string>();
  const visit = (children: readonly { background?: { steps: readonly { id: string }[] }; rule?: { children: readonly { background?: { steps: readonly { id: string }[] } }[] } }[]): void => {
    for (const child of children) {
      for (const step of child.background?.steps ?? []) ids.add(step.id);
      if (child.rule) visit(child.rule.children);
    }
  };
  visit(document.feature?.children ?? []);
  return ids;
}

/** The distinct words (letters, digits, `_`) of the scenario's own steps and their tables, possessives without `'s`. */
export function namedInScenario(pickle: Pickle, document: GherkinDocument): string[] {
  const background = backgroundSteps(document);
  const words = new Set<string>();
  const add = (text: string): void => {
    for (const w of text.split(/[^\p{L}\p{N}_+]+/u)) if (w) words.add(w);
  };
  for (const step of pickle.steps) {
    if (step.astNodeIds.some((id) => background.has(id))) continue;
    add(step.text.replace(/'s\b/g, ''));
    for (const row of step.argument?.dataTable?.rows ?? []) for (const cell of row.cells) add(cell.value);
  }
  return [...words];
}
