/** DN features: do-not-disturb, call forwarding, message waiting, mute. */
import { Given, When } from '@cucumber/cucumber';
import * as act from '../support/world/actions';
import * as dnf from '../support/world/featureActions';
import type { ConformanceWorld } from '../support/world';

Given('{party} has turned on do-not-disturb', function (this: ConformanceWorld, a: string) {
  return this.establish(dnf.doNotDisturb(a, true));
});

When('{party} turns on do-not-disturb', function (this: ConformanceWorld, a: string) {
  return this.stimulate(dnf.doNotDisturb(a, true));
});

When('{party} turns off do-not-disturb', function (this: ConformanceWorld, a: string) {
  return this.stimulate(dnf.doNotDisturb(a, false));
});

Given('{party} has forwarded her/his calls to {party} on no answer', function (this: ConformanceWorld, a: string, b: string) {
  return this.establish(dnf.forwardCalls(a, b, 'OnNoAnswer'));
});

Given('{party} has forwarded all her/his calls to {party}', function (this: ConformanceWorld, a: string, b: string) {
  return this.establish(dnf.forwardCalls(a, b, 'Unconditional'));
});

When('{party} forwards her/his calls to {party} on no answer', function (this: ConformanceWorld, a: string, b: string) {
  return this.stimulate(dnf.forwardCalls(a, b, 'OnNoAnswer'));
});

When('{party} forwards all her/his calls to {party}', function (this: ConformanceWorld, a: string, b: string) {
  return this.stimulate(dnf.forwardCalls(a, b, 'Unconditional'));
});

When('{party} cancels forwarding on no answer', function (this: ConformanceWorld, a: string) {
  return this.stimulate(dnf.cancelForwarding(a, 'OnNoAnswer'));
});

When('{party}\'s message-waiting lamp is turned on', function (this: ConformanceWorld, a: string) {
  return this.stimulate(dnf.messageWaiting(a, true));
});

When('{party}\'s message-waiting lamp is turned off', function (this: ConformanceWorld, a: string) {
  return this.stimulate(dnf.messageWaiting(a, false));
});

When('{party} does not answer before the no-answer timer expires', function (this: ConformanceWorld, a: string) {
  return this.stimulate(dnf.ringUnanswered(a));
});

Given('{party} has muted the call', function (this: ConformanceWorld, a: string) {
  return this.establish(dnf.mute(a, true));
});

When('{party} mutes the call', function (this: ConformanceWorld, a: string) {
  return this.stimulate(dnf.mute(a, true));
});

When('{party} unmutes the call', function (this: ConformanceWorld, a: string) {
  return this.stimulate(dnf.mute(a, false));
});

When('{party} switches to coaching', function (this: ConformanceWorld, a: string) {
  return this.stimulate(dnf.mute(a, false, true));
});

Given('{party} is calling {party}, who does not answer', function (this: ConformanceWorld, a: string, b: string) {
  return this.establish(act.call(a, b));
});

Given('{party} has not answered before the no-answer timer expired', function (this: ConformanceWorld, a: string) {
  return this.establish(dnf.ringUnanswered(a));
});
