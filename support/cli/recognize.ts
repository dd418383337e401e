/**
 * `npm run recognize -- <log> [--json] [--features dir] [--capabilities a,b] [--settle ms]`: split a
 * log into calls and say, for each, which model scenarios it follows, or — for a call that deviates —
 * the nearest scenario and the diff the conformance run would print (support/recognize/). Calls are
 * printed as they complete; `--json` prints one JSON object per call and a summary line (NDJSON).
 *
 * Exit codes: 0 every recognised call conforms, one at least (calls no scenario describes are
 * listed, not failed) · 1 a call deviates · 2 the log cannot be judged (no such file, a directory,
 * empty, no known format, a truncated or damaged record: one message naming the file and line), or
 * none of its calls follows a model (nothing was judged against one) · 64 usage.
 */
import { EXIT } from '../errors';
import { existingDirectory, parseCommandLine, runCommand, wholeNumber, type CommandSpec } from '../config/commandLine';
import { loadPlans, recognizeFile, type CallVerdict, type ScenarioRef } from '../recognize';
import { BatchedLines } from './trace';

export const COMMAND = {
  name: 'recognize',
  synopsis: ['<log or .ndjson file> [options]'],
  description: `Splits a log into calls and says, for each, which model scenarios it follows, or, for a call that
deviates, the nearest scenario and the diff the conformance run would print.`,
  options: {
    json: { type: 'boolean', help: 'one JSON object per call and a summary line (NDJSON) instead of text' },
    features: { type: 'string', value: '<dir>', help: 'another specification directory (default: features)' },
    capabilities: { type: 'string', value: '<a,b,...>', help: 'what the switch that wrote the log is known to do (@requires: names, comma-separated; off-hook:reported: its EventOffHook/EventOnHook are judged)' },
    settle: { type: 'string', value: '<ms>', help: 'events a scenario does not expect are judged up to this long (log time) after its last expected one (default 300)' },
  },
  positionals: { min: 1, max: 1 },
  epilogue: 'Exit codes: 0 every recognised call conforms, and one at least does · 1 a call deviates · 2 the log cannot be judged, or none of its calls follows a model (nothing was judged) · 64 usage error.',
} as const satisfies CommandSpec;

interface Options {
  readonly file: string;
  readonly json: boolean;
  readonly features?: string;
  readonly capabilities: readonly string[];
  readonly settleMs: number;
}

function options(argv: readonly string[]): Options {
  const parsed = parseCommandLine(COMMAND, argv);
  const file = parsed.positionals[0] ?? '';
  const settleMs = wholeNumber(COMMAND.name, 'settle', parsed.values.settle, 300);
  const features = existingDirectory(COMMAND.name, 'features', parsed.values.features);
  return {
    file, json: parsed.values.json ?? false, settleMs,
    capabilities: (parsed.values.capabilities ?? '').split(',').map((c) => c.trim()).filter(Boolean),
    ...(features ? { features } : {}),
  };
}

const where = (s: ScenarioRef): string => `${s.uri}:${s.line}`;

/** Why a call is unrecognised: no scenario fits it, or only one with a switch configuration the log cannot confirm. */
function unrecognised(v: CallVerdict): string[] {
  const b = v.beganBefore;
  if (b) {
    return [
      `  unrecognised: it may have begun before this file: the file was opened at ${b.opened}, just before the call's first event (a log rotated in the middle of traffic; its first events may be in the previous file)`,
      `  if it began in this file, it deviates from ${b.deviation.scenario.model ?? '-'}: ${b.deviation.scenario.name} (${where(b.deviation.scenario)}):`,
      ...b.deviation.diff.split('\n').map((l) => `    ${l}`),
    ];
  }
  const u = v.unconfirmed;
  if (!u) return ['  unrecognised: no scenario of the models fits this call (its acts, or the DNs they name)'];
  return [
    `  unrecognised: it follows ${u.scenario.model ?? '-'}: ${u.scenario.name} (${where(u.scenario)}) only where ${u.configuration}`,
    `  without that configuration it deviates from ${u.deviation.scenario.model ?? '-'}: ${u.deviation.scenario.name} (${where(u.deviation.scenario)}):`,
    ...u.deviation.diff.split('\n').map((l) => `    ${l}`),
  ];
}

/** A call as text: what it is, what it did, and the verdict (with the diff when it deviates). */
export function describeCall(v: CallVerdict): string {
  const span = v.firstTime && v.lastTime ? ` (${v.firstTime} – ${v.lastTime})` : '';
  const lines = [
    `call ${v.id}: ConnID ${v.calls.join(' + ') || '(none)'}, DNs ${v.dns.join(', ')}; ${v.from} – ${v.to}${span}${v.complete ? '' : '; the log ends while the call goes on'}`,
    `  stimuli: ${v.stimuli.join('; ') || 'none'}`,
  ];
  if (v.outcome === 'unreadable') lines.push(`  UNREADABLE (not judged): ${v.unreadable ?? ''}`);
  else if (v.outcome === 'unrecognised') lines.push(...unrecognised(v));
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
  out.line(o.json ? JSON.stringify({ type: 'summary', file: o.file, ...s, scenarios: catalogue.plans.length, ...(result.opened ? { opened: result.opened } : {}), ...(result.problem ? { problem: result.problem } : {}) }) : summary);
  await out.end();
  if (result.problem) {
    console.error(result.problem);
    return EXIT.broken;
  }
  if (s.deviates > 0) return EXIT.failed;
  if (s.conforms === 0) {
    // As a conformance run in which nothing passed: no call was judged against a model.
    console.error(`${o.file}: ${s.calls ? `none of its ${s.calls} call(s) follows` : 'it holds no call to judge against'} a scenario of the models: nothing was judged${s.calls ? ' (each call says why it is unrecognised)' : ''}`);
    return EXIT.broken;
  }
  return EXIT.passed;
}

if (require.main === module) runCommand(COMMAND, process.argv.slice(2), main);
