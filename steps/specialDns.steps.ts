/** Special DNs: the call parking place. */
import { Given, When } from '@cucumber/cucumber';
import * as act from '../support/world/actions';
import { PARK_DN } from '../support/model/specialDns';
import type { ConformanceWorld } from '../support/world';

Given('{party} is the call parking place', function (this: ConformanceWorld, name: string) {
  // The parking place is not a monitored DN: it gets no events, so it is declared like an outside number.
  this.declare({ name, dn: PARK_DN, type: 'External', configured: false });
});

Given('{party} has parked a call at {party}', function (this: ConformanceWorld, caller: string, place: string) {
  return this.establish(act.call(caller, place, 'dialing'));
});

When('{party} parks a call at {party}', function (this: ConformanceWorld, caller: string, place: string) {
  return this.stimulate(act.call(caller, place));
});
