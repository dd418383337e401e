/**
 * The cast beyond one T-Server: sites with their own T-Servers, DNs at a site, and participants
 * that are not DNs (agent applications, reporting engines and the routing server of Interaction
 * Server; call- and transaction-monitoring clients).
 */
import { Given } from '@cucumber/cucumber';
import type { ParticipantConfig } from '../support/model/participants';
import { Parties } from '../support/world/parties';
import type { ConformanceWorld } from '../support/world';

const INTERACTION_SERVER = 'Interaction Server';

function participant(world: ConformanceWorld, name: string, config: ParticipantConfig): void {
  // Not a DN: DN-registering adapters skip External/unconfigured parties; `participant` says what it is.
  world.declare({ name, dn: name, type: 'External', configured: false, participant: config });
}

Given('the site {word} has T-Server {word}', function (this: ConformanceWorld, site: string, server: string) {
  this.parties.declareSite({ name: site, server: `T-Server ${server}` });
});

Given('the sites {word} and {word} are linked by ISCC', function (this: ConformanceWorld, a: string, b: string) {
  this.parties.declareSite({ name: a, server: `T-Server ${a}` });
  this.parties.declareSite({ name: b, server: `T-Server ${b}` });
});

Given('{party} is on {dn kind} {dn} at {word}', function (this: ConformanceWorld, name: string, kind: string, dn: string, site: string) {
  this.declare({ name, dn, type: Parties.typeOf(kind), configured: true, site: this.parties.site(site).name });
});

Given('{party} is an agent on {dn kind} {dn} at {word}', function (this: ConformanceWorld, name: string, kind: string, dn: string, site: string) {
  this.declare({ name, dn, type: Parties.typeOf(kind), agentId: name, configured: true, site: this.parties.site(site).name });
});

Given('{party} is at another site, reached through the network at {dn}', function (this: ConformanceWorld, name: string, dn: string) {
  this.declare({ name, dn, type: 'External', configured: false });
});

Given('{party} is an agent application on Interaction Server', function (this: ConformanceWorld, name: string) {
  participant(this, name, { kind: 'agent-application', server: INTERACTION_SERVER });
});

Given('{party} is an agent application that Interaction Server does not know', function (this: ConformanceWorld, name: string) {
  participant(this, name, { kind: 'agent-application', server: INTERACTION_SERVER, valid: false });
});

Given('the reporting engine {party} listens to Interaction Server', function (this: ConformanceWorld, name: string) {
  participant(this, name, { kind: 'reporting-engine', server: INTERACTION_SERVER });
});

Given('{party} is the routing server of Interaction Server', function (this: ConformanceWorld, name: string) {
  participant(this, name, { kind: 'router', server: INTERACTION_SERVER });
});

Given('{party} is a call-monitoring client of the switch', function (this: ConformanceWorld, name: string) {
  participant(this, name, { kind: 'call-monitor', server: 'T-Server' });
});

Given('{party} is a transaction-monitoring client of T-Server {word}', function (this: ConformanceWorld, name: string, site: string) {
  participant(this, name, { kind: 'transaction-monitor', server: this.parties.site(site).server });
});
