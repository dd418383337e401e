/**
 * Transfer / conference family: consultation (TInitiateTransfer, TInitiateConference,
 * TAlternateCall, TReconnectCall), transfers (TCompleteTransfer, TMuteTransfer,
 * TSingleStepTransfer, TRedirectCall) and conferences (TCompleteConference, TSingleStepConference,
 * TDeleteFromConference, TMergeCalls, TListenDisconnect, TListenReconnect). The handlers live in
 * consult.ts, transfer.ts and conference.ts; this module is the family's one registration point.
 *
 * Capabilities: where the models are switch-dependent the simulator follows SIP Server and says so:
 * - `sst:network-reached` — after a single-step transfer to an outside number the parties left on
 *   the call may get EventNetworkReached (N1 `networkReached_on_ssx`, on by default for SIP; the
 *   model marks it optional); the simulator sends it;
 * - `redirect:silent-release` — a redirecting DN leaves without notifying the others (servers ≥ 7.6);
 * - `redirect:answered-call` — an answered call (and a place in a conference) is redirected too (SIP).
 */
import type { Family } from './transition';
import { conferenceHandlers } from './conference';
import { consultHandlers } from './consult';
import { transferHandlers } from './transfer';

export const transferConferenceFamily: Family = {
  handlers: { ...consultHandlers, ...transferHandlers, ...conferenceHandlers },
  capabilities: ['sst:network-reached', 'redirect:silent-release', 'redirect:answered-call'],
};
