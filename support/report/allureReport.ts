/**
 * The Allure report of a run (reports/allure-report/index.html), as a customer receives it: one
 * file that opens offline.
 *
 * - No analytics: `allure generate` writes a Google Tag Manager script into the report unless
 *   `ALLURE_NO_ANALYTICS=true` (the value `1` does not turn it off); a report that still names
 *   googletagmanager is refused.
 * - The environment panel names the system under test, the adapter, the verdict and the suite
 *   (`environment.properties`, written from the certificate), not only node and os.
 * - History and trends carry over between runs of the same system, adapter and filter: a
 *   single-file report keeps its `history/*.json` inside index.html, so they are written beside it
 *   as `allure-report/history/` (with `history-scope.json`, what they are of) and copied into the
 *   next run's `allure-results/history/` before it is generated (Allure's documented way).
 * - Descriptions: the feature's prose re-flowed into paragraphs (Gherkin keeps the source's line
 *   breaks and indentation, which Allure shows as ragged lines).
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { verdictText, type Certificate } from './certificate';
import { escapeXml, paragraphs, totalsText } from './markup';

/** What must not appear in a report a customer opens (a request to a third party). */
export const ANALYTICS = /googletagmanager|google-analytics|gtag\(/i;

const CONTROL: Readonly<Record<string, string>> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\f': '\\f' };

/**
 * One key or value of a Java properties file: backslash and line breaks escaped, `=`, `:` and blanks
 * in keys, a leading blank, `#` and `!`, and every character outside printable ASCII as \uXXXX
 * (UTF-16 units, as Java reads them).
 */
function escapeProperty(text: string, key: boolean): string {
  return text.replace(key ? /[\\\n\r\t\f=: #!]|[^\x20-\x7e]/g : /[\\\n\r\t\f#!]|^ |[^\x20-\x7e]/g, (ch) => {
    const control = CONTROL[ch];
    if (control) return control;
    const code = ch.charCodeAt(0);
    return code < 0x20 || code > 0x7e ? `\\u${code.toString(16).padStart(4, '0')}` : `\\${ch}`;
  });
}

/** A Java properties file (what Allure reads as environment.properties), in the order given. */
export function propertiesFile(entries: readonly (readonly [string, string])[]): string {
  return `${entries.map(([k, v]) => `${escapeProperty(k, true)}=${escapeProperty(v, false)}`).join('\n')}\n`;
}

/** The environment panel: what was tested, with what, and how it went. Never adapter options (they may hold passwords). */
export function allureEnvironment(c: Certificate, extra: { readonly timeoutMs?: number; readonly profile?: string } = {}): [string, string][] {
  return [
    ['System under test', c.systemUnderTest],
    ['Adapter', c.adapter],
    ...(extra.profile ? [['Lab profile', extra.profile] as [string, string]] : []),
    ['Verdict', verdictText(c)],
    ['Scenarios', totalsText(c.totals)],
    ['Filter', c.scope.filter.length ? c.scope.filter.join(' ') : 'none (the whole suite)'],
    ['Feature suite', `version ${c.suite.version}, ${String(c.suite.files)} feature files, sha256 ${c.suite.hash.slice(0, 16)}…`],
    ...(extra.timeoutMs ? [['Step timeout', `${String(extra.timeoutMs)} ms`] as [string, string]] : []),
    ['Run date', c.date],
    ['Node', process.version],
    ['OS', `${process.platform}-${process.arch}`],
  ];
}

/**
 * The feature's prose as paragraphs: Gherkin keeps each source line and its indentation; a blank
 * line separates paragraphs. Returns the text (paragraphs joined by a blank line) and its HTML.
 */
export function reflowDescription(text: string): { text: string; html: string } {
  const paras = paragraphs(text);
  return { text: paras.join('\n\n'), html: paras.map((p) => `<p>${escapeXml(p)}</p>`).join('') };
}

/** The `history/…` files a single-file Allure report embeds (`d('history/x.json','<base64>')`). */
export function embeddedHistory(html: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const m of html.matchAll(/\bd\('history\/([A-Za-z0-9._-]+)',\s*'([A-Za-z0-9+/=]*)'\)/g)) {
    if (m[1] && m[2] !== undefined) files.set(m[1], Buffer.from(m[2], 'base64'));
  }
  return files;
}

