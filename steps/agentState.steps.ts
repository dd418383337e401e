/** Agent state: login, logout, ready, not ready, after-call work. */
import { Given, When } from '@cucumber/cucumber';
import * as act from '../support/world/actions';
import type { ConformanceWorld } from '../support/world';

Given('{party} is logged in', function (this: ConformanceWorld, a: string) {
  return this.establish(act.login(a));
});

Given('{party} is ready', function (this: ConformanceWorld, a: string) {
  return this.establish(act.login(a), act.ready(a));
});

Given('{party} is in {not ready mode}', function (this: ConformanceWorld, a: string, mode: string) {
  return this.establish(act.login(a), act.notReady(a, mode));
});

When('{party} logs in', function (this: ConformanceWorld, a: string) {
  return this.stimulate(act.login(a));
});

When('{party} logs in as agent {word}', function (this: ConformanceWorld, a: string, agentId: string) {
  return this.stimulate(act.login(a, agentId));
});

When('{party} logs out', function (this: ConformanceWorld, a: string) {
  return this.stimulate(act.logout(a));
});

When('{party} becomes ready', function (this: ConformanceWorld, a: string) {
  return this.stimulate(act.ready(a));
});

When('{party} becomes not ready', function (this: ConformanceWorld, a: string) {
  return this.stimulate(act.notReady(a, 'AuxWork'));
});

When('{party} starts {not ready mode}', function (this: ConformanceWorld, a: string, mode: string) {
  return this.stimulate(act.notReady(a, mode));
});
