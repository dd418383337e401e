/**
 * The model's verbs beyond one T-Server: an agent application talking to Interaction Server,
 * the routing server routing an interaction, a call to a DN of another site (ISCC), transaction
 * monitoring, and the network attended transfer. Requests carry their envelope (protocol, sender,
 * site) so that an adapter can send them to the right server as the right client.
 */
import type { AttrValue, TRequest } from '../model/event';
import { parseKVList } from '../model/kvlist';
import { callOn, dnOf, sawOn, type Action, type ActionContext } from './actions';

const IM = 'Interaction Management' as const;

const sawAny = (ctx: ActionContext, name: string, events: readonly string[]): boolean => sawOn(ctx, name, ...events);

/** An Interaction Management request from agent application `app`; done when `app` hears one of `doneOn`. */
export function imRequest(app: string, name: string, text: string, attributes: Record<string, AttrValue>, doneOn: readonly string[] = ['EventAck', 'EventError']): Action {
  return {
    text,
    build: (ctx): TRequest => ({ name, protocol: IM, sender: dnOf(ctx, app), attributes }),
    done: (ctx) => sawAny(ctx, app, doneOn),
  };
}

/** Test control: an interaction waits in a queue or workbin (submitted by a media server, off-stage). */
export function interactionWaits(id: string, place: { queue?: string; workbin?: string; owner?: string }): Action {
  return {
    text: `interaction ${id} waits in ${place.workbin ?? place.queue ?? 'the routing strategy'}`,
    build: (ctx) => ({
      name: 'Interaction.Arrives',
      attributes: {
        InteractionId: id, ...(place.queue ? { Queue: place.queue } : {}), ...(place.workbin ? { Workbin: place.workbin } : {}),
        ...(place.owner ? { TargetAgent: dnOf(ctx, place.owner) } : {}),
      },
    }),
    done: () => true,
  };
}

/** The routing server asks Interaction Server to deliver an interaction to an agent, or to place it in a queue or workbin. */
export function routeInteraction(router: string, id: string, target: { agent?: string; queue?: string; workbin?: string }): Action {
  return {
    text: `${router} routes interaction ${id}`,
    build: (ctx) => ({
      name: 'RequestRouteCall', protocol: 'T-Library', sender: dnOf(ctx, router),
      attributes: {
        InteractionId: id, ...(target.agent ? { TargetAgent: dnOf(ctx, target.agent) } : {}),
        ...(target.queue ? { Queue: target.queue } : {}), ...(target.workbin ? { Workbin: target.workbin } : {}),
      },
    }),
    done: (ctx) => ctx.since.some((e) => ['EventInvite', 'EventRouteUsed'].includes(e.name)),
  };
}

/** Test control: a timer of Interaction Server runs out for `app` (`timeout-control`). */
export function interactionTimer(app: string, which: 'invitation' | 'pull'): Action {
  return {
    text: `the ${which} timer for ${app} expires`,
    build: (ctx) => ({ name: which === 'invitation' ? 'Interaction.InviteTimeout' : 'Interaction.PullTimeout', attributes: { AgentID: dnOf(ctx, app) } }),
    done: (ctx) => sawOn(ctx, app, 'EventRevoked'),
  };
}

/** Test control: the agent application's connection to Interaction Server drops. */
export function clientDisconnects(app: string): Action {
  return {
    text: `${app}'s application disconnects`,
    build: (ctx) => ({ name: 'Interaction.ClientDisconnects', attributes: { AgentID: dnOf(ctx, app) } }),
    done: () => true,
  };
}

/** `caller` calls `callee` at another site through ISCC with the given transaction type (XRouteType). */
export function callAcrossSites(caller: string, callee: string, xRouteType = 'Route'): Action {
  return {
    text: `${caller} calls ${callee} at another site (${xRouteType})`,
    build: (ctx) => {
      const to = ctx.parties.get(callee);
      return { name: 'RequestMakeCall', attributes: { ThisDN: dnOf(ctx, caller), OtherDN: to.dn, Location: to.site ?? '', XRouteType: xRouteType } };
    },
    done: (ctx) => sawOn(ctx, callee, 'EventRinging'),
  };
}

