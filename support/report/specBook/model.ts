/**
 * The spec book's content, built from the Gherkin AST (@cucumber/gherkin) of each feature: the
 * feature's prose and provenance, its rules and scenarios with their steps, and the expected
 * sequence diagram of every Then table. No HTML here (see pages.ts).
 */
import type { Feature, GherkinDocument, Rule, Scenario, Step, Tag } from '@cucumber/messages';
import { MODELS, modelOf, sourceTitle, type ModelEntry } from '../../model/models';
import { readTags, type ScenarioEvidence } from '../../model/tags';
import { parseExpectationTable, TableError, type ExpectedRow } from '../../matching/expectation';
import { expectationStepFor, stepParty } from '../../matching/expectationSteps';
import type { CellMatcher } from '../../matching/cells';
import { expectedDiagramFromRows, type DiagramEvent, type DiagramModel, type DiagramParty } from '../diagram';
import { castOf, declaredParty } from './cast';
import { paragraphs } from '../markup';

const SWITCH = '~switch';

export interface BookStep {
  readonly keyword: string;
  readonly text: string;
  readonly line: number;
  readonly rows?: readonly (readonly string[])[];
  readonly docString?: string;
}

export interface BookDiagram {
  /** The Then step the diagram restates. */
  readonly step: string;
  readonly model?: DiagramModel;
  /** Why no diagram could be drawn (the validator reports the same problem before a run). */
  readonly error?: string;
}

export interface BookScenario {
  /** Deep-link anchor, unique in the book: `<model slug>--<scenario name>`. */
  readonly anchor: string;
  readonly name: string;
  readonly line: number;
  readonly rule?: string;
  readonly description: string;
  /** Effective tags: the feature's, the rule's and the scenario's own. */
  readonly tags: readonly string[];
  readonly ownTags: readonly string[];
  readonly inferred: boolean;
  /** Where its expectations come from: a GenEM table, the QA model of SIP Server, or a reconstruction. */
  readonly evidence: ScenarioEvidence;
  readonly requires: readonly string[];
  readonly steps: readonly BookStep[];
  readonly diagrams: readonly BookDiagram[];
  /** For the filters: event names, DN roles and parties of the Then tables. */
  readonly events: readonly string[];
  readonly roles: readonly string[];
  readonly parties: readonly string[];
}

export interface BookRule { readonly name?: string; readonly description: string; readonly scenarios: readonly BookScenario[] }

/** A feature's: documented only when every scenario restates a GenEM table; the QA model of SIP Server is not GenEM. */
export type Provenance = 'documented' | 'documented and QA model' | 'QA model' | 'reconstructed' | 'partly reconstructed';

export interface BookFeature {
  readonly uri: string;
  readonly slug?: string;
  readonly entry?: ModelEntry;
  readonly name: string;
  readonly tags: readonly string[];
  readonly sources: readonly { readonly tag: string; readonly title: string }[];
  /** Prose paragraphs, without the Source: and Uncertain: paragraphs. */
  readonly prose: readonly string[];
  readonly source?: string;
  readonly uncertain?: string;
  readonly background: readonly BookStep[];
  readonly rules: readonly BookRule[];
  readonly provenance: Provenance;
  readonly scenarioCount: number;
  readonly inferredCount: number;
  /** Scenarios per evidence level. */
  readonly evidence: Readonly<Record<ScenarioEvidence, number>>;
}

export interface BookSection {
  readonly name: string;
  readonly slug: string;
  readonly models: readonly { readonly entry: ModelEntry; readonly features: readonly BookFeature[] }[];
}

export interface Book {
  readonly features: readonly BookFeature[];
  readonly sections: readonly BookSection[];
  /** Models of the model index without a feature. */
  readonly gaps: readonly ModelEntry[];
}

export function slugify(text: string): string {
  return text.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'x';
}

export { paragraphs };

function stepOf(step: Step): BookStep {
  return {
    keyword: step.keyword.trim(),
    text: step.text,
    line: step.location.line,
    ...(step.dataTable ? { rows: step.dataTable.rows.map((r) => r.cells.map((c) => c.value)) } : {}),
    ...(step.docString ? { docString: step.docString.content } : {}),
  };
}

const names = (tags: readonly Tag[]): string[] => tags.map((t) => t.name);

/** Build the book from parsed feature documents (one per feature file). */
export function buildBook(docs: readonly GherkinDocument[]): Book {
  const anchors = new Set<string>();
  const features = docs.flatMap((doc) => (doc.feature ? [featureOf(doc.uri ?? 'feature', doc.feature, anchors)] : []));
  const sectionNames = [...new Set(MODELS.map((m) => m.section))];
  const sections = sectionNames.map((name) => ({
    name,
    slug: slugify(name),
    models: MODELS.filter((m) => m.section === name).map((entry) => ({ entry, features: features.filter((f) => f.slug === entry.slug) })),
  }));
  const gaps = MODELS.filter((m) => !features.some((f) => f.slug === m.slug));
  return { features, sections, gaps };
}

