/**
 * The conformance certificate (reports/conformance.md, .json, .html): what was tested (system,
 * adapter, date, the exact feature suite by version and content hash), the model × outcome matrix
 * grouped by GenEM section with each model's provenance, the suite's mutation score when a
 * campaign has run (reports/mutation.json), and the GenEM models the suite does not exercise.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { MODELS } from '../model/models';
import { notApplicable } from '../model/capabilities';
import type { Outcome } from './outcomes';
import { provenanceOf, reconstructionDeviations, zeroEvidence, type EvidenceCounts, type RunSummary } from './summary';
import type { CoverageRow } from './coverage';
import { escapeXml, OUTCOME_CSS, totalsParts, totalsText } from './markup';

/** `deviates from the reconstruction`: only scenarios with inferred expectations failed (advisory). */
export type ModelVerdict = 'passed' | 'failed' | 'broken' | 'known issue' | 'skipped' | 'not exercised' | 'deviates from the reconstruction';

/**
 * The run's verdict. `conformant`: every model of the index was exercised (at least one scenario
 * passed), no scenario was left untested (a skip only where the scenario did not apply to the
 * system: capabilities.ts notApplicable), nothing failed or broke, the run completed, no filter.
 * `conformant (partial)`: the same, except that a filter, the adapter's capabilities, an
 * observation level, a missing feature or accepted known issues left models unexercised or
 * scenarios untested (listed, each with its reason). `not conformant`: a scenario failed (or a known
 * issue is stale). `incomplete`: the run could not test — a scenario broke, nothing passed, or the
 * run ended before its end.
 */
export type Verdict = 'conformant' | 'conformant (partial)' | 'not conformant' | 'incomplete';

export interface CertificateModel {
  readonly slug: string;
  readonly title: string;
  readonly provenance: string;
  readonly counts: Readonly<Record<Outcome, number>>;
  /** Outcomes per evidence level (documented, qa-model, inferred). */
  readonly evidence: EvidenceCounts;
  readonly verdict: ModelVerdict;
  /** Why scenarios were skipped (distinct reasons). */
  readonly skipReasons: readonly string[];
}

/** What the run covered: the filter it was given and what the adapter said it can do. */
export interface RunScope {
  /** The filter as given (`--tags "…"`, `--name "…"`, `--features dir`); empty = the whole suite. */
  readonly filter: readonly string[];
  /** The adapter's declared capabilities (undefined when no adapter was opened). */
  readonly capabilities?: { readonly requests: readonly string[] | '*'; readonly features: readonly string[] };
}

/**
 * A replayed log's calls, each judged one by one as `npm run recognize` judges it (support/cli/
 * everyCall.ts): a replay judges each scenario on the first call of the log that fits it, and a
 * call that deviates makes the run not conformant whatever the scenarios said. `problem`: the log's
 * calls could not be judged (the run is then incomplete). `deviating`: the first few, named.
 */
export interface LogCalls {
  readonly calls: number;
  readonly conforms: number;
  readonly deviates: number;
  readonly unrecognised: number;
  readonly unreadable: number;
  readonly deviating: readonly string[];
  /** Calls that deviate as far as the log shows them while its end leaves them going on: not counted (the rest may be in the next file). */
  readonly cutByTheEnd?: number;
  /** Deviating calls that are the log's first (its start may be in the file before): not counted. */
  readonly cutByTheStart?: number;
  readonly problem?: string;
}

/** "12 calls: 11 conform, 1 deviates, 0 unrecognised, 0 unreadable", or why they were not judged. */
export function logCallsText(l: LogCalls): string {
  if (l.problem) return `not judged: ${l.problem}`;
  const notCounted = [
    ...(l.cutByTheEnd ? [`${String(l.cutByTheEnd)} the log's end leaves going on`] : []),
    ...(l.cutByTheStart ? [`${String(l.cutByTheStart)} that its start may cut`] : []),
  ];
  const cut = notCounted.length ? ` (and ${notCounted.join(', and ')} deviate as far as it shows them: not counted)` : '';
  return `${String(l.calls)} call(s), each judged one by one: ${String(l.conforms)} conform, ${String(l.deviates)} deviate, ${String(l.unrecognised)} unrecognised, ${String(l.unreadable)} unreadable${cut}`;
}

