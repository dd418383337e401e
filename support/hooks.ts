/**
 * Scenario lifecycle: capability gates, Allure labels, step locations for diffs, the check for
 * events nobody expected, the observed trace as an attachment, and closing the adapter.
 */
import { After, Before, BeforeStep, Status, type ITestCaseHookParameter } from '@cucumber/cucumber';
import * as allure from 'allure-js-commons';
import { ALLURE_RUNTIME_MESSAGE_CONTENT_TYPE } from 'allure-js-commons/sdk/reporter';
import type { GherkinDocument } from '@cucumber/messages';
import { ConformanceAssertionError, isConformanceFailure } from './errors';
import { modelOf, sourceTitle } from './model/models';
import { extrasAllowedDns, readTags } from './model/tags';
import { formatEvent } from './report/diff';
import { renderSequenceDiagram } from './report/diagram';
import { observedDiagram } from './report/scenarioDiagrams';
import { pickleLine, scenariosOf, tableLinesOf } from './report/gherkinLocations';
import { reflowDescription } from './report/allureReport';
import type { ConformanceWorld } from './world';

/** Unexpected events listed one per line in the failure; the rest are counted. */
const MAX_LISTED = 50;

Before(async function (this: ConformanceWorld, { pickle, gherkinDocument }) {
  this.scenario = { name: pickle.name, uri: pickle.uri, line: pickleLine(gherkinDocument, pickle) };
  this.expectationTables = pickle.steps.flatMap((s) => (s.argument?.dataTable ? [{ text: s.text, rows: s.argument.dataTable.rows.map((r) => r.cells.map((c) => c.value)) }] : []));
  const tags = readTags(pickle.tags.map((t) => t.name));
  this.extras = tags;
  const model = tags.model ? modelOf(tags.model) : undefined;
  // The GenEM section as the summary, the certificate and the spec book name it (the model index's).
  const section = model?.section ?? tags.sources.map(sourceTitle).find((s) => s !== undefined) ?? 'GenEM';
  const feature = gherkinDocument.feature?.name ?? pickle.uri;
  // The prose as paragraphs (allure-cucumberjs keeps the feature file's line breaks and indentation).
  const description = reflowDescription(scenarioDescription(gherkinDocument, pickle.astNodeIds) || gherkinDocument.feature?.description || '');
  // allure-cucumberjs labels the feature itself. One runtime message for the labels and the description: each message is an attachment that every formatter handles.
  const metadata = {
    type: 'metadata',
    data: {
      labels: [
        { name: allure.LabelName.EPIC, value: section },
        { name: allure.LabelName.STORY, value: pickle.name },
        { name: allure.LabelName.PARENT_SUITE, value: section },
        { name: allure.LabelName.SUITE, value: feature },
        ...(model ? [{ name: 'model', value: model.slug }] : []),
        { name: 'provenance', value: tags.evidence },
        ...tags.sources.map((source) => ({ name: 'source', value: source.slice('@source:'.length) })),
      ],
      // allure-cucumberjs keeps the raw prose as `description` (a hook cannot replace it); the report shows `descriptionHtml`.
      ...(description.html ? { descriptionHtml: description.html } : {}),
    },
  };
  this.attach(JSON.stringify(metadata), ALLURE_RUNTIME_MESSAGE_CONTENT_TYPE);
  for (const capability of tags.requires) {
    const missing = await this.missingCapability(capability);
    if (missing) return this.skip(missing);
  }
  return undefined;
});

/** The description of the pickle's scenario (its own prose, under the Scenario line), if it has one. */
function scenarioDescription(doc: GherkinDocument, astNodeIds: readonly string[]): string {
  return scenariosOf(doc).find((s) => astNodeIds.includes(s.id))?.description ?? '';
}

BeforeStep(function (this: ConformanceWorld, { pickleStep, gherkinDocument }) {
  const located = tableLinesOf(gherkinDocument, pickleStep.astNodeIds);
  this.step = { uri: gherkinDocument.uri ?? 'feature', text: pickleStep.text, line: located.line, tableLines: located.tableLines };
});

