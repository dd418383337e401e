import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { Status } from 'allure-js-commons';
import { AllureResults as ReferenceResults, type AllureResultsWriter } from '../report/allureResults';
import { AllureResults } from './allureResults';

/** The fast path and its reference: the contract is that they write the same results. */
const WRITERS: readonly (readonly [string, (dir: string) => AllureResultsWriter])[] = [
  ['the fast writer', (dir) => new AllureResults(dir)],
  ['the reference writer (allure-js-commons)', (dir) => new ReferenceResults(dir)],
];

type Writer = AllureResultsWriter;
type Result = Parameters<Writer['writeResult']>[0];
type Container = Parameters<Writer['writeGroup']>[0];
type Fixture = Container['afters'][number];

const fixture = (status: string, extra: { message?: string; name?: string } = {}): Fixture =>
  ({ ...(extra.name ? { name: extra.name } : {}), status, statusDetails: extra.message ? { message: extra.message } : {}, stage: 'finished', steps: [], attachments: [], parameters: [] }) as unknown as Fixture;
const result = (uuid: string): Result => ({ uuid, name: uuid, status: 'passed', statusDetails: {} }) as unknown as Result;

for (const [label, make] of WRITERS) test(`${label} writes Allure's files and says when they are on disk`, async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'cmc-allure-')), 'results');
  try {
    const writer = make(dir);
    writer.writeResult({ uuid: 'r1', name: 'a scenario' } as Parameters<typeof writer.writeResult>[0]);
    writer.writeGroup({ uuid: 'g1', children: ['r1'], befores: [], afters: [] });
    writer.writeAttachment('a1-attachment.svg', Buffer.from('<svg/>'));
    const source = join(dir, '..', 'source.txt');
    writeFileSync(source, 'from a path');
    writer.writeAttachmentFromPath('a2-attachment.txt', source);
    writer.writeEnvironmentInfo({ node: 'v20' });
    writer.writeCategoriesDefinitions([{ name: 'Not conformant' }]);
    assert.deepEqual(await writer.written(), []);
    assert.deepEqual(JSON.parse(readFileSync(join(dir, 'r1-result.json'), 'utf8')), { uuid: 'r1', name: 'a scenario' });
    assert.deepEqual((JSON.parse(readFileSync(join(dir, 'g1-container.json'), 'utf8')) as { children: string[] }).children, ['r1']);
    assert.equal(readFileSync(join(dir, 'a1-attachment.svg'), 'utf8'), '<svg/>');
    assert.equal(readFileSync(join(dir, 'a2-attachment.txt'), 'utf8'), 'from a path');
    assert.equal(readFileSync(join(dir, 'environment.properties'), 'utf8'), 'node=v20');
    assert.ok(existsSync(join(dir, 'categories.json')));
  } finally {
    rmSync(join(dir, '..'), { recursive: true, force: true });
  }
});

for (const [label, make] of WRITERS) test(`${label}: a result that cannot be written is printed at once and reported to the run, with its path; the process exit code is the run's to set`, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cmc-allure-'));
  const exitCode = process.exitCode;
  const errors: string[] = [];
  const original = console.error;
  console.error = (message: string) => errors.push(message);
  try {
    const writer = make(dir);
    writer.writeAttachment('no-such-dir/x-attachment.svg', Buffer.from('<svg/>'));
    const failures = await writer.written();
    assert.equal(failures.length, 1);
    assert.match(failures[0] ?? '', /could not write the Allure results: .*no-such-dir\/x-attachment\.svg: ENOENT/);
    assert.deepEqual(errors, failures);
    assert.equal(process.exitCode, exitCode);
    // Another run's writer knows nothing of this one's failures.
    assert.deepEqual(await make(dir).written(), []);
  } finally {
    console.error = original;
    process.exitCode = exitCode;
    rmSync(dir, { recursive: true, force: true });
  }
});

