/** Transfers, conferences and consultations — as preconditions (Given) and as the stimulus (When). */
import { Given, When } from '@cucumber/cucumber';
import * as act from '../support/world/actions';
import * as tc from '../support/world/transferActions';
import type { ConformanceWorld } from '../support/world';

Given('{party} has started a consultation with {party} for a transfer', function (this: ConformanceWorld, b: string, c: string) {
  return this.establish(tc.consult(b, c, 'transfer'));
});

Given('{party} has started a consultation with {party} for a conference', function (this: ConformanceWorld, b: string, c: string) {
  return this.establish(tc.consult(b, c, 'conference'));
});

Given('{party} has answered the consultation call', function (this: ConformanceWorld, c: string) {
  return this.establish(act.answer(c));
});

/** The first party called the second, who answered and then conferenced the third in (two-step). */
Given('{party}, {party} and {party} are in a conference', function (this: ConformanceWorld, a: string, b: string, c: string) {
  return this.establish(...tc.conference(a, b, c));
});

Given('{party} has conferenced {party} in', function (this: ConformanceWorld, b: string, c: string) {
  return this.establish(...tc.conferenceIn(b, c));
});

Given('{party} has conferenced {party} in with a single step', function (this: ConformanceWorld, b: string, c: string) {
  return this.establish(tc.oneStep(b, c, 'RequestSingleStepConference'));
});

Given('{party} has transferred the call to {party}', function (this: ConformanceWorld, b: string, c: string) {
  return this.establish(tc.oneStep(b, c, 'RequestSingleStepTransfer'));
});

Given('{party} has redirected the call to {party}', function (this: ConformanceWorld, b: string, c: string) {
  return this.establish(tc.oneStep(b, c, 'RequestRedirectCall'));
});

Given('{party} has completed the transfer', function (this: ConformanceWorld, b: string) {
  return this.establish(tc.completeTransfer(b));
});

Given('{party} has completed the conference', function (this: ConformanceWorld, b: string) {
  return this.establish(tc.completeConference(b));
});

Given('{party} has made a mute transfer to {party}', function (this: ConformanceWorld, b: string, c: string) {
  return this.establish(tc.oneStep(b, c, 'RequestMuteTransfer'));
});

Given('{party} has removed {party} from the conference', function (this: ConformanceWorld, b: string, c: string) {
  return this.establish(tc.removeFromConference(b, c));
});

Given('{party} has left the conference', function (this: ConformanceWorld, b: string) {
  return this.establish(act.hangUp(b));
});

Given('{party} has alternated between the calls', function (this: ConformanceWorld, b: string) {
  return this.establish(tc.alternate(b));
});

Given('{party} has stopped {party} from listening', function (this: ConformanceWorld, b: string, c: string) {
  return this.establish(tc.listen(b, c, false));
});

When('{party} starts a consultation with {party} for a transfer', function (this: ConformanceWorld, b: string, c: string) {
  return this.stimulate(tc.consult(b, c, 'transfer'));
});

When('{party} starts a consultation with {party} for a conference', function (this: ConformanceWorld, b: string, c: string) {
  return this.stimulate(tc.consult(b, c, 'conference'));
});

When('{party} completes the transfer', function (this: ConformanceWorld, b: string) {
  return this.stimulate(tc.completeTransfer(b));
});

When('{party} completes the conference', function (this: ConformanceWorld, b: string) {
  return this.stimulate(tc.completeConference(b));
});

When('{party} transfers the call to {party}', function (this: ConformanceWorld, b: string, c: string) {
  return this.stimulate(tc.oneStep(b, c, 'RequestSingleStepTransfer'));
});

When('{party} makes a mute transfer to {party}', function (this: ConformanceWorld, b: string, c: string) {
  return this.stimulate(tc.oneStep(b, c, 'RequestMuteTransfer'));
});

When('{party} conferences {party} in', function (this: ConformanceWorld, b: string, c: string) {
  return this.stimulate(tc.oneStep(b, c, 'RequestSingleStepConference'));
});

When('{party} redirects the call to {party}', function (this: ConformanceWorld, b: string, c: string) {
  return this.stimulate(tc.oneStep(b, c, 'RequestRedirectCall'));
});

When('{party} removes {party} from the conference', function (this: ConformanceWorld, b: string, c: string) {
  return this.stimulate(tc.removeFromConference(b, c));
});

When('{party} removes themselves from the conference', function (this: ConformanceWorld, b: string) {
  return this.stimulate(tc.removeFromConference(b, b));
});

When('{party} removes {party} from the call', function (this: ConformanceWorld, b: string, c: string) {
  return this.stimulate(tc.removeFromConference(b, c));
});

When('{party} merges the calls into a conference', function (this: ConformanceWorld, b: string) {
  return this.stimulate(tc.mergeCalls(b, 'ForConference'));
});

When('{party} merges the calls into a transfer', function (this: ConformanceWorld, b: string) {
  return this.stimulate(tc.mergeCalls(b, 'ForTransfer'));
});

When('{party} alternates between the calls', function (this: ConformanceWorld, b: string) {
  return this.stimulate(tc.alternate(b));
});

When('{party} reconnects to {party}', function (this: ConformanceWorld, b: string, a: string) {
  return this.stimulate(tc.reconnect(b, a));
});

When('{party} stops {party} from listening', function (this: ConformanceWorld, b: string, c: string) {
  return this.stimulate(tc.listen(b, c, false));
});

When('{party} lets {party} listen again', function (this: ConformanceWorld, b: string, c: string) {
  return this.stimulate(tc.listen(b, c, true));
});
