/**
 * The book's pages: an overview (index.html: sections, coverage, every scenario) and one page per
 * GenEM section with one entry per model of the model index (its feature, or a gap).
 */
import type { Evidence, ModelEntry } from '../../model/models';
import { evidenceText } from '../../model/tags';
import { renderSequenceDiagram } from '../diagram';
import { badge, esc, filterBar, filterData, page, resultHtml, stepsHtml, tagsHtml } from './html';
import type { Book, BookDiagram, BookFeature, BookScenario, BookSection } from './model';
import { resultKey, type RunResults, type ScenarioResult } from './results';

export interface PageSet { readonly [file: string]: string }

const EVIDENCE: Readonly<Record<Evidence, string>> = {
  table: 'GenEM per-DN table read',
  'qa-model': 'read from the Genesys QA model of SIP Server',
  partial: 'part of the table or the event names known',
  title: 'known by title only',
};

const PROVENANCE_TEXT = {
  documented: 'documented',
  'documented and QA model': 'documented and QA model of SIP Server',
  'QA model': 'QA model of SIP Server (not a GenEM table)',
  reconstructed: 'reconstructed (@inferred)',
  'partly reconstructed': 'partly reconstructed (@inferred)',
} as const;

/** A scenario's provenance badge: a QA-model scenario is not shown as documented (it restates no GenEM table). */
function evidenceBadge(s: BookScenario, long = false): string {
  if (s.evidence === 'inferred') return badge(long ? 'reconstructed (@inferred)' : 'reconstructed', 'p-reconstructed');
  if (s.evidence === 'qa-model') return badge(long ? 'QA model of SIP Server (@qa-model)' : 'QA model', 'p-qa-model');
  return badge('documented', 'p-documented');
}

export const sectionFile = (s: BookSection): string => `section-${s.slug}.html`;

interface Ctx {
  readonly book: Book;
  readonly results: RunResults | undefined;
}

function resultsOf(ctx: Ctx, f: BookFeature, s: BookScenario): readonly ScenarioResult[] | undefined {
  return ctx.results?.byScenario.get(resultKey(f.uri, s.line));
}

function runInfo(results: RunResults | undefined): string {
  if (!results) return 'No run results in reports/: outcomes not shown';
  const when = results.date ? ` on ${results.date.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}` : '';
  return esc(`Outcomes from the last run${results.adapter ? ` against ${results.adapter}` : ''}${when}`);
}

function nav(book: Book, current: string): (readonly [string, string, boolean])[] {
  return [['index.html', 'Overview', current === 'index.html'] as const, ...book.sections.map((s) => [sectionFile(s), s.name, current === sectionFile(s)] as const)];
}

export function renderBook(book: Book, results: RunResults | undefined): PageSet {
  const ctx: Ctx = { book, results };
  const pages: Record<string, string> = { 'index.html': indexPage(ctx) };
  for (const section of book.sections) pages[sectionFile(section)] = sectionPage(ctx, section);
  return pages;
}

function allScenarios(features: readonly BookFeature[]): { s: BookScenario; f: BookFeature; model: string }[] {
  return features.flatMap((f) => f.rules.flatMap((r) => r.scenarios.map((s) => ({ s, f, model: f.slug ?? f.name }))));
}

const OUTCOME_ORDER = ['passed', 'failed', 'broken', 'usage', 'known', 'skipped', 'none'];

/** How many scenarios of these features passed, failed, … in the last run ('none': not run). */
function lastRunCounts(ctx: Ctx, features: readonly BookFeature[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { s, f } of allScenarios(features)) {
    const last = resultsOf(ctx, f, s)?.[0]?.outcome ?? 'none';
    counts.set(last, (counts.get(last) ?? 0) + 1);
  }
  return new Map([...counts].sort((a, b) => OUTCOME_ORDER.indexOf(a[0]) - OUTCOME_ORDER.indexOf(b[0])));
}

function outcomeBadges(counts: ReadonlyMap<string, number>): string {
  return [...counts].map(([o, n]) => badge(`${n} ${o === 'none' ? 'not run' : o}`, `o-${o}`)).join(' ');
}

function outcomeCounts(ctx: Ctx, f: BookFeature): string {
  return ctx.results ? outcomeBadges(lastRunCounts(ctx, [f])) : '';
}

/**
 * The section's verdict in a word or two: failed/broken when any scenario is; else passed (or
 * "known issue" when some ran into an accepted known issue) when something ran, "partly run" when
 * some scenarios were not in the run (a filtered run), "not run" when none were.
 */
