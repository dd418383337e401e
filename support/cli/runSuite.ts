/**
 * The conformance run itself, as a child process of `npm run conformance` (./conformance.ts, the
 * supervisor): runs the features through cucumber against the chosen adapter, writes every report
 * into the run's staging directory and, as things happen, the run journal
 * (support/report/runJournal.ts): each scenario as it starts and ends, the adapter it met, late
 * adapter failures, and — only once every report is written — the `complete` line with the exit
 * code. The supervisor judges from that journal whatever happens to this process.
 *
 * argv: the run request file (./runRequest.ts).
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { loadConfiguration, loadSupport, runCucumber } from '@cucumber/cucumber/api';
import { allureResults } from '../accel';
import { OutcomeCollector } from '../report/outcomes';
import { renderScreenSummary, renderSummary, summarise } from '../report/summary';
import { afterSummary, finalVerdict, writeCertificate } from '../report/afterRun';
import { allureEnvironment, generateAllureReport, historyScope, keepAllureHistory } from '../report/allureReport';
import { logCallsText, type Certificate, type LogCalls } from '../report/certificate';
import type { RunConfig } from '../config/runConfig';
import { DiagramFiles } from '../report/diagramFiles';
import { loadKnownIssues } from '../report/knownIssues';
import { newHandles, RunJournal } from '../report/runJournal';
import { redirectFormat } from '../report/reportsDir';
import { ProgressLine } from '../report/progressLine';
import { writeSpecBook } from '../report/specBook/build';
import { bindRun, limitsOf, RunContext, type ConstructorOf } from '../world/runContext';
import { JOURNAL_FILE, readRunRequest, type RunRequest } from './runRequest';
import { checkSpecification } from './checkSpecification';
import { judgeEveryCall, LOG_CALLS_FILE } from './everyCall';
import { adapterUsageProblem, describeAdapter } from '../adapter/select';
import { lateQualification } from './runAccount';
import { EXIT, UsageError } from '../errors';

/** After the `complete` line: how often what keeps the process alive is written down (for the supervisor). */
const HANDLES_EVERY_MS = 500;

async function runSuite(request: RunRequest): Promise<number> {
  const journal = new RunJournal(join(request.staging, JOURNAL_FILE));
  // The standard streams' handles exist from here on: they are not the adapter's.
  process.stdout.write('');
  process.stderr.write('');
  const baseline = process.getActiveResourcesInfo();
  journal.write({ t: 'start', pid: process.pid, date: new Date().toISOString(), handles: baseline });
  try {
    checkSpecification(request.features, { ...(request.tags ? { tags: request.tags } : {}), ...(request.name ? { name: request.name } : {}), shown: request.filter });
    // Every scenario would refuse this adapter the same way: once, before the run (the simulator is catalogued by its spec).
    const adapterProblem = request.config.adapter && request.config.adapter !== 'simulator' ? await adapterUsageProblem(request.config) : undefined;
    if (adapterProblem) throw new UsageError(adapterProblem);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(e.message);
    journal.write({ t: 'usage', message: e.message });
    return EXIT.usage;
  }
  const ran = await runFeatures(request, journal);
  const code = report(request, journal, ran);
  // From here the process should end by itself; if an adapter keeps it alive, the supervisor ends it
  // after its grace period and reports what was left open (this timer itself does not keep it alive).
  const handles = (): void => { journal.write({ t: 'handles', handles: newHandles(process.getActiveResourcesInfo(), baseline) }); };
  handles();
  setInterval(handles, HANDLES_EVERY_MS).unref();
  return code;
}

/**
 * The formatters whose files only feed reports a `--no-report` run does not write: the Allure
 * results (the Allure report's input), cucumber's HTML report and its message stream (the spec
 * book's outcomes; without it the book reads summary.json). Together they were about half of a
 * `--no-report` run's CPU time (a replay of a short log against every feature: 9.1 CPU-s with them,
 * 5.8 without). The summary, certificate, sequence diagrams and JUnit XML are written either way.
 */
const REPORT_INPUTS = /^(allure-cucumberjs\/reporter|html|message)(:|$)/;

interface Ran {
  readonly run: RunContext;
  readonly collector: OutcomeCollector;
  readonly diagrams: DiagramFiles;
  /** Allure result files that could not be written (empty: all on disk). */
  readonly unwritten: readonly string[];
}