export interface Certificate {
  readonly systemUnderTest: string;
  readonly adapter: string;
  readonly date: string;
  readonly suite: { readonly version: string; readonly hash: string; readonly files: number };
  readonly verdict: Verdict;
  /** Said after the verdict: "adapter did not shut down cleanly" (the verdict is then at best that). */
  readonly qualifications: readonly string[];
  /** Set when the run ended before its end: where, and why. */
  readonly incomplete?: { readonly atScenario?: string; readonly reason: string };
  readonly scope: RunScope;
  readonly totals: Readonly<Record<Outcome, number>>;
  /** The totals per evidence level; the verdict is about documented and qa-model expectations. */
  readonly evidenceTotals: EvidenceCounts;
  /** Failed scenarios with inferred expectations: advisory, not part of the verdict (still exit 1). */
  readonly reconstructionDeviations: readonly { readonly model: string; readonly scenario: string; readonly at: string; readonly reason: string }[];
  readonly sections: readonly { readonly section: string; readonly models: readonly CertificateModel[] }[];
  readonly mutation?: { readonly killed: number; readonly generated: number; readonly survived: number; readonly equivalent: number; readonly date: string; readonly scope: string };
  /** Models of the index with no passed scenario in this run, each with the reason. */
  readonly notExercised: readonly { readonly slug: string; readonly reason: string }[];
  /** The slugs of {@link notExercised}. */
  readonly notCovered: readonly string[];
  readonly staleKnownIssues: readonly string[];
  /** A replayed log's calls, judged one by one (see {@link LogCalls}). */
  readonly logCalls?: LogCalls;
}

/** sha256 over the sorted feature files (path and content): the exact suite that was run. */
export function suiteHash(files: readonly string[]): string {
  const hash = createHash('sha256');
  for (const f of [...files].sort()) hash.update(`${f}\0${readFileSync(f, 'utf8')}\0`);
  return hash.digest('hex');
}

/**
 * The verdict counts documented and qa-model failures (and broken event-level rules, whatever the
 * scenario's evidence); the other failures of inferred scenarios alone are advisory.
 */
function verdictOf(c: Readonly<Record<Outcome, number>>, advisory = 0): ModelVerdict {
  if (c.failed > advisory) return 'failed';
  if (c.broken + c.usage > 0) return 'broken';
  if (c.known > 0) return 'known issue';
  if (advisory > 0) return 'deviates from the reconstruction';
  if (c.passed > 0) return 'passed';
  return c.skipped > 0 ? 'skipped' : 'not exercised';
}

function readMutation(file: string): Certificate['mutation'] {
  if (!existsSync(file)) return undefined;
  try {
    const m = JSON.parse(readFileSync(file, 'utf8')) as { date: string; scope?: string; sampling?: string; totals: { killed: number; generated: number; survived: number; equivalent: number } };
    return { ...m.totals, date: m.date, scope: [m.scope, m.sampling].filter(Boolean).join('; ') };
  } catch {
    return undefined;
  }
}

export interface CertificateInput {
  readonly summary: RunSummary;
  readonly systemUnderTest?: string;
  readonly adapter: string;
  readonly featureFiles: readonly string[];
  readonly staleKnownIssues: readonly string[];
  readonly mutationFile?: string;
  /** The filter and the adapter's capabilities (default: no filter, capabilities unknown). */
  readonly scope?: RunScope;
  /** Per model, whether the suite has a feature for it (reports/coverage.md); tells "no feature" from "not run". */
  readonly coverage?: readonly CoverageRow[];
  /** The run ended before its end (crash, signal): where and why. */
  readonly incomplete?: { readonly atScenario?: string; readonly reason: string };
  /** Said after the verdict (e.g. adapter failures reported after their scenarios closed). */
  readonly qualifications?: readonly string[];
  /** A replayed log's calls, judged one by one. */
  readonly logCalls?: LogCalls;
}