/** `b` holds the call and consults `c` at another site (TInitiateTransfer with a location). */
export function consultAcrossSites(b: string, c: string): Action {
  return {
    text: `${b} starts a consultation with ${c} at another site`,
    build: (ctx) => ({
      name: 'RequestInitiateTransfer',
      attributes: { ThisDN: dnOf(ctx, b), ConnID: callOn(ctx, b, ['Established'], 'established call'), OtherDN: dnOf(ctx, c), Location: ctx.parties.get(c).site ?? '' },
    }),
    done: (ctx) => sawOn(ctx, c, 'EventRinging'),
  };
}

/** `b` consults `c` at another site for a conference (TInitiateConference with a location). */
export function conferenceConsultAcrossSites(b: string, c: string): Action {
  return {
    text: `${b} starts a conference consultation with ${c} at another site`,
    build: (ctx) => ({
      name: 'RequestInitiateConference',
      attributes: { ThisDN: dnOf(ctx, b), ConnID: callOn(ctx, b, ['Established'], 'established call'), OtherDN: dnOf(ctx, c), Location: ctx.parties.get(c).site ?? '' },
    }),
    done: (ctx) => sawOn(ctx, c, 'EventRinging'),
  };
}

/** `b` transfers its call in one step to `c` at another site (TSingleStepTransfer with a location). */
export function transferAcrossSites(b: string, c: string): Action {
  return {
    text: `${b} transfers the call to ${c} at another site`,
    build: (ctx) => ({
      name: 'RequestSingleStepTransfer',
      attributes: { ThisDN: dnOf(ctx, b), ConnID: callOn(ctx, b, ['Established'], 'established call'), OtherDN: dnOf(ctx, c), Location: ctx.parties.get(c).site ?? '' },
    }),
    done: (ctx) => sawOn(ctx, c, 'EventRinging'),
  };
}

/** A transaction-monitoring client subscribes, changes its rules, or stops (TTransactionMonitoring). */
export function transactionMonitoring(client: string, operation: 'SubscriptionStart' | 'SubscriptionModify' | 'SubscriptionStop', rules?: string, subscriptionId?: () => string): Action {
  return {
    text: `${client} ${operation}`,
    build: (ctx) => ({
      name: 'RequestTransactionMonitoring', sender: dnOf(ctx, client),
      attributes: {
        SubscriptionOperation: operation,
        ...(subscriptionId ? { SubscriptionID: subscriptionId() } : {}),
        ...(rules ? { Extensions: [{ key: 'notify', value: parseKVList(rules) }] } : {}),
      },
    }),
    done: (ctx) => sawOn(ctx, client, 'EventACK', 'EventError'),
  };
}

/** The SubscriptionID of the client's last EventACK (the World keeps every observed event). */
export const lastSubscription = (events: readonly { name: string; dn: string; attributes: Readonly<Record<string, AttrValue>> }[], dn: string): string => {
  const acks = events.filter((e) => e.dn === dn && e.name === 'EventACK');
  const id = acks[acks.length - 1]?.attributes.SubscriptionID;
  return typeof id === 'string' ? id : 'none';
};

export type NetworkOperation = 'RequestNetworkConsult' | 'RequestNetworkAlternate' | 'RequestNetworkTransfer' | 'RequestNetworkMerge' | 'RequestNetworkReconnect' | 'RequestNetworkPrivateService';

/** `agent` acts on its call through the network (the network attended transfer requests). */
export function networkRequest(agent: string, name: NetworkOperation, destination?: string): Action {
  return {
    text: `${agent} ${name}`,
    build: (ctx) => ({
      name,
      attributes: {
        ThisDN: dnOf(ctx, agent), ConnID: callOn(ctx, agent, ['Established'], 'established call'),
        ...(destination ? { OtherDN: dnOf(ctx, destination) } : {}), ...(name === 'RequestNetworkPrivateService' ? { PrivateEvent: 1 } : {}),
      },
    }),
    done: (ctx) => sawOn(ctx, agent, 'EventNetworkCallStatus', 'EventNetworkPrivateInfo'),
  };
}

/** The network reports that the consulted party answered, or could not be reached (`alerting-control`). */
export function networkDestination(agent: string, outcome: 'answered' | 'failed'): Action {
  return {
    text: `the consulted party ${outcome === 'answered' ? 'answers' : 'cannot be reached'}`,
    build: (ctx) => ({ name: outcome === 'answered' ? 'Network.ConsultAnswered' : 'Network.ConsultFailed', attributes: { ThisDN: dnOf(ctx, agent) } }),
    done: (ctx) => sawOn(ctx, agent, 'EventNetworkCallStatus'),
  };
}
