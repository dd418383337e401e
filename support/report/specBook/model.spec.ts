import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { compile } from '@cucumber/gherkin';
import { IdGenerator } from '@cucumber/messages';
import { featureFiles, parseFeature } from '../../spec/validateFeatures';
import { MODELS } from '../../model/models';
import { buildBook, paragraphs } from './model';
import { castOf } from './cast';
import { renderBook } from './pages';

const FEATURE = `@model:hold-retrieve-consulted-answers @source:GenEM/HoldingTransferringandConferencing
Feature: Hold <and> retrieve
  Bob holds Alice.
  Then he retrieves her.

  Source: GenEM, the table.

  Uncertain: the retrieve's roles are reconstructed.

  Background:
    Given Alice is on extension 7001
    And Bob is agent 1002 on ACD position 7002

  Rule: Holding is reported to the holder

    Scenario: Bob holds Alice
      Given Alice is talking to Bob
      When Bob puts the call on hold
      Then Bob receives, in order:
        | event     | ConnID | ThisDN | OtherDN |
        | EventHeld | $conn1 | Bob    | Alice   |

    @inferred
    Scenario: Bob holds Alice
      Given Olivia is an outside caller at 5550100
      When Bob puts the call on hold
      Then the switch reports, in order:
        | dn    | event        | step | ConnID | ThisDNRole  |
        | Bob   | EventHeld    | 1    | $conn1 | Destination |
        | Alice | EventRinging | 1    | $conn1 | Origination or Destination |
`;

const book = buildBook([Object.assign(parseFeature('x.feature', FEATURE), { uri: 'features/x.feature' })]);

test('the feature: prose, Source and Uncertain paragraphs, provenance, model entry', () => {
  const f = book.features[0];
  assert.ok(f);
  assert.equal(f.slug, 'hold-retrieve-consulted-answers');
  assert.equal(f.entry?.section, 'Holding, Transferring, and Conferencing');
  assert.deepEqual(f.prose, ['Bob holds Alice. Then he retrieves her.']);
  assert.equal(f.source, 'Source: GenEM, the table.');
  assert.equal(f.uncertain, "Uncertain: the retrieve's roles are reconstructed.");
  assert.equal(f.provenance, 'partly reconstructed');
  assert.equal(f.inferredCount, 1);
  assert.deepEqual(f.sources.map((s) => s.title), ['Holding, Transferring, and Conferencing']);
});

test('scenarios: unique anchors, effective tags, expected diagrams, filter data', () => {
  const [a, b] = book.features[0]?.rules[0]?.scenarios ?? [];
  assert.ok(a && b);
  assert.equal(a.anchor, 'hold-retrieve-consulted-answers--bob-holds-alice');
  assert.equal(b.anchor, 'hold-retrieve-consulted-answers--bob-holds-alice-2');
  assert.equal(a.rule, 'Holding is reported to the holder');
  assert.ok(b.tags.includes('@inferred') && b.tags.includes('@model:hold-retrieve-consulted-answers'));
  const parties = (s: typeof a): string[] | undefined => s.diagrams[0]?.model?.lanes.map((l) => l.id).filter((id) => id !== '~switch');
  assert.deepEqual(parties(a), ['Alice', 'Bob']);
  assert.deepEqual(a.diagrams[0]?.model?.events.filter((e) => (e.kind ?? 'event') === 'event').map((e) => e.lane), ['Bob'], 'a table without dn column is about the party the step names');
  assert.deepEqual(parties(b), ['Alice', 'Bob', 'Olivia']);
  assert.deepEqual(b.events, ['EventHeld', 'EventRinging']);
  assert.deepEqual([...b.roles].sort(), ['Destination', 'Origination']);
});

test('models of the index without a feature are gaps; sections follow the model index', () => {
  assert.equal(book.gaps.length, MODELS.length - 1);
  assert.ok(!book.gaps.some((g) => g.slug === 'hold-retrieve-consulted-answers'));
  assert.equal(book.sections.reduce((n, s) => n + s.models.length, 0), MODELS.length);
});

test('the pages: an overview and one page per section, text escaped, diagrams inlined', () => {
  const pages = renderBook(book, undefined);
  assert.equal(Object.keys(pages).length, 1 + book.sections.length);
  const hold = pages['section-holding-transferring-and-conferencing.html'] ?? '';
  assert.match(hold, /Hold &lt;and&gt; retrieve/);
  assert.doesNotMatch(hold, /Hold <and>/);
  assert.equal((hold.match(/<figure class="diagram"/g) ?? []).length, 2);
  assert.match(hold, /id="hold-retrieve-consulted-answers--bob-holds-alice-2"/);
  assert.match(hold, /class="uncertain"/);
  assert.match(hold, /gap: no feature yet/);
  assert.doesNotMatch(hold, /last run/, 'without results no outcome is shown');
});

