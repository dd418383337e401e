/**
 * The one-screen conformance summary: per model, how many scenarios passed, failed (not
 * conformant), broke (could not test) or were skipped, followed by the details a person acts on.
 */
import { MODELS, modelOf } from '../model/models';
import { EVIDENCE_LEVELS, evidenceText, type ScenarioEvidence } from '../model/tags';
import type { Outcome, ScenarioOutcome } from './outcomes';

/** Outcome counts per evidence level: documented, qa-model, inferred. */
export type EvidenceCounts = Record<ScenarioEvidence, Record<Outcome, number>>;

export interface SummaryModel {
  readonly slug: string;
  readonly section: string;
  /** Scenarios per evidence level, as text: "documented 3, inferred 1". */
  readonly provenance: string;
  readonly counts: Record<Outcome, number>;
  readonly evidence: EvidenceCounts;
}

export interface RunSummary {
  readonly adapter: string;
  readonly date: string;
  readonly totals: Readonly<Record<Outcome, number>>;
  /** The totals per evidence level. */
  readonly evidenceTotals: EvidenceCounts;
  readonly models: readonly SummaryModel[];
  readonly modelsCovered: number;
  readonly modelsTotal: number;
  readonly scenarios: readonly ScenarioOutcome[];
}

const zero = (): Record<Outcome, number> => ({ passed: 0, failed: 0, broken: 0, skipped: 0, usage: 0, known: 0 });

export const zeroEvidence = (): EvidenceCounts => ({ documented: zero(), 'qa-model': zero(), inferred: zero() });

const total = (c: Readonly<Record<Outcome, number>>): number => Object.values(c).reduce((a, b) => a + b, 0);

/** "documented 3, qa-model 2, inferred 1": how many scenarios of each level. */
export function provenanceOf(e: Readonly<EvidenceCounts>): string {
  return evidenceText({ documented: total(e.documented), 'qa-model': total(e['qa-model']), inferred: total(e.inferred) });
}

export function summarise(outcomes: readonly ScenarioOutcome[], adapter: string, date: string): RunSummary {
  const totals = zero();
  const evidenceTotals = zeroEvidence();
  const perModel = new Map<string, { counts: Record<Outcome, number>; evidence: EvidenceCounts }>();
  for (const o of outcomes) {
    totals[o.outcome] += 1;
    evidenceTotals[o.evidence][o.outcome] += 1;
    const slug = o.model ?? '(no model)';
    const entry = perModel.get(slug) ?? { counts: zero(), evidence: zeroEvidence() };
    entry.counts[o.outcome] += 1;
    entry.evidence[o.evidence][o.outcome] += 1;
    perModel.set(slug, entry);
  }
  const models = [...perModel].map(([slug, e]) => ({
    slug,
    section: modelOf(slug)?.section ?? '',
    provenance: provenanceOf(e.evidence),
    counts: e.counts,
    evidence: e.evidence,
  }));
  const modelsCovered = MODELS.filter((m) => perModel.has(m.slug)).length;
  return { adapter, date, totals, evidenceTotals, models, modelsCovered, modelsTotal: MODELS.length, scenarios: outcomes };
}

/**
 * Failed scenarios whose expectations are a reconstruction: advisory, "deviates from the
 * reconstruction". Not those that broke an event-level rule (documented, so part of the verdict).
 */
export function reconstructionDeviations(s: Pick<RunSummary, 'scenarios'>): readonly ScenarioOutcome[] {
  return s.scenarios.filter(isDeviation);
}

function isDeviation(o: ScenarioOutcome): boolean {
  return o.outcome === 'failed' && o.evidence === 'inferred' && o.ruleBroken !== true;
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
    `Evidence: ${EVIDENCE_LEVELS.map((e) => `${e} ${String(total(s.evidenceTotals[e]))} (${String(s.evidenceTotals[e].failed)} failed)`).join(', ')}; a failed inferred scenario deviates from the reconstruction (advisory) unless it broke an event-level rule (documented).`,
    `Models: ${s.modelsCovered} of ${s.modelsTotal} GenEM models of the model index have a feature in this run.`,
  ];
  const detail = (outcome: Outcome, title: string): void => {
    const list = s.scenarios.filter((o) => o.outcome === outcome);
    if (!list.length) return;
    lines.push('', `${title}:`);
    for (const o of list) lines.push(`  ${o.uri}:${o.line} ${o.name}${o.reason ? ` — ${o.reason}` : ''}`);
  };
  const failed = s.scenarios.filter((o) => o.outcome === 'failed');
  const deviations = reconstructionDeviations(s);
  if (failed.length > deviations.length) {
    lines.push('', 'Not conformant (documented or QA-model expectations):');
    for (const o of failed.filter((x) => !isDeviation(x))) lines.push(`  ${o.uri}:${o.line} ${o.name}${o.reason ? ` — ${o.reason}` : ''}`);
  }
  if (deviations.length) {
    lines.push('', 'Deviates from the reconstruction (inferred expectations; advisory, still a failure for CI):');
    for (const o of deviations) lines.push(`  ${o.uri}:${o.line} ${o.name}${o.reason ? ` — ${o.reason}` : ''}`);
  }
  detail('broken', 'Could not test');
  detail('usage', 'Feature problems');
  detail('known', 'Known issues (listed in the manifest; not failed)');
  detail('skipped', 'Skipped');
  return lines.join('\n');
}

