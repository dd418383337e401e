/**
 * Support file loaded only by the mutation campaign and the self-tests (never by the normal
 * profiles): after each scenario, record what the campaign needs (see recording.ts), as an
 * attachment of the run, so the recordings belong to the run that made them.
 */
import { After } from '@cucumber/cucumber';
import type { ConformanceWorld } from '../world';
import { pickleLine } from '../report/gherkinLocations';
import { expectationsOf, RECORDING_MEDIA_TYPE, type ScenarioRecording } from './recording';

After(function (this: ConformanceWorld, { pickle, gherkinDocument, result }) {
  const request = this.bindings.get('$request');
  const recording: ScenarioRecording = {
    uri: pickle.uri,
    line: pickleLine(gherkinDocument, pickle),
    name: pickle.name,
    tags: pickle.tags.map((t) => t.name),
    status: result?.status ?? 'UNKNOWN',
    parties: this.parties.topology().parties,
    observed: [...this.observed],
    stimulusFrom: this.stimulusFrom,
    bindings: [...this.bindings],
    expectations: expectationsOf(pickle),
    ...(request !== undefined ? { request } : {}),
  };
  this.attach(JSON.stringify(recording), { mediaType: RECORDING_MEDIA_TYPE });
});
