/** The cast: who is on which DN. Declared in the Background, before anything happens. */
import { Given } from '@cucumber/cucumber';
import { Parties } from '../support/world/parties';
import type { ConformanceWorld } from '../support/world';

Given('{party} is on {dn kind} {dn}', function (this: ConformanceWorld, name: string, kind: string, dn: string) {
  this.declare({ name, dn, type: Parties.typeOf(kind), configured: true });
});

Given('{party} is an agent on {dn kind} {dn}', function (this: ConformanceWorld, name: string, kind: string, dn: string) {
  this.declare({ name, dn, type: Parties.typeOf(kind), agentId: name, configured: true });
});

Given('{party} is agent {word} on {dn kind} {dn}', function (this: ConformanceWorld, name: string, agentId: string, kind: string, dn: string) {
  this.declare({ name, dn, type: Parties.typeOf(kind), agentId, configured: true });
});

Given('{party} is the {dn kind} {dn}', function (this: ConformanceWorld, name: string, kind: string, dn: string) {
  this.declare({ name, dn, type: Parties.typeOf(kind), configured: true });
});

Given('{party} is an outside caller at {dn}', function (this: ConformanceWorld, name: string, dn: string) {
  this.declare({ name, dn, type: 'External', configured: false });
});

Given('{party} uses DN {dn}, which the switch does not know', function (this: ConformanceWorld, name: string, dn: string) {
  this.declare({ name, dn, type: 'Extension', configured: false });
});
