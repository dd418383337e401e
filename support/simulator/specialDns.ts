/**
 * Special DNs of SIP Server (digest 3 §5.27): a call offered to the parking place `gcti::park` is
 * answered at once — the caller gets EventEstablished without any ringing. The parking place itself
 * is not a monitored DN and gets no events.
 */
import { PARK_DN } from '../model/specialDns';
import type { OfferRule } from './delivery';
import { callEvent } from './events';

const park: OfferRule = ({ state, call, caller, to }) => {
  if (to !== PARK_DN) return undefined;
  call.parties.push({ dn: to, role: 'Destination', status: 'Established' });
  caller.status = 'Established';
  return state.dns[caller.dn] ? [callEvent(call, caller, 'EventEstablished', { CallState: 'Ok' })] : [];
};

export const specialDnsFamily = { handlers: {}, offerRules: [park], capabilities: ['call-parking'] } as const;
