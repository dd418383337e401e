/**
 * End-to-end self-tests of the harness through the command users run: a simulator variant with one
 * fault must make the matching scenario fail (exit 1) with a diff that names the DN, the event and
 * the attribute; a legal reordering across DNs must still pass; an adapter that never answers must
 * make the scenario broken (exit 2) within the timeout.
 */
import { describe, test as it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sandbox } from '../selftest/sandbox';
import { SimulatorAdapter } from '../simulator/SimulatorAdapter';
import { TYPESCRIPT_NODE_ARGS } from '../accel/typescriptNode';
import { CallRecognizer, loadPlans, type CallVerdict } from '../recognize';
import { readTrace } from '../trace/read';
import { LogParser } from '../trace/logParser';
import { openedOf } from '../trace/opened';
import { busyLogOf, nativeLogOf } from '../trace/nativeLog';

const DIR = mkdtempSync(join(tmpdir(), 'cmc-selftest-'));
const FAULTY = 'support/adapter/fixtures/faultySimulator.ts';
const SILENT = 'support/adapter/fixtures/silentAdapter.ts';

interface Ran { status: number | null; stdout: string; stderr: string }

/**
 * `npm run conformance -- …args` as a child process in a scratch copy of the project (several run at
 * once: each writes its own reports/, never the project's or another run's).
 */
