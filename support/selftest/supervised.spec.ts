/**
 * A certificate that cannot lie (README "Exit codes and verdicts"): `npm run conformance` judges the
 * run from the outside, so an adapter that ends the process, loses its link late, hangs on close
 * or floods cannot leave a "conformant" behind; filters and capability gates make the verdict
 * "conformant (partial)" with the reasons; --record never destroys a file.
 *
 * Each case runs the real CLI in a scratch project (./sandbox.ts): its reports/ are its own.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT } from '../errors';
import type { Certificate } from '../report/certificate';
import { conformance, runCli, sandbox, writeJson, type CliResult } from './sandbox';

const FIXTURE = 'support/selftest/fixtures/features/adapter';
const ADAPTER = 'support/selftest/fixtures/adapters/misbehaving.ts';
/** Generous: several runs go at once on two cores; a run that hangs is killed at this bound (code null). */
const BOUND_MS = 240_000;

function run(dir: string, args: readonly string[]): Promise<CliResult> {
  return conformance(dir, args, BOUND_MS);
}

function certificate(dir: string): Certificate {
  return JSON.parse(readFileSync(join(dir, 'reports', 'conformance.json'), 'utf8')) as Certificate;
}

function markdown(dir: string): string {
  return readFileSync(join(dir, 'reports', 'conformance.md'), 'utf8');
}

/** Run the one-scenario fixture against the misbehaving adapter in `mode`. */
function misbehave(dir: string, mode: string, options: Record<string, unknown> = {}, args: readonly string[] = []): Promise<CliResult> {
  const config = writeJson(dir, `${mode}.json`, { adapter: ADAPTER, adapterOptions: { mode, ...options }, timeoutMs: 500, settleMs: 200 });
  return run(dir, ['--features', FIXTURE, '--config', config, ...args]);
}

