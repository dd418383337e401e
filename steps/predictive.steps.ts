/** Predictive dialing: the dialer's call for an ACD group or routing point, and how the dial ends. */
import { Given, When } from '@cucumber/cucumber';
import * as route from '../support/world/routingActions';
import type { ConformanceWorld } from '../support/world';

Given('the dialer has called {party} for the {party} group', function (this: ConformanceWorld, customer: string, group: string) {
  return this.establish(route.predictiveCall(group, customer));
});

Given('the dialer has called {party} for the {party} group, connecting answering machines to agents', function (this: ConformanceWorld, customer: string, group: string) {
  return this.establish(route.predictiveCall(group, customer, true));
});

Given('{party} has answered the dialer\'s call', function (this: ConformanceWorld, customer: string) {
  return this.establish(route.customerAnswers(customer));
});

When('the dialer calls {party} for the {party} group', function (this: ConformanceWorld, customer: string, group: string) {
  return this.stimulate(route.predictiveCall(group, customer));
});

When('the call is answered by a machine', function (this: ConformanceWorld) {
  return this.stimulate(route.dialOutcome('AnsweringMachineDetected'));
});

When('the dial fails with the call state {word}', function (this: ConformanceWorld, callState: string) {
  return this.stimulate(route.dialOutcome(callState));
});

Given('the dialer has called {party} through the routing point {party}', function (this: ConformanceWorld, customer: string, rp: string) {
  return this.establish(route.predictiveCall(rp, customer));
});

When('the dialer calls {party} through the routing point {party}', function (this: ConformanceWorld, customer: string, rp: string) {
  return this.stimulate(route.predictiveCall(rp, customer));
});
