/**
 * `npm run mutants`: prove that the suite catches deviations. For every scenario that passes
 * against the reference simulator, record its clean trace once, derive fault-injecting mutants
 * from the events its stimulus caused (support/mutation/generate.ts), and run only that scenario
 * against each mutant, in this process. A mutant is killed when the scenario no longer passes.
 *
 * Survivors are holes in the suite, unless a reviewed entry of
 * support/mutation/equivalent-mutants.json says why the mutant is equivalent. Also checks legal
 * reorderings (reorder.ts) on the same recordings. Writes reports/mutation.json; exit 1 when an
 * unjustified survivor or a failed reordering remains.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { EXIT, UsageError } from '../errors';
import { existingDirectory, parseCommandLine, runCommand, wholeNumber, type CommandSpec } from '../config/commandLine';
import { tagExpression } from '../config/filter';
import { modelOf } from '../model/models';
import { readTags } from '../model/tags';
import { generateMutants, prng, sample, type Mutant } from './generate';
import { recordingsOf, type ScenarioRecording } from './recording';
import { checkReorderings, tableCases, type ReorderResult } from './reorder';
import { InProcessRunner, MUTANT_ADAPTER } from './runner';
import { loadEquivalents, type Equivalent } from './equivalents';

export const DEFAULT_SEED = 20_261_126;
/** Step timeout in mutant runs; delayed events arrive after it. */
const TIMEOUT_MS = 400;

export interface CampaignOptions {
  readonly paths: readonly string[];
  readonly tags?: string;
  readonly seed: number;
  /** Mutants per scenario at most (sampled with the seed); 0 = all. */
  readonly maxPerScenario: number;
  /** Random legal orders per table for the reordering property; 0 = skip. */
  readonly reorderRuns: number;
  readonly equivalentsFile: string;
}

export interface MutantResult {
  readonly model: string;
  readonly scenario: string;
  readonly uri: string;
  readonly line: number;
  readonly mutant: string;
  readonly outcome: string;
  readonly verdict: 'killed' | 'survived' | 'equivalent';
  readonly reason?: string;
}

export interface CampaignReport {
  readonly date: string;
  readonly seed: number;
  readonly sampling: string;
  /** Which scenarios: every one that passes, or a tag expression's subset. */
  readonly scope: string;
  readonly scenarios: number;
  readonly totals: { generated: number; killed: number; survived: number; equivalent: number; killedAsFailed: number; killedAsBroken: number };
  readonly models: readonly { model: string; generated: number; killed: number; survived: number; equivalent: number; survivors: readonly MutantResult[] }[];
  readonly staleEquivalents: readonly Equivalent[];
  readonly reorderings?: ReorderResult;
  readonly mutants: readonly MutantResult[];
}

/** Run the campaign (pure of process exit; writes nothing). */
export async function runCampaign(options: CampaignOptions, log: (line: string) => void = () => undefined): Promise<CampaignReport> {
  const runner = new InProcessRunner({ extraRequire: ['support/mutation/recordHook.ts'] });
  const world = { adapter: MUTANT_ADAPTER, timeoutMs: TIMEOUT_MS };
  const clean = await runner.run(options.paths, world, options.tags ? { tags: options.tags } : {});
  const recordings = recordingsOf(clean.messages).filter((r) => r.status === 'PASSED');
  if (recordings.length === 0) throw new UsageError(`no scenario passed against the reference simulator in ${options.paths.join(', ')}: nothing to mutate`);
  const equivalents = loadEquivalents(options.equivalentsFile);
  const random = prng(options.seed);
  const results: MutantResult[] = [];
  for (const rec of recordings) {
    const all = generateMutants(rec, TIMEOUT_MS + 300);
    const chosen = options.maxPerScenario > 0 ? sample(all, options.maxPerScenario, random) : all;
    for (const mutant of chosen) results.push(await runMutant(runner, rec, mutant, world, equivalents));
    log(`  ${rec.uri}:${String(rec.line)} ${String(chosen.length)} mutants`);
  }
  const reorderings = options.reorderRuns > 0 ? checkReorderings(recordings.flatMap(tableCases), options.reorderRuns, options.seed) : undefined;
  const used = new Set(results.filter((r) => r.verdict === 'equivalent').map((r) => key(r.uri, r.scenario, r.mutant)));
  return {
    date: new Date().toISOString(),
    seed: options.seed,
    sampling: options.maxPerScenario > 0 ? `at most ${String(options.maxPerScenario)} mutants per scenario, sampled with seed ${String(options.seed)}` : 'every generated mutant',
    scope: options.tags ? `scenarios matching ${options.tags}` : `every passing scenario of ${options.paths.join(', ')}`,
    scenarios: recordings.length,
    totals: totalsOf(results),
    models: perModel(results),
    staleEquivalents: options.maxPerScenario > 0 || options.tags ? [] : equivalents.filter((e) => !used.has(key(e.feature, e.scenario, e.mutant))),
    ...(reorderings ? { reorderings } : {}),
    mutants: results,
  };
}

