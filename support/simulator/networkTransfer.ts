/**
 * Network attended transfer (GenEM Network Attended Transfer Events, digest 1 §2.3, READ S7: the
 * attribute tables of EventNetworkCallStatus and EventNetworkPrivateInfo; enums §2.1).
 *
 * An agent on a call that the network delivered consults a party elsewhere in the network
 * (TNetworkConsult), may alternate (TNetworkAlternate), and then transfers (TNetworkTransfer),
 * conferences (TNetworkMerge) or goes back (TNetworkReconnect). Every change of the network call
 * is reported to the controlling DN by EventNetworkCallStatus: NetworkCallState, NetworkDestState,
 * NetworkPartyRole (a premise T-Server sends it; a network T-Server does not), NetworkOrigDN,
 * NetworkDestDN. TNetworkPrivateService is answered by EventNetworkPrivateInfo.
 * INFERRED: which state follows which request (the sequence pages were not read) and that the
 * controlling DN leaves its premise call after the network transfer.
 */
import type { AttrValue } from '../model/event';
import { callAttributes, callOfRequest, referenceOf, reject } from './events';
import { releaseParty } from './callControl';
import { findCall, str, type Handler, type SimEvent, type SimState } from './state';

interface NetworkCall { dest: string; state: string; destState: string }

export interface NetworkTransferState {
  calls: Record<string, NetworkCall>;
}

function networkCalls(state: SimState): Record<string, NetworkCall> {
  const beyond = (state.participants ??= { sites: {}, dnSite: {}, participants: {} });
  return (beyond.networkTransfer ??= { calls: {} }).calls;
}

function status(state: SimState, request: Parameters<Handler>[1], change: (n: NetworkCall | undefined) => NetworkCall, extra: Record<string, AttrValue> = {}): SimEvent[] {
  const { call, party } = callOfRequest(state, request);
  const calls = networkCalls(state);
  const next = change(calls[call.connId]);
  calls[call.connId] = next;
  return [{
    dn: party.dn,
    name: 'EventNetworkCallStatus',
    attributes: callAttributes(call, party, {
      NetworkCallState: next.state, NetworkDestState: next.destState, NetworkPartyRole: 'OrigParty',
      NetworkOrigDN: party.dn, NetworkDestDN: next.dest, ...referenceOf(request), ...extra,
    }),
  }];
}

const requireConsult = (n: NetworkCall | undefined): NetworkCall => n ?? reject('InvalidState');

const consult: Handler = (state, request) => status(state, request, (n) => {
  const dest = str(request, 'OtherDN');
  if (n || !dest) reject('InvalidState');
  return { dest, state: 'Consulting', destState: 'Delivering' };
});

const alternate: Handler = (state, request) => status(state, request, (n) => {
  const c = requireConsult(n);
  return { ...c, state: c.state === 'Consulting' ? 'ConsultHeld' : 'Consulting' };
});

const reconnect: Handler = (state, request) => {
  const events = status(state, request, (n) => ({ ...requireConsult(n), state: 'Reconnected' }));
  Reflect.deleteProperty(networkCalls(state), str(request, 'ConnID') ?? '');
  return events;
};

const merge: Handler = (state, request) => status(state, request, (n) => {
  const c = requireConsult(n);
  if (c.destState !== 'Ok') reject('InvalidState');
  return { ...c, state: 'Conferenced' };
});

const transfer: Handler = (state, request) => {
  const events = status(state, request, (n) => {
    const c = requireConsult(n);
    if (c.destState !== 'Ok') reject('InvalidState');
    return { ...c, state: 'Transferred' };
  });
  const { call, party } = callOfRequest(state, request);
  Reflect.deleteProperty(networkCalls(state), call.connId);
  // The premise leg of the controlling DN ends: the network connected the caller elsewhere.
  const released = releaseParty(state, call, party).map((e) => (e.dn === party.dn ? { ...e, attributes: { ...e.attributes, CallState: 'Transferred' } } : e));
  return [...events, ...released];
};

const privateService: Handler = (state, request) => {
  const { call, party } = callOfRequest(state, request);
  const n = networkCalls(state)[call.connId];
  return [{
    dn: party.dn,
    name: 'EventNetworkPrivateInfo',
    attributes: {
      PrivateEvent: Number(str(request, 'PrivateEvent') ?? 0), ThisDN: party.dn, ConnID: call.connId, ...referenceOf(request),
      ...(n ? { NetworkCallState: n.state, NetworkDestState: n.destState, NetworkPartyRole: 'OrigParty', NetworkOrigDN: party.dn, NetworkDestDN: n.dest } : {}),
    },
  }];
};

/** The network reports the consulted party's answer or failure (test control, `alerting-control`). */
const destination = (outcome: 'Ok' | 'NoParty'): Handler => (state, request) => {
  const dn = str(request, 'ThisDN') ?? '';
  const found = findCall(state, (c) => c.parties.some((p) => p.dn === dn) && networkCalls(state)[c.connId]);
  if (!found) reject('InvalidConnID');
  return status(state, { name: request.name, attributes: { ThisDN: dn, ConnID: found.connId } }, (n) => ({ ...requireConsult(n), destState: outcome }));
};

export const networkTransferHandlers: Readonly<Record<string, Handler>> = {
  RequestNetworkConsult: consult,
  RequestNetworkAlternate: alternate,
  RequestNetworkReconnect: reconnect,
  RequestNetworkMerge: merge,
  RequestNetworkTransfer: transfer,
  RequestNetworkPrivateService: privateService,
  'Network.ConsultAnswered': destination('Ok'),
  'Network.ConsultFailed': destination('NoParty'),
};
