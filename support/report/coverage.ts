/**
 * The coverage table of the specification, generated from the feature files' tags (never written by
 * hand): for every model of the model index, its feature file, how many scenarios restate it and how
 * many of those are reconstructed (@inferred), next to the evidence level of the research digests.
 * `npm run coverage` prints it; `npm run conformance` writes it to reports/coverage.md.
 */
import type { GherkinDocument, Pickle } from '@cucumber/messages';
import { compile } from '@cucumber/gherkin';
import { IdGenerator } from '@cucumber/messages';
import { MODELS, type ModelEntry } from '../model/models';
import { evidenceText, readTags, type ScenarioEvidence } from '../model/tags';

export interface CoverageRow {
  readonly model: ModelEntry;
  readonly file?: string;
  readonly scenarios: number;
  readonly inferred: number;
  /** Scenarios per evidence level. */
  readonly evidence: Readonly<Record<ScenarioEvidence, number>>;
}

/** One row per model of the model index, in index order; models without a feature have no file. */
export function coverageOf(docs: readonly GherkinDocument[]): CoverageRow[] {
  const byModel = new Map<string, { file: string; scenarios: Pickle[] }>();
  for (const doc of docs) {
    const uri = doc.uri ?? 'feature';
    for (const pickle of compile(doc, uri, IdGenerator.incrementing())) {
      const slug = readTags(pickle.tags.map((t) => t.name)).model;
      if (!slug) continue;
      const entry = byModel.get(slug) ?? { file: uri, scenarios: [] };
      entry.scenarios.push(pickle);
      byModel.set(slug, entry);
    }
  }
  return MODELS.map((model) => {
    const entry = byModel.get(model.slug);
    const evidence = { documented: 0, 'qa-model': 0, inferred: 0 };
    if (!entry) return { model, scenarios: 0, inferred: 0, evidence };
    for (const p of entry.scenarios) evidence[readTags(p.tags.map((t) => t.name)).evidence] += 1;
    return { model, file: entry.file, scenarios: entry.scenarios.length, inferred: evidence.inferred, evidence };
  });
}

function provenance(row: CoverageRow): string {
  return row.file ? evidenceText(row.evidence) : '—';
}

export function renderCoverage(rows: readonly CoverageRow[]): string {
  const covered = rows.filter((r) => r.file).length;
  const lines = [
    '# Coverage of the GenEM model index',
    '',
    `${covered} of ${rows.length} models have a feature; ${rows.reduce((n, r) => n + r.scenarios, 0)} scenarios in all. Generated from the feature files' @model tags and evidence (@inferred, @qa-model, @documented, else the model index).`,
    '',
    '| GenEM section | model | feature file | scenarios | provenance | evidence in the digests |',
    '|---|---|---|---:|---|---|',
    ...rows.map((r) => `| ${r.model.section} | ${r.model.slug} | ${r.file ?? '**missing**'} | ${r.scenarios} | ${provenance(r)} | ${r.model.evidence} |`),
  ];
  return `${lines.join('\n')}\n`;
}
