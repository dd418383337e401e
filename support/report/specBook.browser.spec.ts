/**
 * Browser test of the spec book: build it, open it from disk (file://, no server) in Debian's
 * chromium driven by playwright-core, check a transfer model's expected diagram (lanes and events
 * counted independently from the Gherkin AST), use a filter, and save a screenshot to
 * reports/spec-book-screenshot.png. Never downloads a browser: without /usr/bin/chromium the test
 * is skipped (and fails when CI is set, because CI installs chromium with apt-get).
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Scenario } from '@cucumber/messages';
import { featureFiles, parseFeature } from '../spec/validateFeatures';
import { writeSpecBook, type SpecBookResult } from './specBook/build';
import { buildBook, type BookFeature, type BookScenario } from './specBook/model';
import { sectionFile } from './specBook/pages';
import { coloursByName, needsChromium, overflowingTexts, sharedBrowser, watch } from './browserChecks';

const { browserFor, close } = sharedBrowser();

/**
 * One book for the file's tests, built once, with the results of a made-up last run: the first
 * scenario of the book failed, the second passed, the rest were not run.
 */
const built: { book?: { dir: string; outDir: string; result: SpecBookResult; failed: Picked; passed: Picked } } = {};
interface Picked { readonly f: BookFeature; readonly s: BookScenario }
function bookOnce(): NonNullable<typeof built.book> {
  if (built.book) return built.book;
  const dir = mkdtempSync(join(tmpdir(), 'spec-book-'));
  const docs = featureFiles('features').map((file) => Object.assign(parseFeature(file, readFileSync(file, 'utf8')), { uri: relative(process.cwd(), file).split(sep).join('/') }));
  const [failed, passed] = buildBook(docs).features.flatMap((f) => f.rules.flatMap((r) => r.scenarios.map((s) => ({ f, s }))));
  assert.ok(failed && passed);
  const reports = join(dir, 'reports');
  mkdirSync(reports);
  writeFileSync(join(reports, 'summary.json'), JSON.stringify({ adapter: 'simulator', date: '2026-01-01T00:00:00.000Z', scenarios: [
    { name: failed.s.name, uri: failed.f.uri, line: failed.s.line, inferred: false, outcome: 'failed', reason: 'Not conformant: EventRinging missing' },
    { name: passed.s.name, uri: passed.f.uri, line: passed.s.line, inferred: false, outcome: 'passed' },
  ] }));
  const outDir = join(dir, 'book');
  built.book = { dir, outDir, result: writeSpecBook({ outDir, reportsDir: reports }), failed, passed };
  return built.book;
}
after(async () => {
  await close();
  if (built.book) rmSync(built.book.dir, { recursive: true, force: true });
});
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
  if (!needsChromium(t)) return;
  {
    const { outDir, result: built } = bookOnce();
    const file = pickFeature();
    const feature = built.book.features.find((f) => f.uri === file);
    const entry = feature?.entry;
    assert.ok(feature && entry, `${file} is in the book`);
    const section = built.book.sections.find((s) => s.name === entry.section);
    assert.ok(section);
    const expected = expectedFrom(file);
    const scenario = feature.rules.flatMap((r) => r.scenarios).find((s) => s.name === expected.scenario);
    assert.ok(scenario);

    const page = await (await browserFor()).newPage({ viewport: { width: 1280, height: 1000 } });
    const { errors } = watch(page);
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
    // A deep link lands below the sticky filter bar: the bar covers neither the scenario nor its lane headers.
    await page.goto(`${pathToFileURL(join(outDir, sectionFile(section))).href}#${scenario.anchor}`);
    await page.locator('form.filters').waitFor({ state: 'visible' });
    const barBottom = await page.locator('form.filters').evaluate((el) => el.getBoundingClientRect().bottom);
    const articleTop = await page.locator(`article[id="${scenario.anchor}"]`).evaluate((el) => el.getBoundingClientRect().top);
    assert.ok(articleTop >= barBottom - 1, `the scenario starts at ${articleTop}px, below the filter bar ending at ${barBottom}px`);
    await page.close();
  }
});

