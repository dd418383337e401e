/**
 * Registration family: TRegisterAddress / TUnregisterAddress → EventRegistered / EventUnregistered
 * (attributes digest §3.15–3.16, READ from GenEM Registration Events). EventRegistered carries
 * Extensions mandatorily (the DN status, as in EventAddressInfo), InfoType and, for Position/DN
 * objects with a logged-in agent, AgentID.
 */
import { referenceOf, reject, requireDn } from './events';
import { findCall, type DnState, type Handler } from './state';

const ADDRESS_TYPE: Record<DnState['type'], string> = {
  Extension: 'DN', ACDPosition: 'Position', ACDQueue: 'Queue', RoutingPoint: 'RouteDN', External: 'Other',
};

const register: Handler = (state, request) => {
  const dn = state.dns[requireDn(state, request)] as DnState;
  dn.registered = true;
  const busy = findCall(state, (c) => c.parties.some((p) => p.dn === dn.dn)) !== undefined;
  return [{
    dn: dn.dn,
    name: 'EventRegistered',
    attributes: {
      ThisDN: dn.dn,
      ...referenceOf(request),
      InfoType: 'AddressInfoAddressType',
      InfoStatus: ADDRESS_TYPE[dn.type],
      Extensions: [{ key: 'status', value: busy ? 'Busy' : 'Idle' }, { key: 'dnd', value: dn.dnd ? 1 : 0 }],
      ...(dn.agent ? { AgentID: dn.agent.agentId } : {}),
    },
  }];
};

const unregister: Handler = (state, request) => {
  const dn = state.dns[requireDn(state, request)] as DnState;
  if (!dn.registered) reject('InvalidState');
  dn.registered = false;
  return [{ dn: dn.dn, name: 'EventUnregistered', attributes: { ThisDN: dn.dn, ...referenceOf(request) } }];
};

export const registrationHandlers: Readonly<Record<string, Handler>> = {
  RequestRegisterAddress: register,
  RequestUnregisterAddress: unregister,
};
