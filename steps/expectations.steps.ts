/** Expectations: the events the model specifies, one table row per event; the wording is the ordering. */
import { Then, type DataTable } from '@cucumber/cucumber';
import { EXPECTATION_STEPS } from '../support/matching/expectationSteps';
import type { ConformanceWorld } from '../support/world';

for (const step of EXPECTATION_STEPS) {
  if (step.anyOf) {
    Then(step.expression, function (this: ConformanceWorld, table: DataTable) {
      return this.expectAnyOf(table.raw());
    });
  } else if (step.dnColumn === 'required') {
    Then(step.expression, function (this: ConformanceWorld, table: DataTable) {
      return this.expectEvents(table.raw(), step.mode);
    });
  } else {
    Then(step.expression, function (this: ConformanceWorld, party: string, table: DataTable) {
      return this.expectEvents(table.raw(), step.mode, this.parties.get(party).dn, step.optional);
    });
  }
}