for (const [label, make] of WRITERS) test(`${label}: a scenario whose hook failed is failed in its Allure result too, with the hook's message; a passed or skipped hook changes nothing`, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cmc-allure-'));
  try {
    const writer = make(dir);
    // As allure-cucumberjs does: the result, then in the same turn a container per hook.
    writer.writeResult(result('extras'));
    writer.writeGroup({ uuid: 'c1', children: ['extras'], befores: [fixture('passed')], afters: [] });
    writer.writeGroup({ uuid: 'c2', children: ['extras'], befores: [], afters: [fixture('failed', { message: 'Not conformant: events that the model does not expect arrived after the stimulus' })] });
    writer.writeResult(result('clean'));
    writer.writeGroup({ uuid: 'c3', children: ['clean'], befores: [fixture('skipped')], afters: [fixture('passed')] });
    assert.deepEqual(await writer.written(), []);
    const read = (uuid: string): { status: string; statusDetails: { message?: string } } =>
      JSON.parse(readFileSync(join(dir, `${uuid}-result.json`), 'utf8')) as { status: string; statusDetails: { message?: string } };
    assert.equal(read('extras').status, 'failed');
    assert.match(read('extras').statusDetails.message ?? '', /^Not conformant: events that the model does not expect/);
    assert.equal(read('clean').status, 'passed');
    assert.deepEqual(read('clean').statusDetails, {});
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a scenario\'s hook containers are written as one, with every set-up and tear-down; a container of several results is written as it is', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cmc-allure-'));
  try {
    const writer = new AllureResults(dir);
    const named = (name: string): Fixture => fixture('passed', { name });
    writer.writeResult(result('r1'));
    writer.writeGroup({ uuid: 'before', children: ['r1'], befores: [named('open the adapter')], afters: [] });
    writer.writeGroup({ uuid: 'after', children: ['r1'], befores: [], afters: [named('check extras'), named('close')] });
    writer.writeGroup({ uuid: 'shared', children: ['r1', 'r2'], befores: [named('global')], afters: [] });
    assert.deepEqual(await writer.written(), []);
    assert.deepEqual(readdirSync(dir).sort(), ['before-container.json', 'r1-result.json', 'shared-container.json']);
    const merged = JSON.parse(readFileSync(join(dir, 'before-container.json'), 'utf8')) as Container;
    assert.deepEqual(merged.children, ['r1']);
    assert.deepEqual(merged.befores.map((f) => f.name), ['open the adapter']);
    assert.deepEqual(merged.afters.map((f) => f.name), ['check extras', 'close']);
    assert.deepEqual((JSON.parse(readFileSync(join(dir, 'shared-container.json'), 'utf8')) as Container).children, ['r1', 'r2']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the fast writer and the reference write the same results, attachments and settings', async () => {
  const dirs = WRITERS.map(() => mkdtempSync(join(tmpdir(), 'cmc-allure-')));
  try {
    const writers = WRITERS.map(([, make], i) => make(dirs[i] ?? ''));
    for (const writer of writers) {
      writer.writeResult(result('r1'));
      writer.writeGroup({ uuid: 'c1', children: ['r1'], befores: [], afters: [fixture('failed', { message: 'Not conformant: extra events' })] });
      writer.writeResult(result('r2'));
      writer.writeGroup({ uuid: 'c3', children: ['r1', 'r2'], befores: [fixture('passed')], afters: [] });
      writer.writeAttachment('a1-attachment.txt', Buffer.from('observed events'));
      writer.writeEnvironmentInfo({ node: 'v20', os: 'linux' });
      writer.writeCategoriesDefinitions([{ name: 'Not conformant', matchedStatuses: [Status.FAILED] }]);
      assert.deepEqual(await writer.written(), []);
    }
    const files = (dir: string): Record<string, string> => Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
    const [fast, reference] = dirs.map(files);
    assert.deepEqual(fast, reference);
    assert.match(fast?.['r1-result.json'] ?? '', /"status":"failed"/);
  } finally {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
});
