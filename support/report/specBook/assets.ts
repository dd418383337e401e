/**
 * The book's stylesheet and script, written to `assets/`. The script only adds search and filters
 * (and reveals a deep-linked scenario that a filter hides); the pages are complete without it.
 */

export const BOOK_CSS = `
:root { --ink: #1d2733; --muted: #5f6b7a; --line: #d5dbe3; --accent: #1f6fb2; --bg: #f7f9fb; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 'Segoe UI', Helvetica, Arial, sans-serif; color: var(--ink); background: #fff; }
a { color: var(--accent); }
header.top { display: flex; justify-content: space-between; gap: 1em; align-items: baseline; padding: .6em 1.2em; background: #1d2733; color: #fff; }
header.top a.book { color: #fff; font-weight: 600; text-decoration: none; }
header.top .run { font-size: .85em; color: #c9d3de; }
.layout { display: flex; align-items: flex-start; }
nav.sections { flex: 0 0 15em; position: sticky; top: 0; max-height: 100vh; overflow: auto; padding: 1em .8em; border-right: 1px solid var(--line); background: var(--bg); font-size: .9em; }
nav.sections ul { list-style: none; margin: 0; padding: 0; }
nav.sections li { margin: .15em 0; }
nav.sections a { text-decoration: none; display: block; padding: .15em .4em; border-radius: 4px; }
nav.sections a[aria-current] { background: #dde7f2; font-weight: 600; }
main { flex: 1; min-width: 0; padding: 1em 2em 4em; max-width: 78em; }
ol.steps li, ol.background li { min-width: 0; }
.table-wrap, figure.diagram { max-width: 100%; }
h1 { margin: .2em 0 .4em; font-size: 1.7em; }
h2 { margin: 0 0 .3em; font-size: 1.35em; }
h3.rule { margin: 1.4em 0 .4em; font-size: 1.05em; color: var(--muted); border-bottom: 1px solid var(--line); padding-bottom: .2em; }
h4 { margin: 0 0 .3em; font-size: 1.05em; }
.lead { color: var(--muted); }
section.model { border: 1px solid var(--line); border-radius: 8px; padding: 1em 1.3em; margin: 1.4em 0; }
section.model.gap { background: var(--bg); border-style: dashed; }
.meta { display: flex; flex-wrap: wrap; gap: .4em; align-items: center; margin: .2em 0 .6em; }
.badge { display: inline-block; font-size: .78em; padding: .1em .55em; border-radius: 999px; border: 1px solid currentColor; white-space: nowrap; }
.p-documented { color: #2e7d32; } .p-reconstructed { color: #b8420f; } .p-partly-reconstructed { color: #9e6a00; }
.p-qa-model, .p-QA-model, .p-documented-and-QA-model { color: #1f5f8b; }
.p-gap { color: var(--muted); } .ev-table, .ev-qa-model, .ev-partial, .ev-title { color: #455a64; }
.o-passed { color: #fff; background: #2e7d32; border-color: #2e7d32; }
.o-failed { color: #fff; background: #c62828; border-color: #c62828; }
.o-broken, .o-usage { color: #fff; background: #7b3fa0; border-color: #7b3fa0; }
.o-skipped { color: #455a64; background: #eceff1; }
.o-known { color: #5a3d00; background: #ffe0a3; border-color: #e0a030; }
.o-none, .o-stale { color: var(--muted); }
.source, .uncertain { border-left: 4px solid var(--line); padding: .3em .9em; margin: .6em 0; background: var(--bg); }
.uncertain { border-left-color: #e67e00; background: #fff7ec; }
code.tag { font-size: .8em; background: #eef2f6; padding: .05em .35em; border-radius: 4px; }
article.scenario { border-top: 1px solid var(--line); padding: .9em 0 .4em; }
/* A deep link lands below the sticky filter bar (its height is measured by the script; it wraps on narrow windows). */
article.scenario, section.model, h2[id] { scroll-margin-top: calc(var(--bar-h, 6em) + 1.5em); }
article.scenario:target { background: #fffbe6; outline: 3px solid #f2c94c; outline-offset: 4px; }
a.anchor { text-decoration: none; color: var(--muted); margin-right: .3em; }
ol.steps, ol.background { list-style: none; padding-left: 0; margin: .5em 0; font-family: ui-monospace, 'DejaVu Sans Mono', Menlo, monospace; font-size: .86em; }
ol.background { color: var(--muted); }
ol.steps li, ol.background li { margin: .15em 0; }
.kw { font-weight: 700; color: #7b3fa0; }
.table-wrap { overflow-x: auto; margin: .3em 0 .5em 1.5em; }
table.gherkin { border-collapse: collapse; font-size: .95em; }
table.gherkin th, table.gherkin td { border: 1px solid var(--line); padding: .1em .5em; white-space: nowrap; }
table.gherkin th { background: #eef2f6; }
figure.diagram { margin: .6em 0; overflow-x: auto; }
figure.diagram figcaption { font-size: .85em; color: var(--muted); }
.diagram-error { color: #c62828; }
.result { margin: .4em 0; }
.result .reason { margin: .2em 0; font-family: ui-monospace, Menlo, monospace; font-size: .85em; white-space: pre-wrap; }
.attachments { font-size: .88em; margin: .2em 0; }
details.observed img { max-width: 100%; border: 1px solid var(--line); }
form.filters { position: sticky; top: 0; z-index: 2; display: flex; flex-wrap: wrap; gap: .6em 1em; align-items: center; padding: .6em .8em; margin: .6em 0 1em; background: #eef2f6; border: 1px solid var(--line); border-radius: 8px; font-size: .9em; }
form.filters select, form.filters input { font: inherit; max-width: 16em; }
form.filters .count { color: var(--muted); }
table.index { border-collapse: collapse; width: 100%; font-size: .9em; }
table.index th, table.index td { text-align: left; overflow-wrap: anywhere; border-bottom: 1px solid var(--line); padding: .3em .5em; vertical-align: top; }
tr.gap td { color: var(--muted); }
[hidden] { display: none !important; }
@media print {
  nav.sections, form.filters, header.top .run { display: none; }
  main { padding: 0; max-width: none; }
  section.model, article.scenario, figure.diagram { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  .table-wrap, figure.diagram { overflow: visible; }
}
`;

