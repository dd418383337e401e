/**
 * The Allure report as a customer gets it: environment.properties escaping, the prose re-flowed,
 * the history a single-file report embeds. The real generation (Java) and the report in Chromium:
 * reports.browser.spec.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allureEnvironment, embeddedHistory, generateAllureReport, historyMismatch, keepAllureHistory, propertiesFile, reflowDescription, type HistoryScope } from './allureReport';
import { buildCertificate } from './certificate';
import { summarise } from './summary';

test('environment.properties: keys with blanks, separators, line breaks and non-ASCII read back as written (Java rules)', () => {
  const text = propertiesFile([['System under test', 'SIP Server 8.1 — lab A'], ['a=b:c', ' leading\nsecond\\line'], ['#not a comment', '!x']]);
  assert.equal(text, 'System\\ under\\ test=SIP Server 8.1 \\u2014 lab A\na\\=b\\:c=\\ leading\\nsecond\\\\line\n\\#not\\ a\\ comment=\\!x\n');
  assert.match(text, /^[\x20-\x7e\n]*$/, 'ASCII only, whatever encoding Allure reads it with');
});

test('the feature prose is re-flowed into paragraphs (no ragged source lines), escaped as HTML', () => {
  const raw = 'Two parties talk and one releases.\n  T-Server tells both <parties>\n  with the same ConnID.\n\n  Source: GenEM, "Release Phase"\n  table read.';
  assert.deepEqual(reflowDescription(raw), {
    text: 'Two parties talk and one releases. T-Server tells both <parties> with the same ConnID.\n\nSource: GenEM, "Release Phase" table read.',
    html: '<p>Two parties talk and one releases. T-Server tells both &lt;parties&gt; with the same ConnID.</p><p>Source: GenEM, &quot;Release Phase&quot; table read.</p>',
  });
  assert.deepEqual(reflowDescription(''), { text: '', html: '' });
});

test('the history files a single-file report embeds are found (and nothing else)', () => {
  const b64 = (s: string): string => Buffer.from(s).toString('base64');
  const html = `d('data/x.json','${b64('{}')}'),\n        d('history/history-trend.json','${b64('[1,2]')}'),d('history/history.json', '${b64('{"a":1}')}')`;
  const files = embeddedHistory(html);
  assert.deepEqual([...files.keys()].sort(), ['history-trend.json', 'history.json']);
  assert.equal(files.get('history-trend.json')?.toString(), '[1,2]');
});

test('a run without an Allure report keeps the history for the next one', () => {
  const reports = mkdtempSync(join(tmpdir(), 'cmc-history-'));
  try {
    const staging = join(reports, '.run-1');
    mkdirSync(staging);
    assert.equal(keepAllureHistory(staging, reports), false, 'no history yet: nothing to keep');
    assert.equal(existsSync(join(staging, 'allure-report')), false);
    mkdirSync(join(reports, 'allure-report', 'history'), { recursive: true });
    writeFileSync(join(reports, 'allure-report', 'history', 'history-trend.json'), '[1]');
    assert.equal(keepAllureHistory(staging, reports), true);
    assert.equal(readFileSync(join(staging, 'allure-report', 'history', 'history-trend.json'), 'utf8'), '[1]');
  } finally {
    rmSync(reports, { recursive: true, force: true });
  }
});

test('the history is carried only into a run of the same system, adapter and filter', () => {
  const lab: HistoryScope = { adapter: 'bridge', systemUnderTest: 'SIP Server (lab A)', filter: [] };
  assert.equal(historyMismatch(lab, { ...lab }), undefined);
  assert.match(historyMismatch(lab, { ...lab, adapter: 'simulator' }) ?? '', /earlier runs were of SIP Server \(lab A\) via bridge, filter none; this one is of SIP Server \(lab A\) via simulator/);
  assert.match(historyMismatch(lab, { ...lab, filter: ['--tags', '@model:release-phase'] }) ?? '', /filter --tags @model:release-phase/, 'a filtered run does not feed the whole run\'s trend');
  assert.match(historyMismatch(lab, { ...lab, systemUnderTest: 'SIP Server (lab B)' }) ?? '', /lab B/);
  assert.match(historyMismatch(undefined, lab) ?? '', /does not say/);
});

test('a failed generation does not throw, says why, and keeps the earlier history (and what it is of) for the swap', () => {
  const reports = mkdtempSync(join(tmpdir(), 'cmc-history-'));
  try {
    const staging = join(reports, '.run-1');
    mkdirSync(join(staging, 'allure-report'), { recursive: true });
    writeFileSync(join(staging, 'allure-report', 'index.html'), 'partial');
    mkdirSync(join(reports, 'allure-report', 'history'), { recursive: true });
    writeFileSync(join(reports, 'allure-report', 'history', 'history-trend.json'), '[1]');
    writeFileSync(join(reports, 'allure-report', 'history-scope.json'), '{}');
    // No allure-results: the Allure formatter wrote nothing (writeFileSync used to throw ENOENT here).
    const generated = generateAllureReport(staging, reports, [['a', 'b']], { adapter: 'simulator', systemUnderTest: 's', filter: [] });
    assert.equal(generated.ok, false);
    assert.match(generated.problem ?? '', /allure-results does not exist/);
    assert.doesNotMatch(generated.problem ?? '', /Java/);
    assert.equal(existsSync(join(staging, 'allure-report', 'index.html')), false, 'no partial report is swapped in');
    assert.equal(readFileSync(join(staging, 'allure-report', 'history', 'history-trend.json'), 'utf8'), '[1]');
    assert.equal(readFileSync(join(staging, 'allure-report', 'history-scope.json'), 'utf8'), '{}');
  } finally {
    rmSync(reports, { recursive: true, force: true });
  }
});

test('the environment panel shows the verdict as the certificate says it, with its qualifications', () => {
  const feature = join(mkdtempSync(join(tmpdir(), 'cmc-env-')), 'a.feature');
  writeFileSync(feature, 'Feature: a\n');
  const summary = summarise([{ name: 'a', uri: 'f', line: 1, model: 'release-phase', evidence: 'documented', inferred: false, outcome: 'passed' }], 'simulator', 'now');
  const c = buildCertificate({ summary, adapter: 'simulator', featureFiles: [feature], staleKnownIssues: [], qualifications: ['adapter did not shut down cleanly'] });
  const env = new Map(allureEnvironment(c));
  assert.match(env.get('Verdict') ?? '', /^conformant \(partial\), adapter did not shut down cleanly$/);
  assert.equal(env.get('Scenarios'), '1 passed, 0 failed, 0 broken, 0 skipped');
});

test('a run of another scope starts its own trend and shelves the earlier one, which its next run resumes (real allure generate)', (t) => {
  if (spawnSync('java', ['-version']).status !== 0) {
    if (process.env.CI) assert.fail('java is missing: allure-commandline needs it');
    t.skip('java is missing (allure-commandline needs it)');
    return;
  }
  const reports = mkdtempSync(join(tmpdir(), 'cmc-shelf-'));
  const full: HistoryScope = { adapter: 'simulator', systemUnderTest: 's', filter: [] };
  const filtered: HistoryScope = { ...full, filter: ['--tags', '@x'] };
  const run = (n: number, scope: HistoryScope): ReturnType<typeof generateAllureReport> => {
    const staging = join(reports, `.run-${String(n)}`);
    mkdirSync(join(staging, 'allure-results'), { recursive: true });
    writeFileSync(join(staging, 'allure-results', 'a-result.json'), JSON.stringify({ uuid: `00000000-0000-4000-8000-00000000000${String(n)}`, name: 'a', historyId: 'h', testCaseId: 'tc', fullName: 'f#a', status: 'passed', stage: 'finished', start: 1_700_000_000_000 + n, stop: 1_700_000_000_100 + n, steps: [], attachments: [], parameters: [], links: [], labels: [] }));
    const generated = generateAllureReport(staging, reports, [['a', 'b']], scope);
    rmSync(join(reports, 'allure-report'), { recursive: true, force: true });
    renameSync(join(staging, 'allure-report'), join(reports, 'allure-report'));
    rmSync(staging, { recursive: true, force: true });
    return generated;
  };
  try {
    assert.equal(run(1, full).historyRuns, 1);
    assert.equal(run(2, full).historyRuns, 2);
    const other = run(3, filtered);
    assert.equal(other.historyRuns, 1, 'the filtered run does not feed the full run\'s trend');
    assert.match(other.historyNotCarried ?? '', /filter none; this one is of s via simulator, filter --tags @x/);
    const back = run(4, full);
    assert.equal(back.historyRuns, 3, 'the full run\'s trend resumes where it was');
    assert.equal(back.historyNotCarried, undefined);
    assert.equal(run(5, filtered).historyRuns, 2, 'and so does the filtered one\'s');
  } finally {
    rmSync(reports, { recursive: true, force: true });
  }
});