export function sectionOutcome(counts: ReadonlyMap<string, number>): string {
  for (const o of ['failed', 'broken', 'usage']) if (counts.get(o)) return badge(o === 'failed' ? 'not conformant' : 'could not test', `o-${o}`);
  const passed = counts.get('passed') ?? 0;
  const known = counts.get('known') ?? 0;
  if (passed + known === 0) return badge('not run', 'o-none');
  const word = known ? badge(passed ? 'passed, with known issues' : 'known issue', 'o-known') : badge('passed', 'o-passed');
  // Skipped scenarios ran (the adapter lacks a capability, shown in their own count); "partly run": some were not in the run.
  return counts.get('none') ? `${word} ${badge('partly run', 'o-none')}` : word;
}

function sectionOf(book: Book, entry: ModelEntry): BookSection | undefined {
  return book.sections.find((s) => s.name === entry.section);
}

function indexPage(ctx: Ctx): string {
  const { book } = ctx;
  const scenarios = allScenarios(book.features);
  const covered = book.sections.reduce((n, s) => n + s.models.filter((m) => m.features.length).length, 0);
  const total = book.sections.reduce((n, s) => n + s.models.length, 0);
  const reconstructed = scenarios.filter((x) => x.s.inferred).length;
  const sections = book.sections.map((s) => {
    const withFeature = s.models.filter((m) => m.features.length).length;
    const counts = lastRunCounts(ctx, s.models.flatMap((m) => m.features));
    const outcome = ctx.results ? `<td class="outcome">${sectionOutcome(counts)}</td><td>${outcomeBadges(counts)}</td>` : '';
    return `<tr data-section="${esc(s.slug)}"><td><a href="${sectionFile(s)}">${esc(s.name)}</a></td><td>${s.models.length}</td><td>${withFeature}</td><td>${s.models.length - withFeature}</td>${outcome}</tr>`;
  }).join('\n');
  const rows = scenarios.map(({ s, f, model }) => {
    const section = f.entry ? sectionOf(book, f.entry) : undefined;
    const href = `${section ? sectionFile(section) : 'index.html'}#${s.anchor}`;
    const last = resultsOf(ctx, f, s)?.[0];
    return `<tr class="filterable" ${filterData(s, model, f.name)}><td><code>${esc(model)}</code></td><td><a href="${esc(href)}">${esc(s.name)}</a></td>`
      + `<td>${evidenceBadge(s)}</td>`
      + `<td>${ctx.results ? badge(last ? last.outcome : 'not run', `o-${last ? last.outcome : 'none'}`) : ''}</td></tr>`;
  }).join('\n');
  const gaps = book.gaps.map((g) => {
    const section = sectionOf(book, g);
    return `<li><a href="${section ? `${sectionFile(section)}#${esc(g.slug)}` : '#'}"><code>${esc(g.slug)}</code></a> — ${esc(g.section)}: ${esc(g.title)} <span class="lead">(${esc(EVIDENCE[g.evidence])})</span></li>`;
  }).join('\n');
  const body = `<h1>GenEM call models — living specification</h1>
<p class="lead">Every model of the GenEM model index as this suite restates it: the feature's prose and provenance, each scenario's steps, and the expected sequence diagram drawn from its Then tables. Generated from <code>features/</code>; open any section on the left.</p>
<p><strong>${covered} of ${total}</strong> models of the model index have a feature (${book.gaps.length} gaps); ${scenarios.length} scenarios, ${reconstructed} of them reconstructed (<code>@inferred</code>).</p>
<h2>Sections</h2>
<table class="index sections"><thead><tr><th>GenEM section</th><th>models</th><th>with a feature</th><th>gaps</th>${ctx.results ? '<th>last run</th><th>scenarios</th>' : ''}</tr></thead><tbody>
${sections}
</tbody></table>
<h2>All scenarios</h2>
${filterBar(scenarios)}
<table class="index scenarios"><thead><tr><th>model</th><th>scenario</th><th>provenance</th><th>${ctx.results ? 'last outcome' : ''}</th></tr></thead><tbody>
${rows}
</tbody></table>
${book.gaps.length ? `<h2 id="gaps">Models without a feature yet</h2>
<ul class="gaps">
${gaps}
</ul>` : ''}`;
  return page({ title: 'Overview', body, nav: nav(book, 'index.html'), runInfo: runInfo(ctx.results) });
}

