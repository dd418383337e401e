/**
 * Three evidence levels in the reports: summary.json's scenarios and models, conformance.json's
 * models and totals name documented, qa-model and inferred; the verdict is about documented and
 * QA-model expectations, a failed reconstruction is listed as advisory, and the exit code stays 1.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTags } from '../model/tags';
import { finalVerdict } from './afterRun';
import { buildCertificate, renderCertificateMarkdown } from './certificate';
import type { ScenarioOutcome } from './outcomes';
import { summarise } from './summary';

const dir = mkdtempSync(join(tmpdir(), 'cmc-evidence-'));
const feature = join(dir, 'a.feature');
writeFileSync(feature, 'Feature: a\n');
const o = (model: string, evidence: ScenarioOutcome['evidence'], outcome: ScenarioOutcome['outcome']): ScenarioOutcome =>
  ({ name: `${model} ${evidence} ${outcome}`, uri: 'f.feature', line: 7, model, evidence, inferred: evidence === 'inferred', outcome, ...(outcome === 'failed' ? { reason: 'Not conformant: …' } : {}) });

test('the evidence of a scenario: the weakest tag, else the model index (qa-model, title → inferred, table → documented)', () => {
  assert.equal(readTags(['@model:conference']).evidence, 'qa-model');
  assert.equal(readTags(['@model:conference', '@documented']).evidence, 'documented');
  assert.equal(readTags(['@model:conference', '@inferred']).evidence, 'inferred');
  assert.equal(readTags(['@model:release-phase']).evidence, 'documented');
  assert.equal(readTags(['@model:release-phase', '@qa-model']).evidence, 'qa-model');
  assert.equal(readTags(['@model:basic-call-parking']).evidence, 'inferred');
  assert.equal(readTags(['@model:release-phase', '@qa-model', '@inferred']).evidence, 'inferred', 'the weakest wins');
});

test('summary and certificate name all three levels, per model and in total', () => {
  const summary = summarise([o('release-phase', 'documented', 'passed'), o('conference', 'qa-model', 'passed'), o('conference', 'inferred', 'passed')], 'sim', 'now');
  assert.deepEqual(summary.scenarios.map((s) => s.evidence), ['documented', 'qa-model', 'inferred']);
  assert.deepEqual(Object.keys(summary.evidenceTotals), ['documented', 'qa-model', 'inferred']);
  const c = buildCertificate({ summary, adapter: 'simulator', featureFiles: [feature], staleKnownIssues: [] });
  const conference = c.sections.flatMap((s) => s.models).find((m) => m.slug === 'conference');
  assert.equal(conference?.evidence['qa-model'].passed, 1);
  assert.equal(conference?.evidence.inferred.passed, 1);
  assert.equal(conference?.provenance, 'qa-model 1, inferred 1');
  assert.equal(c.evidenceTotals.documented.passed, 1);
  assert.equal(c.verdict, 'conformant (partial)', 'conformant for what ran (the other models of the index were not exercised)');
});

test('a failed reconstruction is advisory: not in the verdict, listed beside it, exit code still 1', () => {
  const summary = summarise([o('release-phase', 'documented', 'passed'), o('conference', 'inferred', 'failed')], 'sim', 'now');
  const c = buildCertificate({ summary, adapter: 'simulator', featureFiles: [feature], staleKnownIssues: [] });
  const without = summarise([o('release-phase', 'documented', 'passed')], 'sim', 'now');
  assert.equal(c.verdict, buildCertificate({ summary: without, adapter: 'simulator', featureFiles: [feature], staleKnownIssues: [] }).verdict, 'the verdict is the one without the reconstruction');
  assert.equal(c.verdict, 'conformant (partial)');
  assert.match(c.qualifications.join('; '), /1 scenario\(s\) deviate from the reconstruction \(advisory/);
  assert.equal(c.reconstructionDeviations.length, 1);
  assert.equal(c.sections.flatMap((s) => s.models).find((m) => m.slug === 'conference')?.verdict, 'deviates from the reconstruction');
  assert.match(renderCertificateMarkdown(c), /## Deviates from the reconstruction \(advisory/);
  assert.equal(finalVerdict(summary.totals, 0, true).code, 1, 'CI regression is unchanged');
  const qa = summarise([o('conference', 'qa-model', 'failed')], 'sim', 'now');
  assert.equal(buildCertificate({ summary: qa, adapter: 'simulator', featureFiles: [feature], staleKnownIssues: [] }).verdict, 'not conformant');
});

test('an inferred scenario that broke a GenEM event-level rule is not advisory: the rules are documented', () => {
  const ruled: ScenarioOutcome = { ...o('conference', 'inferred', 'failed'), ruleBroken: true };
  const summary = summarise([o('release-phase', 'documented', 'passed'), ruled, o('blind-conference', 'inferred', 'failed')], 'sim', 'now');
  const c = buildCertificate({ summary, adapter: 'simulator', featureFiles: [feature], staleKnownIssues: [] });
  assert.equal(c.verdict, 'not conformant');
  assert.deepEqual(c.reconstructionDeviations.map((d) => d.model), ['blind-conference'], 'only the table failure is advisory');
  const models = c.sections.flatMap((s) => s.models);
  assert.equal(models.find((m) => m.slug === 'conference')?.verdict, 'failed');
  assert.equal(models.find((m) => m.slug === 'blind-conference')?.verdict, 'deviates from the reconstruction');
});

test('reconstructions alone earn no "conformant": a run whose only passes are inferred is incomplete', () => {
  const summary = summarise([o('call-forwarding-no-answer', 'inferred', 'passed'), o('call-forwarding-no-answer', 'inferred', 'failed')], 'sim', 'now');
  const c = buildCertificate({ summary, adapter: 'simulator', featureFiles: [feature], staleKnownIssues: [] });
  assert.equal(c.verdict, 'incomplete');
  assert.equal(c.reconstructionDeviations.length, 1, 'the deviation is still listed');
});