export function buildCertificate(input: CertificateInput): Certificate {
  const { summary } = input;
  const zero: Record<Outcome, number> = { passed: 0, failed: 0, broken: 0, skipped: 0, usage: 0, known: 0 };
  const scope = input.scope ?? { filter: [] };
  const models = MODELS.map((m): CertificateModel & { readonly section: string } => {
    const run = summary.models.find((x) => x.slug === m.slug);
    const counts = { ...zero, ...run?.counts };
    const evidence = run?.evidence ?? zeroEvidence();
    const skipReasons = [...new Set(summary.scenarios.filter((s) => s.model === m.slug && s.outcome === 'skipped').map((s) => s.reason ?? 'no reason given'))];
    const advisory = reconstructionDeviations({ scenarios: summary.scenarios.filter((s) => s.model === m.slug) }).length;
    return { slug: m.slug, title: m.title, section: m.section, provenance: run ? provenanceOf(evidence) : '—', counts, evidence, verdict: verdictOf(counts, advisory), skipReasons };
  });
  const sections = [...new Set(models.map((m) => m.section))].map((section) => ({
    section, models: models.filter((m) => m.section === section),
  }));
  const notExercised = models.filter((m) => m.verdict === 'skipped' || m.verdict === 'not exercised')
    .map((m) => ({ slug: m.slug, reason: whyNotExercised(m, scope, input) }));
  const deviations = reconstructionDeviations(summary);
  // "Conformant" is earned by documented or QA-model expectations: reconstructions alone earn nothing.
  const e = summary.evidenceTotals;
  const earned = e.documented.passed + e.documented.known + e['qa-model'].passed + e['qa-model'].known;
  const mutation = readMutation(input.mutationFile ?? 'reports/mutation.json');
  const scenarios = overallVerdict(summary.totals, input.staleKnownIssues.length, notExercised.length, scope.filter.length > 0, input.incomplete !== undefined, deviations.length, earned);
  // A model with one passed scenario is exercised; its other scenarios may still be untested (a lab
  // without an outside caller, a level that cannot show the events): then the run is not wholly conformant.
  // (Models with every scenario skipped are listed as not exercised, with their reasons.)
  const untested = untestedSkips(summary, scope, new Set(notExercised.map((n) => n.slug)));
  const verdict = withLogCalls(scenarios === 'conformant' && untested.count > 0 ? 'conformant (partial)' : scenarios, input.logCalls);
  return {
    systemUnderTest: input.systemUnderTest ?? (input.adapter === 'reference simulator' || input.adapter === 'simulator' ? 'reference simulator (self-certification of the suite)' : 'not named (set "systemUnderTest" in the configuration)'),
    adapter: input.adapter,
    date: summary.date,
    suite: { version: packageVersion(), hash: suiteHash(input.featureFiles), files: input.featureFiles.length },
    verdict,
    qualifications: qualificationsOf(input, deviations.length, verdict.startsWith('conformant') ? untested : undefined),
    ...(input.incomplete ? { incomplete: input.incomplete } : {}),
    scope,
    totals: summary.totals,
    evidenceTotals: summary.evidenceTotals,
    reconstructionDeviations: deviations.map((d) => ({ model: d.model ?? '(no model)', scenario: d.name, at: `${d.uri}:${String(d.line)}`, reason: d.reason ?? '' })),
    sections,
    ...(mutation ? { mutation } : {}),
    notExercised,
    notCovered: notExercised.map((n) => n.slug),
    staleKnownIssues: input.staleKnownIssues,
    ...(input.logCalls ? { logCalls: input.logCalls } : {}),
  };
}

