/**
 * ACD queues, IVR ports and hunt groups: who is in which queue, calls waiting in queues, the IVR
 * port's treatment, overflow. Declarations come first (before any action), like parties.steps.ts.
 */
import { Given, When, type DataTable } from '@cucumber/cucumber';
import { UsageError } from '../support/errors';
import * as act from '../support/world/actions';
import { Parties } from '../support/world/parties';
import * as route from '../support/world/routingActions';
import type { ConformanceWorld } from '../support/world';

Given('{party} is agent {word} on {dn kind} {dn} in queue {party}', function (this: ConformanceWorld, name: string, agentId: string, kind: string, dn: string, queue: string) {
  this.declare({ name, dn, type: Parties.typeOf(kind), agentId, queue, configured: true });
});

/**
 * The whole cast at once, with the DN options the switch is configured with (columns: party, kind,
 * DN, and optionally agent, queue, options; kind is a DN kind or `outside number`). Options are `key=value; key2=a,b`; party names in
 * option values are replaced by their DNs (see support/simulator/acdState.ts for the options).
 */
Given('the switch is configured with these parties:', function (this: ConformanceWorld, table: DataTable) {
  const rows = table.hashes();
  const dnOf = new Map(rows.map((r) => [r.party ?? '', r.DN ?? '']));
  for (const row of rows) {
    const { party, kind, DN: dn } = row;
    if (!party || !kind || !dn) throw new UsageError('each party row needs the columns party, kind and DN');
    const options = parseOptions(row.options ?? '', (v) => dnOf.get(v) ?? v);
    // An outside number is not configured on the switch and gets no events (GenEM rule 1).
    const outside = kind === 'outside number';
    this.declare({
      name: party, dn, type: outside ? 'External' : Parties.typeOf(kind), configured: !outside,
      ...(row.agent ? { agentId: row.agent } : {}),
      ...(row.queue ? { queue: row.queue } : {}),
      ...(Object.keys(options).length ? { options } : {}),
    });
  }
});

function parseOptions(text: string, resolve: (value: string) => string): Record<string, string> {
  const options: Record<string, string> = {};
  for (const pair of text.split(';').map((s) => s.trim()).filter(Boolean)) {
    const [key, value] = pair.split('=').map((s) => s.trim());
    if (!key || value === undefined) throw new UsageError(`option "${pair}" is not key=value`);
    options[key] = value.split(',').map((v) => resolve(v.trim())).join(',');
  }
  return options;
}

Given('{party} is waiting in {party}', function (this: ConformanceWorld, caller: string, device: string) {
  return this.establish(route.callDevice(caller, device));
});

Given('{party} is waiting in {party} while {party} treats the call', function (this: ConformanceWorld, caller: string, device: string, port: string) {
  return this.establish(route.callDevice(caller, device, port), act.answer(port));
});

Given('{party} is waiting in {party}, and {party} has finished the treatment', function (this: ConformanceWorld, caller: string, device: string, port: string) {
  return this.establish(route.callDevice(caller, device, port), act.answer(port), act.hangUp(port));
});

Given('{party}\'s call to {party} is ringing at {party}', function (this: ConformanceWorld, caller: string, device: string, agent: string) {
  return this.establish(route.callDevice(caller, device, agent));
});

Given('{party} is talking to {party} through {party}', function (this: ConformanceWorld, caller: string, agent: string, device: string) {
  return this.establish(route.callDevice(caller, device, agent), act.answer(agent));
});

Given('{party} has rejected the call', function (this: ConformanceWorld, member: string) {
  return this.establish(act.hangUp(member));
});

When('{party} finishes the treatment', function (this: ConformanceWorld, port: string) {
  return this.stimulate(act.hangUp(port));
});

When('{party} rejects the call', function (this: ConformanceWorld, member: string) {
  return this.stimulate(act.hangUp(member));
});

When('the call waits in the queue longer than the overflow time', function (this: ConformanceWorld) {
  return this.stimulate(route.timeout('queue'));
});

Given('{party} has answered the call', function (this: ConformanceWorld, party: string) {
  return this.establish(act.answer(party));
});

Given('{party} has started a consultation with {party} for a transfer, which waits there', function (this: ConformanceWorld, b: string, device: string) {
  return this.establish(route.consultDevice(b, device));
});

Given('{party} has started a consultation with {party} for a transfer, which rings at {party}', function (this: ConformanceWorld, b: string, device: string, agent: string) {
  return this.establish(route.consultDevice(b, device, agent));
});