/** Cucumber over the features, into the staging directory, with the journal written as scenarios start and end. */
async function runFeatures(request: RunRequest, journal: RunJournal): Promise<Ran> {
  const { config, staging } = request;
  const resultsDir = join(staging, 'allure-results');
  const allure = request.report ? allureResults(resultsDir) : undefined;
  const profile = (await loadConfiguration({ profiles: ['default'] })).useConfiguration;
  const { runConfiguration } = await loadConfiguration({
    file: false,
    provided: {
      ...profile,
      paths: request.features === 'features' ? profile.paths : [request.features],
      // Progress is ours (support/report/progressLine.ts): a count, the failures so far and the time left.
      format: profile.format.filter((f) => f !== 'progress' && (request.report || !REPORT_INPUTS.test(typeof f === 'string' ? f : f[0]))).map((f) => redirectFormat(typeof f === 'string' ? f : f.join(':'), staging)),
      formatOptions: { ...profile.formatOptions, resultsDir, ...(profile.formatOptions.writer === undefined || allure === undefined ? {} : { writer: allure as unknown as typeof profile.formatOptions }) },
      worldParameters: JSON.parse(JSON.stringify(config)) as Record<string, never>,
      ...(request.tags ? { tags: request.tags } : {}),
      ...(request.name ? { name: [request.name] } : {}),
    },
  });
  const support = await loadSupport(runConfiguration);
  const run = new RunContext(limitsOf(config), {
    adapter: (name, capabilities) => { journal.write({ t: 'adapter', name, capabilities }); },
    lateFailure: (scenario, message) => { journal.write({ t: 'late-failure', scenario, message }); },
  });
  const progress = new ProgressLine(process.stdout);
  const collector = new OutcomeCollector({
    started: (s) => { journal.write({ t: 'scenario', ...s }); },
    finished: (outcome) => {
      journal.write({ t: 'finished', outcome });
      progress.finished(outcome);
    },
  });
  const diagrams = new DiagramFiles();
  // The library's World (cucumber's public type hides it) becomes one bound to this run's context.
  const library = support as typeof support & { readonly World: ConstructorOf<{ run: RunContext }> };
  const bound: typeof support = { ...library, World: bindRun(library.World, run) } as typeof support;
  // cucumber's own console output (a default progress formatter, stack traces per failure) is not
  // shown: the progress line and the summary say it once; every report file is still written.
  const quiet = new Writable({ write: (_chunk, _encoding, done) => { done(); } });
  try {
    await runCucumber({ ...runConfiguration, support: bound }, { stdout: quiet }, (e) => {
      progress.onMessage(e);
      collector.onMessage(e);
      diagrams.onMessage(e);
    });
  } finally {
    await run.adapters.close();
  }
  return { run, collector, diagrams, unwritten: allure ? await allure.written() : [] };
}

/** Summary, certificate and Allure report into the staging directory; the journal's `complete` line last. */
function report(request: RunRequest, journal: RunJournal, { run, collector, diagrams, unwritten }: Ran): number {
  const { config, staging } = request;
  // The adapter as reports name it, with its observation level (support/adapter/select.ts).
  const adapter = describeAdapter(config);
  const summary = summarise(collector.outcomes(), adapter, new Date().toISOString());
  writeFileSync(join(staging, 'summary.json'), JSON.stringify({ ...summary, lateAdapterFailures: run.lateFailures, attachmentsOmitted: run.omitted }, null, 2));
  const late = lateFailureLines(run);
  writeFileSync(join(staging, 'summary.txt'), `${[renderSummary(summary), ...late].join('\n')}\n`);
  console.log([renderScreenSummary(summary), ...late].join('\n'));
  // The spec book with this run's outcomes, linked from the certificate (a report run only: it takes seconds).
  if (request.report) writeRunSpecBook(request);
  const logCalls = everyCallOf(request);
  if (logCalls) console.log([`The log's calls: ${logCallsText(logCalls)}${logCalls.problem ? '' : ` (${join(request.reports, LOG_CALLS_FILE)})`}`, ...logCalls.deviating.map((d) => `  ${d}`)].join('\n'));
  const { stale, certificate } = afterSummary({
    summary, features: request.features, knownIssues: loadKnownIssues(config.knownIssues), diagrams, config: { ...config, adapter }, reportsDir: staging, liveReportsDir: request.reports,
    scope: { filter: request.filter, ...(run.adapter ? { capabilities: run.adapter.capabilities } : {}) },
    qualifications: [
      ...(run.lateFailures.length ? [lateQualification(run.lateFailures.length)] : []),
      ...observationNote(run),
      ...(run.omitted ? [`${String(run.omitted)} attachment(s) left out of the reports: the run's attachment budget was spent`] : []),
    ],
    ...(logCalls ? { logCalls } : {}),
  });
  const reportOk = unwritten.length === 0 && (request.report ? generateAllure(staging, request.reports, certificate, config) : true);
  // No report, or none generated: the earlier history survives the swap (generateAllureReport keeps it too).
  if (!request.report || !reportOk) keepAllureHistory(staging, request.reports);
  // The certificate links the reports that exist: the Allure report does only now.
  if (request.report) writeCertificate(certificate, staging, request.reports);
  const verdict = finalVerdict(summary.totals, stale, reportOk, logCalls);
  journal.write({ t: 'complete', code: verdict.code, line: verdict.line, verdict: certificate.verdict, maxRssKb: process.resourceUsage().maxRSS });
  return verdict.code;
}

