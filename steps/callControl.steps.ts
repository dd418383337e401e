/** Calls: dialling, answering, holding, releasing — as preconditions (Given) and as the stimulus (When). */
import { Given, When } from '@cucumber/cucumber';
import * as act from '../support/world/actions';
import type { ConformanceWorld } from '../support/world';

Given('{party} is calling {party}', function (this: ConformanceWorld, a: string, b: string) {
  return this.establish(act.call(a, b));
});

Given('{party} has dialled {party}, whose phone is not yet alerted', function (this: ConformanceWorld, a: string, b: string) {
  return this.establish(act.delayAlerting(b), act.call(a, b, 'dialing'));
});

Given('{party} is talking to {party}', function (this: ConformanceWorld, a: string, b: string) {
  return this.establish(act.call(a, b), act.answer(b));
});

Given('{party} has put the call on hold', function (this: ConformanceWorld, a: string) {
  return this.establish(act.hold(a));
});

Given('{party} has talked to {party} and hung up', function (this: ConformanceWorld, a: string, b: string) {
  return this.establish(act.call(a, b), act.answer(b), act.hangUp(a));
});

Given('{party} has retrieved the held call', function (this: ConformanceWorld, a: string) {
  return this.establish(act.retrieve(a));
});

Given('{party} has given up on the consultation call', function (this: ConformanceWorld, a: string) {
  return this.establish(act.hangUp(a));
});

Given('{party} has called {party}, who is busy', function (this: ConformanceWorld, a: string, b: string) {
  return this.establish(act.call(a, b));
});

When('{party} calls {party}', function (this: ConformanceWorld, a: string, b: string) {
  return this.stimulate(act.call(a, b));
});

When('{party} answers', function (this: ConformanceWorld, b: string) {
  return this.stimulate(act.answer(b));
});

When('{party} hangs up', function (this: ConformanceWorld, a: string) {
  return this.stimulate(act.hangUp(a));
});

When('{party} puts the call on hold', function (this: ConformanceWorld, a: string) {
  return this.stimulate(act.hold(a));
});

When('{party} retrieves the held call', function (this: ConformanceWorld, a: string) {
  return this.stimulate(act.retrieve(a));
});
