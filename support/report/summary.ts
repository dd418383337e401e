/**
 * The one-screen conformance summary: per model, how many scenarios passed, failed (not
 * conformant), broke (could not test) or were skipped, followed by the details a person acts on.
 */
import { MODELS, modelOf } from '../model/models';
import type { Outcome, ScenarioOutcome } from './outcomes';

export interface RunSummary {
  readonly adapter: string;
  readonly date: string;
  readonly totals: Readonly<Record<Outcome, number>>;
  readonly models: readonly { slug: string; section: string; provenance: string; counts: Record<Outcome, number> }[];
  readonly modelsCovered: number;
  readonly modelsTotal: number;
  readonly scenarios: readonly ScenarioOutcome[];
}

const zero = (): Record<Outcome, number> => ({ passed: 0, failed: 0, broken: 0, skipped: 0, usage: 0, known: 0 });

export function summarise(outcomes: readonly ScenarioOutcome[], adapter: string, date: string): RunSummary {
  const totals = zero();
  const perModel = new Map<string, { counts: Record<Outcome, number>; inferred: number }>();
  for (const o of outcomes) {
    totals[o.outcome] += 1;
    const slug = o.model ?? '(no model)';
    const entry = perModel.get(slug) ?? { counts: zero(), inferred: 0 };
    entry.counts[o.outcome] += 1;
    entry.inferred += o.inferred ? 1 : 0;
    perModel.set(slug, entry);
  }
  const models = [...perModel].map(([slug, e]) => ({
    slug,
    section: modelOf(slug)?.section ?? '',
    provenance: provenanceOf(e.inferred, Object.values(e.counts).reduce((a, b) => a + b, 0)),
    counts: e.counts,
  }));
  const modelsCovered = MODELS.filter((m) => perModel.has(m.slug)).length;
  return { adapter, date, totals, models, modelsCovered, modelsTotal: MODELS.length, scenarios: outcomes };
}

function provenanceOf(inferred: number, total: number): string {
  if (inferred === 0) return 'documented';
  return inferred === total ? 'inferred' : `documented, ${inferred} of ${total} inferred`;
}

export function renderSummary(s: RunSummary): string {
  const head = `${'model'.padEnd(36)}${'passed'.padStart(7)}${'failed'.padStart(7)}${'broken'.padStart(7)}${'skipped'.padStart(8)}  provenance`;
  const rows = s.models.map((m) =>
    `${m.slug.padEnd(36)}${String(m.counts.passed).padStart(7)}${String(m.counts.failed).padStart(7)}${String(m.counts.broken + m.counts.usage).padStart(7)}${String(m.counts.skipped).padStart(8)}  ${m.provenance}`);
  const t = s.totals;
  const lines = [
    '',
    `Conformance summary — ${s.adapter} — ${s.date}`,
    head,
    ...rows,
    '',
    `Scenarios: ${t.passed} passed, ${t.failed} not conformant (failed), ${t.broken + t.usage} could not be tested (broken), ${t.skipped} skipped${t.known ? `, ${String(t.known)} known issue(s)` : ''}`,
    `Models: ${s.modelsCovered} of ${s.modelsTotal} GenEM models of the model index have a feature in this run.`,
  ];
  const detail = (outcome: Outcome, title: string): void => {
    const list = s.scenarios.filter((o) => o.outcome === outcome);
    if (!list.length) return;
    lines.push('', `${title}:`);
    for (const o of list) lines.push(`  ${o.uri}:${o.line} ${o.name}${o.reason ? ` — ${o.reason}` : ''}`);
  };
  detail('failed', 'Not conformant');
  detail('broken', 'Could not test');
  detail('usage', 'Feature problems');
  detail('known', 'Known issues (listed in the manifest; not failed)');
  detail('skipped', 'Skipped');
  return lines.join('\n');
}
