/**
 * Beyond one T-Server on the voice side: calls to another site through ISCC (with a transaction
 * type), transaction monitoring, and the network attended transfer.
 */
import { Given, When } from '@cucumber/cucumber';
import * as ms from '../support/world/beyondActions';
import * as act from '../support/world/actions';
import type { ConformanceWorld } from '../support/world';

/** ISCC transaction types: T-Server's option spelling (digest 1 §2.1, INFERRED) → XRouteType (READ). */
const TRANSACTION_TYPES: Readonly<Record<string, string>> = {
  route: 'Route', 'direct-callid': 'Direct', reroute: 'Reroute', 'direct-uui': 'DirectUUI', 'direct-ani': 'DirectANI',
  'direct-notoken': 'DirectNoToken', 'dnis-pool': 'DNISPooling', 'direct-digits': 'DirectDigits', pullback: 'PullBack',
  'route-uui': 'RouteUUI', 'direct-network-callid': 'DirectNetworkCallID',
};

function transactionType(spelling: string): string {
  const type = TRANSACTION_TYPES[spelling];
  if (!type) throw new Error(`unknown ISCC transaction type "${spelling}" (known: ${Object.keys(TRANSACTION_TYPES).join(', ')})`);
  return type;
}

Given('{party} is calling {party} at the other site', function (this: ConformanceWorld, a: string, b: string) {
  return this.establish(ms.callAcrossSites(a, b));
});
Given('{party} is talking to {party} at the other site', function (this: ConformanceWorld, a: string, b: string) {
  return this.establish(ms.callAcrossSites(a, b), act.answer(b));
});
Given('{party} has started a consultation with {party} at the other site', function (this: ConformanceWorld, b: string, c: string) {
  return this.establish(ms.consultAcrossSites(b, c));
});
Given('{party} has started a conference consultation with {party} at the other site', function (this: ConformanceWorld, b: string, c: string) {
  return this.establish(ms.conferenceConsultAcrossSites(b, c));
});
When('{party} starts a conference consultation with {party} at the other site', function (this: ConformanceWorld, b: string, c: string) {
  return this.stimulate(ms.conferenceConsultAcrossSites(b, c));
});
Given('{party} has transferred the call to {party} at the other site', function (this: ConformanceWorld, b: string, c: string) {
  return this.establish(ms.transferAcrossSites(b, c));
});
When('{party} transfers the call to {party} at the other site', function (this: ConformanceWorld, b: string, c: string) {
  return this.stimulate(ms.transferAcrossSites(b, c));
});
When('{party} calls {party} at the other site using the {word} transaction', function (this: ConformanceWorld, a: string, b: string, type: string) {
  return this.stimulate(ms.callAcrossSites(a, b, transactionType(type)));
});
When('{party} starts a consultation with {party} at the other site', function (this: ConformanceWorld, b: string, c: string) {
  return this.stimulate(ms.consultAcrossSites(b, c));
});

const subscriptionOf = (world: ConformanceWorld, client: string) => (): string => ms.lastSubscription(world.observed, world.parties.get(client).dn);

Given('{party} has subscribed to transaction monitoring with the rules {string}', function (this: ConformanceWorld, client: string, rules: string) {
  return this.establish(ms.transactionMonitoring(client, 'SubscriptionStart', rules));
});
Given('{party} has changed its transaction-monitoring rules to {string}', function (this: ConformanceWorld, client: string, rules: string) {
  return this.establish(ms.transactionMonitoring(client, 'SubscriptionModify', rules, subscriptionOf(this, client)));
});
Given('{party} has stopped transaction monitoring', function (this: ConformanceWorld, client: string) {
  return this.establish(ms.transactionMonitoring(client, 'SubscriptionStop', undefined, subscriptionOf(this, client)));
});
When('{party} subscribes to transaction monitoring with the rules {string}', function (this: ConformanceWorld, client: string, rules: string) {
  return this.stimulate(ms.transactionMonitoring(client, 'SubscriptionStart', rules));
});
When('{party} changes its transaction-monitoring rules to {string}', function (this: ConformanceWorld, client: string, rules: string) {
  return this.stimulate(ms.transactionMonitoring(client, 'SubscriptionModify', rules, subscriptionOf(this, client)));
});
When('{party} stops transaction monitoring', function (this: ConformanceWorld, client: string) {
  return this.stimulate(ms.transactionMonitoring(client, 'SubscriptionStop', undefined, subscriptionOf(this, client)));
});
When('{party} stops a transaction-monitoring subscription that does not exist', function (this: ConformanceWorld, client: string) {
  return this.stimulate(ms.transactionMonitoring(client, 'SubscriptionStop', undefined, () => 'sub-unknown'));
});

Given('{party} is consulting {party} through the network', function (this: ConformanceWorld, a: string, b: string) {
  return this.establish(ms.networkRequest(a, 'RequestNetworkConsult', b));
});
Given('{party} has answered the network consultation of {party}', function (this: ConformanceWorld, _b: string, a: string) {
  return this.establish(ms.networkDestination(a, 'answered'));
});
When('{party} consults {party} through the network', function (this: ConformanceWorld, a: string, b: string) {
  return this.stimulate(ms.networkRequest(a, 'RequestNetworkConsult', b));
});
When('{party} answers the network consultation of {party}', function (this: ConformanceWorld, _b: string, a: string) {
  return this.stimulate(ms.networkDestination(a, 'answered'));
});
When('{party} cannot be reached for the network consultation of {party}', function (this: ConformanceWorld, _b: string, a: string) {
  return this.stimulate(ms.networkDestination(a, 'failed'));
});
When('{party} alternates through the network', function (this: ConformanceWorld, a: string) {
  return this.stimulate(ms.networkRequest(a, 'RequestNetworkAlternate'));
});
When('{party} transfers through the network', function (this: ConformanceWorld, a: string) {
  return this.stimulate(ms.networkRequest(a, 'RequestNetworkTransfer'));
});
When('{party} conferences through the network', function (this: ConformanceWorld, a: string) {
  return this.stimulate(ms.networkRequest(a, 'RequestNetworkMerge'));
});
When('{party} reconnects through the network', function (this: ConformanceWorld, a: string) {
  return this.stimulate(ms.networkRequest(a, 'RequestNetworkReconnect'));
});
When('{party} asks the network for a private service', function (this: ConformanceWorld, a: string) {
  return this.stimulate(ms.networkRequest(a, 'RequestNetworkPrivateService'));
});
