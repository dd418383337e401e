/**
 * The model's verbs ("Alice calls Bob", "Bob answers") as actions: which request (or party action)
 * they send, built from what the desktop knows (the call view), and how to tell that the action took
 * effect when it is used to reach a precondition in a `Given`.
 */
import { TestCompromisedError } from '../errors';
import type { AttrValue, ObservedEvent, TRequest } from '../model/event';
import type { KVList } from '../model/kvlist';
import type { CallState, CallView } from './callView';
import type { Parties } from './parties';

export interface ActionContext {
  readonly parties: Parties;
  readonly calls: CallView;
  /** Events observed after the action was sent. */
  readonly since: readonly ObservedEvent[];
}

export interface Action {
  /** The model's words, for reports and error messages. */
  readonly text: string;
  readonly build: (ctx: ActionContext) => TRequest;
  /** True once the action took effect (used when the action establishes a precondition). */
  readonly done: (ctx: ActionContext) => boolean;
}

/**
 * Party actions that need a capability of their own (the outcome of a dialer's call, a timer that
 * runs out, digits a caller enters; see routingActions.ts).
 */
export const PARTY_ACTION_CAPABILITIES: Readonly<Record<string, string>> = {
  'Network.DialOutcome': 'dial-outcome-control',
  'Network.QueueTimeout': 'timeout-control',
  'Network.RouteTimeout': 'timeout-control',
  'Party.EntersDigits': 'digit-entry',
  // What a SIP phone of a shared line does without a T-Library request (appearances.steps.ts).
  'Phone.RetrievesOnSharedLine': 'shared-line-phone',
  'Phone.BargesInOnSharedLine': 'shared-line-phone',
  // Interaction Server test controls (interactionActions.ts).
  'Interaction.Arrives': 'interaction-server',
  'Interaction.ClientDisconnects': 'interaction-server',
  'Interaction.InviteTimeout': 'timeout-control',
  'Interaction.PullTimeout': 'timeout-control',
  // The IVR's requests on the IVR protocol (ivrActions.ts): an adapter that drives an IVR.
  DialOutRegistry: 'ivr-server',
  DialOutRemove: 'ivr-server',
  OneStepXfer: 'ivr-server',
};

/**
 * The adapter capability a request needs: T-Library requests are listed by name; party actions
 * need `external-parties` (`Party.*`) or `alerting-control` (`Network.*`).
 */
export function capabilityFor(requestName: string): { kind: 'request' | 'feature'; name: string } {
  const own = PARTY_ACTION_CAPABILITIES[requestName];
  if (own) return { kind: 'feature', name: own };
  if (requestName.startsWith('Party.')) return { kind: 'feature', name: 'external-parties' };
  if (requestName.startsWith('Network.')) return { kind: 'feature', name: 'alerting-control' };
  return { kind: 'request', name: requestName };
}

export const dnOf = (ctx: ActionContext, name: string): string => ctx.parties.get(name).dn;

/** The newest call on `name`'s DN in one of `states` (optionally with `otherName`); broken if none. */
export function callOn(ctx: ActionContext, name: string, states: readonly CallState[], what: string, otherName?: string): string {
  const dn = dnOf(ctx, name);
  const otherDn = otherName ? dnOf(ctx, otherName) : undefined;
  const found = ctx.calls.find(dn, { states, ...(otherDn ? { otherDn } : {}) });
  const call = found[found.length - 1];
  if (!call) throw new TestCompromisedError(`${name} has no ${what} (precondition not reached)`);
  return call.connId;
}

export const request = (name: string, attributes: Record<string, AttrValue>): TRequest => ({ name, attributes });
export const sawOn = (ctx: ActionContext, name: string, ...events: string[]): boolean =>
  ctx.since.some((e) => e.dn === dnOf(ctx, name) && events.includes(e.name));
export const hasCall = (ctx: ActionContext, name: string, states: readonly CallState[]): boolean =>
  ctx.calls.find(dnOf(ctx, name), { states }).length > 0;

