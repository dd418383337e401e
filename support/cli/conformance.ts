/**
 * `npm run conformance [-- options]`: validate the features, run them against the chosen adapter
 * (the embedded reference simulator by default), write reports/ and print a one-screen summary.
 *
 * Exit codes: 0 all passed · 1 not conformant · 2 could not test · 64 usage error (bad feature,
 * bad configuration, unknown option).
 */
import { parseArgs } from 'node:util';
import { cpSync, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { loadConfiguration, runCucumber } from '@cucumber/cucumber/api';
import { allureResultsWritten } from '../report/allureWriter';
import { EXIT, UsageError } from '../errors';
import { featureFiles, formatProblem, validateFeatureFiles } from './validateFeatures';
import { loadRunConfig, type RunConfig } from './config';
import { loadProfile } from './profile';
import { OutcomeCollector } from '../report/outcomes';
import { renderSummary, summarise } from '../report/summary';
import { refuseUnreadableReplay, replayConfig, viaSimulatorServer } from './viaServer';
import { afterSummary, finalVerdict } from '../report/afterRun';
import { DiagramFiles } from '../report/diagramFiles';
import { loadKnownIssues } from '../report/knownIssues';

const USAGE = `usage: npm run conformance -- [--config file.json] [--adapter simulator|path/to/adapter.ts]
                               [--tags "<cucumber tag expression>"] [--name "<scenario name regexp>"]
                               [--timeout ms] [--no-report] [--via-server] [--replay trace-file] [--record trace-file]
                               [--features dir]`;


function parseCommandLine(argv: readonly string[]): { config: RunConfig; tags?: string; name?: string; report: boolean; viaServer: boolean; features: string } {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        config: { type: 'string' }, adapter: { type: 'string' }, tags: { type: 'string' }, name: { type: 'string' },
        timeout: { type: 'string' }, 'no-report': { type: 'boolean' }, help: { type: 'boolean' },
        'via-server': { type: 'boolean' }, replay: { type: 'string' }, record: { type: 'string' }, features: { type: 'string' },
      },
      strict: true,
    }));
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\n${USAGE}`);
  }
  if (values.help) throw new UsageError(USAGE);
  const config = loadRunConfig(values.config);
  // A bad lab profile is a usage error before anything runs (file:line), not a broken scenario each.
  if (config.profile) loadProfile(config.profile);
  if (values.timeout !== undefined && !/^\d+$/.test(values.timeout)) throw new UsageError(`--timeout must be a number of milliseconds, got "${values.timeout}"`);
  return {
    config: {
      ...config,
      ...(values.adapter ? { adapter: values.adapter } : {}),
      ...(values.timeout ? { timeoutMs: Number(values.timeout) } : {}),
      ...(values.replay ? replayConfig(values.replay) : {}),
      ...(values.record ? { record: freshTrace(values.record) } : {}),
    },
    ...(values.tags ? { tags: values.tags } : {}),
    ...(values.name ? { name: values.name } : {}),
    report: !values['no-report'],
    viaServer: values['via-server'] ?? false,
    // --features: another specification directory (the self-tests point it at their fixtures).
    features: featuresDir(values.features),
  };
}

async function run(argv: readonly string[]): Promise<number> {
  const parsed = parseCommandLine(argv);
  await refuseUnreadableReplay(parsed.config);
  // --via-server: the same run through TCP against `npm run simulator` (support/cli/viaServer.ts).
  return parsed.viaServer ? viaSimulatorServer(parsed.config, (config) => runOnce({ ...parsed, config })) : runOnce(parsed);
}

async function runOnce({ config, tags, name, report, features }: ReturnType<typeof parseCommandLine>): Promise<number> {
  const problems = validateFeatureFiles(featureFiles(features));
  if (problems.length) {
    console.error(`The specification has ${problems.length} problem(s); nothing was run:`);
    for (const p of problems) console.error(`  ${formatProblem(p)}`);
    return EXIT.usage;
  }
  const knownIssues = loadKnownIssues(config.knownIssues);
  mkdirSync('reports', { recursive: true });
  rmSync('reports/allure-results', { recursive: true, force: true });
  const { runConfiguration } = await loadConfiguration({
    provided: { worldParameters: JSON.parse(JSON.stringify(config)) as Record<string, never>, ...(tags ? { tags } : {}), ...(name ? { name: [name] } : {}) },
  });
  if (features !== 'features') runConfiguration.sources.paths = [features];
  const collector = new OutcomeCollector();
  const diagrams = new DiagramFiles();
  await runCucumber(runConfiguration, undefined, (e) => { collector.onMessage(e); diagrams.onMessage(e); });
  const unwritten = await allureResultsWritten();
  const summary = summarise(collector.outcomes(), config.adapter ?? 'reference simulator', new Date().toISOString());
  writeFileSync('reports/summary.json', JSON.stringify(summary, null, 2));
  const text = renderSummary(summary);
  writeFileSync('reports/summary.txt', `${text}\n`);
  console.log(text);
  // Stale known issues fail the run; the conformance certificate (reports/conformance.*) is written.
  const { stale } = afterSummary({ summary, features, knownIssues, diagrams, config });
  const reportOk = unwritten.length === 0 && (report ? generateAllure() : true);
  const verdict = finalVerdict(summary.totals, stale, reportOk);
  console.log(verdict.line);
  return verdict.code;
}

function featuresDir(dir: string | undefined): string {
  if (dir !== undefined && !(existsSync(dir) && statSync(dir).isDirectory())) throw new UsageError(`--features: no such directory: ${dir}`);
  return dir ?? 'features';
}

/** Allure 2 keeps history in the report; copy it into the results before regenerating. */
function generateAllure(): boolean {
  if (existsSync('reports/allure-report/history')) {
    cpSync('reports/allure-report/history', 'reports/allure-results/history', { recursive: true });
  }
  const result = spawnSync('npx', ['--no-install', 'allure', 'generate', '--single-file', 'reports/allure-results', '-o', 'reports/allure-report', '--clean'], { encoding: 'utf8' });
  if (result.status !== 0) {
    console.error(`Allure report not generated (allure-commandline needs Java on PATH):\n${result.stderr || result.stdout}`);
    return false;
  }
  console.log('Allure report: reports/allure-report/index.html');
  return true;
}

if (require.main === module) {
  run(process.argv.slice(2)).then(
    (code) => { process.exitCode = code; },
    (e: unknown) => {
      if (e instanceof UsageError) {
        console.error(e.message);
        process.exitCode = EXIT.usage;
      } else {
        console.error(`The harness could not run: ${(e as Error).stack ?? String(e)}`);
        process.exitCode = EXIT.broken;
      }
    },
  );
}

/** `--record FILE` starts a new trace (a run appends to it scenario by scenario). */
function freshTrace(file: string): string {
  writeFileSync(file, '');
  return file;
}