test('cast and paragraphs', () => {
  assert.deepEqual(castOf(['Sales is the ACD queue 8001', 'Alice is ready', 'Zed uses DN 7999, which the switch does not know']).map((p) => [p.name, p.dn, p.kind]),
    [['Sales', '8001', 'ACD queue'], ['Zed', '7999', 'unknown to the switch']]);
  assert.deepEqual(paragraphs('  a\n  b\n\n  c  \n'), ['a b', 'c']);
});

test('outlines are expanded as cucumber runs them: one book scenario per pickle of every feature', () => {
  const files = featureFiles('features');
  const docs = files.map((f) => {
    const doc = parseFeature(f, readFileSync(f, 'utf8'));
    doc.uri = f;
    return doc;
  });
  const book = buildBook(docs);
  const inBook = book.features.flatMap((f) => f.rules.flatMap((r) => r.scenarios.map((s) => `${f.uri}::${s.name}`))).sort();
  const newId = IdGenerator.incrementing();
  const pickles = docs.flatMap((d) => compile(d, d.uri ?? '', newId).map((p) => `${p.uri}::${p.name}`)).sort();
  assert.deepEqual(inBook, pickles);
  assert.ok(docs.some((d) => d.feature?.children.some((c) => c.scenario?.examples.length)), 'the features have an outline to expand');
});

test('the expected diagram draws who does what before the table, and marks the step under test', () => {
  const doc = parseFeature('x.feature', FEATURE);
  const [scenario] = buildBook([doc]).features[0]?.rules[0]?.scenarios ?? [];
  const events = scenario?.diagrams[0]?.model?.events ?? [];
  assert.deepEqual(events.filter((e) => e.kind !== undefined && e.kind !== 'event').map((e) => [e.kind, e.lane, e.to, e.label]), [
    ['request', 'Alice', 'Bob', 'Alice is talking to Bob'],
    ['marker', '', undefined, '▶ When Bob puts the call on hold — the step under test'],
    ['request', 'Bob', '~switch', 'Bob puts the call on hold'],
  ]);
  assert.equal(scenario?.diagrams[0]?.model?.lanes[0]?.id, '~switch', 'a request to the switch gets the switch lane');
});

test('But and * after the When are part of the step under test, as And is', () => {
  for (const keyword of ['And', 'But', '*']) {
    const text = FEATURE.replace('When Bob puts the call on hold\n      Then Bob receives', `When Bob puts the call on hold\n      ${keyword} Alice hangs up\n      Then Bob receives`);
    const [scenario] = buildBook([parseFeature('x.feature', text)]).features[0]?.rules[0]?.scenarios ?? [];
    const requests = (scenario?.diagrams[0]?.model?.events ?? []).filter((e) => e.kind === 'request').map((e) => [e.label, e.note]);
    assert.deepEqual(requests, [['Alice is talking to Bob', 'precondition'], ['Bob puts the call on hold', undefined], ['Alice hangs up', undefined]], keyword);
  }
});

test('a QA-model scenario is shown as the QA model of SIP Server, never as documented', () => {
  const qa = FEATURE.replace('    Scenario: Bob holds Alice\n      Given Alice is talking to Bob', '    @qa-model\n    Scenario: Bob holds Alice\n      Given Alice is talking to Bob');
  const [f] = buildBook([Object.assign(parseFeature('x.feature', qa), { uri: 'features/x.feature' })]).features;
  assert.ok(f);
  assert.deepEqual(f.evidence, { documented: 0, 'qa-model': 1, inferred: 1 });
  const scenario = f.rules[0]?.scenarios[0];
  assert.equal(scenario?.evidence, 'qa-model');
  const html = Object.values(renderBook(buildBook([Object.assign(parseFeature('x.feature', qa), { uri: 'features/x.feature' })]), undefined)).join('\n');
  assert.match(html, /QA model of SIP Server \(@qa-model\)/);
  assert.match(html, /partly reconstructed \(@inferred\): qa-model 1, inferred 1/);
  const plain = buildBook([Object.assign(parseFeature('x.feature', qa.replace(/ {4}@inferred\n/, '')), { uri: 'features/x.feature' })]).features[0];
  assert.equal(plain?.provenance, 'documented and QA model');
});