export const BOOK_JS = `
(function () {
  'use strict';
  var bar = document.querySelector('form.filters');
  if (!bar) return;
  bar.hidden = false;
  var items = Array.prototype.slice.call(document.querySelectorAll('.filterable'));
  var containers = Array.prototype.slice.call(document.querySelectorAll('section.model, .rule-group'));
  var count = bar.querySelector('.count');
  function field(name) { var el = bar.elements.namedItem(name); return el ? el.value.trim() : ''; }
  function hasWord(list, word) { return !word || (' ' + (list || '') + ' ').indexOf(' ' + word + ' ') >= 0; }
  function apply() {
    var q = field('q').toLowerCase(), model = field('model'), event = field('event'), role = field('role'), tag = field('tag');
    var active = !!(q || model || event || role || tag);
    var shown = 0;
    items.forEach(function (el) {
      var d = el.dataset;
      var ok = (!q || (d.text || '').indexOf(q) >= 0) && (!model || d.model === model) &&
        hasWord(d.events, event) && hasWord(d.roles, role) && hasWord(d.tags, tag);
      el.hidden = !ok;
      if (ok) shown += 1;
    });
    containers.forEach(function (c) {
      var inner = c.querySelectorAll('.filterable');
      if (!inner.length) { c.hidden = active; return; }
      c.hidden = !Array.prototype.some.call(inner, function (el) { return !el.hidden; });
    });
    count.textContent = shown + ' of ' + items.length + ' scenarios shown';
  }
  function measure() { document.documentElement.style.setProperty('--bar-h', bar.offsetHeight + 'px'); }
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (target && (target.hidden || target.closest('[hidden]'))) { bar.reset(); apply(); target.scrollIntoView(); }
  }
  bar.addEventListener('input', apply);
  bar.addEventListener('change', apply);
  bar.addEventListener('reset', function () { setTimeout(apply, 0); });
  bar.addEventListener('submit', function (e) { e.preventDefault(); });
  window.addEventListener('hashchange', reveal);
  window.addEventListener('resize', measure);
  apply();
  measure();
  if (location.hash) { var t = document.getElementById(decodeURIComponent(location.hash.slice(1))); if (t) t.scrollIntoView(); }
})();
`;
