/**
 * Renders the diagrams of real mismatches in headless Chromium (playwright-core, the system
 * /usr/bin/chromium, never a downloaded browser): the expected-vs-observed page side by side, its
 * red line at the row of the first divergence it names, the observed diagram with its request
 * arrows and stimulus marker, no text outside its box, nothing requested off the machine, and a
 * picture that is not blank. Without /usr/bin/chromium the tests are skipped (and fail when CI is set).
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { inflateSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { InProcessRunner, MUTANT_ADAPTER } from '../mutation/runner';
import { diagnose } from '../matching/diagnose';
import { parseExpectationTable } from '../matching/expectation';
import type { ObservedEvent } from '../model/event';
import { sideBySideHtml } from './scenarioDiagrams';

import { needsChromium, overflowingTexts, sharedBrowser, watch } from './browserChecks';

const { browserFor, close } = sharedBrowser();
after(close);

/** Distinct colours among the pixels of an 8-bit RGB(A) PNG (non-interlaced, as Chromium writes). */
function distinctColours(png: Buffer): number {
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const channels = png[25] === 6 ? 4 : 3;
  const chunks: Buffer[] = [];
  for (let at = 8; at < png.length;) {
    const len = png.readUInt32BE(at);
    if (png.toString('ascii', at + 4, at + 8) === 'IDAT') chunks.push(png.subarray(at + 8, at + 8 + len));
    at += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(chunks));
  const stride = width * channels + 1;
  const seen = new Set<number>();
  const prev = Buffer.alloc(stride - 1);
  for (let y = 0; y < height; y += 1) {
    const line = Buffer.from(raw.subarray(y * stride + 1, (y + 1) * stride));
    unfilter(raw[y * stride] ?? 0, line, prev, channels);
    for (let x = 0; x < line.length; x += channels) seen.add(((line[x] ?? 0) << 16) | ((line[x + 1] ?? 0) << 8) | (line[x + 2] ?? 0));
    line.copy(prev);
  }
  return seen.size;
}

function unfilter(type: number, line: Buffer, prev: Buffer, bpp: number): void {
  for (let i = 0; i < line.length; i += 1) {
    const a = i >= bpp ? line[i - bpp] ?? 0 : 0;
    const b = prev[i] ?? 0;
    const c = i >= bpp ? prev[i - bpp] ?? 0 : 0;
    const p = a + b - c;
    const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
    const add = [0, a, b, (a + b) >> 1, paeth][type] ?? 0;
    line[i] = ((line[i] ?? 0) + add) & 0xff;
  }
}

/** The diagrams the fixture scenario attaches when the mutant adapter injects this fault. */
async function diagramsOf(fault: Record<string, unknown>): Promise<{ html: string; svg: string }> {
  const { messages } = await new InProcessRunner().run(['support/selftest/fixtures/features/adapter'], { adapter: MUTANT_ADAPTER, adapterOptions: { fault } });
  const html = messages.find((m) => m.attachment?.fileName === 'expected-vs-observed.html')?.attachment?.body;
  const svg = messages.find((m) => m.attachment?.fileName === 'observed-sequence.svg')?.attachment?.body;
  assert.ok(html && svg, 'both diagrams are attached');
  return { html, svg };
}

/** The red line's y and the y of the top of the row's first event box, per diagram (expected, observed). */
async function divergenceRows(page: Page): Promise<{ line: number; event: string; eventTop: number; diagramTop: number }[]> {
  return page.evaluate(() => Array.from(document.querySelectorAll('.pair svg')).map((svg) => {
    const line = svg.querySelector('line.first-divergence');
    const row = line?.closest('g.row');
    const ev = row?.querySelector('g.ev');
    return {
      line: Number(line?.getAttribute('y1') ?? NaN),
      event: ev?.getAttribute('data-event') ?? '',
      eventTop: Number(ev?.querySelector('rect')?.getAttribute('y') ?? NaN),
      diagramTop: svg.getBoundingClientRect().top,
    };
  }));
}

