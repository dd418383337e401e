/** IVR Server and its IVRs: ports behind the switch, routing points in front of it, the IVR's requests. */
import { Given, When } from '@cucumber/cucumber';
import * as ivr from '../support/world/ivrActions';
import type { ConformanceWorld } from '../support/world';

Given('{party} is an IVR connected to IVR Server', function (this: ConformanceWorld, name: string) {
  this.declare({ name, dn: name, type: 'External', configured: false, participant: { kind: 'ivr', server: 'IVR Server' } });
});

Given('{party} is port {dn} of {party}, behind the switch', function (this: ConformanceWorld, name: string, dn: string, owner: string) {
  this.declare({ name, dn, type: 'Extension', configured: true, options: { ivr: this.parties.get(owner).dn } });
});

Given('{party} is the routing point {dn} of {party}, in front of the switch', function (this: ConformanceWorld, name: string, dn: string, owner: string) {
  this.declare({ name, dn, type: 'RoutingPoint', configured: true, options: { 'ivr-in-front': this.parties.get(owner).dn } });
});

When('{party} registers {party} for dial-out', function (this: ConformanceWorld, who: string, dn: string) {
  return this.stimulate(ivr.registerDialOut(who, dn));
});

Given('{party} has registered {party} for dial-out', function (this: ConformanceWorld, who: string, dn: string) {
  return this.establish(ivr.registerDialOut(who, dn));
});

When('{party} removes {party} from dial-out', function (this: ConformanceWorld, who: string, dn: string) {
  return this.stimulate(ivr.removeDialOut(who, dn));
});

When('{party} asks to transfer the call on {party} to {party} in one step', function (this: ConformanceWorld, who: string, port: string, to: string) {
  return this.stimulate(ivr.oneStepTransfer(who, port, to));
});

When('{party} asks to transfer a call IVR Server does not know to {party} in one step', function (this: ConformanceWorld, who: string, to: string) {
  return this.stimulate(ivr.oneStepTransfer(who, undefined, to));
});
