/**
 * `npm run recognize -- <log> [--json] [--features dir] [--capabilities a,b] [--settle ms]`: split a
 * log into calls and say, for each, which model scenarios it follows, or — for a call that deviates —
 * the nearest scenario and the diff the conformance run would print (support/recognize/). Calls are
 * printed as they complete; `--json` prints one JSON object per call and a summary line (NDJSON).
 *
 * Exit codes: 0 every recognised call conforms (calls no scenario describes are listed, not
 * failed) · 1 a call deviates · 2 the log cannot be judged (no such file, a directory, empty, no
 * known format, a truncated or damaged record: one message naming the file and line) · 64 usage.
 */
import { parseArgs } from 'node:util';
import { EXIT, UsageError } from '../errors';
import { loadPlans, recognizeFile, type CallVerdict, type ScenarioRef } from '../recognize';
import { BatchedLines } from './trace';

const USAGE = 'usage: npm run recognize -- <log or .ndjson file> [--json] [--features dir] [--capabilities off-hook:reported,...] [--settle ms]';

interface Options {
  readonly file: string;
  readonly json: boolean;
  readonly features?: string;
  readonly capabilities: readonly string[];
  readonly settleMs: number;
}

function options(argv: readonly string[]): Options {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv], allowPositionals: true, strict: true,
      options: { json: { type: 'boolean' }, features: { type: 'string' }, capabilities: { type: 'string' }, settle: { type: 'string' }, help: { type: 'boolean' } },
    });
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\n${USAGE}`);
  }
  const [file, ...rest] = parsed.positionals;
  if (parsed.values.help || !file || rest.length) throw new UsageError(USAGE);
  const settle = parsed.values.settle ?? '300';
  if (!/^\d+$/.test(settle)) throw new UsageError(`--settle must be a number of milliseconds, got "${settle}"`);
  return {
    file, json: parsed.values.json ?? false, settleMs: Number(settle),
    capabilities: (parsed.values.capabilities ?? '').split(',').map((c) => c.trim()).filter(Boolean),
    ...(parsed.values.features ? { features: parsed.values.features } : {}),
  };
}

const where = (s: ScenarioRef): string => `${s.uri}:${s.line}`;

/** A call as text: what it is, what it did, and the verdict (with the diff when it deviates). */
export function describeCall(v: CallVerdict): string {
  const span = v.firstTime && v.lastTime ? ` (${v.firstTime} – ${v.lastTime})` : '';
  const lines = [
    `call ${v.id}: ConnID ${v.calls.join(' + ') || '(none)'}, DNs ${v.dns.join(', ')}; ${v.from} – ${v.to}${span}${v.complete ? '' : '; the log ends while the call goes on'}`,
    `  stimuli: ${v.stimuli.join('; ') || 'none'}`,
  ];
  if (v.outcome === 'unreadable') lines.push(`  UNREADABLE (not judged): ${v.unreadable ?? ''}`);
  else if (v.outcome === 'unrecognised') lines.push('  unrecognised: no scenario of the models starts like this call');
  else if (v.outcome === 'conforms') lines.push('  conforms; follows:', ...v.follows.map((s) => `    ${s.model ?? '-'}: ${s.name} (${where(s)})`));
  if (v.outcome === 'deviates' && v.deviation) {
    lines.push(`  DEVIATES from ${v.deviation.scenario.model ?? '-'}: ${v.deviation.scenario.name} (${where(v.deviation.scenario)})`);
    if (v.follows.length) lines.push('  (it does follow:', ...v.follows.map((s) => `    ${s.model ?? '-'}: ${s.name} (${where(s)})`), '  )');
    lines.push(...v.deviation.diff.split('\n').map((l) => `    ${l}`));
  }
  return lines.join('\n');
}

async function main(argv: readonly string[]): Promise<number> {
  const o = options(argv);
  const catalogue = await loadPlans(o.features ? { features: o.features } : {});
  const out = new BatchedLines(process.stdout);
  const result = await recognizeFile(o.file, {
    plans: catalogue.plans, settleMs: o.settleMs, features: o.capabilities,
    onVerdict: (v) => out.line(o.json ? JSON.stringify({ type: 'call', ...v }) : `${describeCall(v)}\n`),
  });
  const s = result.stats;
  const summary = `${o.file}: ${s.calls} call(s): ${s.conforms} conform, ${s.deviates} deviate, ${s.unrecognised} unrecognised${s.unreadable ? `, ${s.unreadable} unreadable` : ''}; ${s.records} records, ${s.outside} outside any call; ${catalogue.plans.length} scenarios`;
  out.line(o.json ? JSON.stringify({ type: 'summary', file: o.file, ...s, scenarios: catalogue.plans.length, ...(result.problem ? { problem: result.problem } : {}) }) : summary);
  await out.end();
  if (result.problem) {
    console.error(result.problem);
    return EXIT.broken;
  }
  return s.deviates > 0 ? EXIT.failed : EXIT.passed;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => { process.exitCode = code; },
    (e: unknown) => {
      console.error(e instanceof UsageError ? e.message : `recognize could not run: ${(e as Error).stack ?? String(e)}`);
      process.exitCode = e instanceof UsageError ? EXIT.usage : EXIT.broken;
    },
  );
}
