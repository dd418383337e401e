/**
 * reports/diagrams/index.html: every scenario of the run with its outcome (coloured), grouped by
 * GenEM section and model (in the model index's order, the names the summary, the certificate and
 * the spec book use), counts per group, and a filter by text and outcome. Links each scenario's
 * diagrams (observed; expected vs observed on a mismatch). One self-contained page: inline style
 * and script, no request leaves it, opens from file://; without script every row is shown.
 */
import { MODELS, modelOf } from '../model/models';
import type { Outcome } from './outcomes';
import { escapeXml, OUTCOME_CSS } from './markup';

export interface IndexScenario {
  readonly name: string;
  readonly uri: string;
  readonly line: number;
  readonly model?: string;
  readonly outcome: Outcome;
  /** The first line of the failure, or the skip reason. */
  readonly reason?: string;
  /** The scenario's diagram files (relative to the index). */
  readonly links: readonly { readonly href: string; readonly text: string }[];
  /** Diagrams the hooks left out because the run's attachment budget was spent (their file names). */
  readonly omitted?: readonly string[];
}

/** The outcomes as the index shows them (usage errors count as broken, as on the certificate). */
export type ShownOutcome = 'passed' | 'failed' | 'broken' | 'known' | 'skipped';
export const SHOWN: readonly ShownOutcome[] = ['passed', 'failed', 'broken', 'known', 'skipped'];
const LABEL: Readonly<Record<ShownOutcome, string>> = { passed: 'passed', failed: 'failed', broken: 'broken', known: 'known issue', skipped: 'skipped' };

export const shownOutcome = (o: Outcome): ShownOutcome => (o === 'usage' ? 'broken' : o);

const NO_MODEL = '(no model tag)';
/** The element id of a model's section: its slug (a valid id), or one for scenarios without a model tag. */
const sectionId = (slug: string): string => (slug === NO_MODEL ? 'no-model-tag' : slug);

export interface IndexGroup {
  readonly section: string;
  readonly models: readonly { readonly slug: string; readonly title: string; readonly scenarios: readonly IndexScenario[] }[];
}

/** Sections and models in the model index's order (only those with a scenario in the run); scenarios in run order. */
export function groupScenarios(scenarios: readonly IndexScenario[]): IndexGroup[] {
  const order = [...MODELS.map((m) => m.slug), NO_MODEL];
  const bySlug = new Map<string, IndexScenario[]>();
  for (const s of scenarios) {
    const slug = s.model && modelOf(s.model) ? s.model : NO_MODEL;
    bySlug.set(slug, [...(bySlug.get(slug) ?? []), s]);
  }
  const slugs = [...bySlug.keys()].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  const groups: { section: string; models: { slug: string; title: string; scenarios: IndexScenario[] }[] }[] = [];
  for (const slug of slugs) {
    const entry = modelOf(slug);
    const section = entry?.section ?? NO_MODEL;
    const group = groups.find((g) => g.section === section) ?? (groups.push({ section, models: [] }), groups[groups.length - 1]);
    group?.models.push({ slug, title: entry?.title ?? '', scenarios: bySlug.get(slug) ?? [] });
  }
  return groups;
}

export function countOutcomes(scenarios: readonly IndexScenario[]): Record<ShownOutcome, number> {
  const counts: Record<ShownOutcome, number> = { passed: 0, failed: 0, broken: 0, known: 0, skipped: 0 };
  for (const s of scenarios) counts[shownOutcome(s.outcome)] += 1;
  return counts;
}

const esc = escapeXml;

/** Why a scenario's row links no diagram: the budget was spent (the hooks said so), or none was attached (e.g. skipped before any event). */
function noDiagram(s: IndexScenario): string {
  return s.omitted?.length ? `diagram left out: attachment budget spent (${s.omitted.join(', ')})` : 'no diagram attached';
}

/** "3 passed · 1 failed" with the non-zero counts, each coloured; the script keeps them current. */
function countsHtml(c: Readonly<Record<ShownOutcome, number>>): string {
  return `<span class="counts">${SHOWN.map((o) => `<span class="n o-${o}" data-o="${o}"${c[o] ? '' : ' hidden'}>${String(c[o])} ${LABEL[o]}</span>`).join('')}</span>`;
}

function scenarioRow(s: IndexScenario): string {
  const o = shownOutcome(s.outcome);
  const links = s.links.length ? s.links.map((l) => `<a href="${esc(l.href)}">${esc(l.text)}</a>`).join(' · ') : `<span class="none">${esc(noDiagram(s))}</span>`;
  const text = `${s.name} ${s.uri}:${String(s.line)} ${s.model ?? ''} ${s.reason ?? ''}`.toLowerCase();
  return `<tr class="sc" data-o="${o}" data-text="${esc(text)}"><td><span class="badge o-${o}">${LABEL[o]}</span></td><td>${esc(s.name)}${s.reason ? `<div class="reason">${esc(s.reason)}</div>` : ''}</td><td class="loc">${esc(`${s.uri}:${String(s.line)}`)}</td><td class="links">${links}</td></tr>`;
}

export interface IndexMeta {
  readonly adapter?: string;
  readonly date?: string;
  /** The run's filter as given (`--tags "…"`); empty or absent: the whole suite. */
  readonly filter?: readonly string[];
}

