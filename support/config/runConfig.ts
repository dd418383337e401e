/**
 * The run configuration file named with `--config`: which adapter, its options, timeouts.
 *
 *     { "adapter": "./lab/sip-server-adapter.ts", "adapterOptions": { "host": "127.0.0.1" }, "timeoutMs": 5000 }
 *
 * Every problem is reported with the file and line.
 */
import { readFileSync } from 'node:fs';
import { UsageError } from '../errors';
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
};

function lineOf(text: string, index: number): number {
  return text.slice(0, Math.max(0, index)).split('\n').length;
}

export function parseRunConfig(file: string, text: string): RunConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    const pos = /position (\d+)/.exec(message)?.[1];
    const line = pos ? lineOf(text, Number(pos)) : 1;
    throw new UsageError(`${file}:${line}: not valid JSON: ${message}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new UsageError(`${file}:1: the configuration must be a JSON object`);
  const problems: string[] = [];
  for (const [key, value] of Object.entries(raw)) {
    const line = lineOf(text, text.indexOf(`"${key}"`));
    const check = KEYS[key];
    if (!check) problems.push(`${file}:${line}: unknown setting "${key}" (known: ${Object.keys(KEYS).join(', ')})`);
    else {
      const problem = check(value);
      if (problem) problems.push(`${file}:${line}: "${key}" ${problem}`);
    }
  }
  if (problems.length) throw new UsageError(problems.join('\n'));
  return raw;
}

export function loadRunConfig(file: string | undefined): RunConfig {
  if (!file) return {};
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`${file}: cannot read the configuration file: ${(e as Error).message}`);
  }
  return parseRunConfig(file, text);
}
