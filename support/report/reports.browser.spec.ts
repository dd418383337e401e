/**
 * The reports a customer opens, checked in a real browser from file:// (Debian's chromium driven by
 * playwright-core; never a downloaded browser): the certificate (reports/conformance.html), the
 * diagrams index (reports/diagrams/index.html) and the Allure report (generated here by the real
 * allure-commandline, on a reports folder holding a previous run's history). Every request that
 * would leave the machine is aborted and fails the test; so does any console error.
 *
 * Without /usr/bin/chromium or java the tests are skipped (and fail when CI is set).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import type { Envelope } from '@cucumber/messages';
import { reportLinks, writeCertificate } from './afterRun';
import { ANALYTICS, generateAllureReport, historyScope, reflowDescription } from './allureReport';
import { needs, needsChromium, sharedBrowser, watchOffline } from './browserChecks';
import { buildCertificate } from './certificate';
import { DiagramFiles } from './diagramFiles';
import type { ScenarioOutcome } from './outcomes';
import { summarise } from './summary';

const reports = mkdtempSync(join(tmpdir(), 'cmc-reports-'));
const { browserFor, close } = sharedBrowser();
after(async () => {
  await close();
  rmSync(reports, { recursive: true, force: true });
});

const OUTCOMES: readonly ScenarioOutcome[] = [
  { name: 'Alice releases', uri: 'features/releasing-calls/release-phase.feature', line: 18, model: 'release-phase', evidence: 'documented', inferred: false, outcome: 'passed' },
  { name: 'Bob releases', uri: 'features/releasing-calls/release-phase.feature', line: 26, model: 'release-phase', evidence: 'documented', inferred: false, outcome: 'failed', reason: 'Not conformant: EventReleased missing' },
  { name: 'Carol joins', uri: 'features/holding-transferring-conferencing/conference.feature', line: 9, model: 'conference', evidence: 'documented', inferred: false, outcome: 'broken', reason: 'Timed out' },
  { name: 'Parked', uri: 'features/basic-call-models/basic-call-parking.feature', line: 7, model: 'basic-call-parking', evidence: 'inferred', inferred: true, outcome: 'skipped', reason: 'the adapter does not declare the capability "call-parking"' },
];

/** A message as cucumber would send it (only the fields DiagramFiles reads). */
const envelope = (fields: Record<string, unknown>): Envelope => fields;

/** cucumber's messages for the outcomes above: each scenario but the skipped one attaches an observed diagram, the failed one also expected vs observed. */
function envelopes(): Envelope[] {
  return OUTCOMES.flatMap((o, i): Envelope[] => {
    const id = String(i);
    const attach = (fileName: string, body: string): Envelope => envelope({ attachment: { testCaseStartedId: `s${id}`, fileName, body, mediaType: 'x', contentEncoding: 'IDENTITY' } });
    return [
      envelope({ gherkinDocument: { uri: o.uri, comments: [], feature: { children: [{ scenario: { id: `sc${id}`, location: { line: o.line }, examples: [] } }] } } }),
      envelope({ pickle: { id: `p${id}`, name: o.name, uri: o.uri, astNodeIds: [`sc${id}`], steps: [], tags: [], language: 'en' } }),
      envelope({ testCase: { id: `t${id}`, pickleId: `p${id}`, testSteps: [] } }),
      envelope({ testCaseStarted: { id: `s${id}`, testCaseId: `t${id}`, attempt: 0, timestamp: { seconds: 0, nanos: 0 } } }),
      ...(o.outcome === 'skipped' ? [] : [attach('observed-sequence.svg', `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><text x="5" y="20">${o.name}</text></svg>`)]),
      ...(o.outcome === 'failed' ? [attach('expected-vs-observed.html', '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>x</title></head><body>expected vs observed</body></html>')] : []),
    ];
  });
}

/** A feature's prose as Gherkin keeps it: source line breaks and indentation, two paragraphs. */
const PROSE = 'First line of the prose\n  continued on a second line.\n\n  Source: GenEM, the table.';

/** An Allure result as allure-cucumberjs writes it, with the labels and the description the hooks add (hooks.ts: reflowDescription). */
function allureResult(o: ScenarioOutcome, i: number): object {
  const status = o.outcome === 'usage' ? 'broken' : o.outcome;
  return {
    uuid: `00000000-0000-4000-8000-00000000000${String(i)}`, name: o.name, historyId: `h${String(i)}`, testCaseId: `tc${String(i)}`, fullName: `${o.uri}#${o.name}`,
    status, stage: 'finished', start: 1_700_000_000_000 + i, stop: 1_700_000_000_100 + i, steps: [], attachments: [], parameters: [], links: [],
    ...(o.reason ? { statusDetails: { message: o.reason } } : {}),
    description: PROSE,
    descriptionHtml: reflowDescription(PROSE).html,
    labels: [{ name: 'parentSuite', value: 'Releasing Calls' }, { name: 'suite', value: 'Release phase' }, { name: 'epic', value: 'Releasing Calls' }, { name: 'feature', value: 'Release phase' }],
  };
}

