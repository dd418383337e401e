/** Routing points and route queues: the router's answers, the switch's default route, treatments. */
import { Given, When } from '@cucumber/cucumber';
import * as route from '../support/world/routingActions';
import type { ConformanceWorld } from '../support/world';

Given('the router has routed the call to {party}', function (this: ConformanceWorld, to: string) {
  return this.establish(route.routeCall({ to }));
});

Given('the router is collecting digits from the caller', function (this: ConformanceWorld) {
  return this.establish(route.applyTreatment('CollectDigits'));
});

When('the router routes the call to {party}', function (this: ConformanceWorld, to: string) {
  return this.stimulate(route.routeCall({ to }));
});

When('the router routes the call to the default destination', function (this: ConformanceWorld) {
  return this.stimulate(route.routeCall({ routeType: 'Default' }));
});

When('the router disconnects the call', function (this: ConformanceWorld) {
  return this.stimulate(route.routeCall({ routeType: 'CallDisconnect' }));
});

When('the router rejects the call', function (this: ConformanceWorld) {
  return this.stimulate(route.routeCall({ routeType: 'Reject' }));
});

When('the routing point\'s strategy does not answer in time', function (this: ConformanceWorld) {
  return this.stimulate(route.timeout('route'));
});

When('the router collects digits from the caller', function (this: ConformanceWorld) {
  return this.stimulate(route.applyTreatment('CollectDigits'));
});

When('{party} enters the digits {word}', function (this: ConformanceWorld, party: string, digits: string) {
  return this.stimulate(route.entersDigits(party, digits));
});

Given('{party} has entered the digits {word}', function (this: ConformanceWorld, party: string, digits: string) {
  return this.establish(route.entersDigits(party, digits));
});
