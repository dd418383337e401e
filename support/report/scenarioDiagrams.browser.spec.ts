/**
 * Renders the expected-vs-observed page of a real mismatch in headless Chromium (playwright-core,
 * the system /usr/bin/chromium, never a downloaded browser) to PNG, and checks the picture is not
 * blank. Without /usr/bin/chromium the test is skipped (and fails when CI is set).
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { InProcessRunner, MUTANT_ADAPTER } from '../mutation/runner';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];
let browser: Browser | undefined;
after(async () => { await browser?.close(); });

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

test('the expected-vs-observed diagram of a mismatch renders in Chromium and is not blank', async (t) => {
  if (!existsSync(CHROMIUM)) {
    if (process.env.CI) assert.fail(`${CHROMIUM} is missing: install it with apt-get install -y chromium`);
    t.skip(`${CHROMIUM} is missing (apt-get install -y chromium)`);
    return;
  }
  const fault = { kind: 'attribute', at: 2, attribute: 'ThisDNRole', value: 'Origination' };
  const { messages } = await new InProcessRunner().run(['support/selftest/fixtures/features/adapter'], { adapter: MUTANT_ADAPTER, adapterOptions: { fault } });
  const html = messages.find((m) => m.attachment?.fileName === 'expected-vs-observed.html')?.attachment?.body;
  const svg = messages.find((m) => m.attachment?.fileName === 'observed-sequence.svg')?.attachment?.body;
  assert.ok(html && svg, 'both diagrams are attached');
  assert.match(html, /First divergence/);
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.setContent(html);
  assert.equal(await page.locator('svg').count(), 2, 'expected and observed side by side');
  const png = await page.screenshot({ fullPage: true });
  assert.ok(distinctColours(png) > 8, 'the picture has more than a few colours (not blank)');
});
