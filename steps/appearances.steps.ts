/** Lines with several appearances (shared call appearance, bridged appearance), and outside numbers. */
import { Given, When } from '@cucumber/cucumber';
import { UsageError } from '../support/errors';
import * as act from '../support/world/actions';
import * as dnf from '../support/world/featureActions';
import type { ConformanceWorld } from '../support/world';

Given('{party} is on {dn}, an appearance of {party}\'s shared line', function (this: ConformanceWorld, name: string, dn: string, owner: string) {
  this.declare({ name, dn, type: 'Extension', configured: true, appearanceOf: { line: this.parties.get(owner).dn, kind: 'shared' } });
});

Given('{party} is on {dn}, a bridged appearance of {party}\'s line', function (this: ConformanceWorld, name: string, dn: string, owner: string) {
  this.declare({ name, dn, type: 'Extension', configured: true, appearanceOf: { line: this.parties.get(owner).dn, kind: 'bridged' } });
});

Given('{party} is an outside party at {dn}', function (this: ConformanceWorld, name: string, dn: string) {
  this.declare({ name, dn, type: 'External', configured: false });
});

Given('{party}\'s line is busy', function (this: ConformanceWorld, a: string) {
  return this.establish(dnf.outsideLineBusy(a));
});

When('{party} calls {party} on {party}\'s line', function (this: ConformanceWorld, a: string, b: string, owner: string) {
  if (this.parties.get(a).appearanceOf?.line !== this.parties.get(owner).dn) {
    throw new UsageError(`${a} is not declared as an appearance of ${owner}'s line`);
  }
  return this.stimulate(act.call(a, b));
});

Given('{party} has dialled {party}', function (this: ConformanceWorld, a: string, b: string) {
  return this.establish(act.call(a, b, 'dialing'));
});