function key(uri: string, scenario: string, mutant: string): string {
  return `${uri}\u0000${scenario}\u0000${mutant}`;
}

async function runMutant(runner: InProcessRunner, rec: ScenarioRecording, mutant: Mutant, world: Record<string, unknown>, equivalents: readonly Equivalent[]): Promise<MutantResult> {
  const { outcomes } = await runner.run([`${rec.uri}:${String(rec.line)}`], { ...world, adapterOptions: { fault: mutant.fault } });
  const outcome = outcomes[0]?.outcome ?? 'not run';
  const model = readTags(rec.tags).model ?? '(no model)';
  const base = { model, scenario: rec.name, uri: rec.uri, line: rec.line, mutant: mutant.id, outcome };
  if (outcome !== 'passed') return { ...base, verdict: 'killed' };
  const justified = equivalents.find((e) => e.feature === rec.uri && e.scenario === rec.name && e.mutant === mutant.id);
  return justified ? { ...base, verdict: 'equivalent', reason: justified.reason } : { ...base, verdict: 'survived' };
}

function totalsOf(results: readonly MutantResult[]): CampaignReport['totals'] {
  const count = (p: (r: MutantResult) => boolean): number => results.filter(p).length;
  return {
    generated: results.length,
    killed: count((r) => r.verdict === 'killed'),
    survived: count((r) => r.verdict === 'survived'),
    equivalent: count((r) => r.verdict === 'equivalent'),
    killedAsFailed: count((r) => r.verdict === 'killed' && r.outcome === 'failed'),
    killedAsBroken: count((r) => r.verdict === 'killed' && r.outcome !== 'failed'),
  };
}

function perModel(results: readonly MutantResult[]): CampaignReport['models'] {
  const models = [...new Set(results.map((r) => r.model))].sort();
  return models.map((model) => {
    const mine = results.filter((r) => r.model === model);
    const t = totalsOf(mine);
    return { model, generated: t.generated, killed: t.killed, survived: t.survived, equivalent: t.equivalent, survivors: mine.filter((r) => r.verdict === 'survived') };
  });
}

export function renderCampaign(r: CampaignReport): string {
  const lines = [`Mutation campaign — ${String(r.scenarios)} scenarios (${r.scope}), ${r.sampling}`,
    `${'model'.padEnd(36)}${'generated'.padStart(10)}${'killed'.padStart(8)}${'survived'.padStart(9)}${'equivalent'.padStart(11)}`];
  for (const m of r.models) {
    lines.push(`${m.model.padEnd(36)}${String(m.generated).padStart(10)}${String(m.killed).padStart(8)}${String(m.survived).padStart(9)}${String(m.equivalent).padStart(11)}${modelOf(m.model) ? '' : '  (unknown model)'}`);
  }
  const survivors = r.models.flatMap((m) => m.survivors);
  if (survivors.length) {
    lines.push('', 'Survivors (holes in the suite: the scenario still passed):');
    for (const s of survivors) lines.push(`  ${s.uri}:${String(s.line)} ${s.scenario} — ${s.mutant}`);
  }
  if (r.staleEquivalents.length) {
    lines.push('', 'Equivalent-mutant entries that no longer survive (remove them):');
    for (const e of r.staleEquivalents) lines.push(`  ${e.feature} ${e.scenario} — ${e.mutant}`);
  }
  if (r.reorderings) {
    lines.push('', ...r.reorderings.failures.map((f) => `reordering failed: ${f}`));
    lines.push(`reorderings: ${String(r.reorderings.passed)} passed of ${String(r.reorderings.checked)}`);
  }
  const t = r.totals;
  lines.push(`mutants: killed ${String(t.killed)} of ${String(t.generated)} (${String(t.survived)} survived, ${String(t.equivalent)} equivalent)`);
  return lines.join('\n');
}

