/**
 * End-to-end self-tests of the harness through the command users run: a simulator variant with one
 * fault must make the matching scenario fail (exit 1) with a diff that names the DN, the event and
 * the attribute; a legal reordering across DNs must still pass; an adapter that never answers must
 * make the scenario broken (exit 2) within the timeout.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const DIR = mkdtempSync(join(tmpdir(), 'cmc-selftest-'));
const FAULTY = 'support/adapter/fixtures/faultySimulator.ts';
const SILENT = 'support/adapter/fixtures/silentAdapter.ts';

function conformance(adapter: string, options: object, name: string, timeoutMs = 3000): { code: number | null; out: string } {
  const config = join(DIR, `${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(config, JSON.stringify({ adapter, adapterOptions: options, timeoutMs }));
  const r = spawnSync('node', ['-r', 'ts-node/register/transpile-only', 'support/cli/conformance.ts', '--config', config, '--name', name, '--no-report'], {
    encoding: 'utf8', timeout: 180_000,
  });
  return { code: r.status, out: `${r.stdout}\n${r.stderr}` };
}

const RINGS = "^Alice calls Bob, and Bob's phone rings";

test('a simulator that drops an event fails the scenario with a diff naming the DN and the event', () => {
  const { code, out } = conformance(FAULTY, { fault: { kind: 'drop', request: 'RequestMakeCall', event: 'EventRinging' } }, RINGS);
  assert.equal(code, 1, out);
  assert.match(out, /Not conformant: the observed events differ from the model/);
  assert.match(out, /DN 7002 \(Bob\): expected 1, received 0/);
  assert.match(out, /- EventRinging +ConnID=\$call1 .* missing/);
});

test('a wrong attribute value fails with the attribute, expected and actual value', () => {
  const fault = { kind: 'set', request: 'RequestMakeCall', event: 'EventRinging', attribute: 'ThisDNRole', value: 'Origination' };
  const { code, out } = conformance(FAULTY, { fault }, RINGS);
  assert.equal(code, 1, out);
  assert.match(out, /First divergence: DN 7002, event 1: expected EventRinging \(line \d+\), observed #\d+ EventRinging \(differs in ThisDNRole\)/);
  assert.match(out, /ThisDNRole: expected Destination, got Origination/);
});

test('two events swapped on one DN fail, reported as out of order', () => {
  const fault = { kind: 'swap', request: 'RequestMakeCall', dn: '7001' };
  const { code, out } = conformance(FAULTY, { fault }, '^Alice calls Bob while Bob is talking to Carol');
  assert.equal(code, 1, out);
  assert.match(out, /DN 7001 \(Alice\): expected 2, received 2/);
  assert.match(out, /EventDestinationBusy .*arrived out of order|First divergence: DN 7001, event 1/);
});

test('an extra event on a monitored DN fails the scenario, naming the DN and the event', () => {
  const fault = { kind: 'extra', request: 'RequestMakeCall', dn: '7003', name: 'EventHeld' };
  const { code, out } = conformance(FAULTY, { fault }, RINGS);
  assert.equal(code, 1, out);
  assert.match(out, /events that the model does not expect arrived after the stimulus/);
  assert.match(out, /\+ DN 7003 \(Carol\): #\d+ EventHeld/);
});

test('a legal reordering across DNs (one documented row) still passes', () => {
  const { code, out } = conformance(FAULTY, { fault: { kind: 'reverse', request: 'RequestAnswerCall' } }, '^Bob answers, and both parties are connected');
  assert.equal(code, 0, out);
  assert.match(out, /conformance: 1 passed, 0 failed, 0 broken, 0 skipped/);
});

test('an adapter that never answers makes the scenario broken, not failed, within the timeout', () => {
  const started = Date.now();
  const { code, out } = conformance(SILENT, {}, RINGS, 500);
  assert.equal(code, 2, out);
  assert.match(out, /no event at all arrived within 500 ms after the stimulus/);
  assert.match(out, /0 not conformant \(failed\), 1 could not be tested \(broken\)/);
  assert.ok(Date.now() - started < 120_000, 'bounded by the 500 ms timeout, not hanging');
});

test('an adapter that hangs while opening is broken too, and the run ends', () => {
  const { code, out } = conformance(SILENT, { hangOnOpen: true }, RINGS, 500);
  assert.equal(code, 2, out);
  assert.match(out, /could not open the adapter "silent adapter": no answer within 500 ms/);
});

test('the README\'s example adapter runs the suite through the public contract alone', () => {
  const r = spawnSync('node', ['-r', 'ts-node/register/transpile-only', 'support/cli/conformance.ts', '--adapter', 'support/adapter/examples/ctiClientAdapter.ts',
    '--name', '^Bob answers, and both parties are connected', '--no-report'], { encoding: 'utf8', timeout: 180_000 });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /Conformance summary — support\/adapter\/examples\/ctiClientAdapter\.ts/);
});

test('an adapter module that does not exist is a usage error (exit 64) naming the module, before anything runs', () => {
  const r = spawnSync('node', ['-r', 'ts-node/register/transpile-only', 'support/cli/conformance.ts', '--adapter', 'no/such/adapter.ts',
    '--name', RINGS, '--no-report'], { encoding: 'utf8', timeout: 180_000 });
  assert.equal(r.status, 64, r.stdout + r.stderr);
  assert.match(r.stderr, /--adapter: no such adapter module: no\/such\/adapter\.ts/);
  assert.equal(r.stdout, '', 'no scenario ran');
});

test('record → replay: a recorded run replays with the same verdicts, and an unrecorded model is not exercised', () => {
  const trace = join(DIR, 'recorded.ndjson');
  const args = ['-r', 'ts-node/register/transpile-only', 'support/cli/conformance.ts', '--no-report', '--tags'];
  const recorded = spawnSync('node', [...args, '@model:release-phase', '--record', trace], { encoding: 'utf8', timeout: 180_000 });
  assert.equal(recorded.status, 0, recorded.stdout + recorded.stderr);
  const replayed = spawnSync('node', [...args, '@model:release-phase or @model:registration', '--replay', trace], { encoding: 'utf8', timeout: 180_000 });
  assert.match(replayed.stdout, /conformance: 3 passed, 0 failed, 0 broken, 3 skipped/, replayed.stdout + replayed.stderr);
  assert.match(replayed.stdout, /not exercised: the recording has no RequestRegisterAddress/);
});

test('record → replay: scenarios that need a capability the recorded system declared are replayed, not skipped', () => {
  const trace = join(DIR, 'parking.ndjson');
  const args = ['-r', 'ts-node/register/transpile-only', 'support/cli/conformance.ts', '--no-report', '--tags', '@model:basic-call-parking'];
  const recorded = spawnSync('node', [...args, '--record', trace], { encoding: 'utf8', timeout: 180_000 });
  assert.equal(recorded.status, 0, recorded.stdout + recorded.stderr);
  const replayed = spawnSync('node', [...args, '--replay', trace], { encoding: 'utf8', timeout: 180_000 });
  assert.equal(replayed.status, 0, replayed.stdout + replayed.stderr);
  assert.match(replayed.stdout, /conformance: 2 passed, 0 failed, 0 broken, 0 skipped/);
});