/**
 * Whether the event-level rules are judged: on a passed scenario, and on one that failed as not
 * conformant too — a reconstruction's failure (advisory) must not hide a broken documented rule,
 * which counts in the verdict whatever the evidence. Not on a broken one: the harness could not
 * test, and the adapter may not answer.
 */
function rulesJudged(result: ITestCaseHookParameter['result']): boolean {
  return result?.status === Status.PASSED || (result?.status === Status.FAILED && isConformanceFailure(result.exception?.type));
}

After(async function (this: ConformanceWorld, { pickle, result }) {
  try {
    const tags = readTags(pickle.tags.map((t) => t.name));
    const allowed = extrasAllowedDns(tags, this.parties.resolveDn);
    if (result?.status === Status.PASSED && allowed) {
      const handset = this.reportsHandset();
      const extras = (await this.unexpectedEvents()).filter((e) => !allowed.has(e.dn) && !this.parties.outsideModel(e, handset));
      if (extras.length > 0) {
        const text = ['Not conformant: events that the model does not expect arrived after the stimulus',
          ...extras.slice(0, MAX_LISTED).map((e) => `  + ${this.parties.dnLabel(e.dn)}: ${formatEvent(e)}`),
          // A flooding system must not turn the report into megabytes; every event stays in observed-events.ndjson.
          ...(extras.length > MAX_LISTED ? [`  … and ${String(extras.length - MAX_LISTED)} more (${String(extras.length)} in all; see observed-events.ndjson)`] : [])].join('\n');
        this.attach(text, { mediaType: 'text/plain', fileName: 'unexpected-events.txt' });
        if (this.acceptKnown(extras.map((e) => ({ dn: e.dn, event: e.name })))) return 'skipped';
        throw new ConformanceAssertionError(text);
      }
    }
    // GenEM's event-level rules hold for every event, whatever the tables assert (support/model/eventRules.ts).
    if (rulesJudged(result) && (await this.judgeEventRules()) === 'known') return 'skipped';
  } finally {
    if (this.observed.length > 0) attachObserved(this, pickle.name);
    if (this.inputProblems.length > 0) {
      const listed = this.inputProblems.slice(0, MAX_LISTED);
      const more = this.inputProblems.length - listed.length;
      this.attach([...listed, ...(more > 0 ? [`… and ${String(more)} more`] : [])].join('\n'), { mediaType: 'text/plain', fileName: 'input-problems.txt' });
    }
    // After the verdict and the trace: what the clean-up sends is not part of the scenario.
    const leaks = await this.returnToIdle();
    if (leaks.length > 0) this.attach(['Leak: the scenario left these behind; the harness cleaned them', ...leaks.map((l) => `  ${l}`)].join('\n'), { mediaType: 'text/plain', fileName: 'leaks.txt' });
    await this.close();
  }
});

/**
 * The observed trace (the first `attachedEventsPerScenario` events; a note counts the rest and any
 * the flood bound dropped) and its sequence diagram.
 */
function attachObserved(world: ConformanceWorld, scenario: string): void {
  const limit = world.run.limits.attachedEventsPerScenario;
  const shown = world.observed.slice(0, limit);
  world.attachBounded(shown.map((e) => JSON.stringify(e)).join('\n'), { mediaType: 'application/x-ndjson', fileName: 'observed-events.ndjson' });
  const notShown = world.observed.length - shown.length + world.droppedEvents;
  if (notShown > 0) {
    world.attach(`observed-events.ndjson holds the first ${String(shown.length)} of ${String(world.observed.length + world.droppedEvents)} events the adapter delivered: ${String(world.observed.length - shown.length)} more were kept for matching but not attached${world.droppedEvents ? `, and ${String(world.droppedEvents)} beyond the flood bound were only counted` : ''}.`, { mediaType: 'text/plain', fileName: 'observed-events-note.txt' });
  }
  world.attachBounded(renderSequenceDiagram(observedDiagram(scenario, world.observed, world.parties.topology().parties, world.requests)), { mediaType: 'image/svg+xml', fileName: 'observed-sequence.svg' });
}
