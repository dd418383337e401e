/**
 * Party actions that no CTI request can cause: an outside caller dials in, answers or hangs up, and
 * the network holds an offer back before alerting (GenEM interruption point `*`). Real adapters
 * offer them only when they drive a SIP endpoint; features gate them with
 * `@requires:external-parties` / `@requires:alerting-control`.
 */
import { callEvent, newCall, reject } from './events';
import { releaseParty } from './callControl';
import { deliver } from './delivery';
import { str, type Call, type Handler, type Party, type SimState } from './state';

function callOfExternal(state: SimState, dn: string, connId: string | undefined): { call: Call; party: Party } {
  const calls = Object.values(state.calls).filter((c) => (!connId || c.connId === connId) && c.parties.some((p) => p.dn === dn));
  const call = calls[calls.length - 1];
  const party = call?.parties.find((p) => p.dn === dn);
  if (!call || !party) reject('InvalidConnID');
  return { call, party };
}

const callsIn: Handler = (state, request, env) => {
  const from = str(request, 'OtherDN');
  const to = str(request, 'ThisDN');
  if (!from || !to || !state.dns[to]) reject('UnknownDN');
  const call = newCall(state, env.connId, 'Inbound');
  const caller: Party = { dn: from, role: 'Origination', status: 'Dialing' };
  call.parties.push(caller);
  return deliver(state, call, caller, to, env);
};

const answers: Handler = (state, request) => {
  const dn = str(request, 'ThisDN') ?? '';
  const { call, party } = callOfExternal(state, dn, str(request, 'ConnID'));
  if (party.status !== 'Ringing') reject('InvalidState');
  party.status = 'Established';
  const callers = call.parties.filter((p) => p.status === 'Dialing');
  callers.forEach((p) => { p.status = 'Established'; });
  return callers.filter((p) => state.dns[p.dn]).map((p) => callEvent(call, p, 'EventEstablished', { CallState: 'Ok' }));
};

const hangsUp: Handler = (state, request) => {
  const dn = str(request, 'ThisDN') ?? '';
  const { call, party } = callOfExternal(state, dn, str(request, 'ConnID'));
  return releaseParty(state, call, party);
};

const delayAlerting: Handler = (state, request) => {
  const dn = str(request, 'ThisDN');
  const target = dn ? state.dns[dn] : undefined;
  if (!target) reject('UnknownDN');
  target.delayAlerting = true;
  return [];
};

export const networkHandlers: Readonly<Record<string, Handler>> = {
  'Party.CallsIn': callsIn,
  'Party.Answers': answers,
  'Party.HangsUp': hangsUp,
  'Network.DelayAlerting': delayAlerting,
};
