/**
 * The wording of expectation steps is the ordering mode (style rule: say the ordering in the step
 * text). Shared by the step definitions and the pre-run feature validator.
 */
import type { OrderMode } from './sequence';

export interface ExpectationStep {
  /** Cucumber Expression used by the step definition. */
  readonly expression: string;
  /** The same wording as a regular expression over the step text (for the validator). */
  readonly pattern: RegExp;
  readonly mode: OrderMode;
  /** Whether the table names the DN per row, or the step names one party. */
  readonly dnColumn: 'required' | 'forbidden';
  /**
   * Events the model leaves optional ("Sales may also receive, in order:"): none of them arriving
   * holds; those that arrive must match (support/matching/optional.ts).
   */
  readonly optional?: true;
  /**
   * Alternatives ("at least one of these is reported:"): the model says something is reported
   * without saying on which event; one row matched by an event since the stimulus holds, and the
   * table takes nothing (its events are other tables' to account for: support/matching/anyOf.ts).
   */
  readonly anyOf?: true;
}

export const EXPECTATION_STEPS: readonly ExpectationStep[] = [
  { expression: 'each DN receives, in order:', pattern: /^each DN receives, in order:$/, mode: 'per-dn', dnColumn: 'required' },
  { expression: 'the switch reports, in order:', pattern: /^the switch reports, in order:$/, mode: 'total', dnColumn: 'required' },
  { expression: 'the switch reports, in any order:', pattern: /^the switch reports, in any order:$/, mode: 'any', dnColumn: 'required' },
  // Beyond one T-Server (Interaction Server, monitoring clients, several sites): the same modes, worded for participants.
  { expression: 'each participant receives, in order:', pattern: /^each participant receives, in order:$/, mode: 'per-dn', dnColumn: 'required' },
  { expression: 'the participants receive, in order:', pattern: /^the participants receive, in order:$/, mode: 'total', dnColumn: 'required' },
  { expression: 'the participants receive, in any order:', pattern: /^the participants receive, in any order:$/, mode: 'any', dnColumn: 'required' },
  { expression: '{party} receives, in order:', pattern: /^[A-Z][A-Za-z0-9_]* receives, in order:$/, mode: 'per-dn', dnColumn: 'forbidden' },
  { expression: '{party} receives, in any order:', pattern: /^[A-Z][A-Za-z0-9_]* receives, in any order:$/, mode: 'any', dnColumn: 'forbidden' },
  // What the model says may be sent (the QA model's "optional" events): absent holds, present must match.
  { expression: '{party} may also receive, in order:', pattern: /^[A-Z][A-Za-z0-9_]* may also receive, in order:$/, mode: 'per-dn', dnColumn: 'forbidden', optional: true },
  // What the model says is reported without saying on which event (GenEM: T-Server "also attaches" AnswerClass=AM).
  { expression: 'at least one of these is reported:', pattern: /^at least one of these is reported:$/, mode: 'any', dnColumn: 'required', anyOf: true },
];

export function expectationStepFor(text: string): ExpectationStep | undefined {
  return EXPECTATION_STEPS.find((s) => s.pattern.test(text));
}

/** The party a step without `dn` column names (its first word), or undefined. */
export function stepParty(step: ExpectationStep, text: string): string | undefined {
  return step.dnColumn === 'forbidden' ? text.split(' ')[0] : undefined;
}