/**
 * `caller` calls `callee`. As a precondition it is done when the callee rings (or the caller hears
 * busy); with `until: 'dialing'` already when the caller's dialing is reported.
 */
export function call(caller: string, callee: string, until: 'ringing' | 'dialing' = 'ringing'): Action {
  return {
    text: `${caller} calls ${callee}`,
    build: (ctx) => (ctx.parties.isExternal(caller)
      ? request('Party.CallsIn', { ThisDN: dnOf(ctx, callee), OtherDN: dnOf(ctx, caller) })
      : request('RequestMakeCall', { ThisDN: dnOf(ctx, caller), OtherDN: dnOf(ctx, callee) })),
    done: (ctx) => {
      if (ctx.parties.isExternal(caller)) return sawOn(ctx, callee, 'EventRinging');
      if (until === 'dialing' || ctx.parties.isExternal(callee)) return sawOn(ctx, caller, 'EventDialing');
      return sawOn(ctx, callee, 'EventRinging') || sawOn(ctx, caller, 'EventDestinationBusy');
    },
  };
}

export function answer(callee: string): Action {
  return {
    text: `${callee} answers`,
    build: (ctx) => (ctx.parties.isExternal(callee)
      ? request('Party.Answers', { ThisDN: dnOf(ctx, callee) })
      : request('RequestAnswerCall', { ThisDN: dnOf(ctx, callee), ConnID: callOn(ctx, callee, ['Ringing'], 'ringing call') })),
    // The callee's own EventEstablished (an outside party gets none: then the caller's). Any party's
    // would do on one T-Library stream, not where each party's events come on a stream of their own
    // (the Workspace API): the next step would look for the callee's call before it is established.
    done: (ctx) => (ctx.parties.isExternal(callee) ? ctx.since.some((e) => e.name === 'EventEstablished') : sawOn(ctx, callee, 'EventEstablished')),
  };
}

export function hangUp(party: string): Action {
  return {
    text: `${party} hangs up`,
    build: (ctx) => {
      if (ctx.parties.isExternal(party)) return request('Party.HangsUp', { ThisDN: dnOf(ctx, party) });
      const active = ctx.calls.find(dnOf(ctx, party), { states: ['Dialing', 'Ringing', 'Established', 'Busy'] });
      const connId = active[active.length - 1]?.connId ?? callOn(ctx, party, ['Held'], 'call');
      return request('RequestReleaseCall', { ThisDN: dnOf(ctx, party), ConnID: connId });
    },
    done: (ctx) => ctx.since.some((e) => e.name === 'EventReleased' || e.name === 'EventAbandoned'),
  };
}

export function hold(party: string): Action {
  return {
    text: `${party} puts the call on hold`,
    build: (ctx) => request('RequestHoldCall', { ThisDN: dnOf(ctx, party), ConnID: callOn(ctx, party, ['Established'], 'established call') }),
    done: (ctx) => hasCall(ctx, party, ['Held']),
  };
}

export function retrieve(party: string): Action {
  return {
    text: `${party} retrieves the held call`,
    build: (ctx) => request('RequestRetrieveCall', { ThisDN: dnOf(ctx, party), ConnID: callOn(ctx, party, ['Held'], 'held call') }),
    done: (ctx) => sawOn(ctx, party, 'EventRetrieved'),
  };
}

export function delayAlerting(party: string): Action {
  return {
    text: `the network holds back calls to ${party}`,
    build: (ctx) => request('Network.DelayAlerting', { ThisDN: dnOf(ctx, party) }),
    done: () => true,
  };
}

export type UserDataChange = 'RequestAttachUserData' | 'RequestUpdateUserData' | 'RequestDeletePair' | 'RequestDeleteAllUserData';

/**
 * `requester` changes the user data of a call: its own call, or — as a third party — the call
 * between `between[0]` and `between[1]`.
 */