export function renderDiagramsIndex(scenarios: readonly IndexScenario[], meta: IndexMeta = {}): string {
  const groups = groupScenarios(scenarios);
  const total = countOutcomes(scenarios);
  const body = groups.map((g) => {
    const all = g.models.flatMap((m) => m.scenarios);
    const models = g.models.map((m) => `<section class="model" id="${esc(sectionId(m.slug))}"><h3><code>${esc(m.slug)}</code>${m.title ? ` <span class="title">${esc(m.title)}</span>` : ''} ${countsHtml(countOutcomes(m.scenarios))}</h3>
<table><tbody>${m.scenarios.map(scenarioRow).join('\n')}</tbody></table></section>`).join('\n');
    return `<section class="section"><h2>${esc(g.section)} ${countsHtml(countOutcomes(all))}</h2>\n${models}</section>`;
  }).join('\n');
  const options = SHOWN.map((o) => `<label class="o-${o}"><input type="checkbox" name="o" value="${o}" checked> ${LABEL[o]} <b data-total="${o}">${String(total[o])}</b></label>`).join('');
  const run = [meta.adapter ? `adapter: ${meta.adapter}` : '', meta.date ? `run of ${meta.date}` : '', meta.filter ? `filter: ${meta.filter.length ? meta.filter.join(' ') : 'none (the whole suite)'}` : ''].filter(Boolean).join(', ');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sequence diagrams per scenario</title><style>${CSS}</style></head><body>
<h1>Sequence diagrams per scenario</h1>
<p class="lead">${String(scenarios.length)} scenarios${run ? ` (${esc(run)})` : ''}, grouped by GenEM section and model. Each links its observed sequence diagram and, on a mismatch, the expected and observed diagrams side by side. The conformance certificate is <a href="../conformance.html">../conformance.html</a>.</p>
<p class="totals">Totals: ${countsHtml(total)}</p>
<form class="filter" role="search" onsubmit="return false"><input type="search" name="q" placeholder="Filter by scenario, model, file or reason" aria-label="Filter by text" autocomplete="off">${options}<span class="shown" aria-live="polite"></span><button type="reset">Show all</button></form>
<main>${body}</main>
<script>${SCRIPT}</script></body></html>
`;
}

const CSS = `body{font-family:system-ui,sans-serif;margin:0 2em 2em;color:#1d1d1f}h1{margin:.6em 0 .2em}.lead{color:#555;max-width:60em}
h2{margin:1.4em 0 .3em;border-bottom:2px solid #ddd;padding-bottom:.15em;font-size:1.3em}h3{font-size:1em;margin:1em 0 .3em;font-weight:600}h3 .title{font-weight:400;color:#555}
table{border-collapse:collapse;width:100%;table-layout:fixed}td{border-top:1px solid #eee;padding:.25em .5em;vertical-align:top;overflow-wrap:anywhere}
td:first-child{width:7.5em}td.loc{width:24em;color:#666;font-size:.85em}td.links{width:16em;font-size:.9em}.reason{color:#666;font-size:.85em;margin-top:.15em}.none{color:#999}
.badge,.n{display:inline-block;border-radius:.7em;padding:0 .55em;font-size:.8em;line-height:1.6;font-weight:600;white-space:nowrap}.counts .n{margin-left:.35em}
${OUTCOME_CSS}
form.filter{position:sticky;top:0;background:#fff;padding:.6em 0;border-bottom:1px solid #ddd;display:flex;flex-wrap:wrap;gap:.6em;align-items:center;z-index:1}
form.filter input[type=search]{flex:1 1 18em;padding:.35em .5em;font-size:1em}form.filter label{border-radius:.7em;padding:.15em .6em;font-size:.9em;cursor:pointer}.shown{color:#555;font-size:.9em}
[hidden]{display:none!important}`;

/**
 * The filter: rows whose text holds every word typed and whose outcome is ticked; groups recount.
 * Its state (the form, the rows) belongs to the one filter `indexFilter` sets up for the page's form.
 */
const SCRIPT = `function indexFilter(form){
const q=form.elements.q;
const rows=[].slice.call(document.querySelectorAll('tr.sc'));
function recount(s){
const c={};
[].forEach.call(s.querySelectorAll('tr.sc:not([hidden])'),function(r){c[r.dataset.o]=(c[r.dataset.o]||0)+1;});
s.hidden=!Object.keys(c).length;
const counts=s.querySelector(':scope>h2>.counts,:scope>h3>.counts');
if(counts)[].forEach.call(counts.children,function(n){const k=c[n.dataset.o]||0;n.hidden=!k;n.textContent=k+' '+n.textContent.replace(/^\\d+ /,'');});
}
function apply(){
const words=q.value.toLowerCase().split(/\\s+/).filter(Boolean);
const on={};
[].forEach.call(form.querySelectorAll('input[name=o]'),function(b){on[b.value]=b.checked;});
const shown=rows.filter(function(r){const ok=on[r.dataset.o]&&words.every(function(w){return r.dataset.text.indexOf(w)>=0;});r.hidden=!ok;return ok;}).length;
[].forEach.call(document.querySelectorAll('section.model,section.section'),recount);
form.querySelector('.shown').textContent=shown+' of '+rows.length+' scenarios shown';
}
form.addEventListener('input',apply);form.addEventListener('change',apply);form.addEventListener('reset',function(){setTimeout(apply,0);});
apply();
}
indexFilter(document.querySelector('form.filter'));`;
