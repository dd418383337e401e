/**
 * What the mutation campaign and the reordering property need to know about one clean scenario
 * run: the cast, every observed event (and which ones the stimulus caused), the final variable
 * bindings and the scenario's expectation tables. Attached to the run by recordHook.ts, read from
 * the run's messages.
 */
import type { Envelope, Pickle } from '@cucumber/messages';
import type { PartyConfig } from '../adapter/contract';
import type { AttrValue, ObservedEvent } from '../model/event';
import { expectationStepFor, stepParty } from '../matching/expectationSteps';
import type { OrderMode } from '../matching/sequence';

export interface ExpectationRecord {
  readonly mode: OrderMode;
  /** The party the step names ("Bob receives, in order:"), when the table has no dn column. */
  readonly party?: string;
  readonly dnColumn: 'required' | 'forbidden';
  readonly rows: readonly (readonly string[])[];
  /** Events the model leaves optional (support/matching/optional.ts). */
  readonly optional?: true;
  /** Alternatives (support/matching/anyOf.ts). */
  readonly anyOf?: true;
}

export interface ScenarioRecording {
  readonly uri: string;
  readonly line: number;
  readonly name: string;
  readonly tags: readonly string[];
  readonly status: string;
  readonly parties: readonly PartyConfig[];
  readonly observed: readonly ObservedEvent[];
  /** Sequence number of the first event the stimulus caused (events of the last request). */
  readonly stimulusFrom: number;
  /** The When's ReferenceID, bound to `$request`. */
  readonly request?: AttrValue;
  /** Variable bindings at the end of the clean run (every `$var` of the tables). */
  readonly bindings: readonly (readonly [string, AttrValue])[];
  readonly expectations: readonly ExpectationRecord[];
}

/** The media type of a recording attached to the run (never written to a report: the runs that record have no formatter). */
export const RECORDING_MEDIA_TYPE = 'application/vnd.cmc.scenario-recording+json';

/** The recordings a run attached, in the order its scenarios ran. */
export function recordingsOf(messages: readonly Envelope[]): ScenarioRecording[] {
  return messages.flatMap((m) => (m.attachment?.mediaType === RECORDING_MEDIA_TYPE ? [JSON.parse(m.attachment.body) as ScenarioRecording] : []));
}

/** The expectation steps of a pickle with their tables, in order. */
export function expectationsOf(pickle: Pickle): ExpectationRecord[] {
  const out: ExpectationRecord[] = [];
  for (const step of pickle.steps) {
    const kind = expectationStepFor(step.text);
    const table = step.argument?.dataTable;
    if (!kind || !table) continue;
    const party = stepParty(kind, step.text);
    out.push({ mode: kind.mode, dnColumn: kind.dnColumn, rows: table.rows.map((r) => r.cells.map((c) => c.value)), ...(party ? { party } : {}), ...(kind.optional ? { optional: true } : {}), ...(kind.anyOf ? { anyOf: true } : {}) });
  }
  return out;
}