export interface AllureGeneration {
  readonly ok: boolean;
  /** Why not, when not ok. */
  readonly problem?: string;
  /** Runs in the history carried into this report (1: this one only). */
  readonly historyRuns?: number;
  /** Why the earlier runs' history was not carried into this report (another adapter, system or filter). */
  readonly historyNotCarried?: string;
}

/**
 * What a trend is about: runs of one system under test, through one adapter, with one filter. A
 * simulator run, a lab run and a `--tags` run each start their own trend (a filtered run must not
 * feed the whole suite's). Kept beside the history as `allure-report/history-scope.json`.
 */
export interface HistoryScope {
  readonly adapter: string;
  readonly systemUnderTest: string;
  readonly filter: readonly string[];
}

export const historyScope = (c: Pick<Certificate, 'adapter' | 'systemUnderTest' | 'scope'>): HistoryScope => ({ adapter: c.adapter, systemUnderTest: c.systemUnderTest, filter: [...c.scope.filter] });

const SCOPE_FILE = 'history-scope.json';
/** Histories of other scopes, kept aside (`<key>/history/`, `<key>/history-scope.json`) until a run of theirs resumes them. */
const SHELF = 'other-histories';

const scopeKey = (s: HistoryScope | undefined): string => (s ? createHash('sha256').update(JSON.stringify([s.systemUnderTest, s.adapter, s.filter])).digest('hex').slice(0, 16) : 'unknown-scope');

/**
 * The history for this run's trend (the report's own when of the same scope, else a shelved one of
 * that scope) and, when the report's own history is of another scope, that one shelved beside the
 * new report: a filtered run neither feeds nor ends the whole suite's trend.
 */
function carryHistory(live: string, out: string, results: string, scope: HistoryScope): string | undefined {
  const own = join(live, 'history');
  const ownScope = readScope(live);
  const key = scopeKey(scope);
  const shelf = join(live, SHELF);
  if (existsSync(shelf)) {
    for (const other of readdirSync(shelf)) if (other !== key) cpSync(join(shelf, other), join(out, SHELF, other), { recursive: true });
  }
  if (!existsSync(own)) return undefined;
  const mismatch = historyMismatch(ownScope, scope);
  if (!mismatch) {
    cpSync(own, join(results, 'history'), { recursive: true });
    return undefined;
  }
  const shelved = join(out, SHELF, scopeKey(ownScope));
  cpSync(own, join(shelved, 'history'), { recursive: true });
  if (ownScope) writeFileSync(join(shelved, SCOPE_FILE), `${JSON.stringify(ownScope)}\n`);
  const resumed = join(shelf, key, 'history');
  if (existsSync(resumed)) {
    cpSync(resumed, join(results, 'history'), { recursive: true });
    return undefined;
  }
  return `${mismatch} (the earlier history is kept aside in allure-report/${SHELF}/ for runs of its own scope)`;
}

function readScope(reportDir: string): HistoryScope | undefined {
  try {
    return JSON.parse(readFileSync(join(reportDir, SCOPE_FILE), 'utf8')) as HistoryScope;
  } catch {
    return undefined;
  }
}

const scopeText = (s: HistoryScope): string => `${s.systemUnderTest} via ${s.adapter}, filter ${s.filter.length ? s.filter.join(' ') : 'none'}`;

/** Why the previous report's history does not belong to this run's trend (undefined: it does). */
export function historyMismatch(previous: HistoryScope | undefined, current: HistoryScope): string | undefined {
  if (!previous) return 'the earlier history does not say which system, adapter and filter it is of';
  const same = previous.adapter === current.adapter && previous.systemUnderTest === current.systemUnderTest && JSON.stringify(previous.filter) === JSON.stringify(current.filter);
  return same ? undefined : `the earlier runs were of ${scopeText(previous)}; this one is of ${scopeText(current)}`;
}

/** Allure's generation is bounded: a hung JVM must not hold the run's verdict. */
const GENERATE_TIMEOUT_MS = 300_000;

/**
 * Generate `<staging>/allure-report/index.html` (single file, analytics off) from
 * `<staging>/allure-results`, with the history of the report now in `<reports>/allure-report` when
 * it is of the same {@link HistoryScope}, and write that history beside it for the next run. On any
 * failure the staging report holds the earlier history only (no partial report, none calling
 * analytics), so the swap does not lose it; never throws.
 */
