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

When('{party} picks up the call {party} holds on the shared line', function (this: ConformanceWorld, appearance: string, holder: string) {
  sameLine(this, appearance, holder);
  return this.stimulate(dnf.onSharedLine(appearance, 'retrieve'));
});

When('{party} barges in on {party}\'s call on the shared line', function (this: ConformanceWorld, appearance: string, holder: string) {
  sameLine(this, appearance, holder);
  return this.stimulate(dnf.onSharedLine(appearance, 'barge-in'));
});

/** Both parties are appearances of one shared line (the line's own DN counts as one). */
function sameLine(world: ConformanceWorld, a: string, b: string): void {
  const line = (name: string): string => world.parties.get(name).appearanceOf?.line ?? world.parties.get(name).dn;
  if (line(a) !== line(b)) throw new UsageError(`${a} and ${b} are not appearances of one shared line`);
}