function featureOf(uri: string, feature: Feature, anchors: Set<string>): BookFeature {
  const tags = names(feature.tags);
  const slug = readTags(tags).model;
  const entry = slug ? modelOf(slug) : undefined;
  let background: BookStep[] = [];
  const backgroundTexts: string[] = [];
  const rules: BookRule[] = [];
  const loose: BookScenario[] = [];
  const scenarioOf = (s: PlainScenario, ruleTags: readonly string[], ruleBackground: readonly string[], rule?: string): BookScenario =>
    bookScenario(s, { featureTags: tags, ruleTags, background: [...backgroundTexts, ...ruleBackground], slug: slug ?? slugify(feature.name), anchors, ...(rule ? { rule } : {}) });
  for (const child of feature.children) {
    if (child.background) {
      background = child.background.steps.map(stepOf);
      backgroundTexts.push(...child.background.steps.map((s) => s.text));
    }
    if (child.scenario) loose.push(...expanded(child.scenario).map((x) => scenarioOf(x, [], [])));
    if (child.rule) rules.push(ruleOf(child.rule, scenarioOf));
  }
  const all = [...loose, ...rules.flatMap((r) => r.scenarios)];
  const inferredCount = all.filter((s) => s.inferred).length;
  const evidence = { documented: 0, 'qa-model': 0, inferred: 0 };
  for (const s of all) evidence[s.evidence] += 1;
  const paras = paragraphs(feature.description);
  const source = paras.find((p) => p.startsWith('Source:'));
  const uncertain = paras.find((p) => p.startsWith('Uncertain:'));
  return {
    uri,
    name: feature.name,
    tags,
    sources: tags.filter((t) => t.startsWith('@source:')).map((tag) => ({ tag, title: sourceTitle(tag) ?? tag })),
    prose: paras.filter((p) => p !== source && p !== uncertain),
    background,
    rules: loose.length ? [{ description: '', scenarios: loose }, ...rules] : rules,
    provenance: provenanceOf(evidence, all.length),
    scenarioCount: all.length,
    inferredCount,
    evidence,
    ...(slug ? { slug } : {}),
    ...(entry ? { entry } : {}),
    ...(source ? { source } : {}),
    ...(uncertain ? { uncertain } : {}),
  };
}

type ScenarioOf = (s: PlainScenario, ruleTags: readonly string[], ruleBackground: readonly string[], rule?: string) => BookScenario;

function ruleOf(rule: Rule, scenarioOf: ScenarioOf): BookRule {
  const ruleTags = names(rule.tags);
  const background = rule.children.flatMap((c) => (c.background ? [c.background] : []));
  const texts = background.flatMap((b) => b.steps.map((s) => s.text));
  const scenarios = rule.children.flatMap((c) => (c.scenario ? expanded(c.scenario).map((x) => scenarioOf(x, ruleTags, texts, rule.name)) : []));
  return { name: rule.name, description: paragraphs(rule.description).join('\n\n'), scenarios };
}

/** A scenario as the book reads it: a plain scenario, or one row of an outline's Examples. */
interface PlainScenario {
  readonly name: string;
  readonly line: number;
  readonly description: string;
  readonly tags: readonly string[];
  readonly steps: readonly BookStep[];
}

/**
 * A Scenario Outline as cucumber runs it: one scenario per row of its Examples, `<placeholders>`
 * replaced in the name, the steps and their tables (the examples' tags stay on their rows). A plain
 * scenario is itself.
 */
export function expanded(s: Scenario): PlainScenario[] {
  const plain = { name: s.name, line: s.location.line, description: s.description, tags: names(s.tags), steps: s.steps.map(stepOf) };
  const rows = s.examples.flatMap((ex) => {
    const head = ex.tableHeader?.cells.map((c) => c.value) ?? [];
    return ex.tableBody.map((row) => ({ tags: names(ex.tags), values: new Map(head.map((h, i) => [h, row.cells[i]?.value ?? ''])), line: row.location.line }));
  });
  if (!rows.length) return [plain];
  return rows.map(({ tags, values, line }) => {
    const fill = (text: string): string => text.replace(/<([^<>]+)>/g, (all, name: string) => values.get(name) ?? all);
    return {
      name: fill(s.name),
      line,
      description: s.description,
      tags: [...plain.tags, ...tags],
      steps: plain.steps.map((st) => ({
        keyword: st.keyword,
        text: fill(st.text),
        line: st.line,
        ...(st.rows ? { rows: st.rows.map((r) => r.map(fill)) } : {}),
        ...(st.docString !== undefined ? { docString: fill(st.docString) } : {}),
      })),
    };
  });
}

interface ScenarioContext {
  readonly featureTags: readonly string[];
  readonly ruleTags: readonly string[];
  readonly background: readonly string[];
  readonly slug: string;
  readonly anchors: Set<string>;
  readonly rule?: string;
}

function uniqueAnchor(base: string, anchors: Set<string>): string {
  let anchor = base;
  for (let i = 2; anchors.has(anchor); i += 1) anchor = `${base}-${i}`;
  anchors.add(anchor);
  return anchor;
}

