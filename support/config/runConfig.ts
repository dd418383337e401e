/**
 * The run configuration file named with `--config`: which adapter, its options, timeouts.
 *
 *     { "adapter": "./lab/sip-server-adapter.ts", "adapterOptions": { "host": "127.0.0.1" }, "timeoutMs": 5000 }
 *
 * Every problem is reported with the file and line.
 */
import { UsageError } from '../errors';
import { isObject, parseManifest, readManifest, type Manifest } from './manifest';
import type { AdapterChoice } from '../adapter/select';

/** The run configuration; the World's parameters (support/world.ts) are exactly these. */
export interface RunConfig extends AdapterChoice {
  /** Per-step wait for events, in ms (default 3000). */
  readonly timeoutMs?: number;
  /** Quiet period before judging unexpected events, for adapters without `settled` (default 300). */
  readonly settleMs?: number;
  /** Path of the known-issues manifest (support/report/knownIssues.ts). */
  readonly knownIssues?: string;
  /** What the adapter connects to, as the conformance certificate names it ("SIP Server 8.1 lab"). */
  readonly systemUnderTest?: string;
  /** Events kept per scenario; more make the scenario broken (default 10 000; support/world/runContext.ts). */
  readonly maxEventsPerScenario?: number;
  /** How long a completed run may take to exit before the supervisor ends it (support/cli/supervisor.ts). */
  readonly shutdownGraceMs?: number;
}

const KEYS: Readonly<Record<string, (v: unknown) => string | undefined>> = {
  adapter: (v) => (typeof v === 'string' && v.length > 0 ? undefined : 'must be "simulator" or a path to an adapter module'),
  adapterOptions: (v) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? undefined : 'must be an object'),
  timeoutMs: (v) => (Number.isInteger(v) && (v as number) > 0 && (v as number) <= 50_000 ? undefined : 'must be an integer between 1 and 50000'),
  systemUnderTest: (v) => (typeof v === 'string' && v.length > 0 ? undefined : 'must name the system under test (shown on the certificate)'),
  knownIssues: (v) => (typeof v === 'string' && v.length > 0 ? undefined : 'must be the path of a known-issues JSON file'),
  record: (v) => (typeof v === 'string' && v.length > 0 ? undefined : 'must be the path of the NDJSON trace to write'),
  profile: (v) => (typeof v === 'string' && v.length > 0 ? undefined : 'must be the path of a lab profile JSON file (support/config/profile.ts)'),
  settleMs: (v) => (Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 10_000 ? undefined : 'must be an integer between 0 and 10000'),
  maxEventsPerScenario: (v) => (Number.isInteger(v) && (v as number) >= 100 && (v as number) <= 1_000_000 ? undefined : 'must be an integer between 100 and 1000000 (events kept per scenario; more make it broken as a flood)'),
  shutdownGraceMs: (v) => (Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 600_000 ? undefined : 'must be an integer between 0 and 600000 (how long a completed run may take to exit)'),
};

/**
 * The problem with `value` for setting `key` by the rules of the configuration file ("must be an
 * integer between 1 and 50000"), or undefined when it is fine. The command line's overrides are
 * held to the same rules ({@link withOverrides}).
 */
export function settingProblem(key: string, value: unknown): string | undefined {
  const check = KEYS[key];
  return check ? check(value) : `unknown setting "${key}" (known: ${Object.keys(KEYS).join(', ')})`;
}

/**
 * `config` (from the file, already checked) with `overrides` (from the command line) laid over it,
 * every override checked by the file's rules: a problem is one UsageError naming the option
 * (`optionOf[key]`, e.g. `--timeout`) and the value, followed by `hint` (the pointer to --help).
 */
export function withOverrides(config: RunConfig, overrides: Partial<RunConfig>, optionOf: Readonly<Partial<Record<keyof RunConfig, string>>>, hint?: string): RunConfig {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(overrides)) {
    const problem = settingProblem(key, value);
    if (problem) problems.push(`${optionOf[key as keyof RunConfig] ?? key} ${JSON.stringify(value)}: ${problem}`);
  }
  if (problems.length) throw new UsageError([...problems, ...(hint ? [hint] : [])].join('\n'));
  return { ...config, ...overrides };
}

const RUN_CONFIG: Manifest<RunConfig> = {
  what: 'configuration file',
  validate: (raw, json) => {
    if (!isObject(raw)) throw new UsageError(`${json.file}:1: the configuration must be a JSON object`);
    const problems: string[] = [];
    for (const [key, value] of Object.entries(raw)) {
      const problem = settingProblem(key, value);
      if (problem) problems.push(`${json.at(key)}: ${KEYS[key] ? `"${key}" ` : ''}${problem}`);
    }
    if (problems.length) throw new UsageError(problems.join('\n'));
    return raw;
  },
};

export function parseRunConfig(file: string, text: string): RunConfig {
  return parseManifest(file, text, RUN_CONFIG);
}

export function loadRunConfig(file: string | undefined): RunConfig {
  return file ? readManifest(file, RUN_CONFIG) : {};
}
