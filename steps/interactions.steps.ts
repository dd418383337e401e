/**
 * Interaction Server (multimedia): agent applications register, log in, are invited to, accept,
 * reject, pull, submit, transfer and conference interactions; the routing server delivers them or
 * places them in queues and workbins.
 */
import { Given, Then, When } from '@cucumber/cucumber';
import { ConformanceAssertionError } from '../support/errors';
import { formatEvent } from '../support/report/diff';
import * as ix from '../support/world/beyondActions';
import type { Action } from '../support/world/actions';
import type { ConformanceWorld } from '../support/world';

const register = (app: string): Action => ix.imRequest(app, 'RequestRegisterClient', `${app} registers with Interaction Server`, {});
const login = (app: string): Action => ix.imRequest(app, 'RequestAgentLogin', `${app} logs in to Interaction Server`, {});
const logout = (app: string): Action => ix.imRequest(app, 'RequestAgentLogout', `${app} logs out of Interaction Server`, {});
const accept = (app: string, id: string): Action => ({
  ...ix.imRequest(app, 'RequestAccept', `${app} accepts interaction ${id}`, { InteractionId: id }),
  // An accepted delivery is confirmed to URS and the reporting engine, not to the agent application.
  done: (ctx) => ctx.since.some((e) => ['EventRouteUsed', 'EventPartyAdded', 'EventError'].includes(e.name)),
});
const invite = (app: string, id: string, other: string, mode: 'RequestTransfer' | 'RequestConference'): Action => ({
  ...ix.imRequest(app, mode, `${app} invites ${other} to interaction ${id}`, { InteractionId: id, TargetAgent: other }),
  done: (ctx) => ctx.since.some((e) => e.name === 'EventInvite'),
});

/** The routing server of the cast (declared with "… is the routing server of Interaction Server"). */
function router(world: ConformanceWorld): string {
  const found = world.parties.topology().parties.find((p) => p.participant?.kind === 'router');
  if (!found) throw new Error('the scenario needs a routing server ("Given Ursula is the routing server of Interaction Server")');
  return found.name;
}

function handling(world: ConformanceWorld, app: string, id: string): Action[] {
  return [register(app), login(app), ix.interactionWaits(id, {}), ix.routeInteraction(router(world), id, { agent: app }), accept(app, id)];
}

Given('{party} has registered with Interaction Server', function (this: ConformanceWorld, app: string) {
  return this.establish(register(app));
});
Given('{party} has logged in to Interaction Server', function (this: ConformanceWorld, app: string) {
  return this.establish(register(app), login(app));
});
Given('interaction {word} is being routed', function (this: ConformanceWorld, id: string) {
  return this.establish(ix.interactionWaits(id, {}));
});
Given('interaction {word} waits in queue {word}', function (this: ConformanceWorld, id: string, queue: string) {
  return this.establish(ix.interactionWaits(id, { queue }));
});
Given('interaction {word} waits in the workbin {word} of {party}', function (this: ConformanceWorld, id: string, workbin: string, owner: string) {
  return this.establish(ix.interactionWaits(id, { workbin, owner }));
});
Given('{party} has been invited to interaction {word}', function (this: ConformanceWorld, app: string, id: string) {
  return this.establish(ix.interactionWaits(id, {}), ix.routeInteraction(router(this), id, { agent: app }));
});
Given('{party} is handling interaction {word}', function (this: ConformanceWorld, app: string, id: string) {
  return this.establish(...handling(this, app, id));
});
Given('{party} has pulled interaction {word} from queue {word}', function (this: ConformanceWorld, app: string, id: string, queue: string) {
  return this.establish(ix.interactionWaits(id, { queue }), ix.imRequest(app, 'RequestPull', `${app} pulls ${id}`, { InteractionId: id, Queue: queue }, ['EventPulledInteractions']));
});
Given('{party} has invited {party} to interaction {word} for a transfer', function (this: ConformanceWorld, app: string, other: string, id: string) {
  return this.establish(invite(app, id, other, 'RequestTransfer'));
});
Given('{party} has invited {party} to interaction {word} for a conference', function (this: ConformanceWorld, app: string, other: string, id: string) {
  return this.establish(invite(app, id, other, 'RequestConference'));
});
Given('{party} has joined {party} on interaction {word} in a conference', function (this: ConformanceWorld, other: string, app: string, id: string) {
  return this.establish(invite(app, id, other, 'RequestConference'), accept(other, id));
});