function provenanceOf(evidence: Readonly<Record<ScenarioEvidence, number>>, scenarios: number): Provenance {
  if (evidence.inferred > 0) return evidence.inferred === scenarios ? 'reconstructed' : 'partly reconstructed';
  if (evidence['qa-model'] === 0) return 'documented';
  return evidence['qa-model'] === scenarios ? 'QA model' : 'documented and QA model';
}

function bookScenario(s: PlainScenario, ctx: ScenarioContext): BookScenario {
  const ownTags = [...s.tags];
  const tags = [...new Set([...ctx.featureTags, ...ctx.ruleTags, ...ownTags])];
  const read = readTags(tags);
  const cast = castOf([...ctx.background, ...s.steps.map((st) => st.text)]);
  const tables = s.steps.flatMap((st, i) => tableOf(st, cast, actionsBefore(s.steps.slice(0, i), cast)));
  const rows = tables.flatMap((t) => t.rows);
  return {
    anchor: uniqueAnchor(`${ctx.slug}--${slugify(s.name)}`, ctx.anchors),
    name: s.name,
    line: s.line,
    description: s.description.trim(),
    tags,
    ownTags,
    inferred: read.inferred,
    evidence: read.evidence,
    requires: read.requires,
    steps: s.steps,
    diagrams: tables.map((t) => t.diagram),
    events: [...new Set(rows.map((r) => r.event))],
    roles: [...new Set(rows.flatMap((r) => r.cells.filter((c) => /DNRole$/.test(c.attribute)).flatMap((c) => enumValues(c.matcher))))],
    parties: [...new Set([...cast.map((p) => p.name), ...rows.flatMap((r) => (r.dn ? [r.dn] : []))])],
    ...(ctx.rule ? { rule: ctx.rule } : {}),
  };
}

function enumValues(m: CellMatcher): string[] {
  if (m.kind === 'enum') return [m.name];
  if (m.kind === 'oneOf') return m.options.flatMap(enumValues);
  if (m.kind === 'orAbsent') return enumValues(m.inner);
  return [];
}

/**
 * Who does what before a Then table, as arrows: each precondition (a Given that is not a party
 * declaration) and the step under test (the last When), from the party the step names first to the
 * other party it names (who calls whom), or to the switch; a marker between the preconditions and
 * the step under test. From the step texts: the book is built without running anything.
 */
const CONTINUATIONS: readonly string[] = ['And', 'But', '*'];

function actionsBefore(steps: readonly BookStep[], cast: readonly DiagramParty[]): DiagramEvent[] {
  const whenAt = steps.map((st) => st.keyword).lastIndexOf('When');
  // And, But and * continue the When: they are part of the step under test.
  const ands = steps.findIndex((st, i) => i > whenAt && !CONTINUATIONS.includes(st.keyword));
  const whenEnd = whenAt < 0 ? -1 : ands < 0 ? steps.length : ands;
  const out: DiagramEvent[] = [];
  steps.forEach((st, i) => {
    const stimulus = whenAt >= 0 && i >= whenAt && i < whenEnd;
    if (!stimulus && (st.keyword === 'Then' || declaredParty(st.text) || i >= whenEnd && whenAt >= 0)) return;
    if (i === whenAt) out.push({ kind: 'marker', lane: '', label: `▶ When ${st.text} — the step under test` });
    const named = cast.filter((p) => new RegExp(`\\b${p.name}\\b`).test(st.text)).sort((a, b) => st.text.indexOf(a.name) - st.text.indexOf(b.name));
    const actor = named[0];
    if (!actor || !st.text.startsWith(actor.name)) return;
    const target = named[1];
    out.push({ kind: 'request', lane: actor.name, to: target ? target.name : SWITCH, label: st.text, ...(stimulus ? {} : { note: 'precondition' }) });
  });
  return out;
}

/** The expected diagram of one Then step with an expectation table (nothing for other steps). */
function tableOf(step: BookStep, cast: readonly DiagramParty[], prelude: readonly DiagramEvent[] = []): { rows: ExpectedRow[]; diagram: BookDiagram }[] {
  const kind = expectationStepFor(step.text);
  if (!kind || !step.rows) return [];
  const title = `${step.keyword} ${step.text.replace(/:$/, '')}`;
  try {
    const rows = parseExpectationTable(step.rows, { dnColumn: kind.dnColumn });
    const defaultDn = stepParty(kind, step.text);
    const table = expectedDiagramFromRows(rows, cast, { title, mode: kind.mode, ...(defaultDn ? { defaultDn } : {}) });
    const toSwitch = prelude.some((e) => e.to === SWITCH);
    const model = { ...table, lanes: [...(toSwitch ? [{ id: SWITCH, label: 'Switch\nsystem under test' }] : []), ...table.lanes], events: [...prelude, ...table.events] };
    return [{ rows, diagram: { step: title, model } }];
  } catch (e) {
    if (!(e instanceof TableError)) throw e;
    return [{ rows: [], diagram: { step: title, error: `row ${e.row}: ${e.message}` } }];
  }
}
