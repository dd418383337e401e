/**
 * Pre-run validation of the specification: a feature that names an unknown event, attribute or
 * enum value, breaks the tag vocabulary, or has a scenario with more or fewer than one `When`, is
 * rejected before anything runs, with file:line.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AstBuilder, GherkinClassicTokenMatcher, Parser } from '@cucumber/gherkin';
import { IdGenerator, StepKeywordType, type Feature, type GherkinDocument, type Scenario, type Step, type Tag } from '@cucumber/messages';
import { expectationStepFor } from '../matching/expectationSteps';
import { parseExpectationTable, TableError } from '../matching/expectation';
import { tagProblem } from '../model/tags';

export interface Problem {
  readonly file: string;
  readonly line: number;
  readonly column?: number;
  readonly message: string;
}

export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}${p.column ? `:${p.column}` : ''}: ${p.message}`;
}

export function parseFeature(file: string, text = readFileSync(file, 'utf8')): GherkinDocument {
  const parser = new Parser(new AstBuilder(IdGenerator.uuid()), new GherkinClassicTokenMatcher());
  const doc = parser.parse(text);
  doc.uri = file;
  return doc;
}

export function validateFeatureFiles(files: readonly string[]): Problem[] {
  return files.flatMap((file) => {
    let doc: GherkinDocument;
    try {
      doc = parseFeature(file);
    } catch (e) {
      return syntaxProblems(file, e);
    }
    return validateDocument(doc);
  });
}

function syntaxProblems(file: string, e: unknown): Problem[] {
  const errors = (e as { errors?: { message: string; location?: { line: number; column?: number } }[] }).errors ?? [e as Error & { location?: { line: number } }];
  return errors.map((err) => ({ file, line: (err as { location?: { line: number } }).location?.line ?? 1, message: `Gherkin syntax: ${err.message.replace(/^\(\d+:\d+\): /, '')}` }));
}

export function validateDocument(doc: GherkinDocument): Problem[] {
  const file = doc.uri ?? 'feature';
  const feature = doc.feature;
  if (!feature) return [{ file, line: 1, message: 'the file has no Feature' }];
  const problems: Problem[] = [];
  const at = (line: number, message: string, column?: number): void => {
    problems.push({ file, line, message, ...(column ? { column } : {}) });
  };
  checkFeatureTags(feature, at);
  const scenarios: Scenario[] = [];
  const steps: Step[] = [];
  const allTags: Tag[] = [...feature.tags];
  for (const child of feature.children) {
    if (child.background) steps.push(...child.background.steps);
    if (child.scenario) scenarios.push(child.scenario);
    if (child.rule) {
      allTags.push(...child.rule.tags);
      for (const rc of child.rule.children) {
        if (rc.background) steps.push(...rc.background.steps);
        if (rc.scenario) scenarios.push(rc.scenario);
      }
    }
  }
  for (const scenario of scenarios) {
    allTags.push(...scenario.tags, ...scenario.examples.flatMap((e) => e.tags));
    checkScenarioTables(scenario, at);
    checkOneWhen(scenario, at);
  }
  for (const tag of allTags) {
    const problem = tagProblem(tag.name);
    if (problem) at(tag.location.line, problem, tag.location.column);
  }
  if (allTags.some((t) => t.name === '@inferred') && !/^\s*Uncertain:/m.test(feature.description)) {
    at(feature.location.line, 'the feature restates inferred expectations: its description needs an "Uncertain:" paragraph saying what is reconstructed');
  }
  for (const step of steps) checkExpectationTable(step, at);
  return problems;
}

type At = (line: number, message: string, column?: number) => void;

function checkFeatureTags(feature: Feature, at: At): void {
  const models = feature.tags.filter((t) => t.name.startsWith('@model:'));
  if (models.length !== 1) at(feature.location.line, `a feature restates exactly one model: found ${models.length} @model: tags`);
  if (!feature.tags.some((t) => t.name.startsWith('@source:'))) at(feature.location.line, 'the feature has no @source:GenEM/<Page> tag');
  if (!feature.description.trim()) at(feature.location.line, 'the feature has no prose saying which model it restates and from where');
}

function checkOneWhen(scenario: Scenario, at: At): void {
  let whens = 0;
  let previous: StepKeywordType | undefined;
  for (const step of scenario.steps) {
    const type = step.keywordType === StepKeywordType.CONJUNCTION ? previous : step.keywordType;
    if (type === StepKeywordType.ACTION) whens += 1;
    previous = type;
  }
  if (whens !== 1) at(scenario.location.line, `scenario "${scenario.name}" has ${whens} When steps; a scenario states one stimulus`);
}

/** A scenario's expectation tables; an outline's once per Examples row, with the placeholders filled in. */
function checkScenarioTables(scenario: Scenario, at: At): void {
  const rows = scenario.examples.length > 0 ? exampleValues(scenario) : [undefined];
  for (const values of rows) for (const step of scenario.steps) checkExpectationTable(step, at, values);
}

/** Each Examples row of an outline as placeholder name → value. */
function exampleValues(scenario: Scenario): Map<string, string>[] {
  return scenario.examples.flatMap((ex) => {
    const names = ex.tableHeader?.cells.map((c) => c.value) ?? [];
    return ex.tableBody.map((row) => new Map(names.map((n, i) => [n, row.cells[i]?.value ?? ''])));
  });
}

function checkExpectationTable(step: Step, at: At, values?: ReadonlyMap<string, string>): void {
  const kind = expectationStepFor(step.text);
  if (!kind) return;
  if (!step.dataTable) {
    at(step.location.line, `"${step.text}" needs a table of expected events`);
    return;
  }
  const fill = (text: string): string => (values ? text.replace(/<([^<>]+)>/g, (m, name: string) => values.get(name) ?? m) : text);
  const rows = step.dataTable.rows.map((r) => r.cells.map((c) => fill(c.value)));
  const lines = step.dataTable.rows.map((r) => r.location.line);
  try {
    parseExpectationTable(rows, { dnColumn: kind.dnColumn, lines });
  } catch (e) {
    if (!(e instanceof TableError)) throw e;
    const row = step.dataTable.rows[e.row];
    const cell = e.column !== undefined ? row?.cells[e.column] : undefined;
    at(row?.location.line ?? step.location.line, e.message, cell?.location.column);
  }
}

/** Every `.feature` file under `dir`, sorted. */
export function featureFiles(dir = 'features'): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return featureFiles(path);
    return name.endsWith('.feature') ? [path] : [];
  }).sort();
}
