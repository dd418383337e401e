/** User data attached to calls: by a party on the call, or by a third party. */
import { Given, When, type DataTable } from '@cucumber/cucumber';
import * as act from '../support/world/actions';
import { pairsOf } from '../support/world/tables';
import type { ConformanceWorld } from '../support/world';

Given('{party} has attached user data to the call:', function (this: ConformanceWorld, a: string, table: DataTable) {
  return this.establish(act.changeUserData(a, 'RequestAttachUserData', pairsOf(table.raw())));
});

When('{party} attaches user data to the call:', function (this: ConformanceWorld, a: string, table: DataTable) {
  return this.stimulate(act.changeUserData(a, 'RequestAttachUserData', pairsOf(table.raw())));
});

When('{party} updates the user data of the call:', function (this: ConformanceWorld, a: string, table: DataTable) {
  return this.stimulate(act.changeUserData(a, 'RequestUpdateUserData', pairsOf(table.raw())));
});

When('{party} updates the user data of the call between {party} and {party}:', function (this: ConformanceWorld, c: string, a: string, b: string, table: DataTable) {
  return this.stimulate(act.changeUserData(c, 'RequestUpdateUserData', pairsOf(table.raw()), [a, b]));
});

When('{party} attaches user data to the call between {party} and {party}:', function (this: ConformanceWorld, c: string, a: string, b: string, table: DataTable) {
  return this.stimulate(act.changeUserData(c, 'RequestAttachUserData', pairsOf(table.raw()), [a, b]));
});

When('{party} deletes the user data key {string}', function (this: ConformanceWorld, a: string, key: string) {
  return this.stimulate(act.changeUserData(a, 'RequestDeletePair', key));
});
