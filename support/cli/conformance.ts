/**
 * `npm run conformance [-- options]`: check the command line and the configuration (every problem a
 * usage error, exit 64, before anything runs), then run the features against the chosen adapter in
 * a supervised child process (./supervisor.ts, ./runSuite.ts) whose reports replace the previous
 * run's as one set. The child checks the features and the filter first (./checkSpecification.ts)
 * and ends with 64 before running anything when they are wrong. This process stays light: it loads
 * neither the simulator nor the report writers unless a run has to be accounted for.
 *
 * Exit codes: 0 conformant (or conformant for what was in scope) · 1 not conformant · 2 could not
 * test (a scenario broke, the run crashed or was ended, nothing passed) · 64 usage error.
 */
import { copyFileSync, existsSync, statSync, appendFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../errors';
import { loadRunConfig, withOverrides, type RunConfig } from '../config/runConfig';
import { loadProfile } from '../config/profile';
import { loadKnownIssues } from '../report/knownIssues';
import { inProcessFault, refuseUnreadableReplay, replayConfig, viaOptions, viaSimulatorServer, viaWorkspaceApi } from './viaServer';
import { DEFAULT_GRACE_MS, supervise, type SuperviseOptions } from './supervisor';
import { onStopRequest } from './parentWatch';
import { nameExpression, tagExpression } from '../config/filter';
import { SESSION_MARKER } from '../trace/RecordingAdapter';
import { BUILT_IN_ADAPTERS } from '../adapter/contract';
import { checkAdapterOptions } from './adapterOptions';
import { existingDirectory, helpHint, parseCommandLine, runCommand, usageOf, wholeNumber, type CommandSpec, type OptionValues } from '../config/commandLine';

export const COMMAND = {
  name: 'conformance',
  synopsis: ['[options]'],
  description: `Runs every feature (the GenEM call models) against the system under test and writes reports/
(summary, certificate, Allure report, sequence diagrams). Every option and file is checked first:
a problem is a usage error (exit 64) before anything runs or reports/ is touched.`,
  options: {
    config: { type: 'string', value: '<file.json>', help: 'the run configuration: adapter, adapterOptions, timeouts, systemUnderTest, knownIssues, profile' },
    adapter: { type: 'string', value: '<simulator|bridge|workspace|replay|path/to/adapter.ts>', help: 'the system under test (default: the embedded reference simulator)' },
    tags: { type: 'string', value: '"<expression>"', help: 'only scenarios whose tags match (cucumber tag expression, e.g. "@model:release-phase"); the certificate then reads "conformant (partial)"' },
    name: { type: 'string', value: '"<regexp>"', help: 'only scenarios whose name matches' },
    features: { type: 'string', value: '<dir>', help: 'another specification directory (default: features)' },
    timeout: { type: 'string', value: '<ms>', help: 'how long a step waits for events (default 3000)' },
    'max-events': { type: 'string', value: '<n>', help: 'events kept per scenario; one more makes it broken as a flood (default 10000)' },
    'shutdown-grace': { type: 'string', value: '<ms>', help: `how long a completed run may take to exit before it is ended (default ${String(DEFAULT_GRACE_MS)})` },
    replay: { type: 'string', value: '<trace or log>', help: 'judge a recording or a T-Server/SIP Server log instead of a live system' },
    record: { type: 'string', value: '<file.ndjson>', help: 'also record every request and event, for a later --replay (refuses an existing file)' },
    'record-overwrite': { type: 'boolean', help: 'let --record replace an existing file (once the run completed)' },
    'record-append': { type: 'boolean', help: 'let --record append to an existing file, after a session marker' },
    'via-server': { type: 'boolean', help: 'the same run through the network bridge, against the simulator server' },
    'via-workspace-api': { type: 'boolean', help: "the same run through Genesys's Workspace API client, against the simulator's Workspace API facade" },
    'simulator-fault': { type: 'string', value: 'drop:<EventName>', help: 'the reference simulator (in process or behind --via-*) drops every event of that name' },
    'no-report': { type: 'boolean', help: 'skip the Allure report and the files only reports read (Allure results, cucumber HTML report, message stream); the summary, certificate, sequence diagrams and JUnit XML are still written' },
  },
  epilogue: 'Exit codes: 0 conformant (in scope) · 1 not conformant · 2 could not test · 64 usage error.',
} as const satisfies CommandSpec;

export const USAGE = usageOf(COMMAND);

interface Parsed {
  readonly config: RunConfig;
  readonly tags?: string;
  readonly name?: string;
  readonly report: boolean;
  readonly via?: 'server' | 'workspace-api';
  readonly fault?: string;
  readonly features: string;
  readonly filter: readonly string[];
  readonly supervise: Omit<SuperviseOptions, 'stop'>;
  readonly recording?: { temp: string; target: string; append: boolean };
}

type Values = OptionValues<typeof COMMAND.options>;

/** The command line and the configuration file, every problem a usage error (exit 64). */
export function parseOptions(argv: readonly string[]): Parsed {
  const { values } = parseCommandLine(COMMAND, argv);
  const config = loadRunConfig(values.config);
  const recording = checkOptions(values, config);
  const merged = withOverrides(config, configFromOptions(values, config), OPTION_OF, helpHint(COMMAND.name));
  const graceMs = merged.shutdownGraceMs ?? DEFAULT_GRACE_MS;
  return {
    config: { ...merged, ...(recording ? { record: recording.temp } : {}) },
    ...(values.tags ? { tags: values.tags } : {}),
    ...(values.name ? { name: values.name } : {}),
    report: !values['no-report'],
    ...viaOptions(values, helpHint(COMMAND.name)),
    features: existingDirectory(COMMAND.name, 'features', values.features) ?? 'features',
    filter: filterOf(values),
    supervise: { graceMs, ...(recording ? { recording } : {}) },
    ...(recording ? { recording } : {}),
  };
}

/** Everything the options name must exist and parse; returns the --record plan. */
function checkOptions(values: Values, config: RunConfig): ReturnType<typeof checkRecording> | undefined {
  // A bad lab profile or known-issues manifest is a usage error before anything runs (file:line).
  if (config.profile) loadProfile(config.profile);
  loadKnownIssues(config.knownIssues);
  if (values.tags !== undefined) tagExpression(values.tags);
  if (values.name !== undefined) nameExpression(values.name);
  const adapter = values.adapter ?? (values.replay ? undefined : config.adapter);
  if (adapter) checkAdapter(adapter);
  if (!values['via-server'] && !values['via-workspace-api']) checkAdapterOptions(adapter, config.adapterOptions, values.config);
  return values.record ? checkRecording(values.record, values, values.replay) : undefined;
}

/** The filter as given, for the certificate; empty for the whole suite. */
function filterOf(values: Values): string[] {
  return [
    ...(values.tags ? [`--tags "${values.tags}"`] : []), ...(values.name ? [`--name "${values.name}"`] : []),
    ...(values.features ? [`--features ${values.features}`] : []),
  ];
}

/** The option that sets each setting of the configuration file, for its errors. */
const OPTION_OF: Readonly<Partial<Record<keyof RunConfig, string>>> = {
  adapter: '--adapter', timeoutMs: '--timeout', maxEventsPerScenario: '--max-events', shutdownGraceMs: '--shutdown-grace', adapterOptions: '--replay',
};

/**
 * The settings the command line overrides in the configuration file: the numbers only read here
 * (whole numbers); their bounds are the file's, checked by withOverrides.
 */
function configFromOptions(values: Values, config: RunConfig): Partial<RunConfig> {
  const number = (option: 'timeout' | 'max-events' | 'shutdown-grace'): number | undefined => wholeNumber(COMMAND.name, option, values[option], undefined);
  const timeoutMs = number('timeout');
  const maxEvents = number('max-events');
  const graceMs = number('shutdown-grace');
  return {
    ...(values.adapter ? { adapter: values.adapter } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(maxEvents !== undefined ? { maxEventsPerScenario: maxEvents } : {}),
    ...(graceMs !== undefined ? { shutdownGraceMs: graceMs } : {}),
    ...(values.replay ? replayOverride(values.replay, config, values.config) : {}),
  };
}

/**
 * `--replay <file>`: the replay adapter on that file, with the configuration file's replay options
 * (`features`, `dnMap`, `observation`) when it configures the replay adapter; another adapter's
 * options are not the replay's, and the run says it leaves them out.
 */
function replayOverride(file: string, config: RunConfig, configFile: string | undefined): Pick<RunConfig, 'adapter' | 'adapterOptions'> {
  const replay = replayConfig(file);
  if (config.adapter === 'replay') return { ...replay, adapterOptions: { ...config.adapterOptions, ...replay.adapterOptions } };
  if (config.adapterOptions && Object.keys(config.adapterOptions).length) {
    process.stderr.write(`conformance: --replay: the adapterOptions of ${configFile ?? 'the configuration'} are for the ${config.adapter ?? 'simulator'} adapter and are not used; for a replay's features or dnMap, set "adapter": "replay" there\n`);
  }
  return replay;
}

/** A user adapter module that does not exist is a usage error at once, not 386 broken scenarios. */
function checkAdapter(adapter: string): void {
  if (BUILT_IN_ADAPTERS.includes(adapter)) return;
  if (!existsSync(resolve(adapter))) throw new UsageError(`--adapter: no such adapter module: ${adapter} (resolved to ${resolve(adapter)}; or use simulator, bridge, replay)`);
}

/**
 * `--record X`: refuses to destroy anything. X is written only at the end of a completed run (a
 * temporary file beside it is renamed onto it); an existing X is refused unless
 * `--record-overwrite` or `--record-append` (X is then copied and continued after a session marker).
 */
function checkRecording(target: string, values: Values, replay: string | undefined): { temp: string; target: string; append: boolean } {
  if (replay !== undefined && resolve(replay) === resolve(target)) throw new UsageError(`--record ${target} --replay ${replay}: the recording would overwrite the trace being replayed`);
  if (values['record-overwrite'] && values['record-append']) throw new UsageError('--record-overwrite and --record-append exclude each other');
  const exists = existsSync(target);
  if (exists && statSync(target).isDirectory()) throw new UsageError(`--record ${target}: is a directory`);
  if (exists && !values['record-overwrite'] && !values['record-append']) {
    throw new UsageError(`--record ${target}: the file exists; it is never overwritten unless you add --record-overwrite (or --record-append to continue it)`);
  }
  return { temp: `${target}.partial-${String(process.pid)}`, target, append: exists && Boolean(values['record-append']) };
}

/** Start the temporary recording: a copy of the target when appending, then the session marker. */
function startRecording(recording: { temp: string; target: string; append: boolean }): void {
  if (recording.append) copyFileSync(recording.target, recording.temp);
  appendFileSync(recording.temp, `${JSON.stringify({ name: SESSION_MARKER, attributes: { started: new Date().toISOString(), appended: recording.append } })}\n`);
}

async function run(argv: readonly string[]): Promise<number> {
  const parsed = parseOptions(argv);
  // From here a signal (or npm gone) ends the run as interrupted, exit 2 with its account, in every
  // phase: one that comes while a simulator server is still starting means the suite never starts.
  const stop = new AbortController();
  const stopWatching = onStopRequest((reason) => stop.abort(reason));
  try {
    await refuseUnreadableReplay(parsed.config);
    if (parsed.recording) startRecording(parsed.recording);
    const once = (config: RunConfig): Promise<number> => supervise({
      config, features: parsed.features, report: parsed.report, reports: 'reports', filter: parsed.filter,
      ...(parsed.tags ? { tags: parsed.tags } : {}), ...(parsed.name ? { name: parsed.name } : {}),
    }, { ...parsed.supervise, stop: stop.signal });
    // --via-server / --via-workspace-api: the same run through TCP / Genesys's Workspace API client
    // against `npm run simulator` (support/cli/viaServer.ts); --simulator-fault reaches the simulator either way.
    const { via, fault } = parsed;
    if (via === 'server') return await viaSimulatorServer(parsed.config, once, fault);
    if (via === 'workspace-api') return await viaWorkspaceApi(parsed.config, once, fault);
    return await once(fault ? inProcessFault(parsed.config, fault) : parsed.config);
  } finally {
    stopWatching();
  }
}

if (require.main === module) runCommand(COMMAND, process.argv.slice(2), run);
