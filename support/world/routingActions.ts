/**
 * The model's verbs for calls that ACD queues, routing points, IVR ports and a predictive dialer
 * handle: "Alice is waiting in Sales", "the router routes the call to Bob", "the dialer calls
 * Olivia for the Sales group", "the call is answered by a machine". Party actions that no CTI
 * request can cause (a dial outcome, a timer that runs out, digits a caller enters) are sent with
 * the names `Network.DialOutcome`, `Network.QueueTimeout`, `Network.RouteTimeout` and
 * `Party.EntersDigits`; each needs its capability (see capabilityFor in actions.ts).
 */
import { TestCompromisedError } from '../errors';
import type { AttrValue } from '../model/event';
import { dnOf, request, sawOn, type Action, type ActionContext } from './actions';

const DEVICE_TYPES = new Set(['ACDQueue', 'RoutingPoint']);

/** The queue or routing point that has a call waiting (for the router and the timers). */
function waitingDevice(ctx: ActionContext, states: readonly ('Queued' | 'Dialing')[] = ['Queued']): { dn: string; connId: string; otherDn?: string } {
  for (const party of ctx.parties.topology().parties) {
    if (!DEVICE_TYPES.has(party.type)) continue;
    const call = ctx.calls.find(party.dn, { states }).at(-1);
    if (call) return { dn: party.dn, connId: call.connId, ...(call.otherDn ? { otherDn: call.otherDn } : {}) };
  }
  throw new TestCompromisedError('no queue or routing point has a call waiting (precondition not reached)');
}

/**
 * `caller` calls a queue or routing point. As a precondition it is done when the device reports the
 * call (queued or waiting for a route), or — with `reaches` — when that party's phone rings.
 */
export function callDevice(caller: string, device: string, reaches?: string): Action {
  return {
    text: `${caller} calls ${device}${reaches ? ` and the call reaches ${reaches}` : ''}`,
    build: (ctx) => (ctx.parties.isExternal(caller)
      ? request('Party.CallsIn', { ThisDN: dnOf(ctx, device), OtherDN: dnOf(ctx, caller) })
      : request('RequestMakeCall', { ThisDN: dnOf(ctx, caller), OtherDN: dnOf(ctx, device) })),
    done: (ctx) => (reaches ? sawOn(ctx, reaches, 'EventRinging') : sawOn(ctx, device, 'EventQueued', 'EventRouteRequest')),
  };
}

export type RouteChoice = { readonly to: string } | { readonly routeType: 'Default' | 'CallDisconnect' | 'Reject' };

/** The router answers the routing point's request (TRouteCall). */
export function routeCall(choice: RouteChoice): Action {
  const text = 'to' in choice ? `the router routes the call to ${choice.to}` : `the router answers with RouteType ${choice.routeType}`;
  return {
    text,
    build: (ctx) => {
      const rp = waitingDevice(ctx);
      const target: Record<string, AttrValue> = 'to' in choice ? { OtherDN: dnOf(ctx, choice.to), RouteType: 'Default' } : { RouteType: choice.routeType };
      return request('RequestRouteCall', { ThisDN: rp.dn, ConnID: rp.connId, ...target });
    },
    done: (ctx) => ctx.since.some((e) => e.name === 'EventRouteUsed' || e.name === 'EventRinging'),
  };
}

/** A timer of the switch runs out: the routing point's (default route) or the queue's (overflow). */
export function timeout(kind: 'route' | 'queue'): Action {
  return {
    text: kind === 'route' ? 'the routing strategy does not answer in time' : 'the call waits longer than the overflow time',
    build: (ctx) => request(kind === 'route' ? 'Network.RouteTimeout' : 'Network.QueueTimeout', { ThisDN: waitingDevice(ctx).dn }),
    done: (ctx) => ctx.since.some((e) => e.name === 'EventDiverted'),
  };
}

/** The router applies a treatment at the routing point (TApplyTreatment). */
export function applyTreatment(treatmentType: string): Action {
  return {
    text: `the router applies the treatment ${treatmentType}`,
    build: (ctx) => {
      const rp = waitingDevice(ctx);
      return request('RequestApplyTreatment', { ThisDN: rp.dn, ConnID: rp.connId, TreatmentType: treatmentType });
    },
    done: (ctx) => ctx.since.some((e) => e.name === 'EventTreatmentApplied'),
  };
}

export function entersDigits(party: string, digits: string): Action {
  return {
    text: `${party} enters the digits ${digits}`,
    build: (ctx) => request('Party.EntersDigits', { ThisDN: dnOf(ctx, party), CollectedDigits: digits }),
    done: (ctx) => ctx.since.some((e) => e.name === 'EventTreatmentEnd'),
  };
}

/** The dialer asks the switch to call `customer` for `group` (TMakePredictiveCall). */
export function predictiveCall(group: string, customer: string, connectMachines = false): Action {
  return {
    text: `the dialer calls ${customer} for the ${group} group`,
    build: (ctx) => request('RequestMakePredictiveCall', {
      ThisDN: dnOf(ctx, group), OtherDN: dnOf(ctx, customer),
      ...(connectMachines ? { Extensions: [{ key: 'AnsMachine', value: 'connect' }] } : {}),
    }),
    done: (ctx) => sawOn(ctx, group, 'EventDialing'),
  };
}

/**
 * How the dialled call ends at the customer's side: answered (Ok), answered by a machine, or one of
 * the failures of GenEM's predictive model (a CallState). The customer is the one the dialer called.
 */
export function dialOutcome(callState: string): Action {
  return {
    text: `the dialled call ends with ${callState}`,
    build: (ctx) => {
      const dialing = waitingDevice(ctx, ['Dialing']);
      // EventDialing's OtherDN is *DIAL (GenEM): absent when T-Server does not know it; then the cast's one outside party.
      const outside = ctx.parties.topology().parties.filter((p) => p.type === 'External');
      const customer = dialing.otherDn ?? (outside.length === 1 ? outside[0]?.dn : undefined);
      if (!customer) throw new TestCompromisedError('the dialer\'s call does not name the customer (OtherDN), and the cast has no single outside party');
      return request('Network.DialOutcome', { ThisDN: customer, CallState: callState });
    },
    done: (ctx) => ctx.since.some((e) => e.name === 'EventQueued' || e.name === 'EventReleased'),
  };
}

/** The customer answers the dialer's call (a person); done once the group reports the call. */
export function customerAnswers(customer: string): Action {
  return {
    text: `${customer} answers the dialer's call`,
    build: (ctx) => request('Party.Answers', { ThisDN: dnOf(ctx, customer) }),
    done: (ctx) => ctx.since.some((e) => e.name === 'EventQueued'),
  };
}

/**
 * `b` consults a queue or routing point for a transfer (TInitiateTransfer); as a precondition it is
 * done when the device reports the consultation call, or — with `reaches` — when that party rings.
 */
export function consultDevice(b: string, device: string, reaches?: string): Action {
  return {
    text: `${b} starts a consultation with ${device} for a transfer`,
    build: (ctx) => {
      const main = ctx.calls.find(dnOf(ctx, b), { states: ['Established'] }).at(-1);
      if (!main) throw new TestCompromisedError(`${b} has no established call (precondition not reached)`);
      return request('RequestInitiateTransfer', { ThisDN: dnOf(ctx, b), ConnID: main.connId, OtherDN: dnOf(ctx, device) });
    },
    done: (ctx) => (reaches ? sawOn(ctx, reaches, 'EventRinging') : sawOn(ctx, device, 'EventQueued', 'EventRouteRequest')),
  };
}
