/**
 * Issue 17 acceptance, through the command users run: `npm run conformance -- --replay <log>` on
 * native SIP Server logs (support/trace/fixtures/replay/, and the reader's own fixture). Correct
 * logs — a CTI-driven basic call, a hold/retrieve with a consultation, the same basic call driven
 * from the phones, two unrelated calls — exit 0 against every feature, exercising the scenarios
 * named here and failing none; each deviant log exits 1 naming its fault. A log of under 130 lines
 * replays in seconds: the correct logs run with the longest step timeout the harness allows (50 s),
 * so a precondition the finite log never reaches must end at once (the replay adapter's `settled`),
 * or the scenario would wait out the timeout and end broken (which fails the test). The run's time is printed; no time is
 * asserted (a shared machine).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { conformance, sandbox, type CliResult } from './sandbox';
import { callText } from '../../bench/logGenerator';

const LOGS = resolve(__dirname, '..', 'trace', 'fixtures', 'replay');
const TIMEOUT = 240_000;
/** The step timeout of the correct-log replays, the longest allowed (support/config/runConfig.ts): nothing may wait for it (see above). */
const LONGEST_TIMEOUT = 50_000;

interface Outcome {
  readonly uri: string;
  readonly line: number;
  readonly name: string;
  readonly outcome: string;
  readonly reason?: string;
}

async function replay(log: string, extra: readonly string[] = []): Promise<{ run: CliResult; outcomes: Outcome[] }> {
  const dir = sandbox();
  const run = await conformance(dir, ['--replay', log, ...extra], TIMEOUT);
  const summary = JSON.parse(readFileSync(join(dir, 'reports', 'summary.json'), 'utf8')) as { scenarios: Outcome[] };
  console.log(`${log}: exit ${String(run.code)} in ${run.ms} ms`);
  return { run, outcomes: summary.scenarios };
}

const named = (outcomes: readonly Outcome[], outcome: string): string[] =>
  outcomes.filter((o) => o.outcome === outcome).map((o) => `${o.uri.split('/').pop() ?? ''}:${o.line}`).sort();