/** `reports/` as a run leaves it: certificate, diagrams, coverage, a spec book, and (with Java) the Allure report over a previous run's history. */
function buildReports(withAllure: boolean): { allure?: ReturnType<typeof generateAllureReport> } {
  const summary = summarise(OUTCOMES, 'lab bridge', '2026-12-06T00:00:00Z');
  const diagrams = new DiagramFiles();
  for (const e of envelopes()) diagrams.onMessage(e);
  diagrams.write(join(reports, 'diagrams'), summary.scenarios, { adapter: 'lab bridge', date: summary.date });
  writeFileSync(join(reports, 'summary.txt'), 'summary\n');
  mkdirSync(join(reports, 'spec-book'), { recursive: true });
  writeFileSync(join(reports, 'spec-book', 'index.html'), '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Spec book</title></head><body>spec book</body></html>\n');
  const feature = join(reports, 'a.feature');
  writeFileSync(feature, 'Feature: a\n');
  const certificate = buildCertificate({ summary, adapter: 'lab bridge', systemUnderTest: 'SIP Server 8.1 (lab A)', featureFiles: [feature], staleKnownIssues: [] });
  if (!withAllure) {
    writeCertificate(certificate, reports);
    return {};
  }
  // The previous run's history, as a previous run leaves it beside its report.
  mkdirSync(join(reports, 'allure-report', 'history'), { recursive: true });
  writeFileSync(join(reports, 'allure-report', 'history', 'history-trend.json'), JSON.stringify([{ buildOrder: 1, data: { failed: 0, broken: 0, skipped: 0, passed: 4, unknown: 0, total: 4 } }]));
  writeFileSync(join(reports, 'allure-report', 'history-scope.json'), JSON.stringify(historyScope(certificate)));
  const staging = join(reports, '.run-1');
  mkdirSync(join(staging, 'allure-results'), { recursive: true });
  OUTCOMES.forEach((o, i) => { writeFileSync(join(staging, 'allure-results', `${String(i)}-result.json`), JSON.stringify(allureResult(o, i))); });
  const allure = generateAllureReport(staging, reports, [['System under test', certificate.systemUnderTest], ['Adapter', certificate.adapter], ['Verdict', certificate.verdict]], historyScope(certificate));
  rmSync(join(reports, 'allure-report'), { recursive: true, force: true });
  if (existsSync(join(staging, 'allure-report'))) renameSync(join(staging, 'allure-report'), join(reports, 'allure-report'));
  rmSync(staging, { recursive: true, force: true });
  writeCertificate(certificate, reports);
  return { allure };
}

const JAVA = spawnSync('java', ['-version']).status === 0;
let built: ReturnType<typeof buildReports> | undefined;
before(() => { built = buildReports(JAVA); });

test('the Allure report: generated without analytics, the environment names the system under test, the previous run\'s history carried', (t) => {
  if (!needs(t, 'java', JAVA, 'allure-commandline needs it')) return;
  assert.equal(built?.allure?.ok, true, built?.allure?.problem);
  const html = readFileSync(join(reports, 'allure-report', 'index.html'), 'utf8');
  assert.doesNotMatch(html, ANALYTICS, 'no analytics call in the report');
  assert.equal(built?.allure?.historyRuns, 2, 'this run and the previous one');
  const trend = JSON.parse(readFileSync(join(reports, 'allure-report', 'history', 'history-trend.json'), 'utf8')) as { data: { passed: number } }[];
  assert.deepEqual(trend.map((x) => x.data.passed), [1, 4], 'newest first, the previous run kept');
});

/** A page opened from disk; requests that would leave the machine are aborted and listed, console errors collected. */
async function open(file: string): Promise<{ page: Page; errors: string[]; external: string[] }> {
  const page = await (await browserFor()).newPage({ viewport: { width: 1300, height: 900 } });
  page.setDefaultTimeout(15_000);
  const { errors, remote } = await watchOffline(page);
  await page.goto(pathToFileURL(file).href);
  return { page, errors, external: remote };
}