export const COMMAND = {
  name: 'mutants',
  synopsis: ['[--seed n] [--max-per-scenario n] [--reorder-runs n] [--tags expr] [--features dir] [--equivalents file]'],
  description: `The mutation campaign: for every scenario that passes against the reference simulator, runs it
against simulators with one injected fault each (a dropped, changed, extra or reordered event) and
counts the mutants the suite kills; also checks legal reorderings. Writes reports/mutation.json.`,
  options: {
    seed: { type: 'string', value: '<n>', help: `the seed of the sampling and of the random orders (default ${String(DEFAULT_SEED)})` },
    'max-per-scenario': { type: 'string', value: '<n>', help: 'mutants per scenario at most, sampled with the seed (default 0: all)' },
    'reorder-runs': { type: 'string', value: '<n>', help: 'random legal orders tried per expectation table (default 100; 0 skips the reordering check)' },
    tags: { type: 'string', value: '<expr>', help: 'only scenarios whose tags match (cucumber tag expression, e.g. "@model:release-phase")' },
    features: { type: 'string', value: '<dir>', help: 'another specification directory (default: features)' },
    equivalents: { type: 'string', value: '<file>', help: 'the reviewed equivalent mutants (default support/mutation/equivalent-mutants.json)' },
  },
  epilogue: 'Exit codes: 0 every mutant killed or reviewed as equivalent · 1 an unjustified survivor, a failed reordering or a stale equivalent · 2 could not run · 64 usage error.',
} as const satisfies CommandSpec;

function parseOptions(argv: readonly string[]): CampaignOptions {
  const { values } = parseCommandLine(COMMAND, argv);
  const int = (name: string, v: string | undefined, dflt: number): number => wholeNumber(COMMAND.name, name, v, dflt);
  if (values.tags !== undefined) tagExpression(values.tags, COMMAND.name);
  const dir = existingDirectory(COMMAND.name, 'features', values.features ?? 'features') ?? 'features';
  return {
    paths: [`${dir}/**/*.feature`],
    seed: int('seed', values.seed, DEFAULT_SEED),
    maxPerScenario: int('max-per-scenario', values['max-per-scenario'], 0),
    reorderRuns: int('reorder-runs', values['reorder-runs'], 100),
    equivalentsFile: values.equivalents ?? 'support/mutation/equivalent-mutants.json',
    ...(values.tags ? { tags: values.tags } : {}),
  };
}

async function main(argv: readonly string[]): Promise<number> {
  const options = parseOptions(argv);
  const started = Date.now();
  const report = await runCampaign(options, (l) => { console.log(l); });
  mkdirSync('reports', { recursive: true });
  writeFileSync('reports/mutation.json', `${JSON.stringify({ ...report, durationMs: Date.now() - started }, null, 2)}\n`);
  console.log(`\n${renderCampaign(report)}`);
  const reorderFailed = (report.reorderings?.failures.length ?? 0) > 0;
  return report.totals.survived > 0 || reorderFailed || report.staleEquivalents.length > 0 ? EXIT.failed : EXIT.passed;
}

if (require.main === module) runCommand(COMMAND, process.argv.slice(2), main);
