/**
 * The Allure report as a customer gets it: environment.properties escaping, the prose re-flowed,
 * the history a single-file report embeds. The real generation (Java) and the report in Chromium:
 * reports.browser.spec.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { embeddedHistory, keepAllureHistory, propertiesFile, reflowDescription } from './allureReport';

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