test('a changed attribute: expected and observed side by side, the red line at the event the page names', async (t) => {
  if (!needsChromium(t)) return;
  const { html, svg } = await diagramsOf({ kind: 'attribute', at: 2, attribute: 'ThisDNRole', value: 'Origination' });
  assert.match(html, /First divergence/);
  const page = await (await browserFor()).newPage({ viewport: { width: 900, height: 900 } });
  const seen = watch(page);
  await page.setContent(html);
  assert.equal(await page.locator('svg').count(), 2, 'expected and observed');
  const [expected, observed] = await page.locator('.pair > div').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
  assert.ok(expected && observed);
  assert.ok(observed.left >= expected.right && Math.abs(observed.top - expected.top) < 1, 'side by side even in a narrow window, never stacked');
  const named = /#(\d+) (Event\w+)/.exec(await page.locator('p.divergence').innerText());
  assert.ok(named, 'the page names the observed event of the first divergence');
  const rows = await divergenceRows(page);
  assert.equal(rows.length, 2);
  assert.equal(rows[1]?.event, `#${named[1] ?? ''} ${named[2] ?? ''}`, 'the observed red line is on the row of the event named');
  for (const r of rows) assert.ok(r.eventTop - r.line > 0 && r.eventTop - r.line < 12, 'the line is drawn just above its row');
  assert.deepEqual(await overflowingTexts(page), [], 'no text outside its box');
  const png = await page.screenshot({ fullPage: true });
  assert.ok(distinctColours(png) > 8, 'the picture has more than a few colours (not blank)');

  await page.setContent(`<!doctype html><html><body>${svg}</body></html>`);
  assert.ok(await page.locator('g.req[data-request*="RequestMakeCall"]').count() > 0, 'the request is drawn as an arrow');
  assert.match(await page.locator('g.marker[data-marker]').first().getAttribute('data-marker') ?? '', /Alice calls Bob/, 'the step under test is marked');
  assert.deepEqual(await overflowingTexts(page), [], 'no text outside its box in the observed diagram');
  assert.deepEqual(seen.remote, [], 'nothing leaves the machine');
  assert.deepEqual(seen.errors, [], 'no console error');
  await page.close();
});

test('a missing event on a second DN while the first DN differs later: the red line is drawn at the row the page names, in both diagrams', async (t) => {
  if (!needsChromium(t)) return;
  const dns: Record<string, string> = { Alice: '7001', Bob: '7002' };
  const rows = parseExpectationTable([
    ['dn', 'event', 'ConnID', 'ThisDN'],
    ['Alice', 'EventDialing', '$conn1', 'Alice'],
    ['Bob', 'EventRinging', '$conn1', 'Bob'],
    ['Alice', 'EventEstablished', '$conn1', 'Alice'],
  ], { dnColumn: 'required' });
  const event = (seq: number, dn: string, name: string): ObservedEvent => ({ seq, dn, name, receivedAt: seq, attributes: { ConnID: 'c1', ThisDN: dn } });
  // Alice's lane diverges only at seq 3 (a wrong event); Bob's EventRinging never came.
  const d = diagnose({ rows, observed: [event(1, '7001', 'EventDialing'), event(3, '7001', 'EventReleased')], mode: 'total', bindings: new Map(), resolveDn: (r) => dns[r] ?? r });
  const html = sideBySideHtml('drop', d, [{ name: 'Alice', dn: '7001', type: 'Extension', configured: true }, { name: 'Bob', dn: '7002', type: 'Extension', configured: true }]);
  const page = await (await browserFor()).newPage({ viewport: { width: 1400, height: 900 } });
  await page.setContent(html);
  const named = await page.locator('p.divergence').innerText();
  const marked = await divergenceRows(page);
  if (/nothing more was observed/.test(named)) {
    assert.deepEqual(marked.map((r) => r.event), ['EventRinging', 'EventRinging'], `${named}: the missing event carries the red line on both sides`);
  } else {
    const seq = /#(\d+) (Event\w+)/.exec(named);
    assert.ok(seq, named);
    assert.equal(marked[1]?.event, `#${seq[1] ?? ''} ${seq[2] ?? ''}`, `${named}: the observed red line is on the event named`);
    const where = /(?:where|expected) (Event\w+)/.exec(named);
    assert.ok(where, named);
    assert.equal(marked[0]?.event, where[1], `${named}: the expected red line is on the row named, not on the first missing row of another DN`);
  }
  assert.deepEqual(await overflowingTexts(page), []);
  await page.close();
});
