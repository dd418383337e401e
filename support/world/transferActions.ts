/**
 * The verbs of the transfer, conference and consultation models as actions: which request they
 * send, with the ConnIDs the desktop knows from its call view. Two-step requests follow the PSDK
 * field mapping (genem-attributes §4): TCompleteTransfer / TCompleteConference / TMergeCalls put
 * the held (main) call in ConnID and the current (consult) call in TransferConnID; TReconnectCall and
 * TAlternateCall put the current call in ConnID and the held call in PreviousConnID.
 */
import type { ActionContext, Action } from './actions';
import { answer, call, callOn, dnOf, request, sawOn } from './actions';

const ACTIVE = ['Dialing', 'Established', 'Busy'] as const;

const reached = (ctx: ActionContext, party: string): boolean =>
  ctx.parties.isExternal(party) || sawOn(ctx, party, 'EventRinging');

/** B puts the call on hold and dials C for a transfer or a conference (TInitiateTransfer/Conference). */
export function consult(b: string, c: string, purpose: 'transfer' | 'conference'): Action {
  return {
    text: `${b} starts a consultation with ${c} for a ${purpose}`,
    build: (ctx) => request(purpose === 'transfer' ? 'RequestInitiateTransfer' : 'RequestInitiateConference', {
      ThisDN: dnOf(ctx, b), ConnID: callOn(ctx, b, ['Established'], 'established call'), OtherDN: dnOf(ctx, c),
    }),
    done: (ctx) => sawOn(ctx, b, 'EventDialing') && (reached(ctx, c) || sawOn(ctx, b, 'EventDestinationBusy')),
  };
}

/** The held call and the current call of B, as the two-step requests name them. */
function heldAndCurrent(ctx: ActionContext, b: string): { held: string; current: string } {
  return {
    held: callOn(ctx, b, ['Held'], 'held call'),
    current: callOn(ctx, b, ACTIVE, 'consultation call'),
  };
}

export function completeTransfer(b: string): Action {
  return {
    text: `${b} completes the transfer`,
    build: (ctx) => {
      const { held, current } = heldAndCurrent(ctx, b);
      return request('RequestCompleteTransfer', { ThisDN: dnOf(ctx, b), ConnID: held, TransferConnID: current });
    },
    done: (ctx) => sawOn(ctx, b, 'EventReleased'),
  };
}

export function completeConference(b: string): Action {
  return {
    text: `${b} completes the conference`,
    build: (ctx) => {
      const { held, current } = heldAndCurrent(ctx, b);
      return request('RequestCompleteConference', { ThisDN: dnOf(ctx, b), ConnID: held, TransferConnID: current });
    },
    done: (ctx) => sawOn(ctx, b, 'EventPartyAdded'),
  };
}

export function mergeCalls(b: string, as: 'ForTransfer' | 'ForConference'): Action {
  return {
    text: `${b} merges the calls (${as})`,
    build: (ctx) => {
      const { held, current } = heldAndCurrent(ctx, b);
      return request('RequestMergeCalls', { ThisDN: dnOf(ctx, b), ConnID: held, TransferConnID: current, MergeType: as });
    },
    done: (ctx) => sawOn(ctx, b, 'EventReleased'),
  };
}

/** A one-step request on B's call towards `c` (single-step transfer/conference, mute transfer, redirect). */
export function oneStep(b: string, c: string, what: 'RequestSingleStepTransfer' | 'RequestSingleStepConference' | 'RequestMuteTransfer' | 'RequestRedirectCall'): Action {
  // N1: a redirect applies to a ringing (or answered) call; a single-step conference also to a call still being set up.
  const states = {
    RequestRedirectCall: ['Ringing', 'Established'],
    RequestSingleStepConference: ['Dialing', 'Ringing', 'Established'],
    RequestSingleStepTransfer: ['Established'],
    RequestMuteTransfer: ['Established'],
  }[what] as readonly ('Dialing' | 'Ringing' | 'Established')[];
  return {
    text: `${b} ${what.replace('Request', '')} to ${c}`,
    build: (ctx) => request(what, { ThisDN: dnOf(ctx, b), ConnID: callOn(ctx, b, states, 'call'), OtherDN: dnOf(ctx, c) }),
    done: (ctx) => sawOn(ctx, b, 'EventReleased', 'EventPartyAdded'),
  };
}

/** B removes `target` from the conference (TDeleteFromConference). */
export function removeFromConference(b: string, target: string): Action {
  return {
    text: `${b} removes ${target} from the conference`,
    build: (ctx) => request('RequestDeleteFromConference', {
      ThisDN: dnOf(ctx, b), ConnID: callOn(ctx, b, ['Established', 'Held'], 'conference call'), OtherDN: dnOf(ctx, target),
    }),
    done: (ctx) => sawOn(ctx, b, 'EventPartyDeleted', 'EventReleased'),
  };
}

export function alternate(b: string): Action {
  return {
    text: `${b} alternates between the calls`,
    build: (ctx) => request('RequestAlternateCall', {
      ThisDN: dnOf(ctx, b), ConnID: callOn(ctx, b, ['Established'], 'active call'), PreviousConnID: callOn(ctx, b, ['Held'], 'held call'),
    }),
    done: (ctx) => sawOn(ctx, b, 'EventRetrieved'),
  };
}

/** B drops the current call and goes back to the held call with `heldParty` (TReconnectCall). */
export function reconnect(b: string, heldParty: string): Action {
  return {
    text: `${b} reconnects to ${heldParty}`,
    build: (ctx) => request('RequestReconnectCall', {
      ThisDN: dnOf(ctx, b),
      ConnID: callOn(ctx, b, ACTIVE, 'current call'),
      PreviousConnID: callOn(ctx, b, ['Held'], `held call with ${heldParty}`, heldParty),
    }),
    done: (ctx) => sawOn(ctx, b, 'EventRetrieved'),
  };
}

/** B stops `listener` hearing the conversation, or lets it listen again (TListenDisconnect/Reconnect). */
export function listen(b: string, listener: string, on: boolean): Action {
  return {
    text: `${b} ${on ? 'lets' : 'stops'} ${listener} ${on ? 'listen again' : 'from listening'}`,
    build: (ctx) => request(on ? 'RequestListenReconnect' : 'RequestListenDisconnect', {
      ThisDN: dnOf(ctx, b), ConnID: callOn(ctx, b, ['Established'], 'established call'), OtherDN: dnOf(ctx, listener),
    }),
    done: (ctx) => sawOn(ctx, b, on ? 'EventListenReconnected' : 'EventListenDisconnected'),
  };
}

/** B, already talking, adds C with a two-step conference: consult, C answers, B completes. */
export function conferenceIn(b: string, c: string): Action[] {
  return [consult(b, c, 'conference'), answer(c), completeConference(b)];
}

/** A calls B, B answers, and B conferences C in: A, B and C are in a conference that B set up. */
export function conference(a: string, b: string, c: string): Action[] {
  return [call(a, b), answer(b), ...conferenceIn(b, c)];
}