const CORRECT: readonly [string, string, readonly string[]][] = [
  ['a CTI-driven basic call', 'cti-basic-call.log', ['basic-internal-inbound-call.feature:29', 'basic-internal-inbound-call.feature:36', 'release-phase.feature:18', 'release-phase.feature:34']],
  ['a hold/retrieve with a consultation', 'cti-hold-retrieve-consultation.log', [
    'basic-internal-inbound-call.feature:29', 'basic-internal-inbound-call.feature:36', 'hold-retrieve-consulted-answers.feature:26', 'hold-retrieve-consulted-answers.feature:33',
    'hold-retrieve-consulted-answers.feature:42', 'hold-retrieve-consulted-answers.feature:52', 'hold-retrieve-consulted-answers.feature:62', 'hold-retrieve-consulted-no-answer.feature:23',
    'hold-retrieve-consulted-no-answer.feature:30']],
  // From the phones: the same scenarios, except the one that checks the ReferenceID of a request (there is none).
  ['the same basic call driven from the phones', 'phone-basic-call.log', ['basic-internal-inbound-call.feature:29', 'basic-internal-inbound-call.feature:36', 'release-phase.feature:18']],
  ['two unrelated calls (one from a desktop, one from the phones)', 'two-unrelated-calls.log', [
    'basic-internal-inbound-call.feature:29', 'basic-internal-inbound-call.feature:36', 'release-phase.feature:18', 'release-phase.feature:26', 'release-phase.feature:34']],
  ['the reader\'s native fixture', join('..', 'native-sipserver.log'), ['basic-internal-inbound-call.feature:29', 'basic-internal-inbound-call.feature:36']],
  // A contact center's DN: Bob's has an agent, who goes into after-call work as the call is released
  // (EventAgentNotReady, AgentWorkMode AfterCallWork). The call models cast Bob as an extension: not unexpected.
  ['a basic call to an agent who does after-call work', 'agent-after-call-work.log', ['basic-internal-inbound-call.feature:29', 'basic-internal-inbound-call.feature:36', 'release-phase.feature:18']],
  // A contact center's day in three parts: an agent logs in and becomes ready (a scenario that
  // starts with the agent logged out — "becoming ready without being logged in is refused" — is not
  // judged on her); a supervisor monitors Bob's next call (a basic call is not judged on it); Bob
  // consults Carol for a conference, and the switch holds the main call without the request's
  // ReferenceID (that EventHeld is the request's consequence, not Bob pressing hold).
  ['an agent logging in, a supervised call and a consultation', 'agent-monitor-conference.log', [
    'agent-login-logout.feature:23', 'agent-ready-not-ready-acw.feature:25', 'basic-internal-inbound-call.feature:29', 'basic-internal-inbound-call.feature:36',
    'conference.feature:32', 'conference.feature:42']],
  // A shared line (SIP Server shared call appearance): both appearances ring (CallState Covered,
  // AppearanceIndex), Sam answers, Tess's appearance is released, and Tess barges in from her phone.
  // Judged against the shared-line models, not the basic call (CallState Covered failed it before).
  ['a shared line\'s call, answered at one appearance and barged in on at the other', 'sca-shared-line.log', ['sca-inbound-answered.feature:32', 'sca-inbound-answered.feature:43']],
  // Bob turns on do-not-disturb; Alice calls him and hears busy, then hangs up. EventDNDOn shows 7002
  // is an extension the switch knows: "a DN the switch does not know cannot turn on do-not-disturb"
  // was judged on it and FAILED before (7002 was taken for an outside number).
  ['a call to a destination with do-not-disturb on', 'dnd-destination.log', ['dnd-destination.feature:21', 'dnd-destination.feature:31', 'dnd-forward-message-waiting.feature:26']],
  // An outside caller's call, answered by Bob and transferred in a single step to Carol: when Bob's
  // release hands the call on (ThirdPartyDN, CallState Transferred), Carol's ringing is that call
  // going on, not a new inbound call (which cut the transfer's events: it FAILED before).
  ['a single-step transfer of an outside caller\'s call', 'single-step-transfer-outside.log', ['basic-internal-inbound-call.feature:47', 'basic-internal-inbound-call.feature:55', 'single-step-transfer.feature:42']],
  // A supervisor observes the Sales queue: the queue diverts an outside caller to Bob, Bob answers, and
  // Carol's monitoring leg rings and connects as observer — consequences of Bob's answer, not Carol
  // answering (which cut Bob's answer short: it FAILED before).
  // Its agent 1002 logs in and becomes ready: the login and ready models of agent 1001 (Alice) hold
  // there too — an agent ID binds as a DN does, a real contact center's agents not being the features'.
  ['a supervisor observing a queue\'s call', 'service-observing-queue.log', ['agent-login-logout.feature:23', 'agent-ready-not-ready-acw.feature:25', 'service-observing-queue.feature:28', 'service-observing-queue.feature:37', 'service-observing-queue.feature:48']],
  // Bob's line also appears, bridged, at 7012: both ring, both connect, and when Alice hangs up both
  // are released within milliseconds — the hang-up's consequences, not Bob hanging up (which cut the
  // release's window: 'Alice releases the call' failed before). The principal's view is the basic call.
  ['a call to a line with a bridged appearance', 'bridged-appearance.log', ['basic-internal-inbound-call.feature:29', 'basic-internal-inbound-call.feature:36', 'release-phase.feature:18', 'release-phase.feature:34']],
  // An agent desktop's browser console (WWE printing GWS API v2 notifications): only the agent's own
  // DN, at call-state level. The inbound call's answer is judged on it; the internal call is not
  // (its caller's view is not in the log), nor anything the level cannot show (roles, CallState).
  ['a desktop\'s browser console log (WWE, GWS API v2)', 'console-wwe-desktop.log', ['basic-internal-inbound-call.feature:55']],
];

// Two runs at a time: each is one process, mostly loading and cucumber.
describe('replays of correct logs', { concurrency: 2 }, () => {
for (const [what, file, exercised] of CORRECT) {
  test(`replay of ${what} (${file}): exit 0, the scenarios it holds pass, no other is failed or broken`, { timeout: TIMEOUT }, async () => {
    const { run, outcomes } = await replay(join(LOGS, file), ['--timeout', String(LONGEST_TIMEOUT)]);
    assert.equal(run.code, 0, run.out.slice(-4000));
    assert.deepEqual(named(outcomes, 'passed'), [...exercised].sort());
    assert.deepEqual([...named(outcomes, 'failed'), ...named(outcomes, 'broken')], []);
    const skipped = outcomes.filter((o) => o.outcome === 'skipped');
    assert.ok(skipped.every((o) => o.reason && /not exercised: |does not declare the capability|, which the .* (?:does not show|cannot show|has no view of)/.test(o.reason)), 'every other scenario says why it was not exercised');
  });
}
});

