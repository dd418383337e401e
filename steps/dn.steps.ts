/** DN registration, and requests the switch must refuse (negative responses). */
import { Given, When } from '@cucumber/cucumber';
import * as act from '../support/world/actions';
import type { ConformanceWorld } from '../support/world';

Given('{party}\'s DN has been registered', function (this: ConformanceWorld, a: string) {
  return this.establish(act.register(a, true));
});

When('{party}\'s DN is registered', function (this: ConformanceWorld, a: string) {
  return this.stimulate(act.register(a, true));
});

When('{party}\'s DN is unregistered', function (this: ConformanceWorld, a: string) {
  return this.stimulate(act.register(a, false));
});

When('{party} tries to answer the call that is already connected', function (this: ConformanceWorld, a: string) {
  return this.stimulate(act.invalid(a, 'answer-established'));
});

When('{party} tries to hold the call that is still ringing', function (this: ConformanceWorld, a: string) {
  return this.stimulate(act.invalid(a, 'hold-ringing'));
});

When('{party} tries to retrieve a call that is not on hold', function (this: ConformanceWorld, a: string) {
  return this.stimulate(act.invalid(a, 'retrieve-active'));
});

When('{party} tries to release a call that does not exist', function (this: ConformanceWorld, a: string) {
  return this.stimulate(act.invalid(a, 'release-unknown-call'));
});
