/**
 * Support file loaded only by the mutation campaign and the self-tests (never by the normal
 * profiles): after each scenario, record what the campaign needs (see recording.ts).
 */
import { After } from '@cucumber/cucumber';
import type { ConformanceWorld } from '../world';
import { lastBatches } from './mutantSimulator';
import { pickleLine } from '../report/gherkinLocations';
import { addRecording, expectationsOf } from './recording';

After(function (this: ConformanceWorld, { pickle, gherkinDocument, result }) {
  const { sizes } = lastBatches();
  const before = sizes.slice(0, -1).reduce((a, b) => a + b, 0);
  const request = this.bindings.get('$request');
  addRecording({
    uri: pickle.uri,
    line: pickleLine(gherkinDocument, pickle),
    name: pickle.name,
    tags: pickle.tags.map((t) => t.name),
    status: result?.status ?? 'UNKNOWN',
    parties: this.parties.topology().parties,
    observed: [...this.observed],
    stimulusFrom: before + 1,
    bindings: [...this.bindings],
    expectations: expectationsOf(pickle),
    ...(request !== undefined ? { request } : {}),
  });
});
