/** Supervision: a supervisor observing an agent's calls (service observing, monitor next call). */
import { Given, When } from '@cucumber/cucumber';
import * as act from '../support/world/actions';
import * as mon from '../support/world/monitoringActions';
import type { ConformanceWorld } from '../support/world';

Given('{party} is observing {party}\'s calls', function (this: ConformanceWorld, observer: string, agent: string) {
  return this.establish(mon.observe(observer, agent, 'MonitorAllCalls'));
});

Given('{party} is set to observe {party}\'s next call', function (this: ConformanceWorld, observer: string, agent: string) {
  return this.establish(mon.observe(observer, agent, 'MonitorOneCall'));
});

Given('{party} is set to coach {party} on the next call', function (this: ConformanceWorld, observer: string, agent: string) {
  return this.establish(mon.observe(observer, agent, 'MonitorOneCall', 'coach'));
});

When('{party} starts observing {party}\'s next call', function (this: ConformanceWorld, observer: string, agent: string) {
  return this.stimulate(mon.observe(observer, agent, 'MonitorOneCall'));
});

When('{party} starts observing all of {party}\'s calls', function (this: ConformanceWorld, observer: string, agent: string) {
  return this.stimulate(mon.observe(observer, agent, 'MonitorAllCalls'));
});

When('{party} stops observing {party}', function (this: ConformanceWorld, observer: string, agent: string) {
  return this.stimulate(mon.stopObserving(observer, agent));
});

Given('{party} has left the call', function (this: ConformanceWorld, a: string) {
  return this.establish(act.hangUp(a));
});
