import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readResults, resultKey } from './results';

const SOURCE = 'Feature: x';
const envelopes = [
  { source: { uri: 'features/x.feature', data: SOURCE, mediaType: 'text/x.cucumber.gherkin+plain' } },
  { gherkinDocument: { uri: 'features/x.feature', comments: [], feature: { children: [
    { scenario: { id: 's1', location: { line: 3 }, examples: [] } }, { scenario: { id: 's2', location: { line: 7 }, examples: [] } },
  ] } } },
  { pickle: { id: 'p1', uri: 'features/x.feature', name: 'Bob holds Alice', astNodeIds: ['s1'], tags: [], steps: [], language: 'en' } },
  { testCase: { id: 'tc1', pickleId: 'p1', testSteps: [] } },
  { testCaseStarted: { id: 'r1', testCaseId: 'tc1', attempt: 0, timestamp: { seconds: 0, nanos: 0 } } },
  { testStepFinished: { testCaseStartedId: 'r1', testStepId: 'x', testStepResult: { status: 'FAILED', duration: { seconds: 0, nanos: 0 }, exception: { type: 'ConformanceAssertionError', message: 'Not conformant: EventHeld missing\nmore' } }, timestamp: { seconds: 0, nanos: 0 } } },
  { attachment: { testCaseStartedId: 'r1', body: '{"a":1}', contentEncoding: 'IDENTITY', mediaType: 'application/x-ndjson', fileName: 'observed-events.ndjson' } },
  { attachment: { testCaseStartedId: 'r1', body: Buffer.from('<svg/>').toString('base64'), contentEncoding: 'BASE64', mediaType: 'image/svg+xml', fileName: 'observed diagram.svg' } },
  { attachment: { testCaseStartedId: 'r1', body: '{}', contentEncoding: 'IDENTITY', mediaType: 'application/vnd.allure.message+json' } },
  { testCaseFinished: { testCaseStartedId: 'r1', willBeRetried: false, timestamp: { seconds: 0, nanos: 0 } } },
  // A second scenario of the same name, further down: its own outcome, not the first one's.
  { pickle: { id: 'p2', uri: 'features/x.feature', name: 'Bob holds Alice', astNodeIds: ['s2'], tags: [], steps: [], language: 'en' } },
  { testCase: { id: 'tc2', pickleId: 'p2', testSteps: [] } },
  { testCaseStarted: { id: 'r2', testCaseId: 'tc2', attempt: 0, timestamp: { seconds: 0, nanos: 0 } } },
  { testStepFinished: { testCaseStartedId: 'r2', testStepId: 'y', testStepResult: { status: 'PASSED', duration: { seconds: 0, nanos: 0 } }, timestamp: { seconds: 0, nanos: 0 } } },
  { testCaseFinished: { testCaseStartedId: 'r2', willBeRetried: false, timestamp: { seconds: 0, nanos: 0 } } },
];

test('outcomes and attachments from the message stream, attachments copied next to the book', () => {
  const dir = mkdtempSync(join(tmpdir(), 'book-results-'));
  try {
    writeFileSync(join(dir, 'cucumber-messages.ndjson'), envelopes.map((e) => JSON.stringify(e)).join('\n'));
    const results = readResults({ reportsDir: dir, outDir: join(dir, 'book'), currentSources: new Map([['features/x.feature', SOURCE]]) });
    const [r] = results?.byScenario.get(resultKey('features/x.feature', 3)) ?? [];
    assert.deepEqual(results?.byScenario.get(resultKey('features/x.feature', 7))?.map((x) => x.outcome), ['passed'], 'the same name on another line keeps its own outcome');
    assert.ok(r);
    assert.equal(r.outcome, 'failed');
    assert.equal(r.reason, 'Not conformant: EventHeld missing');
    assert.equal(r.stale, false);
    assert.deepEqual(r.attachments.map((a) => a.name), ['observed-events.ndjson', 'observed diagram.svg'], 'Allure runtime messages are not evidence');
    assert.equal(readFileSync(join(dir, 'book', r.attachments[1]?.href ?? ''), 'utf8'), '<svg/>');
    assert.match(r.attachments[1]?.href ?? '', /^attachments\/0002-observed_diagram\.svg$/);
    const changed = readResults({ reportsDir: dir, outDir: join(dir, 'book2'), currentSources: new Map([['features/x.feature', 'Feature: y']]) });
    assert.equal(changed?.byScenario.get(resultKey('features/x.feature', 3))?.[0]?.stale, true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('summary.json alone gives outcomes; nothing gives undefined', () => {
  const dir = mkdtempSync(join(tmpdir(), 'book-results-'));
  try {
    assert.equal(readResults({ reportsDir: dir, outDir: dir, currentSources: new Map() }), undefined);
    writeFileSync(join(dir, 'summary.json'), JSON.stringify({ adapter: 'sim', date: 'd', scenarios: [{ name: 'n', uri: 'u', line: 3, inferred: false, outcome: 'skipped', reason: 'no capability' }] }));
    const results = readResults({ reportsDir: dir, outDir: dir, currentSources: new Map() });
    assert.equal(results?.from, 'summary');
    assert.deepEqual(results?.byScenario.get(resultKey('u', 3)), [{ outcome: 'skipped', reason: 'no capability', attachments: [], stale: false }]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