function sectionPage(ctx: Ctx, section: BookSection): string {
  const features = section.models.flatMap((m) => m.features);
  const scenarios = allScenarios(features);
  const withFeature = section.models.filter((m) => m.features.length).length;
  const body = `<h1>${esc(section.name)}</h1>
<p class="lead">${section.models.length} models of the GenEM model index in this section; ${withFeature} restated by a feature, ${section.models.length - withFeature} not yet (gaps).</p>
${ctx.results ? `<p class="section-outcome">Last run: ${sectionOutcome(lastRunCounts(ctx, features))} ${outcomeBadges(lastRunCounts(ctx, features))}</p>` : ''}
${scenarios.length ? filterBar(scenarios) : ''}
${section.models.map((m) => (m.features.length ? m.features.map((f) => modelEntry(ctx, m.entry, f)).join('\n') : gapEntry(m.entry))).join('\n')}`;
  return page({ title: section.name, body, nav: nav(ctx.book, sectionFile(section)), runInfo: runInfo(ctx.results) });
}

function gapEntry(entry: ModelEntry): string {
  return `<section class="model gap" id="${esc(entry.slug)}" data-model="${esc(entry.slug)}">
<h2>${esc(entry.title)}</h2>
<div class="meta"><code>@model:${esc(entry.slug)}</code> ${badge('gap: no feature yet', 'p-gap')} ${badge(`evidence: ${EVIDENCE[entry.evidence]}`, `ev-${entry.evidence}`)}</div>
<p class="lead">No feature restates this model yet.</p>
</section>`;
}

function modelEntry(ctx: Ctx, entry: ModelEntry, f: BookFeature): string {
  const mixed = f.provenance === 'partly reconstructed' || f.provenance === 'documented and QA model';
  const provenance = mixed ? `${PROVENANCE_TEXT[f.provenance]}: ${evidenceText(f.evidence)}` : PROVENANCE_TEXT[f.provenance];
  const sources = f.sources.map((s) => `<code>${esc(s.tag)}</code> ${esc(s.title)}`).join('; ');
  const rules = f.rules.map((r) => `<div class="rule-group">${r.name ? `<h3 class="rule">Rule: ${esc(r.name)}</h3>` : ''}`
    + `${r.description ? `<p>${esc(r.description)}</p>` : ''}${r.scenarios.map((s) => scenarioHtml(ctx, f, s)).join('\n')}</div>`).join('\n');
  return `<section class="model" id="${esc(entry.slug)}" data-model="${esc(entry.slug)}">
<h2>${esc(f.name)}</h2>
<div class="meta"><code>@model:${esc(entry.slug)}</code> ${badge(provenance, `p-${f.provenance.replaceAll(' ', '-')}`)} ${badge(`evidence: ${EVIDENCE[entry.evidence]}`, `ev-${entry.evidence}`)} ${outcomeCounts(ctx, f)}</div>
<p class="lead">Model index: ${esc(entry.section)} — ${esc(entry.title)}. Feature file <code>${esc(f.uri)}</code>.</p>
${f.prose.map((p) => `<p>${esc(p)}</p>`).join('\n')}
<div class="source"><p>${f.source ? esc(f.source) : 'Source: (the feature names no Source paragraph)'}</p><p>GenEM pages restated: ${sources || 'none'}</p></div>
${f.uncertain ? `<div class="uncertain"><p>${esc(f.uncertain)}</p></div>` : ''}
${f.background.length ? `<h3 class="rule">Background (the cast)</h3>${stepsHtml(f.background, 'background')}` : ''}
${rules}
</section>`;
}

function scenarioHtml(ctx: Ctx, f: BookFeature, s: BookScenario): string {
  const ownTags = s.ownTags.filter((t) => t !== '@inferred' && t !== '@qa-model');
  return `<article class="scenario filterable" id="${esc(s.anchor)}" ${filterData(s, f.slug ?? f.name)}>
<h4><a class="anchor" href="#${esc(s.anchor)}" title="Link to this scenario">¶</a>${esc(s.name)}</h4>
<div class="meta">${evidenceBadge(s, true)} ${tagsHtml(ownTags)} <span class="lead">line ${s.line}</span></div>
${s.description ? `<p>${esc(s.description)}</p>` : ''}
${stepsHtml(s.steps)}
${s.diagrams.map(diagramHtml).join('\n')}
${resultHtml(resultsOf(ctx, f, s), ctx.results !== undefined)}
</article>`;
}

function diagramHtml(d: BookDiagram): string {
  if (!d.model) return `<p class="diagram-error">No diagram for "${esc(d.step)}": ${esc(d.error ?? 'unknown problem')}</p>`;
  const events = d.model.events.filter((e) => (e.kind ?? 'event') === 'event').length;
  const lanes = d.model.lanes.length;
  return `<figure class="diagram" data-lane-count="${lanes}" data-event-count="${events}">${renderSequenceDiagram(d.model)}
<figcaption>Expected events (${events}) on ${lanes} lanes, in documented order; arrows: who does what before them (from the steps).</figcaption></figure>`;
}