test('every page of the book: nothing leaves the machine, no error, no text outside its box, one colour per party and $call, outcomes per section', async (t) => {
  if (!needsChromium(t)) return;
  {
    const { outDir, result: probe, failed, passed } = bookOnce();
    const page = await (await browserFor()).newPage({ viewport: { width: 1280, height: 900 } });
    const seen = watch(page);
    const overflow: string[] = [];
    const colours = new Map<string, Set<string>>();
    const clipped: string[] = [];
    for (const file of readdirSync(outDir).filter((f) => f.endsWith('.html'))) {
      await page.goto(pathToFileURL(join(outDir, file)).href);
      overflow.push(...(await overflowingTexts(page)));
      for (const [name, list] of Object.entries(await coloursByName(page))) for (const c of list) colours.set(name, (colours.get(name) ?? new Set()).add(c));
      // A table or diagram wider than the page scrolls in its own box instead of being cut off.
      clipped.push(...(await page.evaluate(() => Array.from(document.querySelectorAll('.table-wrap, figure.diagram')).flatMap((el) => {
        const box = el as HTMLElement;
        const scrolls = getComputedStyle(box).overflowX === 'auto';
        return box.scrollWidth > box.clientWidth + 1 && !scrolls ? [box.textContent?.slice(0, 60) ?? ''] : [];
      }))).map((x) => `${file}: ${x}`));
      const right = await page.evaluate(() => document.querySelector('main')?.getBoundingClientRect().right ?? 0);
      const wrapRight = await page.evaluate(() => Math.max(0, ...Array.from(document.querySelectorAll('.table-wrap, figure.diagram')).map((el) => el.getBoundingClientRect().right)));
      assert.ok(wrapRight <= right + 1, `${file}: a table or diagram box ends at ${wrapRight}px, past the page's main column (${right}px)`);
    }
    assert.deepEqual(seen.remote, [], 'no request leaves the machine');
    assert.deepEqual(seen.errors, [], 'no console or script error');
    assert.deepEqual(overflow.slice(0, 20), [], `${overflow.length} texts drawn outside their box`);
    assert.deepEqual(clipped, [], 'wide boxes scroll');
    assert.ok(colours.get('conn $call1') && colours.get('party Alice'), 'the book draws $call1 and Alice');
    assert.deepEqual([...colours].filter(([, c]) => c.size > 1).map(([n, c]) => `${n}: ${[...c].join(', ')}`), [], 'one colour per name in every diagram');

    await page.goto(pathToFileURL(join(outDir, 'index.html')).href);
    assert.equal(await page.locator('#gaps').count(), probe.book.gaps.length ? 1 : 0, 'the gaps heading only when there are gaps');
    const sectionOf = (uri: string): string => probe.book.sections.find((s) => s.models.some((m) => m.features.some((f) => f.uri === uri)))?.slug ?? '';
    const outcome = (slug: string): Promise<string> => page.locator(`table.sections tr[data-section="${slug}"] td.outcome`).innerText();
    assert.equal(await outcome(sectionOf(failed.f.uri)), 'not conformant');
    const untouched = probe.book.sections.find((s) => ![sectionOf(failed.f.uri), sectionOf(passed.f.uri)].includes(s.slug));
    assert.ok(untouched);
    assert.equal(await outcome(untouched.slug), 'not run');
    const section = probe.book.sections.find((s) => s.slug === sectionOf(failed.f.uri));
    assert.ok(section);
    await page.goto(pathToFileURL(join(outDir, sectionFile(section))).href);
    assert.match(await page.locator(`article[id="${failed.s.anchor}"] .result`).innerText(), /last run: failed — not conformant/);
    assert.match(await page.locator('p.section-outcome').innerText(), /not conformant/);
    await page.close();
  }
});
