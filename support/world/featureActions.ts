/**
 * The model's verbs for DN features and outbound calls: do-not-disturb, call forwarding, the
 * message-waiting lamp, mute, an outside line that is busy, and the network's no-answer timer.
 */
import type { AttrValue } from '../model/event';
import { callOn, dnOf, request, sawOn, type Action } from './actions';

export function doNotDisturb(party: string, on: boolean): Action {
  return {
    text: `${party} turns ${on ? 'on' : 'off'} do-not-disturb`,
    build: (ctx) => request(on ? 'RequestSetDNDOn' : 'RequestSetDNDOff', { ThisDN: dnOf(ctx, party) }),
    done: (ctx) => sawOn(ctx, party, on ? 'EventDNDOn' : 'EventDNDOff'),
  };
}

/** TForwardMode names (attribute digest §2.5). */
export type ForwardMode = 'Unconditional' | 'OnBusy' | 'OnNoAnswer' | 'OnBusyAndNoAnswer' | 'SendAllCalls';

export function forwardCalls(party: string, to: string, mode: ForwardMode): Action {
  return {
    text: `${party} forwards calls to ${to} (${mode})`,
    build: (ctx) => request('RequestCallForwardSet', { ThisDN: dnOf(ctx, party), OtherDN: dnOf(ctx, to), ForwardMode: mode }),
    done: (ctx) => sawOn(ctx, party, 'EventForwardSet'),
  };
}

export function cancelForwarding(party: string, mode: ForwardMode): Action {
  return {
    text: `${party} cancels call forwarding`,
    build: (ctx) => request('RequestCallForwardCancel', { ThisDN: dnOf(ctx, party), ForwardMode: mode }),
    done: (ctx) => sawOn(ctx, party, 'EventForwardCancel'),
  };
}

export function messageWaiting(party: string, on: boolean): Action {
  return {
    text: `${party}'s message-waiting lamp is turned ${on ? 'on' : 'off'}`,
    build: (ctx) => request(on ? 'RequestSetMessageWaitingOn' : 'RequestSetMessageWaitingOff', { ThisDN: dnOf(ctx, party) }),
    done: (ctx) => sawOn(ctx, party, on ? 'EventMessageWaitingOn' : 'EventMessageWaitingOff'),
  };
}

/**
 * `party` mutes or unmutes its leg of the established call; `coach` asks for the supervisor's
 * half-muted coaching mode (Extensions MonitorMode=coach, digest 3 §5.18). A supervisor's leg starts
 * muted, so coaching is asked for with TSetMuteOff (the state must change for the request to pass).
 */
export function mute(party: string, on: boolean, coach = false): Action {
  return {
    text: `${party} ${coach ? 'switches to coaching' : on ? 'mutes the call' : 'unmutes the call'}`,
    build: (ctx) => {
      const attributes: Record<string, AttrValue> = { ThisDN: dnOf(ctx, party), ConnID: callOn(ctx, party, ['Established'], 'established call') };
      if (coach) attributes.Extensions = [{ key: 'MonitorMode', value: 'coach' }];
      return request(on ? 'RequestSetMuteOn' : 'RequestSetMuteOff', attributes);
    },
    done: (ctx) => sawOn(ctx, party, on ? 'EventMuteOn' : 'EventMuteOff'),
  };
}

/** The outside party's line is busy, so the next call to it hears busy (party action). */
export function outsideLineBusy(party: string): Action {
  return {
    text: `${party}'s line is busy`,
    build: (ctx) => request('Party.IsBusy', { ThisDN: dnOf(ctx, party) }),
    done: () => true,
  };
}

/** The network's no-answer timer expires while `party`'s phone rings (test control). */
export function ringUnanswered(party: string): Action {
  return {
    text: `${party} does not answer before the no-answer timer expires`,
    build: (ctx) => request('Network.RingTimeout', { ThisDN: dnOf(ctx, party) }),
    done: (ctx) => sawOn(ctx, party, 'EventReleased'),
  };
}

/**
 * A SIP phone of a shared line acts on a call of another appearance of the line, without a
 * T-Library request (GenEM SCA: a client must not send 3pcc requests for another user's calls):
 * picks up the call held there, or barges in on the active call (capability `shared-line-phone`).
 */
export function onSharedLine(appearance: string, act: 'retrieve' | 'barge-in'): Action {
  return {
    text: act === 'retrieve' ? `${appearance} picks up the call held on the shared line` : `${appearance} barges in on the shared line's call`,
    build: (ctx) => request(act === 'retrieve' ? 'Phone.RetrievesOnSharedLine' : 'Phone.BargesInOnSharedLine', { ThisDN: dnOf(ctx, appearance) }),
    done: (ctx) => sawOn(ctx, appearance, act === 'retrieve' ? 'EventRetrieved' : 'EventEstablished'),
  };
}
