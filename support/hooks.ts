/**
 * Scenario lifecycle: capability gates, Allure labels, step locations for diffs, the check for
 * events nobody expected, the observed trace as an attachment, and closing the adapter.
 */
import { After, Before, BeforeStep, Status } from '@cucumber/cucumber';
import * as allure from 'allure-js-commons';
import { ConformanceAssertionError } from './errors';
import { modelOf, sourceTitle } from './model/models';
import { readTags } from './model/tags';
import { formatEvent } from './report/diff';
import { tableLinesOf } from './report/gherkinLocations';
import type { ConformanceWorld } from './world';

Before(async function (this: ConformanceWorld, { pickle }) {
  const tags = readTags(pickle.tags.map((t) => t.name));
  const model = tags.model ? modelOf(tags.model) : undefined;
  const section = tags.sources.map(sourceTitle).find((s) => s !== undefined);
  await allure.epic(section ? `GenEM — ${section}` : 'GenEM');
  await allure.story(pickle.name);
  if (model) await allure.label('model', model.slug);
  await allure.label('provenance', tags.inferred ? 'inferred' : 'documented');
  for (const source of tags.sources) await allure.label('source', source.slice('@source:'.length));
  for (const capability of tags.requires) {
    if (await this.missingCapability(capability)) {
      return this.skip(`the adapter does not declare the capability "${capability}" this scenario requires`);
    }
  }
  return undefined;
});

BeforeStep(function (this: ConformanceWorld, { pickleStep, gherkinDocument }) {
  const located = tableLinesOf(gherkinDocument, pickleStep.astNodeIds);
  this.step = { uri: gherkinDocument.uri ?? 'feature', text: pickleStep.text, line: located.line, tableLines: located.tableLines };
});

After(async function (this: ConformanceWorld, { pickle, result }) {
  try {
    const tags = readTags(pickle.tags.map((t) => t.name));
    if (result?.status === Status.PASSED && !tags.extrasAllowed) {
      const extras = await this.unexpectedEvents();
      if (extras.length > 0) {
        const text = ['Not conformant: events that the model does not expect arrived after the stimulus',
          ...extras.map((e) => `  + DN ${e.dn}${this.parties.nameOf(e.dn) ? ` (${this.parties.nameOf(e.dn)})` : ''}: ${formatEvent(e)}`)].join('\n');
        this.attach(text, { mediaType: 'text/plain', fileName: 'unexpected-events.txt' });
        throw new ConformanceAssertionError(text);
      }
    }
  } finally {
    if (this.observed.length > 0) {
      this.attach(this.observed.map((e) => JSON.stringify(e)).join('\n'), { mediaType: 'application/x-ndjson', fileName: 'observed-events.ndjson' });
    }
    if (this.inputProblems.length > 0) {
      this.attach(this.inputProblems.join('\n'), { mediaType: 'text/plain', fileName: 'input-problems.txt' });
    }
    await this.close();
  }
});
