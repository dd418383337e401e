/**
 * Browser test of the spec book: build it, open it from disk (file://, no server) in Debian's
 * chromium driven by playwright-core, check a transfer model's expected diagram (lanes and events
 * counted independently from the Gherkin AST), use a filter, and save a screenshot to
 * reports/spec-book-screenshot.png. Never downloads a browser: without /usr/bin/chromium the test
 * is skipped (and fails when CI is set, because CI installs chromium with apt-get).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import type { Scenario } from '@cucumber/messages';
import { parseFeature } from '../spec/validateFeatures';
import { writeSpecBook } from './specBook/build';
import { sectionFile } from './specBook/pages';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];
const DECLARATION = /^[A-Z][A-Za-z0-9_]* (is on |is an agent on |is agent \S+ on |is the |is an outside caller at |uses DN )/;

/** The model the test looks at: a transfer model if one has a feature, else the hold-retrieve model. */
function pickFeature(): string {
  const dir = 'features/holding-transferring-conferencing';
  const transfer = ['two-step-transfer-after-answer', 'single-step-transfer', 'two-step-transfer-blind', 'mute-transfer']
    .map((slug) => join(dir, `${slug}.feature`)).find((f) => existsSync(f));
  return transfer ?? join(dir, 'hold-retrieve-consulted-answers.feature');
}

interface Expected { readonly scenario: string; readonly lanes: number; readonly events: number; readonly event: string }

/**
 * Independently of the book's code: the first scenario whose first Then table has a dn column
 * naming only declared parties; lanes = parties declared (Background + scenario), events = rows.
 */
function expectedFrom(file: string): Expected {
  const doc = parseFeature(file, readFileSync(file, 'utf8'));
  const children = doc.feature?.children ?? [];
  const background = children.flatMap((c) => [...(c.background?.steps ?? []), ...(c.rule?.children.flatMap((rc) => rc.background?.steps ?? []) ?? [])]);
  const scenarios: Scenario[] = children.flatMap((c) => (c.scenario ? [c.scenario] : c.rule?.children.flatMap((rc) => (rc.scenario ? [rc.scenario] : [])) ?? []));
  for (const s of scenarios) {
    const parties = new Set([...background, ...s.steps].filter((st) => DECLARATION.test(st.text)).map((st) => st.text.split(' ')[0]));
    const table = s.steps.find((st) => st.dataTable && /, in (any )?order:$/.test(st.text))?.dataTable;
    const rows = table?.rows.map((r) => r.cells.map((c) => c.value)) ?? [];
    const dnCol = rows[0]?.indexOf('dn') ?? -1;
    const eventCol = rows[0]?.indexOf('event') ?? -1;
    if (dnCol < 0 || rows.length < 3 || !rows.slice(1).every((r) => parties.has(r[dnCol]))) continue;
    return { scenario: s.name, lanes: parties.size, events: rows.length - 1, event: rows[1]?.[eventCol] ?? '' };
  }
  throw new Error(`${file} has no scenario with a multi-DN table`);
}

test('the spec book opens from disk, draws the expected diagram, filters, and is screenshotted', async (t) => {
  if (!existsSync(CHROMIUM)) {
    if (process.env.CI) assert.fail(`${CHROMIUM} is missing: install it with apt-get install -y chromium`);
    t.skip(`${CHROMIUM} is missing (apt-get install -y chromium); the browser test needs it`);
    return;
  }
  const outDir = mkdtempSync(join(tmpdir(), 'spec-book-'));
  let browser: Browser | undefined;
  try {
    const built = writeSpecBook({ outDir });
    const file = pickFeature();
    const feature = built.book.features.find((f) => f.uri === file);
    const entry = feature?.entry;
    assert.ok(feature && entry, `${file} is in the book`);
    const section = built.book.sections.find((s) => s.name === entry.section);
    assert.ok(section);
    const expected = expectedFrom(file);
    const scenario = feature.rules.flatMap((r) => r.scenarios).find((s) => s.name === expected.scenario);
    assert.ok(scenario);

    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${pathToFileURL(join(outDir, sectionFile(section))).href}#${scenario.anchor}`);

    const svg = page.locator(`article[id="${scenario.anchor}"] figure.diagram svg`).first();
    await svg.waitFor({ state: 'visible' });
    const box = await svg.boundingBox();
    assert.ok(box && box.width > 200 && box.height > 100, 'the diagram is drawn with a real size');
    assert.equal(await svg.locator('g.lane').count(), expected.lanes, 'one lane per declared party');
    assert.equal(await svg.locator('g.ev').count(), expected.events, 'one event per table row');
    assert.equal(await svg.locator(`g.ev[data-event="${expected.event}"]`).count() > 0, true);

    // The filter: events of the chosen scenario's table; some scenarios on the page lack it.
    const articles = page.locator('article.scenario');
    const total = await articles.count();
    await page.locator('form.filters').waitFor({ state: 'visible' });
    const absent = await page.locator('article.scenario').evaluateAll((els, ev) => els.filter((e) => !` ${(e as HTMLElement).dataset.events ?? ''} `.includes(` ${ev} `)).length, expected.event);
    assert.ok(absent > 0, `some scenario on the page has no ${expected.event}`);
    await page.selectOption('form.filters select[name="event"]', expected.event);
    const visible = await page.locator('article.scenario:visible').count();
    assert.equal(visible, total - absent, 'the filter hides exactly the scenarios without the event');
    assert.ok(await page.locator(`article[id="${scenario.anchor}"]`).isVisible());
    assert.match(await page.locator('form.filters .count').innerText(), new RegExp(`^${visible} of ${total} scenarios shown$`));
    assert.equal(await page.locator('section.model.gap:visible').count(), 0, 'gaps are hidden while a filter is active');

    await page.locator(`article[id="${scenario.anchor}"]`).scrollIntoViewIfNeeded();
    await page.evaluate((id) => { location.hash = id; }, scenario.anchor);
    mkdirSync('reports', { recursive: true });
    await page.screenshot({ path: 'reports/spec-book-screenshot.png' });

    await page.click('form.filters button[type="reset"]');
    await page.waitForFunction((n) => document.querySelectorAll('article.scenario:not([hidden])').length === n, total);
    assert.deepEqual(errors, [], 'no script errors');
  } finally {
    await browser?.close();
    rmSync(outDir, { recursive: true, force: true });
  }
});