/**
 * The summary that fits a screen (the console; summary.txt keeps every model): one line per GenEM
 * section, then only what needs attention — failed and broken scenarios (at most
 * {@link SCREEN_LISTED} each), skips grouped by reason.
 */
export function renderScreenSummary(s: RunSummary): string {
  const sections = new Map<string, { models: number; counts: Record<Outcome, number> }>();
  for (const m of s.models) {
    const section = sections.get(m.section || '(no model)') ?? { models: 0, counts: zero() };
    section.models += 1;
    for (const k of Object.keys(section.counts) as Outcome[]) section.counts[k] += m.counts[k];
    sections.set(m.section || '(no model)', section);
  }
  const t = s.totals;
  const lines = [
    '',
    `Conformance summary — ${s.adapter} — ${s.date}`,
    `${'GenEM section'.padEnd(44)}${'models'.padStart(7)}${'passed'.padStart(7)}${'failed'.padStart(7)}${'broken'.padStart(7)}${'skipped'.padStart(8)}`,
    ...[...sections].map(([name, x]) => `${name.slice(0, 43).padEnd(44)}${String(x.models).padStart(7)}${String(x.counts.passed).padStart(7)}${String(x.counts.failed).padStart(7)}${String(x.counts.broken + x.counts.usage).padStart(7)}${String(x.counts.skipped).padStart(8)}`),
    '',
    `Scenarios: ${t.passed} passed, ${t.failed} not conformant (failed), ${t.broken + t.usage} could not be tested (broken), ${t.skipped} skipped${t.known ? `, ${String(t.known)} known issue(s)` : ''}`,
    `Models: ${s.modelsCovered} of ${s.modelsTotal} GenEM models of the model index have a feature in this run.`,
  ];
  const listed = (title: string, list: readonly ScenarioOutcome[]): void => {
    if (!list.length) return;
    lines.push('', `${title} (${String(list.length)}):`);
    for (const o of list.slice(0, SCREEN_LISTED)) lines.push(`  ${o.uri}:${o.line} ${o.name}${o.reason ? ` — ${o.reason}` : ''}`);
    if (list.length > SCREEN_LISTED) lines.push(`  … and ${String(list.length - SCREEN_LISTED)} more (reports/summary.txt lists them all)`);
  };
  const failed = s.scenarios.filter((o) => o.outcome === 'failed');
  for (const o of failed.slice(0, SCREEN_DIFFS)) if (o.detail) lines.push('', `${o.uri}:${o.line} ${o.name}`, o.detail);
  listed('Not conformant', failed);
  listed('Could not test', s.scenarios.filter((o) => o.outcome === 'broken'));
  listed('Feature problems', s.scenarios.filter((o) => o.outcome === 'usage'));
  listed('Known issues (listed in the manifest; not failed)', s.scenarios.filter((o) => o.outcome === 'known'));
  lines.push(...skipsByReason(s));
  return lines.join('\n');
}

function skipsByReason(s: RunSummary): string[] {
  const skips = new Map<string, number>();
  for (const o of s.scenarios) if (o.outcome === 'skipped') skips.set(o.reason ?? 'no reason given', (skips.get(o.reason ?? 'no reason given') ?? 0) + 1);
  if (!skips.size) return [];
  return ['', `Skipped (${String(s.totals.skipped)}), by reason:`,
    ...[...skips].sort((a, b) => b[1] - a[1]).slice(0, SCREEN_LISTED).map(([reason, n]) => `  ${String(n).padStart(4)} × ${reason}`),
    ...(skips.size > SCREEN_LISTED ? [`  … and ${String(skips.size - SCREEN_LISTED)} more reasons (reports/summary.txt)`] : [])];
}

/** Failed scenarios whose whole diff is printed on the screen (the others: their first line). */
export const SCREEN_DIFFS = 3;

/** Scenarios (or skip reasons) listed per kind on the screen summary. */
export const SCREEN_LISTED = 10;
