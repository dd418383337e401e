/**
 * What the browser specs of the reports share (scenarioDiagrams, specBook and reports
 * .browser.spec.ts): Debian's chromium driven by playwright-core, never a downloaded browser, one
 * per spec file; skipped without it, failed when CI is set; no request leaves the machine; no script
 * or console error; no text of a sequence diagram drawn outside its box, measured with getBBox.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import type { TestContext } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

/** Whether a test can run: true when `ok`; else it fails on CI (which installs what it needs) and is skipped elsewhere. */
export function needs(t: TestContext, what: string, ok: boolean, install: string): boolean {
  if (ok) return true;
  if (process.env.CI) assert.fail(`${what} is missing: ${install}`);
  t.skip(`${what} is missing (${install})`);
  return false;
}

export const needsChromium = (t: TestContext): boolean => needs(t, CHROMIUM, existsSync(CHROMIUM), 'apt-get install -y chromium');

/** One browser for a spec file's tests, launched on first use; the file closes it in its `after`. */
export function sharedBrowser(): { browserFor(): Promise<Browser>; close(): Promise<void> } {
  let launched: Promise<Browser> | undefined;
  return {
    browserFor: () => (launched ??= chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS })),
    close: async () => { await (await launched)?.close(); },
  };
}

const LOCAL = /^(file|data|about|blob):/;

/** Record console errors, page errors and every request that is not to the file system (or inline data). */
export function watch(page: Page): { readonly errors: string[]; readonly remote: string[] } {
  const errors: string[] = [];
  const remote: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => { if (!LOCAL.test(r.url())) remote.push(r.url()); });
  return { errors, remote };
}

/** {@link watch}, and every request that would leave the machine aborted (still recorded in `remote`). */
export async function watchOffline(page: Page): Promise<{ readonly errors: string[]; readonly remote: string[] }> {
  const watched = watch(page);
  await page.route('**/*', (route) => (LOCAL.test(route.request().url()) ? route.continue() : route.abort()));
  return watched;
}

/**
 * Every text of every sequence diagram on the page that is drawn outside its box: an event's or a
 * lane header's text outside its rectangle, a request's outside its arrow's span, a gutter text
 * past the gutter, anything else outside the picture. Each entry names the text and the boxes.
 */
export function overflowingTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const inside = (a: number, b: number, lo: number, hi: number): boolean => a >= lo - 0.5 && b <= hi + 0.5;
    for (const svg of Array.from(document.querySelectorAll('svg.sequence-diagram'))) {
      const width = (svg as SVGSVGElement).viewBox.baseVal.width;
      const gutter = Number(svg.getAttribute('data-gutter') ?? width);
      for (const t of Array.from(svg.querySelectorAll('text'))) {
        const bb = (t).getBBox();
        const box = t.closest('g.ev, g.lane');
        const req = t.closest('g.req');
        const rect = box?.querySelector('rect');
        let ok: boolean;
        let within: string;
        if (rect) {
          const x = rect.x.baseVal.value;
          const y = rect.y.baseVal.value;
          ok = inside(bb.x, bb.x + bb.width, x, x + rect.width.baseVal.value) && inside(bb.y, bb.y + bb.height, y, y + rect.height.baseVal.value);
          within = `box x ${Math.round(x)}..${Math.round(x + rect.width.baseVal.value)}`;
        } else if (req) {
          const left = Number(req.getAttribute('data-left'));
          ok = inside(bb.x, bb.x + bb.width, left, left + Number(req.getAttribute('data-width')));
          within = `arrow x ${Math.round(left)}..${Math.round(left + Number(req.getAttribute('data-width')))}`;
        } else if (t.classList.contains('gutter')) {
          ok = inside(bb.x, bb.x + bb.width, 0, gutter);
          within = `gutter 0..${gutter}`;
        } else {
          ok = inside(bb.x, bb.x + bb.width, 0, width);
          within = `picture 0..${width}`;
        }
        if (!ok) out.push(`"${t.textContent ?? ''}" at x ${Math.round(bb.x)}..${Math.round(bb.x + bb.width)} outside its ${within} (${svg.getAttribute('aria-label') ?? ''})`);
      }
    }
    return out;
  });
}

/** The colours of each ConnID stripe and each party's lane header on the page: name → colours seen. */
export function coloursByName(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(() => {
    const seen: Record<string, string[]> = {};
    const note = (name: string, colour: string | null): void => {
      if (!colour) return;
      const list = seen[name] ?? (seen[name] = []);
      if (!list.includes(colour)) list.push(colour);
    };
    for (const ev of Array.from(document.querySelectorAll('svg.sequence-diagram g.ev[data-conn]'))) {
      const conn = ev.getAttribute('data-conn') ?? '';
      if (conn.startsWith('$')) note(`conn ${conn}`, ev.querySelector('rect.conn')?.getAttribute('fill') ?? null);
    }
    for (const lane of Array.from(document.querySelectorAll('svg.sequence-diagram g.lane'))) {
      const name = lane.querySelector('text')?.textContent ?? '';
      note(`party ${name}`, lane.querySelector('rect')?.getAttribute('fill') ?? null);
    }
    return seen;
  });
}
