/**
 * The known-issues manifest: validation, which deviations an entry covers, stale entries, and end
 * to end (a deviation listed in the manifest makes the scenario "known", not failed).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../errors';
import { InProcessRunner, MUTANT_ADAPTER } from '../mutation/runner';
import { covering, entryKey, parseKnownIssues, staleEntries, type KnownIssue } from './knownIssues';

const TODAY = new Date('2026-11-26T12:00:00Z');
const BASE: KnownIssue = { scenario: 'Alice calls Bob', dn: 'Bob', event: 'EventRinging', attribute: 'ThisDNRole', reason: 'SUT-123: role reported wrong', issue: 'https://tracker.example/SUT-123', expires: '2099-12-31' };
const SCENARIO = { name: 'Alice calls Bob', uri: 'support/selftest/fixtures/features/adapter/call.feature', line: 11 };
const resolveDn = (ref: string): string => ({ Alice: '7001', Bob: '7002', Carol: '7003' })[ref] ?? ref;

test('the manifest is validated entry by entry', () => {
  const bad = (entries: unknown[]): unknown => parseKnownIssues('k.json', JSON.stringify({ knownIssues: entries }));
  assert.throws(() => parseKnownIssues('k.json', '{'), (e: unknown) => e instanceof UsageError && /k\.json:1: not valid JSON/.test(e.message));
  assert.throws(() => parseKnownIssues('k.json', '[]'), /expected \{ "knownIssues": \[ … \] \}/);
  assert.throws(() => bad([{ ...BASE, reason: '' }]), /entry 1 needs a non-empty "reason"/);
  assert.throws(() => bad([BASE, { ...BASE, expires: 'next year' }]), /entry 2: "expires" must be a date YYYY-MM-DD/);
  assert.throws(() => bad([{ ...BASE, issue: 'SUT-123' }]), /"issue" must be a link/);
  assert.throws(() => bad([{ ...BASE, severity: 'high' }]), /unknown field\(s\) severity/);
  assert.equal((bad([BASE]) as KnownIssue[]).length, 1);
});

test('an entry covers matching deviations by scenario name or file:line, party or DN, event and attribute', () => {
  const dev = [{ dn: '7002', event: 'EventRinging', attribute: 'ThisDNRole' }];
  assert.deepEqual(covering([BASE], SCENARIO, dev, resolveDn, TODAY), [BASE]);
  assert.ok(covering([{ ...BASE, scenario: `${SCENARIO.uri}:11` }], SCENARIO, dev, resolveDn, TODAY));
  assert.equal(covering([{ ...BASE, attribute: 'CallState' }], SCENARIO, dev, resolveDn, TODAY), undefined);
  assert.equal(covering([BASE], { ...SCENARIO, name: 'another' }, dev, resolveDn, TODAY), undefined);
  assert.equal(covering([BASE], SCENARIO, [...dev, { dn: '7001', event: 'EventDialing' }], resolveDn, TODAY), undefined, 'every deviation must be covered');
  assert.equal(covering([{ ...BASE, expires: '2026-11-25' }], SCENARIO, dev, resolveDn, TODAY), undefined, 'an expired entry covers nothing');
  const wide: KnownIssue = { scenario: BASE.scenario, reason: BASE.reason, issue: BASE.issue, expires: BASE.expires };
  assert.ok(covering([wide], SCENARIO, dev, resolveDn, TODAY), 'no dn/event/attribute: any deviation of the scenario');
});

test('an expired entry, or one whose scenario ran without using it, is stale', () => {
  const used = { ...SCENARIO, known: [entryKey(BASE)] };
  assert.deepEqual(staleEntries([BASE], [used], TODAY), []);
  assert.equal(staleEntries([BASE], [SCENARIO], TODAY)[0]?.why, 'its scenario ran and this deviation no longer occurs');
  assert.equal(staleEntries([{ ...BASE, expires: '2026-01-01' }], [], TODAY)[0]?.why, 'expired on 2026-01-01');
  assert.deepEqual(staleEntries([BASE], [{ ...SCENARIO, name: 'other', line: 99 }], TODAY), [], 'not run: not judged');
});

test('end to end: listed deviations are known, not failed; unlisted ones still fail', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cmc-known-'));
  const manifest = join(dir, 'known-issues.json');
  const extra: KnownIssue = { scenario: 'Alice calls Bob', dn: 'Carol', event: 'EventAttachedDataChanged', reason: 'SUT-124: stray event', issue: 'https://tracker.example/SUT-124', expires: '2099-12-31' };
  writeFileSync(manifest, JSON.stringify({ knownIssues: [BASE, extra] }));
  const runner = new InProcessRunner();
  const run = async (fault: unknown): Promise<{ outcome: string; known?: readonly string[] }> => {
    const { outcomes } = await runner.run([SCENARIO.uri], { adapter: MUTANT_ADAPTER, adapterOptions: { fault }, knownIssues: manifest });
    return outcomes[0] ?? { outcome: 'none' };
  };
  const wrongRole = await run({ kind: 'attribute', at: 2, attribute: 'ThisDNRole', value: 'Origination' });
  assert.equal(wrongRole.outcome, 'known');
  assert.deepEqual(wrongRole.known, [entryKey(BASE)]);
  const stray = await run({ kind: 'extra', after: 2, dn: '7003', name: 'EventAttachedDataChanged', attributes: { ThisDN: '7003' } });
  assert.equal(stray.outcome, 'known');
  assert.deepEqual(stray.known, [entryKey(extra)]);
  assert.equal((await run({ kind: 'attribute', at: 2, attribute: 'OtherDN', value: '7003' })).outcome, 'failed');
  assert.equal((await run({ kind: 'drop', at: 1 })).outcome, 'failed');
});