test('replay of an outbound call that hears busy: the busy-destination model passes, the basic outbound call is not judged on it', { timeout: TIMEOUT }, async () => {
  // The capabilities its scenarios need are the log's own: an outbound call (external-parties), and
  // none reporting EventNetworkReached (network-reached:not-reported).
  const { run, outcomes } = await replay(join(LOGS, 'outbound-busy.log'));
  assert.equal(run.code, 0, run.out.slice(-4000));
  // Otto's busy line is in no log: the call that heard busy shows it. The basic outbound call
  // (Otto's line free) found the busy signal unexpected and failed before.
  assert.deepEqual(named(outcomes, 'passed'), ['outbound-busy-destination.feature:32', 'outbound-busy-destination.feature:55']);
  assert.deepEqual([...named(outcomes, 'failed'), ...named(outcomes, 'broken')], []);
  assert.match(outcomes.find((o) => o.uri.endsWith('basic-outbound-call.feature') && o.line === 72)?.reason ?? '', /heard busy \(EventDestinationBusy\), but the scenario starts Otto's line free/);
});

test('replay of a routing point configured not to divert on ringing, declared in the replay configuration: its model passes, the default routing point\'s is not judged on it', { timeout: TIMEOUT }, async () => {
  const dir = sandbox();
  const config = join(dir, 'lab-replay.json');
  // The capability and the DN: 9002 is the feature's routing point with divert-on-ringing=false.
  // That the switch reports the route used with the call diverted, the log shows: declared for it.
  writeFileSync(config, JSON.stringify({ adapter: 'replay', adapterOptions: { features: ['routing:divert-on-ringing'], dnMap: { 9002: '9002' } } }));
  const log = resolve(LOGS, '..', '..', '..', 'recognize', 'fixtures', 'routing-no-divert-on-ringing.log');
  const { run, outcomes } = await replay(log, ['--config', config, '--tags', '@model:basic-call-routing']);
  assert.equal(run.code, 0, run.out.slice(-4000));
  assert.deepEqual(named(outcomes, 'passed'), ['basic-call-routing.feature:102', 'basic-call-routing.feature:110']);
  assert.deepEqual([...named(outcomes, 'failed'), ...named(outcomes, 'broken')], []);
  // Without the declaration the default routing point's "Bob answers the routed call" is judged on it, and fails.
  const bare = await replay(log, ['--tags', '@model:basic-call-routing']);
  assert.deepEqual(named(bare.outcomes, 'failed'), ['basic-call-routing.feature:81']);
});

test('replay of a file a rotation opened in the middle of a burst: a call whose first event comes just after the opening is no exercise of a scenario (its start may be in the file before), not a failure', { timeout: TIMEOUT }, async () => {
  // Its banner says it was opened 1 ms before its first event: an outside call at the routing point
  // Entry whose EventQueued is the previous file's. "An outside caller calls Entry" failed on it.
  const log = resolve(LOGS, '..', '..', '..', 'recognize', 'fixtures', 'rotated-mid-burst.log');
  const { run, outcomes } = await replay(log, ['--tags', '@model:basic-call-routing']);
  assert.deepEqual(named(outcomes, 'failed'), [], run.out.slice(-4000));
  assert.notEqual(run.code, 1);
  assert.match(run.out, /its call may have begun before this file/);
});

const MODELS = ['--tags', '@model:basic-internal-inbound-call or @model:release-phase'];

const DEVIANT: readonly [string, string, string, RegExp][] = [
  ['the ConnID changes within the call', 'deviant-connid-change.log', 'basic-internal-inbound-call.feature:36', /DN 7002 \(Bob\)[\s\S]*ConnID: expected \$call1 \(= 006e0212a4c10031\), got 006e0212a4c10032/],
  ['an extra EventRinging', 'deviant-extra-ringing.log', 'basic-internal-inbound-call.feature:29', /events that the model does not expect[\s\S]*\+ DN 7002 \(Bob\): #3 EventRinging/],
  ['a missing EventReleased', 'deviant-missing-released.log', 'release-phase.feature:18', /DN 7002 \(Bob\): expected 1, received 0\n\s+- EventReleased .* missing/],
  ['a missing EventRinging', 'deviant-missing-ringing.log', 'basic-internal-inbound-call.feature:29', /DN 7002 \(Bob\): expected 1, received 0\n\s+- EventRinging .* missing/],
  ['a wrong ThisDNRole', 'deviant-wrong-role.log', 'basic-internal-inbound-call.feature:29', /ThisDNRole: expected Destination, got Origination/],
  ['an inbound call the desktop\'s console shows as internal once answered', 'deviant-console-wrong-calltype.log', 'basic-internal-inbound-call.feature:55', /EventEstablished[\s\S]*CallType: expected Inbound, got Internal/],
];

test('a replay judges every call of the log, not only the first that fits a scenario: a correct call and then one without its EventRinging is not conformant', { timeout: TIMEOUT }, async () => {
  const dir = sandbox();
  const log = join(dir, 'TWO_20260304_100000_000.log');
  const bad = callText(1).replace(/@[^\n]*message EventRinging\n(\t[^\n]*\n)*/, '');
  assert.notEqual(bad, callText(1));
  writeFileSync(log, `Application name: SIPS_TWO\nLocal time:       2026-03-04T10:00:00.000\n${callText(0)}${bad}`);
  // "Alice calls Bob" passes on the first call, as before; the second call was never judged, and the
  // run said "conformant (partial)", exit 0.
  const { run, outcomes } = await replay(log);
  assert.ok(named(outcomes, 'passed').includes('basic-internal-inbound-call.feature:29'), run.out.slice(-3000));
  assert.equal(run.code, 1, run.out.slice(-3000));
  assert.match(run.out, /The log's calls: 2 call\(s\), each judged one by one: 1 conform, 1 deviate/);
  assert.match(run.out, /TWO_20260304_100000_000\.log:82: deviates from Alice calls Bob, and Bob's phone rings after Alice's dialing is reported/);
  assert.match(run.out, /Conformance certificate: .*: not conformant/);
  // A filtered run asks about its scenarios only.
  const filtered = await replay(log, ['--tags', '@model:release-phase']);
  assert.equal(filtered.run.code, 0, filtered.run.out.slice(-3000));
  assert.doesNotMatch(filtered.run.out, /The log's calls/);
});

describe('replays of deviant logs', { concurrency: 2 }, () => {
for (const [what, file, scenario, fault] of DEVIANT) {
  test(`replay of a log with ${what} (${file}): exit 1, the scenario it breaks fails naming the fault`, { timeout: TIMEOUT }, async () => {
    const { run, outcomes } = await replay(join(LOGS, file), MODELS);
    assert.equal(run.code, 1, run.out.slice(-4000));
    assert.ok(named(outcomes, 'failed').includes(scenario), `${scenario} failed: ${named(outcomes, 'failed').join(', ')}`);
    assert.deepEqual(named(outcomes, 'broken'), []);
    assert.match(run.out, fault);
  });
}
});

test('a log that cannot be judged soundly is refused before running: exit 64, one message naming the file and line, no raw bytes', { timeout: TIMEOUT }, async () => {
  const dir = sandbox();
  const empty = join(dir, 'empty.log');
  writeFileSync(empty, '');
  const unknown = join(dir, 'notes.txt');
  writeFileSync(unknown, 'call at 10:00 from 7001 to 7002\nanswered\n');
  // A desktop console log whose last notification is cut off before its closing brace.
  const cutConsole = join(dir, 'console-cut.log');
  const consoleLines = readFileSync(join(LOGS, 'console-wwe-desktop.log'), 'utf8').trimEnd().split('\n');
  writeFileSync(cutConsole, `${consoleLines.slice(0, -1).join('\n')}\n`);
  const lastOpened = consoleLines.map((l, i) => (l.endsWith('[TRACE] [WWE.Voice.MediaVoiceExtension] {') ? i + 1 : 0)).reduce((a, b) => Math.max(a, b));
  const cases: [string, RegExp][] = [
    [resolve(LOGS, '..', 'native-damaged.log'), /^--replay: .*native-damaged\.log:3: a truncated or damaged record \(EventRinging: line 6: unreadable bytes inside the record\) \(and 2 more\)/m],
    [resolve(LOGS, '..', 'sip-no-tlib.log'), /^--replay: .*sip-no-tlib\.log: no T-Library message in 12 line\(s\)/m],
    [LOGS, /^--replay: .*replay: not a file \(a directory\)/m],
    [empty, /^--replay: .*empty\.log: the file is empty/m],
    [unknown, /^--replay: .*notes\.txt:1: not a log the harness can read/m],
    [cutConsole, new RegExp(`^--replay: .*console-cut\\.log:${String(lastOpened)}: a truncated or damaged record \\(.*a notification the log ends before its closing "}"\\)`, 'm')],
  ];
  for (const [file, message] of cases) {
    const run = await conformance(dir, ['--replay', file], TIMEOUT);
    assert.equal(run.code, 64, run.out);
    assert.match(run.out, message);
    assert.equal(run.out.trim().split('\n').length, 1, `one message: ${run.out}`);
    assert.ok(!run.out.includes('\0'), 'no raw bytes');
  }
});
