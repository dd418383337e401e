/** The routing server of the switch (URS) and its virtual queues; the switch's default route. */
import { Given, When } from '@cucumber/cucumber';
import * as urs from '../support/world/ivrActions';
import type { ConformanceWorld } from '../support/world';

Given('{party} is the routing server of the switch', function (this: ConformanceWorld, name: string) {
  // Not a DN: URS is a client of T-Server; it sends the VQ requests (their `sender`).
  this.declare({ name, dn: name, type: 'External', configured: false, participant: { kind: 'router', server: 'T-Server' } });
});

Given('{party} is a virtual queue', function (this: ConformanceWorld, name: string) {
  // A VQ is a DN of the configuration (type Virtual Queue) that the switch never queues a call on.
  this.declare({ name, dn: name, type: 'ACDQueue', configured: true, options: { 'virtual-queue': 'true' } });
});

Given('{party} has placed the call in the virtual queue {party}', function (this: ConformanceWorld, router: string, vq: string) {
  return this.establish(urs.placeInVirtualQueue(router, vq));
});

When('{party} places the call in the virtual queue {party}', function (this: ConformanceWorld, router: string, vq: string) {
  return this.stimulate(urs.placeInVirtualQueue(router, vq));
});

Given('the routing point\'s strategy has not answered in time', function (this: ConformanceWorld) {
  return this.establish(urs.routeTimedOut());
});