export function generateAllureReport(staging: string, reports: string, environment: readonly (readonly [string, string])[], scope: HistoryScope): AllureGeneration {
  const out = join(staging, 'allure-report');
  // The shelved histories wait outside the staging directory (every entry of which is swapped into reports/) while `--clean` empties `out`.
  const staged = join(tmpdir(), `cmc-allure-history-${String(process.pid)}-${String(Date.now())}`);
  const failed = (problem: string): AllureGeneration => {
    rmSync(out, { recursive: true, force: true });
    keepAllureHistory(staging, reports);
    return { ok: false, problem };
  };
  try {
    const results = join(staging, 'allure-results');
    if (!existsSync(results)) return failed(`${results} does not exist: the Allure formatter wrote no results`);
    writeFileSync(join(results, 'environment.properties'), propertiesFile(environment));
    const notCarried = carryHistory(join(reports, 'allure-report'), staged, results, scope);
    const result = spawnSync('npx', ['--no-install', 'allure', 'generate', '--single-file', results, '-o', out, '--clean'], {
      encoding: 'utf8', env: { ...process.env, ALLURE_NO_ANALYTICS: 'true' }, timeout: GENERATE_TIMEOUT_MS, killSignal: 'SIGKILL',
    });
    if (result.error) return failed(`allure generate could not run: ${result.error.message}`);
    if (result.signal) return failed(`allure generate was stopped by ${result.signal}${result.signal === 'SIGKILL' ? ` (no result within ${String(GENERATE_TIMEOUT_MS / 1000)} s)` : ''}`);
    if (result.status !== 0) {
      const output = `${result.stderr}${result.stdout}`;
      const java = /java|JAVA_HOME/i.test(output) ? ' (allure-commandline needs Java on PATH)' : '';
      return failed(`allure generate exited with ${String(result.status)}${java}:\n${output.trim()}`);
    }
    const index = join(out, 'index.html');
    if (!existsSync(index)) return failed(`allure generate wrote no ${index}`);
    const html = readFileSync(index, 'utf8');
    if (ANALYTICS.test(html)) return failed(`${index} still calls an analytics service although ALLURE_NO_ANALYTICS=true was set (allure-commandline changed?)`);
    const history = embeddedHistory(html);
    mkdirSync(join(out, 'history'), { recursive: true });
    for (const [name, body] of history) writeFileSync(join(out, 'history', name), body);
    writeFileSync(join(out, SCOPE_FILE), `${JSON.stringify(scope)}\n`);
    if (existsSync(join(staged, SHELF))) cpSync(join(staged, SHELF), join(out, SHELF), { recursive: true });
    return { ok: true, historyRuns: historyRuns(history.get('history-trend.json')), ...(notCarried ? { historyNotCarried: notCarried } : {}) };
  } catch (e) {
    return failed(`the Allure report could not be generated: ${(e as Error).message}`);
  } finally {
    rmSync(staged, { recursive: true, force: true });
  }
}

/**
 * A run without an Allure report (`--no-report`, or one whose generation failed) still replaces
 * `reports/allure-report/` (the reports are one set): the history and what it is of are carried into
 * its staging directory, so the next report's trend still spans the earlier runs. Never throws.
 */
export function keepAllureHistory(staging: string, reports: string): boolean {
  const live = join(reports, 'allure-report');
  const previous = join(live, 'history');
  try {
    if (!existsSync(previous)) return false;
    cpSync(previous, join(staging, 'allure-report', 'history'), { recursive: true });
    if (existsSync(join(live, SCOPE_FILE))) cpSync(join(live, SCOPE_FILE), join(staging, 'allure-report', SCOPE_FILE));
    if (existsSync(join(live, SHELF))) cpSync(join(live, SHELF), join(staging, 'allure-report', SHELF), { recursive: true });
    return true;
  } catch (e) {
    console.error(`Allure history not kept: ${(e as Error).message}`);
    return false;
  }
}

function historyRuns(trend: Buffer | undefined): number {
  try {
    const parsed: unknown = JSON.parse(trend?.toString('utf8') ?? '[]');
    return Array.isArray(parsed) ? parsed.length : 0;
  } catch {
    return 0;
  }
}
