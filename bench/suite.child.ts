/**
 * Child of the harness-cost benchmark: one cucumber run through the API with the default profile's
 * loader and ALL its formatters (progress, html, junit, message, Allure reporter), every output
 * redirected into `outDir` (a temp dir: reports/ is never touched). argv: outDir, `all` or
 * `progress` (formatters), then feature paths (none = the profile's, i.e. the whole suite). Reports the run's time (support code loaded
 * first, timed apart) and scenario count.
 */
import { join } from 'node:path';
import { loadConfiguration, loadSupport, runCucumber, type IConfiguration } from '@cucumber/cucumber/api';
import { Writable } from 'node:stream';
import { allureResults } from '../support/accel';
import type { AllureResultsWriter } from '../support/report/allureResults';
import { reply } from './child';
import { redirectFormat } from '../support/report/reportsDir';

type JsonObject = IConfiguration['formatOptions'];

export interface SuiteChildResult {
  /** The run, support code already loaded (loading is the same for any run and only adds noise). */
  readonly ms: number;
  /** Of `ms`: waiting, after the last scenario, for the Allure files still being written (the disk's share). */
  readonly filesWaitMs: number;
  /** Loading the support code (ts-node compiles steps and support). */
  readonly loadMs: number;
  readonly scenarios: number;
  readonly passed: boolean;
}

/** The run's Allure writer (support/accel/index.ts), writing into `dir` instead of the profile's. */
function writerInto(options: JsonObject, results: AllureResultsWriter): JsonObject {
  return options.writer === undefined ? {} : { writer: results as unknown as JsonObject };
}

reply(async (): Promise<SuiteChildResult> => {
  const [outDir, formats, ...paths] = process.argv.slice(2);
  if (!outDir || (formats !== 'all' && formats !== 'progress')) throw new Error('usage: suite.child.ts <outDir> all|progress [feature…]');
  const loading = process.hrtime.bigint();
  const allure = allureResults(join(outDir, 'allure-results'));
  const profile = (await loadConfiguration({ profiles: ['default'] })).useConfiguration;
  const { runConfiguration } = await loadConfiguration({
    file: false,
    provided: {
      ...profile,
      ...(paths.length ? { paths } : {}),
      // `progress`: the dev profile's formatters, to tell the formatters' share from the rest.
      format: formats === 'progress' ? ['progress'] : profile.format.map((f) => redirectFormat(typeof f === 'string' ? f : f.join(':'), outDir)),
      formatOptions: { ...profile.formatOptions, resultsDir: join(outDir, 'allure-results'), ...writerInto(profile.formatOptions, allure) },
    },
  });
  const support = await loadSupport(runConfiguration);
  const started = process.hrtime.bigint();
  const loadMs = Number(started - loading) / 1e6;
  let scenarios = 0;
  const sink = new Writable({ write: (_c, _e, done) => { done(); } });
  const { success } = await runCucumber({ ...runConfiguration, support }, { stdout: sink, stderr: sink }, (envelope) => {
    if (envelope.testCaseFinished && !envelope.testCaseFinished.willBeRetried) scenarios += 1;
  });
  // The Allure results are written in the background: the run is over when they are on disk.
  const ran = process.hrtime.bigint();
  const unwritten = await allure.written();
  const done = process.hrtime.bigint();
  return { ms: Number(done - started) / 1e6, filesWaitMs: Number(done - ran) / 1e6, loadMs, scenarios, passed: success && unwritten.length === 0 };
});
