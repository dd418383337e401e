/**
 * Outbound calls through the network: the outside number's line can be busy (party action
 * `Party.IsBusy`, `external-parties`). The rest of an outbound call is the base delivery (the outside
 * party gets no events, GenEM rule 1) and the party actions of network.ts (`Party.Answers`,
 * `Party.HangsUp`).
 *
 * Models: Basic Call Models "connection-establishing phase, outbound call" (title only, digest 1 §4)
 * and Special Cases "outbound call to a busy destination" (event names READ, digest 1 §3.4a).
 * EventNetworkReached is not sent: it is INFERRED in digest 1 §2.3 and the QA model of SIP Server
 * masks it (digest 3 §4); the simulator declares `network-reached:not-reported`.
 */
import type { OfferRule } from './delivery';
import { callAttributes, reject } from './events';
import { str, type Handler } from './state';

/** The outside party's line is busy: the next call to it is refused with busy. */
const isBusy: Handler = (state, request) => {
  const number = str(request, 'ThisDN');
  if (!number || state.dns[number]) reject('InvalidAttribute');
  state.busyNumbers = [...(state.busyNumbers ?? []), number];
  return [];
};

/** A call to a busy outside number: the caller gets EventDestinationBusy (digest 1 §3.4a step 3). */
const busyOutside: OfferRule = ({ state, call, caller, to }) => {
  if (state.dns[to] || !state.busyNumbers?.includes(to)) return undefined;
  state.busyNumbers = state.busyNumbers.filter((n) => n !== to);
  caller.status = 'Busy';
  if (!state.dns[caller.dn]) return [];
  return [{ dn: caller.dn, name: 'EventDestinationBusy', attributes: callAttributes(call, caller, { OtherDN: to, OtherDNRole: 'Destination', CallState: 'Busy' }) }];
};

export const outboundFamily = {
  handlers: { 'Party.IsBusy': isBusy },
  offerRules: [busyOutside],
  capabilities: ['network-reached:not-reported', 'off-hook:not-reported'],
} as const;
