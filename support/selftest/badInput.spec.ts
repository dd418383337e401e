/**
 * The bad-input catalogue: malformed features, bad configuration, and adapters that throw, hang,
 * disconnect or flood. Each must end in a defined outcome (failed = 1, broken = 2, usage = 64)
 * with a clear reason, within bounded time, and still produce its scenario's report entry.
 *
 * Features and adapters live in support/selftest/fixtures/ (never in features/). Usage errors go
 * through the conformance CLI (`--features`, `--config`), which stops before writing reports;
 * runs go through cucumber in-process, with the outcome classification the CLI uses.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT, UsageError } from '../errors';
import { parseRunConfig } from '../config/runConfig';
import type { Outcome, ScenarioOutcome } from '../report/outcomes';
import { InProcessRunner } from '../mutation/runner';
import { TYPESCRIPT_NODE_ARGS } from '../accel/typescriptNode';

const FIXTURES = 'support/selftest/fixtures';
const ADAPTER = `${FIXTURES}/adapters/misbehaving.ts`;
const runner = new InProcessRunner();
const EXIT_OF: Readonly<Record<Outcome, number>> = { passed: EXIT.passed, failed: EXIT.failed, broken: EXIT.broken, usage: EXIT.usage, skipped: EXIT.passed, known: EXIT.passed };

function cli(...args: string[]): { code: number | null; out: string } {
  const r = spawnSync('node', [...TYPESCRIPT_NODE_ARGS, 'support/cli/conformance.ts', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: `${r.stdout}\n${r.stderr}` };
}

async function runFixture(dir: string, world: Record<string, unknown>): Promise<{ outcome: ScenarioOutcome; ms: number }> {
  const started = Date.now();
  const { outcomes } = await runner.run([`${FIXTURES}/features/${dir}`], world);
  assert.equal(outcomes.length, 1, 'the scenario has its report entry');
  return { outcome: outcomes[0] as ScenarioOutcome, ms: Date.now() - started };
}

test('malformed features are rejected before the run with file:line for each problem (usage, 64)', () => {
  const { code, out } = cli('--features', `${FIXTURES}/features/invalid`);
  assert.equal(code, EXIT.usage, out);
  assert.match(out, /The specification has 5 problem\(s\); nothing was run/);
  assert.match(out, /invalid\/syntax\.feature:12: Gherkin syntax: inconsistent cell count/);
  assert.match(out, /invalid\/unknown-names\.feature:13:9: unknown event "EventDailing"/);
  assert.match(out, /invalid\/unknown-names\.feature:18:24: unknown attribute column "ThisDNRoll"/);
  assert.match(out, /invalid\/unknown-names\.feature:25:24: ThisDNRole: "Originator" is not a DNRole value/);
});

test('a features directory that does not exist is a usage error', () => {
  const { code, out } = cli('--features', `${FIXTURES}/features/nowhere`);
  assert.equal(code, EXIT.usage, out);
  assert.match(out, /--features: no such directory/);
});

test('configuration errors name the file, the line and the setting (usage, 64)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cmc-config-'));
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, '{\n  "adapter": "simulator",\n  "timeoutMs": "soon",\n  "colour": "blue"\n}\n');
  const { code, out } = cli('--config', bad);
  assert.equal(code, EXIT.usage, out);
  assert.match(out, /bad\.json:3: "timeoutMs" must be an integer between 1 and 50000/);
  assert.match(out, /bad\.json:4: unknown setting "colour"/);
  assert.throws(() => parseRunConfig('c.json', '{ "adapter": '), (e: unknown) => e instanceof UsageError && /c\.json:1: not valid JSON/.test(e.message));
  assert.throws(() => parseRunConfig('c.json', '[1]'), /must be a JSON object/);
  assert.throws(() => parseRunConfig('c.json', '{"settleMs": -1}'), /"settleMs" must be an integer between 0 and 10000/);
  const missing = cli('--config', join(dir, 'absent.json'));
  assert.equal(missing.code, EXIT.usage);
  assert.match(missing.out, /absent\.json: cannot read the configuration file/);
});

test('a step nobody defined is a usage problem of the feature (64)', async () => {
  const { outcome } = await runFixture('unknown-step', {});
  assert.equal(EXIT_OF[outcome.outcome], EXIT.usage);
  assert.equal(outcome.reason, 'a step has no definition');
});

test('variables that cannot bind fail with the reason (failed, 1)', async () => {
  const { outcome } = await runFixture('unbindable', {});
  assert.equal(EXIT_OF[outcome.outcome], EXIT.failed);
  const { messages } = await runner.run([`${FIXTURES}/features/unbindable`], {});
  const diff = messages.find((m) => m.attachment?.fileName === 'diff.txt')?.attachment?.body ?? '';
  assert.match(diff, /ConnID: expected \$conn2 \(a new value\), but [0-9a-f]+ is already \$conn1/);
});

const ADAPTER_CASES: readonly { mode: string; floodCount?: number; outcome: Outcome; reason: RegExp }[] = [
  { mode: 'throw-factory', outcome: 'broken', reason: /misbehaving\.ts: the adapter factory failed: missing option "host"/ },
  { mode: 'throw-open', outcome: 'broken', reason: /could not open the adapter "misbehaving adapter": connection refused/ },
  { mode: 'throw-send', outcome: 'broken', reason: /could not send RequestMakeCall: socket closed while writing/ },
  { mode: 'hang-send', outcome: 'broken', reason: /could not send RequestMakeCall: no answer within 500 ms/ },
  { mode: 'disconnect', outcome: 'broken', reason: /the adapter "misbehaving adapter" failed: connection reset by peer/ },
  { mode: 'flood', floodCount: 5_000, outcome: 'failed', reason: /events that the model does not expect arrived after the stimulus/ },
  { mode: 'flood-first', floodCount: 5_000, outcome: 'failed', reason: /the observed events differ from the model/ },
  { mode: 'flood', outcome: 'broken', reason: /^flood: more than 10000 events in one scenario/ },
  { mode: 'flood-first', outcome: 'broken', reason: /^flood: more than 10000 events in one scenario/ },
];

for (const c of ADAPTER_CASES) {
  test(`an adapter that misbehaves (${c.mode}${c.floodCount ? ` ${String(c.floodCount)}` : ''}) ends ${c.outcome} with a clear reason, in bounded time`, async () => {
    const { outcome, ms } = await runFixture('adapter', { adapter: ADAPTER, adapterOptions: { mode: c.mode, ...(c.floodCount ? { floodCount: c.floodCount } : {}) }, timeoutMs: 500 });
    assert.equal(outcome.outcome, c.outcome, outcome.reason);
    assert.match(outcome.reason ?? '', c.reason);
    assert.ok(ms < 30_000, `took ${String(ms)} ms`);
  });
}

test('a flood of unexpected events is summarised, not listed, in the failure; the trace attachment is bounded', async () => {
  const { messages } = await runner.run([`${FIXTURES}/features/adapter`], { adapter: ADAPTER, adapterOptions: { mode: 'flood', floodCount: 5_000 }, timeoutMs: 500 });
  const text = messages.find((m) => m.attachment?.fileName === 'unexpected-events.txt')?.attachment?.body ?? '';
  assert.match(text, /… and 4950 more \(5000 in all; see observed-events\.ndjson\)/);
  assert.ok(text.length < 10_000);
  const observed = messages.find((m) => m.attachment?.fileName === 'observed-events.ndjson')?.attachment?.body ?? '';
  assert.equal(observed.split('\n').length, 2_000, 'the first 2000 events are attached');
  const note = messages.find((m) => m.attachment?.fileName === 'observed-events-note.txt')?.attachment?.body ?? '';
  assert.match(note, /holds the first 2000 of 5002 events the adapter delivered: 3002 more were kept for matching but not attached/);
});

test('past the flood bound a scenario is broken, the events beyond it only counted', async () => {
  const { outcomes, messages } = await runner.run([`${FIXTURES}/features/adapter`], { adapter: ADAPTER, adapterOptions: { mode: 'flood', floodCount: 30_000 }, timeoutMs: 500, maxEventsPerScenario: 12_000 });
  assert.equal(outcomes[0]?.outcome, 'broken');
  assert.match(outcomes[0]?.reason ?? '', /^flood: more than 12000 events in one scenario/);
  const note = messages.find((m) => m.attachment?.fileName === 'observed-events-note.txt')?.attachment?.body ?? '';
  assert.match(note, /of 30002 events the adapter delivered: 10000 more were kept for matching but not attached, and 18002 beyond the flood bound were only counted/);
});