export function changeUserData(requester: string, change: UserDataChange, data: KVList | string | undefined, between?: readonly [string, string]): Action {
  return {
    text: `${requester} changes the user data (${change})`,
    build: (ctx) => {
      const connId = between
        ? callOn(ctx, between[0], ['Dialing', 'Ringing', 'Established', 'Held'], `call with ${between[1]}`, between[1])
        : callOn(ctx, requester, ['Dialing', 'Ringing', 'Established', 'Held'], 'call');
      const payload: Record<string, AttrValue> = typeof data === 'string' ? { Key: data } : data ? { UserData: data } : {};
      return request(change, { ThisDN: dnOf(ctx, requester), ConnID: connId, ...payload });
    },
    done: (ctx) => sawOn(ctx, requester, 'EventAttachedDataChanged'),
  };
}

export function login(party: string, agentId?: string): Action {
  return {
    text: `${party} logs in`,
    build: (ctx) => {
      const p = ctx.parties.get(party);
      return request('RequestAgentLogin', {
        ThisDN: p.dn, AgentID: agentId ?? p.agentId ?? party, ...(p.queue ? { ThisQueue: ctx.parties.resolveDn(p.queue) } : {}),
      });
    },
    done: (ctx) => sawOn(ctx, party, 'EventAgentLogin'),
  };
}

export function logout(party: string): Action {
  return {
    text: `${party} logs out`,
    build: (ctx) => request('RequestAgentLogout', { ThisDN: dnOf(ctx, party) }),
    done: (ctx) => sawOn(ctx, party, 'EventAgentLogout'),
  };
}

export function ready(party: string): Action {
  return {
    text: `${party} becomes ready`,
    build: (ctx) => request('RequestAgentReady', { ThisDN: dnOf(ctx, party), AgentWorkMode: 'AutoIn' }),
    done: (ctx) => sawOn(ctx, party, 'EventAgentReady'),
  };
}

export function notReady(party: string, workMode: string): Action {
  return {
    text: `${party} becomes not ready (${workMode})`,
    build: (ctx) => request('RequestAgentNotReady', { ThisDN: dnOf(ctx, party), AgentWorkMode: workMode }),
    done: (ctx) => sawOn(ctx, party, 'EventAgentNotReady', 'EventAgentAfterCallWork'),
  };
}

export function register(party: string, on: boolean): Action {
  return {
    text: `${party}'s DN is ${on ? 'registered' : 'unregistered'}`,
    build: (ctx) => request(on ? 'RequestRegisterAddress' : 'RequestUnregisterAddress', { ThisDN: dnOf(ctx, party) }),
    done: (ctx) => sawOn(ctx, party, on ? 'EventRegistered' : 'EventUnregistered'),
  };
}

/** Deliberately invalid requests for the negative-response model. */
export function invalid(party: string, what: 'answer-established' | 'release-unknown-call' | 'hold-ringing' | 'retrieve-active'): Action {
  const texts = {
    'answer-established': ['RequestAnswerCall', ['Established'], 'established call'],
    'hold-ringing': ['RequestHoldCall', ['Ringing'], 'ringing call'],
    'retrieve-active': ['RequestRetrieveCall', ['Established'], 'established call'],
    'release-unknown-call': ['RequestReleaseCall', [], ''],
  } as const;
  const [name, states, label] = texts[what];
  return {
    text: `${party} sends ${name} that the switch must refuse`,
    build: (ctx) => {
      const connId = what === 'release-unknown-call' ? unusedConnId(ctx.calls) : callOn(ctx, party, states, label);
      return request(name, { ThisDN: dnOf(ctx, party), ConnID: connId });
    },
    done: (ctx) => sawOn(ctx, party, 'EventError'),
  };
}

/** A ConnID that no event of this scenario used. */
function unusedConnId(calls: CallView): string {
  const used = new Set(calls.allConnIds());
  for (let n = 0xfff0; ; n += 1) {
    const candidate = `00000000dead${n.toString(16).padStart(4, '0')}`;
    if (!used.has(candidate)) return candidate;
  }
}