When('{party} registers with Interaction Server', function (this: ConformanceWorld, app: string) {
  return this.stimulate(register(app));
});
When('{party} logs in to Interaction Server', function (this: ConformanceWorld, app: string) {
  return this.stimulate(login(app));
});
When('{party} logs out of Interaction Server', function (this: ConformanceWorld, app: string) {
  return this.stimulate(logout(app));
});
When('{party} tells Interaction Server that it is available', function (this: ConformanceWorld, app: string) {
  return this.stimulate(ix.imRequest(app, 'RequestAgentAvailable', `${app} is available`, {}));
});
When('{party} delivers interaction {word} to {party}', function (this: ConformanceWorld, urs: string, id: string, app: string) {
  return this.stimulate(ix.routeInteraction(urs, id, { agent: app }));
});
When('{party} routes interaction {word} to queue {word}', function (this: ConformanceWorld, urs: string, id: string, queue: string) {
  return this.stimulate(ix.routeInteraction(urs, id, { queue }));
});
When('{party} routes interaction {word} to the workbin {word} of {party}', function (this: ConformanceWorld, urs: string, id: string, workbin: string, owner: string) {
  return this.stimulate(ix.routeInteraction(urs, id, { workbin, agent: owner }));
});
When('{party} places interaction {word} in queue {word}', function (this: ConformanceWorld, app: string, id: string, queue: string) {
  return this.stimulate(ix.imRequest(app, 'RequestPlaceInQueue', `${app} places ${id} in ${queue}`, { InteractionId: id, Queue: queue }));
});
When('{party} places interaction {word} in its workbin {word}', function (this: ConformanceWorld, app: string, id: string, workbin: string) {
  return this.stimulate(ix.imRequest(app, 'RequestPlaceInWorkbin', `${app} places ${id} in ${workbin}`, { InteractionId: id, Workbin: workbin, TargetAgent: this.parties.get(app).dn }));
});
When('{party} accepts interaction {word}', function (this: ConformanceWorld, app: string, id: string) {
  return this.stimulate(accept(app, id));
});
When('{party} rejects interaction {word}', function (this: ConformanceWorld, app: string, id: string) {
  return this.stimulate(ix.imRequest(app, 'RequestReject', `${app} rejects ${id}`, { InteractionId: id }));
});
When('the invitation timer for {party} expires', function (this: ConformanceWorld, app: string) {
  return this.stimulate(ix.interactionTimer(app, 'invitation'));
});
When('the pull timer for {party} expires', function (this: ConformanceWorld, app: string) {
  return this.stimulate(ix.interactionTimer(app, 'pull'));
});
When('{party} pulls interaction {word} from queue {word}', function (this: ConformanceWorld, app: string, id: string, queue: string) {
  return this.stimulate(ix.imRequest(app, 'RequestPull', `${app} pulls ${id}`, { InteractionId: id, Queue: queue }));
});
When('{party} pulls interaction {word} from the workbin {word}', function (this: ConformanceWorld, app: string, id: string, workbin: string) {
  return this.stimulate(ix.imRequest(app, 'RequestPull', `${app} pulls ${id}`, { InteractionId: id, Workbin: workbin }));
});
When('{party} submits interaction {word} to queue {word}', function (this: ConformanceWorld, app: string, id: string, queue: string) {
  return this.stimulate(ix.imRequest(app, 'RequestSubmit', `${app} submits ${id}`, { InteractionId: id, Queue: queue }));
});
When('{party} transfers interaction {word} to {party}', function (this: ConformanceWorld, app: string, id: string, other: string) {
  return this.stimulate(invite(app, id, other, 'RequestTransfer'));
});
When('{party} invites {party} to a conference on interaction {word}', function (this: ConformanceWorld, app: string, other: string, id: string) {
  return this.stimulate(invite(app, id, other, 'RequestConference'));
});
When('{party} leaves interaction {word}', function (this: ConformanceWorld, app: string, id: string) {
  return this.stimulate(ix.imRequest(app, 'RequestLeaveInteraction', `${app} leaves ${id}`, { InteractionId: id }));
});
When('the application of {party} disconnects from Interaction Server', function (this: ConformanceWorld, app: string) {
  return this.stimulate(ix.clientDisconnects(app));
});

/** A documented branch in which Interaction Server sends nothing at all (e.g. an agent that was not logged in disconnects). */
Then('Interaction Server reports nothing', async function (this: ConformanceWorld) {
  const extras = await this.unexpectedEvents();
  if (extras.length > 0) throw new ConformanceAssertionError(`Not conformant: the model expects no message, but ${extras.map((e) => `${e.dn}: ${formatEvent(e)}`).join('; ')} arrived`);
});

Given('the application of {party} has disconnected from Interaction Server', function (this: ConformanceWorld, app: string) {
  return this.establish(ix.clientDisconnects(app));
});