/**
 * After a replay of the whole suite (no filter: a filtered run asks about its scenarios only), every
 * call of the replayed log judged one by one (support/cli/everyCall.ts); undefined for other runs.
 */
function everyCallOf(request: RunRequest): LogCalls | undefined {
  const { config } = request;
  const file = config.adapterOptions?.file;
  if (config.adapter !== 'replay' || typeof file !== 'string' || request.filter.length > 0) return undefined;
  const declared = config.adapterOptions?.features;
  const capabilities = Array.isArray(declared) ? declared.filter((f): f is string => typeof f === 'string') : [];
  return judgeEveryCall(file, request.features, capabilities, request.staging);
}

/** An adapter that sees less than T-Library: the certificate says at which level, and what went unchecked. */
function observationNote(run: RunContext): string[] {
  const observation = run.adapter?.capabilities.observation;
  if (!observation) return [];
  return [`observed at the ${observation.tier}: scenarios expecting what this level cannot show were skipped${observation.unchecked.length ? `, ${observation.unchecked.join(', ')} were not checked` : ''}, and GenEM's event-level rules were judged only on the attributes it carries (${observation.attributes.join(', ')})`];
}

function lateFailureLines(run: RunContext): string[] {
  if (!run.lateFailures.length) return [];
  return ['', 'Adapter failures reported after their scenario had closed (not counted in any scenario):',
    ...run.lateFailures.map((f) => `  ${f.scenario}: ${f.message}`)];
}

/** reports/spec-book/ for this run (npm run spec-book writes the same; support/report/specBook/). */
function writeRunSpecBook(request: RunRequest): void {
  try {
    writeSpecBook({ featuresDir: resolve(request.features), reportsDir: request.staging, outDir: join(request.staging, 'spec-book') });
    console.log(`Spec book (the specification, with this run's outcomes): ${join(request.reports, 'spec-book', 'index.html')}`);
  } catch (e) {
    // The verdict stands without it; the certificate then does not link it.
    console.error(`Spec book not written: ${(e as Error).message}`);
  }
}

/** The Allure report (single file, no analytics, history carried over; support/report/allureReport.ts). */
function generateAllure(staging: string, reports: string, certificate: Certificate, config: RunConfig): boolean {
  const environment = allureEnvironment(certificate, { ...(config.timeoutMs ? { timeoutMs: config.timeoutMs } : {}), ...(config.profile ? { profile: config.profile } : {}) });
  const generated = generateAllureReport(staging, reports, environment, historyScope(certificate));
  if (!generated.ok) {
    console.error(`Allure report not generated: ${generated.problem ?? 'unknown reason'}`);
    return false;
  }
  if (generated.historyNotCarried) console.log(`Allure report: trend started afresh: ${generated.historyNotCarried}`);
  const history = (generated.historyRuns ?? 0) > 1 ? ` (trend over the last ${String(generated.historyRuns)} runs)` : '';
  console.log(`Allure report: ${join(reports, 'allure-report', 'index.html')}${history}`);
  return true;
}

const file = process.argv[2];
if (!file) {
  console.error('usage: runSuite.ts <run request file> (started by npm run conformance)');
  process.exitCode = EXIT.usage;
} else {
  runSuite(readRunRequest(file)).then(
    (code) => { process.exitCode = code; },
    (e: unknown) => {
      console.error(`The harness could not run: ${(e as Error).stack ?? String(e)}`);
      process.exitCode = EXIT.broken;
    },
  );
}
