/** The diagrams index: every scenario with its outcome, grouped by GenEM section and model in the index's order, counted, escaped. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Envelope } from '@cucumber/messages';
import { MODELS } from '../model/models';
import { DiagramFiles } from './diagramFiles';
import type { ScenarioOutcome } from './outcomes';
import { countOutcomes, groupScenarios, renderDiagramsIndex, type IndexScenario } from './diagramsIndex';

const s = (name: string, model: string | undefined, outcome: IndexScenario['outcome'], links = 1): IndexScenario => ({
  name, uri: `features/${model ?? 'x'}.feature`, line: 3, outcome, ...(model ? { model } : {}),
  links: Array.from({ length: links }, (_, i) => ({ href: `00${String(i)}-${name}.observed.svg`, text: 'observed' })),
});

test('grouped by section then model, in the model index order; usage counts as broken; unknown models last', () => {
  const scenarios = [s('c', 'conference', 'failed'), s('r1', 'release-phase', 'passed'), s('x', undefined, 'broken'), s('r2', 'release-phase', 'usage'), s('b', 'basic-call-parking', 'skipped', 0)];
  const groups = groupScenarios(scenarios);
  const sectionOf = (slug: string): string | undefined => MODELS.find((m) => m.slug === slug)?.section;
  assert.deepEqual(groups.map((g) => g.section), [sectionOf('basic-call-parking'), sectionOf('release-phase'), sectionOf('conference'), '(no model tag)']);
  assert.deepEqual(groups[1]?.models.map((m) => [m.slug, m.scenarios.map((x) => x.name)]), [['release-phase', ['r1', 'r2']]]);
  assert.deepEqual(countOutcomes(scenarios), { passed: 1, failed: 1, broken: 2, known: 0, skipped: 1 });
});

test('the page: a row per scenario with its coloured outcome, counts per group and in total, links or "no diagram", escaped text', () => {
  const html = renderDiagramsIndex([s('Alice <releases>', 'release-phase', 'passed', 2), s('Bob', 'release-phase', 'failed'), s('Skipped one', 'release-phase', 'skipped', 0)], { adapter: 'simulator' });
  assert.equal((html.match(/<tr class="sc"/g) ?? []).length, 3);
  assert.match(html, /<tr class="sc" data-o="passed" data-text="alice &lt;releases&gt; [^"]*"><td><span class="badge o-passed">passed<\/span><\/td><td>Alice &lt;releases&gt;<\/td>/);
  assert.match(html, /<td class="links"><a href="000-Alice &lt;releases&gt;.observed.svg">observed<\/a> · <a href="001-/);
  assert.match(html, /data-o="skipped"[^>]*>.*<span class="none">no diagram attached<\/span>/);
  assert.match(html, /<h2>Releasing Calls <span class="counts"><span class="n o-passed" data-o="passed">1 passed<\/span><span class="n o-failed" data-o="failed">1 failed<\/span><span class="n o-broken" data-o="broken" hidden>0 broken<\/span>/);
  assert.match(html, /<p class="totals">Totals: /);
  assert.match(html, /<input type="search" name="q"/);
  assert.doesNotMatch(html, /(src|href)="(https?:)?\/\//, 'no external resource');
  assert.match(html, /3 scenarios \(adapter: simulator\)/);
});

test('a row whose diagram the attachment budget left out says so; the filter is named; every id is valid', () => {
  const budget: IndexScenario = { ...s('Late one', 'release-phase', 'passed', 0), omitted: ['observed-sequence.svg'] };
  const html = renderDiagramsIndex([budget, s('x', undefined, 'passed')], { adapter: 'simulator', filter: ['--tags', '@model:release-phase'] });
  assert.match(html, /<span class="none">diagram left out: attachment budget spent \(observed-sequence\.svg\)<\/span>/);
  assert.doesNotMatch(html, /no event observed/);
  assert.match(html, /\(adapter: simulator, filter: --tags @model:release-phase\)/);
  assert.match(renderDiagramsIndex([s('y', 'release-phase', 'passed')], { filter: [] }), /filter: none \(the whole suite\)/);
  for (const id of [...html.matchAll(/ id="([^"]*)"/g)].map((m) => m[1] ?? '')) assert.match(id, /^[A-Za-z][\w:.-]*$/, `id "${id}"`);
});

/** A message as cucumber would send it (only the fields DiagramFiles reads). */
const envelope = (fields: Record<string, unknown>): Envelope => fields;

test('DiagramFiles: a diagram the attachment budget left out (attachBounded\'s .omitted.txt) is said so on the index', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cmc-diagrams-'));
  try {
    const files = new DiagramFiles();
    const envelopes: Record<string, unknown>[] = [
      { gherkinDocument: { uri: 'f.feature', comments: [], feature: { children: [{ scenario: { id: 'sc1', location: { line: 4 }, examples: [] } }, { scenario: { id: 'sc2', location: { line: 9 }, examples: [] } }] } } },
      { pickle: { id: 'p1', name: 'Budget spent', uri: 'f.feature', astNodeIds: ['sc1'], steps: [], tags: [], language: 'en' } },
      { pickle: { id: 'p2', name: 'Skipped', uri: 'f.feature', astNodeIds: ['sc2'], steps: [], tags: [], language: 'en' } },
      { testCase: { id: 't1', pickleId: 'p1', testSteps: [] } },
      { testCaseStarted: { id: 's1', testCaseId: 't1', attempt: 0, timestamp: { seconds: 0, nanos: 0 } } },
      { attachment: { testCaseStartedId: 's1', fileName: 'observed-sequence.svg.omitted.txt', body: 'not attached: budget spent', mediaType: 'text/plain', contentEncoding: 'IDENTITY' } },
    ];
    for (const e of envelopes) files.onMessage(envelope(e));
    const outcome = (name: string, line: number, o: ScenarioOutcome['outcome']): ScenarioOutcome => ({ name, uri: 'f.feature', line, evidence: 'documented', inferred: false, outcome: o });
    const index = files.write(dir, [outcome('Budget spent', 4, 'passed'), outcome('Skipped', 9, 'skipped')]) ?? '';
    const html = readFileSync(index, 'utf8');
    assert.match(html, /Budget spent<\/td>.*diagram left out: attachment budget spent \(observed-sequence\.svg\)/);
    assert.match(html, /Skipped<\/td>.*no diagram attached/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