describe('supervised runs', { concurrency: 3 }, () => {
  test('process.exit(0) in an adapter\'s send: exit 2, and no certificate reads "conformant", from this run or an earlier one', async () => {
    const dir = sandbox();
    const good = await run(dir, ['--features', FIXTURE]);
    assert.equal(good.code, EXIT.passed, good.out);
    assert.match(markdown(dir), /\*\*Verdict:\*\* conformant/);
    assert.ok(existsSync(join(dir, 'reports', 'cucumber-junit.xml')));
    const crashed = await misbehave(dir, 'exit-in-send');
    assert.equal(crashed.code, EXIT.broken, crashed.out);
    assert.doesNotMatch(markdown(dir), /Verdict:\*\* conformant/);
    const c = certificate(dir);
    assert.equal(c.verdict, 'incomplete');
    assert.match(c.incomplete?.atScenario ?? '', /call\.feature:11 Alice calls Bob/);
    assert.match(c.incomplete?.reason ?? '', /exited \(code 0\) before the run completed/);
    // One set: the earlier run's JUnit and Allure results are gone with the rest of it, nothing half-written stays.
    assert.ok(!existsSync(join(dir, 'reports', 'cucumber-junit.xml')), 'no file of the earlier run beside the new certificate');
    assert.ok(!existsSync(join(dir, 'reports', 'RUN-IN-PROGRESS.txt')));
    assert.deepEqual(readdirSync(join(dir, 'reports')).filter((f) => f.startsWith('.run-')), [], 'the staging directory is gone');
  });

  for (const [mode, options, reason] of [
    ['fail-next-tick', {}, /link lost on the next tick/],
    ['fail-after-5ms', { settles: false }, /link lost 5 ms later/],
    ['fail-in-close', {}, /link lost while closing/],
  ] as const) {
    test(`a lost link reported late (${mode}) makes the scenario broken: exit 2`, async () => {
      const dir = sandbox();
      const r = await misbehave(dir, mode, options);
      assert.equal(r.code, EXIT.broken, r.out);
      assert.match(r.out, /conformance: 0 passed, 0 failed, 1 broken, 0 skipped/);
      assert.match(readFileSync(join(dir, 'reports', 'summary.txt'), 'utf8'), reason);
      assert.equal(certificate(dir).verdict, 'incomplete');
    });
  }

  test('a lost link reported after close is logged with its scenario and qualifies the certificate', async () => {
    const dir = sandbox();
    const r = await misbehave(dir, 'fail-after-close');
    assert.equal(r.code, EXIT.passed, r.out);
    assert.match(r.out, /After "support\/selftest\/fixtures\/features\/adapter\/call\.feature:11 Alice calls Bob" had closed, its adapter reported a failure: link lost after close/);
    assert.match(certificate(dir).qualifications.join(' '), /reported 1 failure\(s\) after their scenario had closed/);
  });

  test('a lost link reported after the run wrote its reports still qualifies the certificate and is listed in the summary', async () => {
    const dir = sandbox();
    const r = await misbehave(dir, 'fail-while-exiting');
    assert.equal(r.code, EXIT.passed, r.out);
    assert.match(r.out, /its adapter reported a failure: link lost while the run ended/);
    assert.match(certificate(dir).qualifications.join(' '), /reported 1 failure\(s\) after their scenario had closed/);
    assert.match(readFileSync(join(dir, 'reports', 'summary.txt'), 'utf8'), /after the run had completed[^]*Alice calls Bob: link lost while the run ended/);
    assert.match(markdown(dir), /reported 1 failure\(s\) after their scenario had closed/);
  });

  test('close() that never resolves and holds a timer: the run ends within the grace period, exit 2, and says what was left open', async () => {
    const dir = sandbox();
    const r = await misbehave(dir, 'hang-close', {}, ['--shutdown-grace', '3000']);
    assert.equal(r.code, EXIT.broken, r.out);
    assert.ok(r.ms < BOUND_MS - 60_000, `ended by itself, after ${String(r.ms)} ms`);
    const c = certificate(dir);
    assert.match(c.qualifications.join(' '), /adapter did not shut down cleanly \(still open after the grace period: a timer \(Timeout\)/);
  });

  test('open() that hangs holding a listening socket: the run ends, exit 2, naming the socket', async () => {
    const dir = sandbox();
    const r = await misbehave(dir, 'hang-open', {}, ['--shutdown-grace', '2000']);
    assert.equal(r.code, EXIT.broken, r.out);
    assert.match(certificate(dir).qualifications.join(' '), /a listening TCP server/);
  });

  test('an uncaught exception in an adapter\'s timer: incomplete, exit 2, with the error', async () => {
    const dir = sandbox();
    const r = await misbehave(dir, 'throw-in-timer');
    assert.equal(r.code, EXIT.broken, r.out);
    assert.equal(certificate(dir).verdict, 'incomplete');
    assert.match(certificate(dir).incomplete?.reason ?? '', /exited with code 1 before the run completed \(Error: adapter timer exploded\)/);
  });

  test('one million events in one scenario: broken as a flood, exit 2, bounded memory and report files', async () => {
    const dir = sandbox();
    // With every report (not --no-report): the Allure results and report, cucumber's HTML report and message stream are bounded too.
    const config = writeJson(dir, 'flood.json', { adapter: ADAPTER, adapterOptions: { mode: 'flood', floodCount: 1_000_000 }, timeoutMs: 500, settleMs: 200 });
    const r = await runCli(dir, 'support/cli/conformance.ts', ['--features', FIXTURE, '--config', config], BOUND_MS);
    assert.equal(r.code, EXIT.broken, r.out);
    assert.ok(r.ms < BOUND_MS, `took ${String(r.ms)} ms`);
    assert.match(readFileSync(join(dir, 'reports', 'summary.txt'), 'utf8'), /flood: more than 10000 events in one scenario/);
    const run = JSON.parse(readFileSync(join(dir, 'reports', 'run.json'), 'utf8')) as { maxRssKb: number };
    assert.ok(run.maxRssKb < 1.5 * 1024 * 1024, `peak RSS ${String(run.maxRssKb)} kB`);
    const files = readdirSync(join(dir, 'reports'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    for (const name of ['cucumber-messages.ndjson', 'cucumber-report.html', 'cucumber-junit.xml', 'summary.json']) assert.ok(files.some((e) => e.name === name), `${name} was written`);
    assert.ok(files.some((e) => e.parentPath.endsWith('allure-results')), 'Allure results were written');
    for (const e of files) {
      const size = statSync(join(e.parentPath, e.name)).size;
      assert.ok(size < 20 * 1024 * 1024, `${join(e.parentPath, e.name)}: ${String(size)} bytes`);
    }
  });
});

describe('honest verdicts', { concurrency: 2 }, () => {
  test('a --tags run is "conformant (partial)", exit 0, and the certificate names the filter', async () => {
    const dir = sandbox();
    const r = await run(dir, ['--tags', '@model:release-phase']);
    assert.equal(r.code, EXIT.passed, r.out);
    const c = certificate(dir);
    assert.equal(c.verdict, 'conformant (partial)');
    assert.deepEqual(c.scope.filter, ['--tags "@model:release-phase"']);
    assert.match(markdown(dir), /\*\*Filter:\*\* --tags "@model:release-phase"/);
    assert.match(c.notExercised.find((n) => n.slug === 'conference')?.reason ?? '', /not selected by the filter --tags "@model:release-phase"/);
    assert.ok(!c.notCovered.includes('release-phase'));
  });

  test('a single-site lab: a model whose every scenario is gated off is listed as not exercised with the capability it lacks', async () => {
    const dir = sandbox();
    const r = await run(dir, ['--adapter', 'support/adapter/fixtures/singleSiteLab.ts', '--tags', '@model:iscc-transaction-types']);
    assert.equal(r.code, EXIT.broken, `nothing passed, nothing could be tested: ${r.out}`);
    const c = certificate(dir);
    const entry = c.notExercised.find((n) => n.slug === 'iscc-transaction-types');
    assert.match(entry?.reason ?? '', /every scenario skipped: .*capability "multi-site"/);
    assert.match(markdown(dir), /- iscc-transaction-types: every scenario skipped/);
    assert.match(markdown(dir), /\*\*Adapter capabilities:\*\* requests: RequestMakeCall, [^\n]*; features: [^\n]*call-parking/);
    assert.doesNotMatch(markdown(dir), /features: [^\n]*multi-site/);
  });
});

describe('--record never destroys', { concurrency: 2 }, () => {
  test('an existing file is refused (64) and left whole; --record X --replay X is refused', async () => {
    const dir = sandbox();
    const file = join(dir, 'lab.ndjson');
    writeFileSync(file, '{"name":"EventRinging","attributes":{}}\n');
    const refused = await run(dir, ['--features', FIXTURE, '--record', file]);
    assert.equal(refused.code, EXIT.usage, refused.out);
    assert.match(refused.out, /the file exists; it is never overwritten unless you add --record-overwrite/);
    const same = await run(dir, ['--features', FIXTURE, '--record', file, '--replay', file]);
    assert.equal(same.code, EXIT.usage, same.out);
    assert.match(same.out, /would overwrite the trace being replayed/);
    assert.equal(readFileSync(file, 'utf8'), '{"name":"EventRinging","attributes":{}}\n');
  });

  test('--record-append continues the file after a session marker; a crashed run leaves the file as it was', async () => {
    const dir = sandbox();
    const file = join(dir, 'lab.ndjson');
    const first = await run(dir, ['--features', FIXTURE, '--record', file]);
    assert.equal(first.code, EXIT.passed, first.out);
    const once = readFileSync(file, 'utf8');
    assert.match(once, /^\{"name":"Session"/);
    const appended = await run(dir, ['--features', FIXTURE, '--record', file, '--record-append']);
    assert.equal(appended.code, EXIT.passed, appended.out);
    const twice = readFileSync(file, 'utf8');
    assert.ok(twice.startsWith(once));
    assert.equal(twice.match(/"name":"Session"/g)?.length, 2);
    const config = writeJson(dir, 'exit.json', { adapter: ADAPTER, adapterOptions: { mode: 'exit-in-send' }, timeoutMs: 500 });
    const crashed = await run(dir, ['--features', FIXTURE, '--config', config, '--record', file, '--record-overwrite']);
    assert.equal(crashed.code, EXIT.broken, crashed.out);
    assert.equal(readFileSync(file, 'utf8'), twice, 'the crashed run did not touch the recording');
    assert.match(crashed.out, /--record: the run did not complete; .*lab\.ndjson was left as it was/);
  });
});

describe('the command line', { concurrency: 2 }, () => {
  test('--help exits 0 and describes the options; usage errors are found before anything runs', async () => {
    const dir = sandbox();
    const help = await run(dir, ['-h']);
    assert.equal(help.code, EXIT.passed);
    for (const option of ['--adapter', '--config', '--tags', '--replay', '--record', '--shutdown-grace', '--max-events']) assert.match(help.out, new RegExp(option));
    const nothing = await run(dir, ['--tags', '@model:no-such-model']);
    assert.equal(nothing.code, EXIT.usage, nothing.out);
    assert.match(nothing.out, /The filter --tags "@model:no-such-model" matches no scenario/);
    const badTags = await run(dir, ['--tags', '@a and (']);
    assert.equal(badTags.code, EXIT.usage, badTags.out);
    assert.match(badTags.out, /--tags "@a and \(": not a tag expression/);
    const badName = await run(dir, ['--name', '(']);
    assert.equal(badName.code, EXIT.usage);
    const adapter = await run(dir, ['--adapter', './lab/my-adaptr.ts']);
    assert.equal(adapter.code, EXIT.usage);
    assert.match(adapter.out, /--adapter: no such adapter module: \.\/lab\/my-adaptr\.ts/);
    assert.ok(adapter.out.split('\n').filter(Boolean).length <= 3, adapter.out);
    assert.deepEqual(existsSync(join(dir, 'reports')) ? readdirSync(join(dir, 'reports')) : [], [], 'nothing ran, nothing was written');
  });
});