interface Untested {
  readonly count: number;
  readonly reasons: string;
}

/** What is said after the verdict (see {@link Certificate.qualifications}); `untested` when the verdict is a conformant one. */
function qualificationsOf(input: CertificateInput, deviations: number, untested: Untested | undefined): string[] {
  return [
    ...(input.qualifications ?? []),
    ...(input.logCalls && (input.logCalls.deviates > 0 || input.logCalls.problem) ? [`the log's calls: ${logCallsText(input.logCalls)}`] : []),
    ...(deviations ? [`${String(deviations)} scenario(s) deviate from the reconstruction (advisory: inferred expectations, listed below)`] : []),
    ...(untested && untested.count > 0 ? [`${String(untested.count)} scenario(s) of exercised models not tested: ${untested.reasons}`] : []),
  ];
}

/**
 * The scenarios of exercised models skipped without the skip's being "not applicable" (capabilities.ts notApplicable):
 * how many, and why, the most frequent reasons first (with their counts, up to three).
 */
function untestedSkips(summary: RunSummary, scope: RunScope, notExercised: ReadonlySet<string>): Untested {
  const declared = scope.capabilities?.features ?? [];
  const byReason = new Map<string, number>();
  for (const s of summary.scenarios) {
    if (s.outcome !== 'skipped' || (s.model !== undefined && notExercised.has(s.model)) || notApplicable(s.reason, declared)) continue;
    const reason = s.reason ?? 'no reason given';
    byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
  }
  const ranked = [...byReason].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const shown = ranked.slice(0, 3).map(([reason, n]) => `${String(n)} × ${reason}`);
  const more = ranked.length > 3 ? [`and ${String(ranked.length - 3)} other reason(s), listed per model`] : [];
  return { count: ranked.reduce((n, [, k]) => n + k, 0), reasons: [...shown, ...more].join('; ') };
}

/** A call of the log that deviates makes the run not conformant; calls that could not be judged leave it incomplete (a run that ended early stays so). */
function withLogCalls(verdict: Verdict, calls: LogCalls | undefined): Verdict {
  if (!calls || verdict === 'incomplete') return verdict;
  if (calls.deviates > 0) return 'not conformant';
  return calls.problem ? 'incomplete' : verdict;
}

/**
 * See {@link Verdict}. Failures outrank everything but a run that ended early. `advisory`: failed
 * scenarios whose expectations are inferred (deviations from the reconstruction): reported beside
 * the verdict, not part of it.
 */
export function overallVerdict(t: Readonly<Record<Outcome, number>>, stale: number, notExercised: number, filtered: boolean, ended: boolean, advisory = 0, earned = t.passed + t.known): Verdict {
  if (ended) return 'incomplete';
  if (t.failed > advisory || stale > 0) return 'not conformant';
  // `earned`: scenarios passed on documented or QA-model expectations (reconstructions alone earn nothing).
  if (t.broken + t.usage > 0 || earned === 0) return 'incomplete';
  return filtered || notExercised > 0 || t.known > 0 ? 'conformant (partial)' : 'conformant';
}

function whyNotExercised(m: CertificateModel, scope: RunScope, input: CertificateInput): string {
  if (m.verdict === 'skipped') return `every scenario skipped: ${m.skipReasons.join('; ')}`;
  const row = input.coverage?.find((r) => r.model.slug === m.slug);
  if (input.coverage && !row?.file) return 'no feature restates this model yet';
  if (input.incomplete) return 'not reached: the run ended before it';
  if (scope.filter.length > 0) return `not selected by the filter ${scope.filter.join(' ')}`;
  return 'no scenario of this model ran';
}

