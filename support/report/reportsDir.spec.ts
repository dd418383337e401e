/** A run's reports replace the previous run's as one set; other commands' files stay; a run in progress is marked. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStaging, IN_PROGRESS, redirectFormat, swapIn } from './reportsDir';
import { newHandles, readJournal, RunJournal } from './runJournal';

test('a run touches nothing of the previous set until it swaps its own in, entry by entry', () => {
  const reports = mkdtempSync(join(tmpdir(), 'cmc-reports-'));
  writeFileSync(join(reports, 'conformance.md'), 'old certificate');
  writeFileSync(join(reports, 'cucumber-junit.xml'), '<old/>');
  mkdirSync(join(reports, 'allure-report'));
  writeFileSync(join(reports, 'mutation.json'), '{"campaign":true}');
  const staging = createStaging(reports);
  assert.equal(readFileSync(join(reports, 'conformance.md'), 'utf8'), 'old certificate', 'nothing moved at the start');
  assert.match(readFileSync(join(reports, IN_PROGRESS), 'utf8'), /has not finished/);
  writeFileSync(join(staging, 'conformance.md'), 'new certificate');
  writeFileSync(join(staging, 'summary.txt'), 'new summary');
  assert.deepEqual(swapIn(staging, reports).sort(), ['conformance.md', 'summary.txt']);
  assert.equal(readFileSync(join(reports, 'conformance.md'), 'utf8'), 'new certificate');
  assert.ok(!existsSync(join(reports, 'cucumber-junit.xml')), 'the previous run\'s JUnit did not stay beside the new certificate');
  assert.ok(!existsSync(join(reports, 'allure-report')), 'nor its Allure report');
  assert.equal(readFileSync(join(reports, 'mutation.json'), 'utf8'), '{"campaign":true}', 'another command\'s file stays');
  assert.deepEqual(readdirSync(reports).sort(), ['conformance.md', 'mutation.json', 'summary.txt']);
});

test('the staging directory of a run whose process is gone is removed by the next run', () => {
  const reports = mkdtempSync(join(tmpdir(), 'cmc-reports-'));
  mkdirSync(join(reports, '.run-1-999999999'));
  mkdirSync(join(reports, '.run-1-999999999.old'));
  const staging = createStaging(reports);
  assert.deepEqual(readdirSync(reports).filter((n) => n.startsWith('.run-')), [staging.slice(reports.length + 1)]);
});

test('formatter outputs aimed at reports/ are aimed at the staging directory', () => {
  assert.equal(redirectFormat('junit:reports/cucumber-junit.xml', '/tmp/x'), 'junit:/tmp/x/cucumber-junit.xml');
  assert.equal(redirectFormat('progress', '/tmp/x'), 'progress');
});

test('the journal: whole lines, a torn last line ignored; new handles named and counted against the baseline', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'cmc-journal-')), 'j.ndjson');
  const journal = new RunJournal(file);
  journal.write({ t: 'scenario', name: 'A', uri: 'a.feature', line: 3 });
  writeFileSync(file, `${readFileSync(file, 'utf8')}{"t":"finis`);
  assert.deepEqual(readJournal(file), [{ t: 'scenario', name: 'A', uri: 'a.feature', line: 3 }]);
  assert.deepEqual(newHandles(['PipeWrap', 'Timeout', 'Timeout', 'TCPSocketWrap', 'Odd'], ['PipeWrap']), ['a timer (Timeout) ×2', 'a TCP socket (TCPSocketWrap)', 'Odd']);
});