/** Every link on the page points at a file that exists. */
async function linksResolve(page: Page): Promise<string[]> {
  const hrefs = await page.locator('a[href]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
  for (const href of hrefs) assert.ok(href.startsWith('file:') && existsSync(fileURLToPath(href.split('#')[0] ?? href)), `${href} exists`);
  return hrefs;
}

test('the certificate opens offline: totals, coloured verdicts, links that all resolve (spec book first)', async (t) => {
  if (!needsChromium(t)) return;
  const { page, errors, external } = await open(join(reports, 'conformance.html'));
  assert.match(await page.locator('p.totals').innerText(), /^4 scenarios: 1 passed\s+1 failed \(not conformant\)\s+1 broken \(could not test\)\s+1 skipped$/);
  assert.match(await page.locator('p.verdict').innerText(), /^Verdict: not conformant/);
  const colour = (sel: string): Promise<string> => page.locator(sel).first().evaluate((e) => getComputedStyle(e).backgroundColor);
  const colours = await Promise.all(['.totals .o-passed', '.totals .o-failed', '.totals .o-broken', '.totals .o-skipped'].map(colour));
  assert.equal(new Set(colours).size, colours.length, `a colour per outcome: ${colours.join(' ')}`);
  const models = await Promise.all(['.badge.o-failed', '.badge.o-broken', '.badge.o-skipped'].map(colour));
  assert.deepEqual(models, colours.slice(1), 'model verdicts in the same colours');
  const hrefs = await linksResolve(page);
  assert.ok(hrefs[0]?.endsWith('/spec-book/index.html'), 'the spec book is the first report linked');
  const listed = await page.locator('nav.reports a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.deepEqual(listed, reportLinks(reports).map((l) => l.href), 'the page lists exactly the reports that exist');
  assert.ok(!listed.includes('mutation.json') && listed.includes('diagrams/index.html'), 'no mutation campaign ran: not linked; the diagrams are');
  if (JAVA) assert.ok(hrefs.some((h) => h.endsWith('/allure-report/index.html')), 'the Allure report is linked');
  assert.deepEqual(external, [], 'no request leaves the machine');
  assert.deepEqual(errors, [], 'no console error');
  await page.close();
});

test('the diagrams index opens offline: outcomes grouped by section and model, counts, a filter by text and outcome', async (t) => {
  if (!needsChromium(t)) return;
  const { page, errors, external } = await open(join(reports, 'diagrams', 'index.html'));
  const rows = page.locator('tr.sc');
  assert.equal(await rows.count(), OUTCOMES.length, 'every scenario, the skipped one too');
  assert.deepEqual(await page.locator('section.section > h2').evaluateAll((hs) => hs.map((h) => h.firstChild?.textContent?.trim())), ['Basic Call Models', 'Releasing Calls', 'Holding, Transferring, and Conferencing']);
  assert.match(await page.locator('#release-phase h3 .counts').innerText(), /1 passed\s*1 failed/);
  assert.equal(await page.locator('form.filter .shown').innerText(), '4 of 4 scenarios shown');
  await page.fill('form.filter input[name="q"]', 'bob');
  assert.equal(await page.locator('tr.sc:visible').count(), 1);
  assert.equal(await page.locator('form.filter .shown').innerText(), '1 of 4 scenarios shown');
  assert.equal(await page.locator('section.section:visible').count(), 1, 'sections without a match are hidden');
  await page.click('form.filter button[type="reset"]');
  await page.waitForFunction(() => document.querySelectorAll('tr.sc:not([hidden])').length === 4);
  await page.uncheck('form.filter input[value="passed"]');
  await page.uncheck('form.filter input[value="skipped"]');
  assert.deepEqual(await page.locator('tr.sc:visible').evaluateAll((rs) => rs.map((r) => (r as HTMLElement).dataset.o)), ['failed', 'broken']);
  assert.match(await page.locator('#release-phase h3 .counts').innerText(), /^1 failed$/, 'group counts follow the filter');
  assert.equal(await page.locator('tr.sc[data-o="failed"] a').count(), 2, 'the failed scenario links both diagrams');
  await linksResolve(page);
  const badges = await page.locator('tr.sc .badge').evaluateAll((bs) => bs.map((b) => getComputedStyle(b).backgroundColor));
  assert.equal(new Set(badges).size, OUTCOMES.length, 'a colour per outcome');
  assert.deepEqual(external, [], 'no request leaves the machine');
  assert.deepEqual(errors, [], 'no console error');
  await page.close();
});

test('the Allure report opens offline from file://: no analytics request, environment, trend, sections, paragraphs', async (t) => {
  if (!needsChromium(t) || !needs(t, 'java', JAVA, 'allure-commandline needs it')) return;
  const { page, errors, external } = await open(resolve(reports, 'allure-report', 'index.html'));
  await page.getByText('System under test').first().waitFor({ state: 'visible' });
  assert.ok(await page.getByText('SIP Server 8.1 (lab A)').first().isVisible(), 'the environment panel names the system under test');
  assert.ok(await page.getByText('Trend').first().isVisible());
  await page.goto(`${pathToFileURL(join(reports, 'allure-report', 'index.html')).href}#suites`);
  await page.getByText('Releasing Calls').first().click();
  await page.getByText('Release phase').first().click();
  await page.locator('.node__title').filter({ hasText: 'Alice releases' }).first().click();
  const description = page.locator('.description__text').first();
  await description.waitFor({ state: 'visible' });
  assert.deepEqual(await description.locator('p').allInnerTexts(), ['First line of the prose continued on a second line.', 'Source: GenEM, the table.'], 'the prose as the hooks re-flow it: two paragraphs, no ragged lines');
  assert.deepEqual(external, [], 'no request leaves the machine');
  assert.deepEqual(errors, [], 'no console error');
  await page.close();
});