/** The verdict as a person reads it: "conformant (partial), adapter did not shut down cleanly". */
export function verdictText(c: Pick<Certificate, 'verdict' | 'qualifications' | 'incomplete'>): string {
  const incomplete = c.incomplete ? ` — the run ended${c.incomplete.atScenario ? ` at scenario ${c.incomplete.atScenario}` : ''}: ${c.incomplete.reason}` : '';
  return [`${c.verdict}${incomplete}`, ...c.qualifications].join(', ');
}

/** "documented 250 (0 failed), qa-model 60 (0 failed), inferred 70 (1 failed)". */
function evidenceLine(e: EvidenceCounts): string {
  const n = (c: Readonly<Record<Outcome, number>>): number => Object.values(c).reduce((a, b) => a + b, 0);
  return (['documented', 'qa-model', 'inferred'] as const).map((k) => `${k} ${String(n(e[k]))} (${String(e[k].failed)} failed)`).join(', ');
}

function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync('package.json', 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

const COLUMNS: readonly [Outcome, string][] = [['passed', 'passed'], ['failed', 'failed'], ['broken', 'broken'], ['known', 'known issue'], ['skipped', 'skipped']];

/** A model's count in one column (usage errors count as broken). */
function cellCount(m: CertificateModel, k: Outcome): string {
  return String(k === 'broken' ? m.counts.broken + m.counts.usage : m.counts[k]);
}

function scopeText(scope: RunScope): { filter: string; capabilities: string } {
  const caps = scope.capabilities;
  return {
    filter: scope.filter.length ? scope.filter.join(' ') : 'none (the whole suite)',
    capabilities: caps ? `requests: ${caps.requests === '*' ? 'every T-Library request' : caps.requests.join(', ') || 'none'}; features: ${[...new Set(caps.features)].join(', ') || 'none'}` : 'unknown (no adapter was opened)',
  };
}

function mutationText(c: Certificate): string {
  return c.mutation ? `${String(c.mutation.killed)} of ${String(c.mutation.generated)} mutants killed (${String(c.mutation.survived)} survived, ${String(c.mutation.equivalent)} equivalent; campaign of ${c.mutation.date}${c.mutation.scope ? `, ${c.mutation.scope}` : ''})` : 'no campaign run (npm run mutants)';
}

export function renderCertificateMarkdown(c: Certificate): string {
  const scope = scopeText(c.scope);
  const lines = [
    '# GenEM call-model conformance certificate', '',
    `- **Verdict:** ${verdictText(c)}`,
    `- **System under test:** ${c.systemUnderTest}`,
    `- **Adapter:** ${c.adapter}`,
    `- **Adapter capabilities:** ${scope.capabilities}`,
    `- **Filter:** ${scope.filter}`,
    `- **Date:** ${c.date}`,
    `- **Feature suite:** version ${c.suite.version}, ${String(c.suite.files)} feature files, sha256 \`${c.suite.hash}\``,
    `- **Scenarios:** ${totalsText(c.totals)}`,
    ...(c.logCalls ? [`- **The log's calls:** ${logCallsText(c.logCalls)}${c.logCalls.deviating.map((d) => `\n  - ${d}`).join('')}`] : []),
    `- **Evidence:** ${evidenceLine(c.evidenceTotals)}; the verdict is about documented and QA-model expectations`,
    `- **Mutation score of the suite:** ${mutationText(c)}`,
  ];
  for (const s of c.sections) {
    lines.push('', `## ${s.section}`, '', `| model | verdict | ${COLUMNS.map(([, h]) => h).join(' | ')} | provenance | skipped because |`, `|---|---|${COLUMNS.map(() => '---:').join('|')}|---|---|`);
    for (const m of s.models) lines.push(`| ${m.slug} | ${m.verdict} | ${COLUMNS.map(([k]) => cellCount(m, k)).join(' | ')} | ${m.provenance} | ${m.skipReasons.join('; ').replace(/\|/g, '\\|')} |`);
  }
  if (c.reconstructionDeviations.length) {
    lines.push('', `## Deviates from the reconstruction (advisory: ${String(c.reconstructionDeviations.length)} scenario(s) with inferred expectations failed; not part of the verdict, still exit 1)`, '',
      ...c.reconstructionDeviations.map((d) => `- ${d.model}: ${d.scenario} (${d.at}) — ${d.reason}`));
  }
  lines.push('', `## GenEM models not exercised (${String(c.notExercised.length)} of ${String(MODELS.length)})`, '',
    c.notExercised.length ? c.notExercised.map((n) => `- ${n.slug}: ${n.reason}`).join('\n') : 'None: every model of the index has at least one passed scenario.');
  if (c.staleKnownIssues.length) lines.push('', '## Stale known issues (fail the run)', '', ...c.staleKnownIssues.map((s) => `- ${s}`));
  return `${lines.join('\n')}\n`;
}

const esc = escapeXml;

const VERDICT_CLASS: Readonly<Record<Verdict, string>> = {
  conformant: 'v-ok', 'conformant (partial)': 'v-partial', 'not conformant': 'v-failed', incomplete: 'v-broken',
};

/**
 * What each verdict means, said beside it on the HTML certificate. No exit code: the run's exit
 * code (afterRun.ts finalVerdict) also counts what the verdict does not (advisory deviations exit 1,
 * a report that could not be written exits 2), and the certificate is written before it is known.
 */
const VERDICT_MEANING: Readonly<Record<Verdict, string>> = {
  conformant: 'every model exercised; no documented or QA-model expectation failed',
  'conformant (partial)': 'conformant for what was tested; a filter, the adapter\'s capabilities, a missing feature or accepted known issues left models out',
  'not conformant': 'the system does not behave as the models say',
  incomplete: 'could not test',
};

/** Colour class of a model's verdict (the same colours as the outcome counts). */
const MODEL_CLASS: Readonly<Record<ModelVerdict, string>> = {
  passed: 'o-passed', failed: 'o-failed', broken: 'o-broken', 'known issue': 'o-known', skipped: 'o-skipped', 'not exercised': 'o-skipped', 'deviates from the reconstruction': 'o-known',
};

const GLOSS: Readonly<Record<string, string>> = { failed: ' (not conformant)', broken: ' (could not test)' };

/** "386 scenarios: 375 passed · 0 failed · 0 broken · 11 skipped", each count coloured (the totals' one wording, markup.ts). */
function totalsHtml(t: Readonly<Record<Outcome, number>>): string {
  const all = Object.values(t).reduce((a, b) => a + b, 0);
  return `<p class="totals"><b>${String(all)} scenarios:</b> ${totalsParts(t).map((p) => `<span class="n ${p.n ? `o-${p.outcome}` : 'zero'}">${String(p.n)} ${p.label}${GLOSS[p.outcome] ?? ''}</span>`).join(' ')}</p>`;
}

/** `links`: reports next to the certificate; the caller lists only those that exist. */
export function renderCertificateHtml(c: Certificate, links: readonly { href: string; text: string }[] = []): string {
  const scope = scopeText(c.scope);
  const facts = [
    ['System under test', c.systemUnderTest], ['Adapter', c.adapter], ['Adapter capabilities', scope.capabilities], ['Filter', scope.filter], ['Date', c.date],
    ['Feature suite', `version ${c.suite.version}, ${String(c.suite.files)} files, sha256 ${c.suite.hash}`],
    ['Scenarios', totalsText(c.totals)],
    ...(c.logCalls ? [['The log\'s calls', [logCallsText(c.logCalls), ...c.logCalls.deviating].join('; ')]] : []),
    ['Evidence', `${evidenceLine(c.evidenceTotals)}; the verdict is about documented and QA-model expectations`],
    ['Mutation score', mutationText(c)],
  ].map(([k, v]) => `<tr><th>${esc(k ?? '')}</th><td>${esc(v ?? '')}</td></tr>`).join('');
  const count = (n: string, k: Outcome): string => `<td class="${n === '0' ? 'zero' : `o-${k}`}">${n}</td>`;
  const sections = c.sections.map((s) => `<h2>${esc(s.section)}</h2><table class="m"><tr><th>model</th><th>verdict</th>${COLUMNS.map(([, h]) => `<th>${h}</th>`).join('')}<th>provenance</th><th>skipped because</th></tr>${
    s.models.map((m) => `<tr class="${m.verdict.replace(/ /g, '-')}"><td>${esc(m.slug)}</td><td><span class="badge ${MODEL_CLASS[m.verdict]}">${esc(m.verdict)}</span></td>${COLUMNS.map(([k]) => count(cellCount(m, k), k)).join('')}<td>${esc(m.provenance)}</td><td>${esc(m.skipReasons.join('; '))}</td></tr>`).join('')}</table>`).join('');
  const linkList = links.length ? `<nav class="reports"><h2>Reports</h2><ul>${links.map((l) => `<li><a href="${esc(l.href)}">${esc(l.text)}</a></li>`).join('')}</ul></nav>` : '';
  const deviations = c.reconstructionDeviations.length ? `<h2>Deviates from the reconstruction (advisory)</h2><p>Scenarios with inferred expectations that failed: not part of the verdict, still exit 1.</p><ul>${c.reconstructionDeviations.map((d) => `<li>${esc(`${d.model}: ${d.scenario} (${d.at}) — ${d.reason}`)}</li>`).join('')}</ul>` : '';
  const stale = c.staleKnownIssues.length ? `<h2>Stale known issues (fail the run)</h2><ul>${c.staleKnownIssues.map((s) => `<li>${esc(s)}</li>`).join('')}</ul>` : '';
  const notExercised = c.notExercised.length ? `<ul>${c.notExercised.map((n) => `<li><b>${esc(n.slug)}</b>: ${esc(n.reason)}</li>`).join('')}</ul>` : '<p>None: every model of the index has at least one passed scenario.</p>';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>GenEM conformance certificate</title><style>
body{font-family:system-ui,sans-serif;margin:2em;max-width:75em;color:#1d1d1f}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left;vertical-align:top}
.verdict{font-size:1.4em;padding:.4em .8em;border-radius:.3em;display:inline-block;margin-bottom:.2em}.meaning{display:block;font-size:.6em;font-weight:400;opacity:.85}.v-ok{background:#e3f6e3;color:#14561a}.v-partial{background:#fff6d6;color:#6b5200}.v-failed{background:#fde3e3;color:#8a1414}.v-broken{background:#ffe9d1;color:#7a3b00}
.totals{font-size:1.1em}.n,.badge{display:inline-block;border-radius:.7em;padding:0 .6em;font-weight:600;white-space:nowrap}.badge{font-size:.85em}
${OUTCOME_CSS}.zero{color:#999}
.m td:nth-child(n+3):nth-child(-n+7){text-align:right;font-variant-numeric:tabular-nums}.m td.zero{background:none}.skipped td:first-child,.not-exercised td:first-child{color:#777}
nav.reports{background:#f5f7fa;border:1px solid #dde3ea;border-radius:.3em;padding:.2em 1em;margin:1em 0}nav.reports h2{font-size:1.05em;margin:.5em 0 .2em}nav.reports ul{margin:.2em 0 .6em}
</style></head><body><h1>GenEM call-model conformance certificate</h1><p class="verdict ${VERDICT_CLASS[c.verdict]}">Verdict: ${esc(verdictText(c))}<span class="meaning">${esc(VERDICT_MEANING[c.verdict])}</span></p>${totalsHtml(c.totals)}${linkList}<table>${facts}</table>${sections}<h2>GenEM models not exercised (${String(c.notExercised.length)} of ${String(MODELS.length)})</h2>${notExercised}${deviations}${stale}</body></html>\n`;
}
