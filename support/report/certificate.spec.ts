/** The conformance certificate: verdicts per model, suite hash, mutation score, models not exercised. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MODELS } from '../model/models';
import { finalVerdict, reportLinks, writeCertificate } from './afterRun';
import { buildCertificate, overallVerdict, renderCertificateHtml, renderCertificateMarkdown, suiteHash, verdictText } from './certificate';
import type { ScenarioOutcome } from './outcomes';
import { summarise } from './summary';

const dir = mkdtempSync(join(tmpdir(), 'cmc-cert-'));
const feature = join(dir, 'a.feature');
writeFileSync(feature, 'Feature: a\n');
const o = (model: string, outcome: ScenarioOutcome['outcome'], reason?: string): ScenarioOutcome => ({ name: `${model} ${outcome}`, uri: 'f.feature', line: 1, model, evidence: 'documented', inferred: false, outcome, ...(reason ? { reason } : {}) });

test('models get a verdict, skipped reasons and provenance; unexercised models are listed', () => {
  const summary = summarise([
    o('release-phase', 'passed'), o('release-phase', 'skipped', 'the adapter does not declare "x"'),
    o('conference', 'failed', 'Not conformant'), o('alternate-call', 'known', 'Known issue: …'),
  ], 'simulator', '2026-11-26T00:00:00Z');
  const mutation = join(dir, 'mutation.json');
  writeFileSync(mutation, JSON.stringify({ date: 'd', totals: { killed: 9, generated: 10, survived: 1, equivalent: 0 } }));
  const c = buildCertificate({ summary, adapter: 'simulator', featureFiles: [feature], staleKnownIssues: [], mutationFile: mutation });
  const model = (slug: string): { verdict: string; skipReasons: readonly string[] } | undefined => c.sections.flatMap((s) => s.models).find((m) => m.slug === slug);
  assert.equal(c.verdict, 'not conformant');
  assert.equal(model('release-phase')?.verdict, 'passed');
  assert.deepEqual(model('release-phase')?.skipReasons, ['the adapter does not declare "x"']);
  assert.equal(model('conference')?.verdict, 'failed');
  assert.equal(model('alternate-call')?.verdict, 'known issue');
  assert.equal(c.notCovered.length, MODELS.length - 3);
  assert.deepEqual(c.mutation, { killed: 9, generated: 10, survived: 1, equivalent: 0, date: 'd', scope: '' });
  assert.equal(c.suite.hash, suiteHash([feature]));
  assert.equal(c.sections.length, new Set(MODELS.map((m) => m.section)).size, 'grouped by GenEM section');
  const md = renderCertificateMarkdown(c);
  assert.match(md, /\*\*Mutation score of the suite:\*\* 9 of 10 mutants killed/);
  assert.match(md, /\| conference \| failed \| 0 \| 1 \| 0 \| 0 \| 0 \|/);
  assert.match(md, /\*\*Verdict:\*\* not conformant/);
  assert.match(renderCertificateHtml(c), /<tr class="known-issue"><td>alternate-call<\/td>/);
});

test('a stale known issue makes the run not conformant; only skips and no pass is incomplete', () => {
  const passed = summarise([o('release-phase', 'passed')], 'simulator', 'now');
  assert.equal(buildCertificate({ summary: passed, adapter: 'simulator', featureFiles: [feature], staleKnownIssues: ['x'] }).verdict, 'not conformant');
  const skipped = summarise([o('release-phase', 'skipped')], 'simulator', 'now');
  assert.equal(buildCertificate({ summary: skipped, adapter: 'simulator', featureFiles: [feature], staleKnownIssues: [] }).verdict, 'incomplete');
});

test('the suite hash changes with any feature byte', () => {
  const before = suiteHash([feature]);
  writeFileSync(feature, 'Feature: b\n');
  assert.notEqual(suiteHash([feature]), before);
});

test('exit codes: known issues pass, stale entries fail, broken and usage win; the last line counts each outcome apart', () => {
  const t = { passed: 0, failed: 0, broken: 0, skipped: 0, usage: 0, known: 0 };
  assert.deepEqual(finalVerdict({ ...t, known: 1 }, 0, true), { line: 'conformance: 0 passed, 0 failed, 0 broken, 0 skipped, 1 known issue(s)', code: 0 });
  assert.equal(finalVerdict({ ...t, broken: 8 }, 0, true).line, 'conformance: 0 passed, 0 failed, 8 broken, 0 skipped');
  assert.equal(finalVerdict({ ...t, passed: 3 }, 1, true).code, 1);
  assert.equal(finalVerdict({ ...t, failed: 1, broken: 1 }, 0, true).code, 2);
  assert.equal(finalVerdict({ ...t, failed: 1, usage: 1 }, 0, true).code, 64);
  assert.equal(finalVerdict({ ...t, passed: 1 }, 0, false).code, 2, 'a lost report is broken');
  assert.equal(finalVerdict({ ...t, skipped: 4 }, 0, true).code, 2, 'nothing tested');
});

test('the overall verdict: conformant only for a complete, unfiltered run that exercised every model', () => {
  const t = { passed: 10, failed: 0, broken: 0, skipped: 0, usage: 0, known: 0 };
  assert.equal(overallVerdict(t, 0, 0, false, false), 'conformant');
  assert.equal(overallVerdict(t, 0, 0, true, false), 'conformant (partial)', 'a filter');
  assert.equal(overallVerdict(t, 0, 3, false, false), 'conformant (partial)', 'models not exercised');
  assert.equal(overallVerdict({ ...t, known: 1 }, 0, 0, false, false), 'conformant (partial)', 'accepted known issues');
  assert.equal(overallVerdict({ ...t, failed: 1 }, 0, 0, false, false), 'not conformant');
  assert.equal(overallVerdict(t, 1, 0, false, false), 'not conformant', 'a stale known issue');
  assert.equal(overallVerdict({ ...t, broken: 1 }, 0, 0, false, false), 'incomplete');
  assert.equal(overallVerdict({ ...t, passed: 0, skipped: 5 }, 0, 0, false, false), 'incomplete', 'nothing passed');
  assert.equal(overallVerdict({ ...t, failed: 1 }, 0, 0, false, true), 'incomplete', 'the run ended early');
});

test('a model whose scenarios were all skipped is not exercised, with the reasons; the scope is on the certificate', () => {
  const summary = summarise([o('release-phase', 'passed'), o('conference', 'skipped', 'the adapter does not declare the capability "x"')], 'example', 'now');
  const c = buildCertificate({ summary, adapter: 'example', featureFiles: [feature], staleKnownIssues: [], scope: { filter: [], capabilities: { requests: '*', features: ['a', 'a', 'b'] } } });
  assert.equal(c.verdict, 'conformant (partial)');
  assert.equal(c.notExercised.find((n) => n.slug === 'conference')?.reason, 'every scenario skipped: the adapter does not declare the capability "x"');
  assert.ok(c.notCovered.includes('conference'));
  const md = renderCertificateMarkdown(c);
  assert.match(md, /\*\*Adapter capabilities:\*\* requests: every T-Library request; features: a, b\n/);
  assert.match(md, /\*\*Filter:\*\* none \(the whole suite\)/);
  assert.match(md, /- conference: every scenario skipped: the adapter does not declare the capability "x"/);
  const ended = buildCertificate({ summary, adapter: 'example', featureFiles: [feature], staleKnownIssues: [], incomplete: { atScenario: 'f.feature:3 A', reason: 'out of memory' } });
  assert.equal(verdictText({ ...ended, qualifications: ['adapter did not shut down cleanly'] }), 'incomplete — the run ended at scenario f.feature:3 A: out of memory, adapter did not shut down cleanly');
  const html = renderCertificateHtml(ended, [{ href: 'summary.txt', text: 'Run summary' }]);
  assert.match(html, /<p class="verdict v-broken">Verdict: incomplete — the run ended at scenario f\.feature:3 A: out of memory<span class="meaning">could not test<\/span><\/p>/);
  assert.match(html, /<th>Scenarios<\/th><td>1 passed, 0 failed, 0 broken, 1 skipped<\/td>/);
});

test('the HTML certificate: a totals line and every verdict coloured', () => {
  const summary = summarise([
    o('release-phase', 'passed'), o('release-phase', 'passed'), o('conference', 'failed', 'Not conformant'), o('alternate-call', 'broken', 'timeout'),
    o('alternate-call', 'usage', 'no step'), o('basic-call-parking', 'skipped', 'capability'),
  ], 'simulator', 'now');
  const html = renderCertificateHtml(buildCertificate({ summary, adapter: 'simulator', featureFiles: [feature], staleKnownIssues: [] }));
  assert.match(html, /<p class="totals"><b>6 scenarios:<\/b> <span class="n o-passed">2 passed<\/span> <span class="n o-failed">1 failed \(not conformant\)<\/span> <span class="n o-broken">2 broken \(could not test\)<\/span> <span class="n o-skipped">1 skipped<\/span><\/p>/);
  assert.match(html, /<p class="verdict v-failed">Verdict: not conformant<span class="meaning">/);
  assert.match(html, /<td>release-phase<\/td><td><span class="badge o-passed">passed<\/span><\/td><td class="o-passed">2<\/td><td class="zero">0<\/td>/);
  assert.match(html, /<td>conference<\/td><td><span class="badge o-failed">failed<\/span><\/td>/);
  assert.match(html, /<td>alternate-call<\/td><td><span class="badge o-broken">broken<\/span><\/td><td class="zero">0<\/td><td class="zero">0<\/td><td class="o-broken">2<\/td>/);
  assert.match(html, /<td>basic-call-parking<\/td><td><span class="badge o-skipped">skipped<\/span><\/td>/);
  assert.match(html, /<td>basic-call-routing<\/td><td><span class="badge o-skipped">not exercised<\/span><\/td>/);
  for (const cls of ['o-passed', 'o-failed', 'o-broken', 'o-known', 'o-skipped', 'v-ok', 'v-partial', 'v-failed', 'v-broken']) assert.match(html, new RegExp(`\\.${cls}\\{background:#[0-9a-f]{3,6};color:#[0-9a-f]{3,6}\\}`), `${cls} has a colour`);
});

test('the certificate links only the reports that exist: the spec book first, the mutation campaign only when it ran', () => {
  const live = mkdtempSync(join(tmpdir(), 'cmc-live-'));
  const staging = join(live, '.run-1-1');
  mkdirSync(join(staging, 'diagrams'), { recursive: true });
  writeFileSync(join(staging, 'diagrams', 'index.html'), '');
  writeFileSync(join(staging, 'summary.txt'), '');
  assert.deepEqual(reportLinks(staging, live).map((l) => l.href), ['diagrams/index.html', 'summary.txt'], 'no spec book, no Allure report, no mutation.json: not linked');
  mkdirSync(join(live, 'spec-book'));
  writeFileSync(join(live, 'spec-book', 'index.html'), '');
  writeFileSync(join(live, 'mutation.json'), '{}');
  mkdirSync(join(staging, 'allure-report'));
  writeFileSync(join(staging, 'allure-report', 'index.html'), '');
  assert.deepEqual(reportLinks(staging, live).map((l) => l.href), ['spec-book/index.html', 'diagrams/index.html', 'allure-report/index.html', 'summary.txt', 'mutation.json']);
  const summary = summarise([o('release-phase', 'passed')], 'simulator', 'now');
  writeCertificate(buildCertificate({ summary, adapter: 'simulator', featureFiles: [feature], staleKnownIssues: [] }), staging, live);
  const html = readFileSync(join(staging, 'conformance.html'), 'utf8');
  for (const href of [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1] ?? '')) {
    assert.ok(existsSync(join(staging, href)) || existsSync(join(live, href)), `${href} exists`);
  }
  assert.match(html, /<a href="spec-book\/index.html">The specification \(spec book, from an earlier build/, "a spec book of another command: said so");
});

test('the HTML certificate names no exit code beside the verdict: the real one (finalVerdict) is not known when it is written', () => {
  // Advisory deviations: verdict conformant, exit 1; a failed Allure report: exit 2 after the certificate was written.
  const inferred = { ...o('release-phase', 'failed', 'deviates'), evidence: 'inferred' as const, inferred: true };
  for (const outcomes of [[o('release-phase', 'passed')], [o('release-phase', 'passed'), inferred], [o('release-phase', 'failed')], [o('release-phase', 'broken')]]) {
    const c = buildCertificate({ summary: summarise(outcomes, 'simulator', 'now'), adapter: 'simulator', featureFiles: [feature], staleKnownIssues: [] });
    const meaning = /<span class="meaning">([^<]*)<\/span>/.exec(renderCertificateHtml(c))?.[1] ?? '';
    assert.ok(meaning.length > 0, c.verdict);
    assert.doesNotMatch(meaning, /exit|nothing failed/, `${c.verdict}: ${meaning}`);
  }
});

test('a replayed log\'s calls judged one by one: one that deviates makes the run not conformant (exit 1), calls that could not be judged leave it incomplete (exit 2)', () => {
  const passed = summarise([o('release-phase', 'passed')], 'replay of x.log', 'now');
  const calls = { calls: 2, conforms: 1, deviates: 1, unrecognised: 0, unreadable: 0, deviating: ['x.log:82: deviates from Alice calls Bob (f.feature:29)'] };
  const c = buildCertificate({ summary: passed, adapter: 'replay', featureFiles: [feature], staleKnownIssues: [], logCalls: calls });
  assert.equal(c.verdict, 'not conformant');
  assert.match(verdictText(c), /not conformant, the log's calls: 2 call\(s\), each judged one by one: 1 conform, 1 deviate/);
  assert.match(renderCertificateMarkdown(c), /\*\*The log's calls:\*\* 2 call\(s\).*\n {2}- x\.log:82: deviates from Alice calls Bob/);
  assert.match(renderCertificateHtml(c), /<th>The log&#39;s calls<\/th>|<th>The log's calls<\/th>/);
  const fine = { ...calls, conforms: 2, deviates: 0, deviating: [] };
  const cut = { ...calls, conforms: 1, deviates: 0, deviating: [], cutByTheEnd: 1 };
  assert.equal(buildCertificate({ summary: passed, adapter: 'replay', featureFiles: [feature], staleKnownIssues: [], logCalls: cut }).verdict, 'conformant (partial)', 'a call the log\'s end cut short is not counted');
  assert.equal(finalVerdict({ passed: 1, failed: 0, broken: 0, skipped: 0, usage: 0, known: 0 }, 0, true, cut).code, 0);
  assert.match(finalVerdict({ passed: 1, failed: 0, broken: 0, skipped: 0, usage: 0, known: 0 }, 0, true, cut).line, /and 1 the log's end leaves going on deviate as far as it shows them: not counted/);
  assert.equal(buildCertificate({ summary: passed, adapter: 'replay', featureFiles: [feature], staleKnownIssues: [], logCalls: fine }).verdict, 'conformant (partial)');
  const lost = { ...fine, calls: 0, conforms: 0, problem: 'npm run recognize could not judge x.log (exit 2): …' };
  assert.equal(buildCertificate({ summary: passed, adapter: 'replay', featureFiles: [feature], staleKnownIssues: [], logCalls: lost }).verdict, 'incomplete');
  const t = { passed: 1, failed: 0, broken: 0, skipped: 0, usage: 0, known: 0 };
  assert.equal(finalVerdict(t, 0, true, calls).code, 1);
  assert.equal(finalVerdict(t, 0, true, fine).code, 0);
  assert.equal(finalVerdict(t, 0, true, lost).code, 2);
  assert.match(finalVerdict(t, 0, true, calls).line, /^conformance: 1 passed, 0 failed, 0 broken, 0 skipped; the log's calls: 2 call\(s\)/);
});

test('conformant only when no scenario of an exercised model was left untested: a skip counts for nothing only where the scenario did not apply', () => {
  const lacks = (capability: string): string => `the adapter "lab" does not declare the capability "${capability}"`;
  const declared = ['network-reached:not-reported', 'agent:acw-as-not-ready'];
  const certify = (skip: string): { verdict: string; qualifications: readonly string[] } => buildCertificate({
    summary: summarise([...MODELS.map((m) => o(m.slug, 'passed')), o('release-phase', 'skipped', skip)], 'lab', 'now'),
    adapter: 'lab', featureFiles: [feature], staleKnownIssues: [], scope: { filter: [], capabilities: { requests: '*', features: declared } },
  });
  // Not applicable: the system has the other documented behaviour, or does not have the feature.
  assert.equal(certify(lacks('network-reached:reported')).verdict, 'conformant', 'the variant the system does not have');
  assert.equal(certify(lacks('routing:route-type-reject')).verdict, 'conformant', 'a feature of the system it does not have');
  // Untested: the lab could not drive it, the system's behaviour is not said, the level cannot show it.
  for (const skip of [lacks('external-parties'), lacks('off-hook:reported'), 'the model expects EventQueued, which the Workspace API level does not show', 'the adapter "lab" does not declare the request RequestMonitorNextCall']) {
    const c = certify(skip);
    assert.equal(c.verdict, 'conformant (partial)', skip);
    assert.deepEqual(c.qualifications, [`1 scenario(s) of exercised models not tested: 1 × ${skip}`]);
  }
});
