/**
 * The verbs of the routing server's virtual queues and of IVR Server: "Ursula places the call in
 * the virtual queue VQ_Sales" (URS's RequestDistributeEvent with UserEvent EventQueued, sent as
 * URS), the routing timeout as a precondition, and the IVR's own requests on the IVR protocol
 * (DialOutRegistry, DialOutRemove, OneStepXfer; INFERRED names, see support/model/ivrCatalogue.ts).
 */
import { TestCompromisedError } from '../errors';
import type { AttrValue, TRequest } from '../model/event';
import { dnOf, request, sawOn, type Action, type ActionContext } from './actions';

/** The routing point that has a call waiting for a route, with the call and its caller. */
function waitingAtRoutingPoint(ctx: ActionContext): { dn: string; connId: string; otherDn?: string } {
  for (const party of ctx.parties.topology().parties) {
    if (party.type !== 'RoutingPoint') continue;
    const call = ctx.calls.find(party.dn, { states: ['Queued'] }).at(-1);
    if (call) return { dn: party.dn, connId: call.connId, ...(call.otherDn ? { otherDn: call.otherDn } : {}) };
  }
  throw new TestCompromisedError('no routing point has a call waiting (precondition not reached)');
}

/** URS's strategy targets a virtual queue: it has T-Server distribute EventQueued on the VQ. */
export function placeInVirtualQueue(router: string, vq: string): Action {
  return {
    text: `${router} places the call in the virtual queue ${vq}`,
    build: (ctx): TRequest => {
      const rp = waitingAtRoutingPoint(ctx);
      const attributes: Record<string, AttrValue> = {
        ThisDN: dnOf(ctx, vq), ThisQueue: dnOf(ctx, vq), ConnID: rp.connId, UserEvent: 'EventQueued',
        ...(rp.otherDn ? { OtherDN: rp.otherDn } : {}),
      };
      return { name: 'RequestDistributeEvent', protocol: 'T-Library', sender: dnOf(ctx, router), attributes };
    },
    done: (ctx) => sawOn(ctx, vq, 'EventQueued'),
  };
}

/** As a precondition: the routing timeout ran out and the switch default-routed the call. */
export function routeTimedOut(): Action {
  return {
    text: 'the routing point\'s strategy has not answered in time',
    build: (ctx) => request('Network.RouteTimeout', { ThisDN: waitingAtRoutingPoint(ctx).dn }),
    done: (ctx) => ctx.since.some((e) => e.name === 'EventRouteUsed' || e.name === 'EventRinging'),
  };
}

/** A request of the IVR protocol from IVR `ivr`; done when the IVR hears one of `doneOn`. */
function ivrRequest(ivr: string, name: string, text: string, attributes: (ctx: ActionContext) => Record<string, AttrValue>, doneOn: readonly string[]): Action {
  return {
    text,
    build: (ctx): TRequest => ({ name, protocol: 'IVR', sender: dnOf(ctx, ivr), attributes: attributes(ctx) }),
    done: (ctx) => sawOn(ctx, ivr, ...doneOn),
  };
}

export const registerDialOut = (ivr: string, dn: string): Action =>
  ivrRequest(ivr, 'DialOutRegistry', `${ivr} registers ${dn} for dial-out`, (ctx) => ({ ThisDN: dnOf(ctx, dn) }), ['DialOutRegistryResp']);

export const removeDialOut = (ivr: string, dn: string): Action =>
  ivrRequest(ivr, 'DialOutRemove', `${ivr} removes ${dn} from dial-out`, (ctx) => ({ ThisDN: dnOf(ctx, dn) }), ['DialOutRegistryResp']);

/** The IVR asks IVR Server to transfer the port's call (or a call it names but IVR Server does not know) in one step. */
export function oneStepTransfer(ivr: string, port: string | undefined, to: string): Action {
  return ivrRequest(ivr, 'OneStepXfer', `${ivr} transfers ${port ? `the call on ${port}` : 'an unknown call'} to ${to} in one step`, (ctx) => {
    const call = port ? ctx.calls.find(dnOf(ctx, port), { states: ['Established'] }).at(-1) : undefined;
    if (port && !call) throw new TestCompromisedError(`${port} has no established call (precondition not reached)`);
    return { CallID: call?.connId ?? 'no-such-call', Dest: dnOf(ctx, to), ReqId: 7 };
  }, ['CallError', 'CallStatus']);
}