function run(args: readonly string[]): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...TYPESCRIPT_NODE_ARGS, 'support/cli/conformance.ts', ...args], { cwd: sandbox(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => { stdout += c; });
    child.stderr.setEncoding('utf8').on('data', (c: string) => { stderr += c; });
    const timer = setTimeout(() => child.kill('SIGKILL'), 180_000);
    child.once('error', reject);
    child.once('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

async function conformance(adapter: string, options: object, name: string, timeoutMs = 3000): Promise<{ code: number | null; out: string }> {
  const config = join(DIR, `${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(config, JSON.stringify({ adapter, adapterOptions: options, timeoutMs }));
  const r = await run(['--config', config, '--name', name, '--no-report']);
  return { code: r.status, out: `${r.stdout}\n${r.stderr}` };
}

const RINGS = "^Alice calls Bob, and Bob's phone rings";

// Each test is a separate run in its own process, scratch project and temporary files: they run side by side.
/**
 * Each scenario part of a recording written as a native SIP Server log of its own and recognized as
 * a real log is (stimuli inferred): the scenarios whose calls deviate. Multi-site parts are left out
 * (one log is one switch's).
 */
/**
 * Each scenario part of a recording as a real switch's native log (support/trace/nativeLog.ts),
 * recognised: `alone`, each part a log of its own (the scenarios whose part deviates); `busy`,
 * every part in one log at once (a busy switch: part k starts 1.5 s after part k-1, each with
 * identities of its own), the outcomes of each part's calls against those it gets alone; and that
 * busy log rotated into two files (see {@link rotatedDeviating}).
 */
function asNativeLogs(recording: string, plans: Awaited<ReturnType<typeof loadPlans>>['plans']): { deviating: string[]; busyDiffers: string[]; rotatedDeviating: string[] } {
  const parts: { scenario: string; lines: string[] }[] = [];
  for (const line of recording.trim().split('\n')) {
    const o = JSON.parse(line) as { name: string; attributes: { scenario?: string } };
    if (o.name === 'Scenario') parts.push({ scenario: (o.attributes.scenario ?? '').split(' ')[0] ?? '', lines: [] });
    else if (o.name !== 'Session') parts[parts.length - 1]?.lines.push(line);
  }
  const oneSite = parts.filter((p) => !p.lines.some((l) => l.includes('"site":')));
  const judge = (text: string, onVerdict: (v: CallVerdict) => void, name = 'SELFTEST.20260304_100000_000.log'): void => {
    // As recognizeFile reads a file: opened when its banner says (support/trace/opened.ts).
    const opened = openedOf(name, text);
    const recognizer = new CallRecognizer({ plans, onVerdict, ...(opened ? { opened } : {}) });
    const parser = new LogParser(name, (r) => recognizer.push(r));
    text.split('\n').forEach((line, n) => parser.push(line, n + 1));
    parser.end();
    recognizer.flush();
  };
  const deviating: string[] = [];
  const alone = oneSite.map((part) => {
    const outcomes: string[] = [];
    judge(nativeLogOf(part.lines), (v) => {
      outcomes.push(v.outcome);
      if (v.outcome === 'deviates') deviating.push(part.scenario);
    });
    return outcomes.sort().join(',');
  });
  // A busy log's ConnIDs start with their part's number (1, 2, … in hex): a call of one part only is that part's.
  const busy = oneSite.map((): string[] => []);
  const busyDiffers: string[] = [];
  judge(busyLogOf(oneSite.map((p) => p.lines), 1_500), (v) => {
    const of = [...new Set(v.calls.map((c) => parseInt(c.slice(0, 6), 16)))];
    const mine = of.length === 1 && of[0] !== undefined ? busy[of[0] - 1] : undefined;
    if (mine) mine.push(v.outcome);
    else busyDiffers.push(`a call of parts ${of.join('+') || 'none'} (${v.from}): ${v.outcome}`);
  });
  oneSite.forEach((p, i) => {
    const got = (busy[i] ?? []).sort().join(',');
    if (got !== alone[i]) busyDiffers.push(`${p.scenario}: alone ${alone[i] ?? ''}, busy ${got}`);
  });
  return { deviating, busyDiffers, rotatedDeviating: rotatedDeviating(busyLogOf(oneSite.map((p) => p.lines), 1_500), judge) };
}

/**
 * The busy log rotated into two files, each judged alone: the calls that deviate, as `file:line
 * scenario`. Cut between two bursts (where no dump follows another within half a second) and in the
 * middle of a call's first burst (after its first dump, its second 50 ms or less later; at routing
 * points among them, where a call's EventQueued then goes in the first file): the second file starts with calls,
 * agents, busy lines, transfers and a supervisor's monitoring going on, and a mid-burst cut with
 * calls whose first events are in the first file. The second file's banner is a rotated file's: it
 * was opened just before its first record (support/trace/opened.ts). The first file is judged once,
 * cut past the middle between bursts: one cut elsewhere ends it with a dialling whose phone rings
 * two seconds later, in the next file (a log's end is judged as such, see README).
 */
function rotatedDeviating(log: string, judge: (text: string, onVerdict: (v: CallVerdict) => void, name?: string) => void): string[] {
  const lines = log.split('\n');
  const header = /^(?:@(\d\d:\d\d:\d\d\.\d+) |2026-03-04T(\d\d:\d\d:\d\d\.\d+) Trc)/;
  const ms = (t: string): number => t.split(':').reduce((a, v) => a * 60 + Number(v), 0) * 1000;
  const pauses: number[] = [];
  /** Cuts after a call's first dump, in its first burst (its second dump 50 ms or less later): the call's start is in the first file. */
  const bursts: number[] = [];
  /** Those at a routing point: EventQueued in the first file, EventRouteRequest in the second. */
  const routed: number[] = [];
  let previous = { at: Number.NaN, conn: undefined as string | undefined, name: '' };
  const dumps = new Map<string, number>();
  lines.forEach((line, i) => {
    const m = header.exec(line);
    if (!m) return;
    const at = ms(m[1] ?? m[2] ?? '');
    const conn = lines.slice(i + 1, i + 4).map((l) => /^\tAttributeConnID\t(\w+)/.exec(l)?.[1]).find(Boolean);
    const name = /message (\w+)/.exec(line)?.[1] ?? '';
    const nth = conn === undefined ? 0 : (dumps.get(conn) ?? 0) + 1;
    if (conn !== undefined) dumps.set(conn, nth);
    if (at - previous.at >= 500) pauses.push(i);
    else if (at - previous.at <= 50 && nth === 2 && conn === previous.conn) (previous.name === 'EventQueued' && name === 'EventRouteRequest' ? routed : bursts).push(i);
    previous = { at, conn, name };
  });
  assert.ok(pauses.length > 100 && bursts.length > 20 && routed.length > 5, `${String(pauses.length)} pauses, ${String(bursts.length + routed.length)} calls' first bursts (${String(routed.length)} routed) in the busy log`);
  const banner = lines.slice(0, lines.findIndex((l) => l === '') + 1);
  /** The second file from line `cut` on, with the banner of a file opened 2 ms before that line's record, and its name. */
  const from = (cut: number): { text: string; name: string } => {
    const m = header.exec(lines[cut] ?? '');
    const opened = new Date(Date.UTC(2026, 2, 4) + ms(m?.[1] ?? m?.[2] ?? '') - 2).toISOString().slice(0, 23);
    const name = `SELFTEST.${opened.slice(0, 10).replace(/-/g, '')}_${opened.slice(11, 23).replace(/:/g, '').replace('.', '_')}.log`;
    const own = banner.map((l) => (l.startsWith('Local time:') ? `Local time:       ${opened}` : l.startsWith('File:') ? `File:             (2) /var/log/sips/${name}` : l));
    return { text: `${[...own, ...lines.slice(cut)].join('\n')}\n`, name };
  };
  const middle = pauses.find((c) => c > lines.length / 2) ?? 0;
  const at = (cuts: readonly number[], k: number, of: number): number => cuts[Math.floor((k * cuts.length) / of)] ?? 0;
  const files = [{ text: `${lines.slice(0, middle).join('\n')}\n`, name: undefined }, ...[1, 2, 3, 4, 5, 6].map((k) => from(at(pauses, k, 7))), ...[1, 2, 3, 4].map((k) => from(at(bursts, k, 5))), ...[0, 1, 2, 3].map((k) => from(at(routed, k, 4)))];
  const deviating: string[] = [];
  for (const file of files) {
    judge(file.text, (v) => { if (v.outcome === 'deviates') deviating.push(`${v.from} ${v.deviation?.scenario.name ?? ''}`); }, file.name);
  }
  return deviating;
}

describe('npm run conformance, end to end', { concurrency: 4 }, () => {

  it('a simulator that drops an event fails the scenario with a diff naming the DN and the event', async () => {
    const { code, out } = await conformance(FAULTY, { fault: { kind: 'drop', request: 'RequestMakeCall', event: 'EventRinging' } }, RINGS);
    assert.equal(code, 1, out);
    assert.match(out, /Not conformant: the observed events differ from the model/);
    assert.match(out, /DN 7002 \(Bob\): expected 1, received 0/);
    assert.match(out, /- EventRinging +ConnID=\$call1 .* missing/);
  });

  it('a wrong attribute value fails with the attribute, expected and actual value', async () => {
    const fault = { kind: 'set', request: 'RequestMakeCall', event: 'EventRinging', attribute: 'ThisDNRole', value: 'Origination' };
    const { code, out } = await conformance(FAULTY, { fault }, RINGS);
    assert.equal(code, 1, out);
    assert.match(out, /First divergence: DN 7002, event 1: expected EventRinging \(line \d+\), observed #\d+ EventRinging \(differs in ThisDNRole\)/);
    assert.match(out, /ThisDNRole: expected Destination, got Origination/);
  });

  it('two events swapped on one DN fail, reported as out of order', async () => {
    const fault = { kind: 'swap', request: 'RequestMakeCall', dn: '7001' };
    const { code, out } = await conformance(FAULTY, { fault }, '^Alice calls Bob while Bob is talking to Carol');
    assert.equal(code, 1, out);
    assert.match(out, /DN 7001 \(Alice\): expected 2, received 2/);
    assert.match(out, /EventDestinationBusy .*arrived out of order|First divergence: DN 7001, event 1/);
  });

  it('an extra event on a monitored DN fails the scenario, naming the DN and the event', async () => {
    const fault = { kind: 'extra', request: 'RequestMakeCall', dn: '7003', name: 'EventHeld' };
    const { code, out } = await conformance(FAULTY, { fault }, RINGS);
    assert.equal(code, 1, out);
    assert.match(out, /events that the model does not expect arrived after the stimulus/);
    assert.match(out, /\+ DN 7003 \(Carol\): #\d+ EventHeld/);
  });

  it('a legal reordering across DNs (one documented row) still passes', async () => {
    const { code, out } = await conformance(FAULTY, { fault: { kind: 'reverse', request: 'RequestAnswerCall' } }, '^Bob answers, and both parties are connected');
    assert.equal(code, 0, out);
    assert.match(out, /conformance: 1 passed, 0 failed, 0 broken, 0 skipped/);
  });

  it('an adapter that never answers makes the scenario broken, not failed, within the timeout', async () => {
    const started = Date.now();
    const { code, out } = await conformance(SILENT, {}, RINGS, 500);
    assert.equal(code, 2, out);
    assert.match(out, /no event at all arrived within 500 ms after the stimulus/);
    assert.match(out, /0 not conformant \(failed\), 1 could not be tested \(broken\)/);
    assert.ok(Date.now() - started < 120_000, 'bounded by the 500 ms timeout, not hanging');
  });

  it('an adapter that hangs while opening is broken too, and the run ends', async () => {
    const { code, out } = await conformance(SILENT, { hangOnOpen: true }, RINGS, 500);
    assert.equal(code, 2, out);
    assert.match(out, /could not open the adapter "silent adapter": no answer within 500 ms/);
  });

  it('the README\'s example adapter runs the suite through the public contract alone', async () => {
    // It declares no capability by default; given the simulator's own (adapterOptions.features), a scenario that requires one runs.
    const { code, out } = await conformance('support/adapter/examples/ctiClientAdapter.ts', { features: new SimulatorAdapter().capabilities.features }, "^Bob redirects Alice's ringing call to Carol$");
    assert.equal(code, 0, out);
    assert.match(out, /Conformance summary — support\/adapter\/examples\/ctiClientAdapter\.ts/);
    assert.match(out, /Scenarios: 1 passed, 0 not conformant \(failed\), 0 could not be tested \(broken\), 0 skipped/);
  });

  it('an adapter module that does not exist is a usage error (exit 64) naming the module, before anything runs', async () => {
    const r = await run(['--adapter', 'no/such/adapter.ts', '--name', RINGS, '--no-report']);
    assert.equal(r.status, 64, r.stdout + r.stderr);
    assert.match(r.stderr, /--adapter: no such adapter module: no\/such\/adapter\.ts/);
    assert.equal(r.stdout, '', 'no scenario ran');
  });

  it('an adapter declaring a capability not in the catalogue is a usage error (exit 64), said once, before any scenario runs', async () => {
    const config = join(DIR, 'uncatalogued.json');
    writeFileSync(config, JSON.stringify({ adapter: 'support/adapter/examples/ctiClientAdapter.ts', adapterOptions: { features: ['external-partys'] } }));
    const r = await run(['--config', config, '--no-report']);
    assert.equal(r.status, 64, r.stdout + r.stderr);
    assert.equal(r.stderr.match(/declares capability not in the catalogue[^\n]*"external-partys"/g)?.length, 1, r.stderr);
    assert.equal(r.stdout, '', 'no scenario ran');
  });

  it('record → replay: a recorded run replays with the same verdicts, and an unrecorded model is not exercised', async () => {
    const trace = join(DIR, 'recorded.ndjson');
    const args = ['--no-report', '--tags'];
    const recorded = await run([...args, '@model:release-phase', '--record', trace]);
    assert.equal(recorded.status, 0, recorded.stdout + recorded.stderr);
    const replayed = await run([...args, '@model:release-phase or @model:registration', '--replay', trace]);
    assert.match(replayed.stdout, /conformance: 3 passed, 0 failed, 0 broken, 3 skipped/, replayed.stdout + replayed.stderr);
    assert.match(replayed.stdout, /not exercised: the recording has no RequestRegisterAddress/);
  });

  it('record → replay of the whole suite: no scenario that passed live fails in its replay (the recording keeps each event\'s site, sender and protocol; an outside caller\'s call is found)', async () => {
    const trace = join(DIR, 'whole.ndjson');
    const recorded = await run(['--no-report', '--record', trace]);
    assert.equal(recorded.status, 0, recorded.stdout.slice(-2000) + recorded.stderr);
    const replayed = await run(['--no-report', '--replay', trace]);
    assert.equal(replayed.status, 0, replayed.stdout.slice(-4000) + replayed.stderr);
    const counts = /conformance: (\d+) passed, (\d+) failed, (\d+) broken, (\d+) skipped/.exec(replayed.stdout);
    assert.ok(counts, replayed.stdout.slice(-2000));
    assert.deepEqual([counts[2], counts[3]], ['0', '0'], 'nothing failed or broken');
    // Nearly every scenario is exercised by its own recording (392 of 393 when this was written, the
    // IVR's, the router's, a notified client's and Interaction Server's messages included); the rest say why not.
    assert.ok(Number(counts[1]) >= 385, `${counts[1]} scenarios replayed and passed`);
    // npm run recognize judges the same recording as its replay does: each scenario's part (judged
    // whole, at the level its marker names) conforms or is unrecognised; none deviates.
    const { plans } = await loadPlans();
    const verdicts: CallVerdict[] = [];
    const recognizer = new CallRecognizer({ plans, onVerdict: (v) => verdicts.push(v) });
    await readTrace(trace, (r) => recognizer.push(r));
    recognizer.flush();
    assert.deepEqual(verdicts.filter((v) => v.outcome === 'deviates').map((v) => v.deviation?.diff), []);
    const conform = verdicts.filter((v) => v.outcome === 'conforms').length;
    assert.ok(conform >= 375, `${String(conform)} of ${String(verdicts.length)} parts conform (387 of 393 when this was written)`);
    // The same calls as a real switch's log (support/trace/nativeLog.ts): no markers, no party acts,
    // stimuli inferred from the events. A correct switch's log deviates nowhere. And all of them at
    // once, as a busy switch logs them, each with DNs and agent IDs of its own: every part is judged as
    // it is alone (no call joins another part's; the features' agent 1002 is not asked of the log).
    const native = asNativeLogs(readFileSync(trace, 'utf8'), plans);
    assert.deepEqual(native.deviating, []);
    assert.deepEqual(native.busyDiffers, []);
    // And that log rotated into two files, between bursts and mid-burst, each judged alone (the second starts with
    // calls, busy lines, transfers and a supervisor's monitoring going on): no call deviates in either.
    assert.deepEqual(native.rotatedDeviating, []);
  });

  it('record → replay of a faulty system: the replay fails what the live run failed (an extra event after the last expected one, on a DN no party of the scenario has), nothing more or less', async () => {
    const config = join(DIR, 'extra.json');
    writeFileSync(config, JSON.stringify({ adapter: FAULTY, adapterOptions: { fault: { kind: 'extra', request: 'RequestHoldCall', dn: '7002', name: 'EventRetrieved' } }, timeoutMs: 3000 }));
    const trace = join(DIR, 'extra.ndjson');
    const args = ['--no-report', '--tags', '@model:sca-hold-retrieve or @model:ivr-behind-switch'];
    const live = await run(['--config', config, ...args, '--record', trace]);
    const replayed = await run([...args, '--replay', trace]);
    const failedOf = (out: string): string[] => [...out.matchAll(/^ {2}(features\/\S+:\d+) .* — Not conformant/gm)].map((m) => m[1] ?? '').sort();
    assert.equal(live.status, 1, live.stdout.slice(-2000));
    assert.equal(replayed.status, 1, replayed.stdout.slice(-2000));
    assert.ok(failedOf(live.stdout).length >= 4, live.stdout.slice(-2000));
    assert.deepEqual(failedOf(replayed.stdout), failedOf(live.stdout));
  });

  it('record → replay: scenarios that need a capability the recorded system declared are replayed, not skipped', async () => {
    const trace = join(DIR, 'parking.ndjson');
    const args = ['--no-report', '--tags', '@model:basic-call-parking'];
    const recorded = await run([...args, '--record', trace]);
    assert.equal(recorded.status, 0, recorded.stdout + recorded.stderr);
    const replayed = await run([...args, '--replay', trace]);
    assert.equal(replayed.status, 0, replayed.stdout + replayed.stderr);
    assert.match(replayed.stdout, /conformance: 2 passed, 0 failed, 0 broken, 0 skipped/);
  });
});
