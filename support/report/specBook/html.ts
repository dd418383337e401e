/**
 * HTML building blocks of the spec book: escaping, the page shell, steps with their tables,
 * badges and the filter bar. Everything is static HTML; the book's JavaScript only filters.
 */
import { escapeXml } from '../diagram';
import type { BookScenario, BookStep } from './model';
import type { ScenarioResult } from './results';

/** Escape for element content and (quoted) attribute values. */
export const esc = escapeXml;

export interface Shell {
  readonly title: string;
  readonly body: string;
  /** Sidebar links: [href, label, current?]. */
  readonly nav: readonly (readonly [string, string, boolean])[];
  readonly runInfo: string;
}

export function page(shell: Shell): string {
  const nav = shell.nav.map(([href, label, current]) => `<li><a href="${esc(href)}"${current ? ' aria-current="page"' : ''}>${esc(label)}</a></li>`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(shell.title)} — GenEM conformance spec book</title>
<link rel="stylesheet" href="assets/book.css">
</head>
<body>
<header class="top"><a class="book" href="index.html">GenEM call models · living specification</a><span class="run">${shell.runInfo}</span></header>
<div class="layout">
<nav class="sections" aria-label="GenEM sections"><ul>
${nav}
</ul></nav>
<main>
${shell.body}
</main>
</div>
<script src="assets/book.js"></script>
</body>
</html>
`;
}

/** One step, with its data table or doc string. */
export function stepHtml(step: BookStep): string {
  const table = step.rows ? tableHtml(step.rows) : '';
  const doc = step.docString !== undefined ? `<pre class="docstring">${esc(step.docString)}</pre>` : '';
  return `<li><span class="kw">${esc(step.keyword)}</span> ${esc(step.text)}${table}${doc}</li>`;
}

export function stepsHtml(steps: readonly BookStep[], cls = 'steps'): string {
  return steps.length ? `<ol class="${cls}">${steps.map(stepHtml).join('')}</ol>` : '';
}

function tableHtml(rows: readonly (readonly string[])[]): string {
  const [head, ...body] = rows;
  if (!head) return '';
  const tr = (cells: readonly string[], tag: string): string => `<tr>${cells.map((c) => `<${tag}>${esc(c)}</${tag}>`).join('')}</tr>`;
  return `<div class="table-wrap"><table class="gherkin"><thead>${tr(head, 'th')}</thead><tbody>${body.map((r) => tr(r, 'td')).join('')}</tbody></table></div>`;
}

export function badge(text: string, cls: string, title?: string): string {
  return `<span class="badge ${esc(cls)}"${title ? ` title="${esc(title)}"` : ''}>${esc(text)}</span>`;
}

export function tagsHtml(tags: readonly string[]): string {
  return tags.length ? `<span class="tags">${tags.map((t) => `<code class="tag">${esc(t)}</code>`).join(' ')}</span>` : '';
}

const OUTCOME_TEXT: Readonly<Record<string, string>> = {
  passed: 'passed', failed: 'failed — not conformant', broken: 'broken — could not test', skipped: 'skipped', usage: 'broken — feature problem',
  known: 'known issue — deviation listed in the known-issues manifest',
};

/** The last outcome(s) of a scenario, with reason and links to its attachments. */
export function resultHtml(results: readonly ScenarioResult[] | undefined, haveRun: boolean): string {
  if (!haveRun) return '';
  if (!results?.length) return `<div class="result">${badge('not in the last run', 'o-none')}</div>`;
  return results.map((r) => {
    const images = r.attachments.filter((a) => a.mediaType === 'image/svg+xml' || a.mediaType === 'image/png');
    const links = r.attachments.map((a) => `<a href="${esc(a.href)}">${esc(a.name)}</a>`).join(' · ');
    const observed = images.map((a) => `<details class="observed"><summary>${esc(a.name)}</summary><img src="${esc(a.href)}" alt="${esc(a.name)}"></details>`).join('');
    return `<div class="result">${badge(`last run: ${OUTCOME_TEXT[r.outcome] ?? r.outcome}`, `o-${r.outcome}`)}`
      + (r.stale ? ` ${badge('feature changed since', 'o-stale', 'The feature file differs from the text of the last run')}` : '')
      + (r.reason ? `<p class="reason">${esc(r.reason)}</p>` : '')
      + (links ? `<p class="attachments">Observed: ${links}</p>` : '')
      + `${observed}</div>`;
  }).join('');
}

/** Data attributes the filter script reads. */
export function filterData(s: BookScenario, model: string, extraText = ''): string {
  const text = [s.name, model, s.rule ?? '', extraText, ...s.steps.map((st) => st.text)].join(' ').toLowerCase();
  return [
    `data-model="${esc(model)}"`,
    `data-events="${esc(s.events.join(' '))}"`,
    `data-roles="${esc(s.roles.join(' '))}"`,
    `data-tags="${esc(s.tags.join(' '))}"`,
    `data-parties="${esc(s.parties.join(' '))}"`,
    `data-text="${esc(text)}"`,
  ].join(' ');
}

function options(label: string, name: string, values: readonly string[]): string {
  const opts = [...new Set(values)].sort().map((v) => `<option value="${esc(v)}">${esc(v)}</option>`).join('');
  return `<label>${esc(label)} <select name="${name}"><option value="">all</option>${opts}</select></label>`;
}

/** The filter bar; hidden until the script shows it (without JavaScript everything is shown). */
export function filterBar(scenarios: readonly { readonly s: BookScenario; readonly model: string }[]): string {
  return `<form class="filters" hidden role="search" aria-label="Filter scenarios">
<label>Search <input type="search" name="q" placeholder="words in names and steps"></label>
${options('Model', 'model', scenarios.map((x) => x.model))}
${options('Event', 'event', scenarios.flatMap((x) => x.s.events))}
${options('DN role', 'role', scenarios.flatMap((x) => x.s.roles))}
${options('Tag', 'tag', scenarios.flatMap((x) => x.s.tags))}
<button type="reset">Clear</button>
<output class="count" aria-live="polite"></output>
</form>`;
}
