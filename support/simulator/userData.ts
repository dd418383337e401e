/**
 * User data family: TAttachUserData, TUpdateUserData, TDeleteUserData (RequestDeletePair),
 * TDeleteAllUserData. Models: Handling User Data (digest 1 §3.5a/b): every party on the call gets
 * EventAttachedDataChanged with ThirdPartyDN = the requester; a requester that is not on the call
 * gets the event too, **without ThisDN**.
 */
import type { KVList } from '../model/kvlist';
import { kvUpdate } from '../model/kvlist';
import { callAttributes, partyOf, referenceOf, reject, requireDn } from './events';
import { kv, str, type Call, type Handler, type SimEvent } from './state';

type Change = (current: KVList, requested: KVList | undefined, key: string | undefined) => KVList;

function userDataHandler(change: Change, needsData: boolean): Handler {
  return (state, request) => {
    const requester = requireDn(state, request);
    const connId = str(request, 'ConnID');
    const call: Call | undefined = connId ? state.calls[connId] : undefined;
    if (!call) reject('InvalidConnID');
    const requested = kv(request, 'UserData');
    if (needsData && !requested) reject('InvalidAttribute');
    call.userData = change(call.userData, requested, str(request, 'Key'));
    const common = { ThirdPartyDN: requester, UserData: call.userData };
    const events: SimEvent[] = call.parties
      .filter((p) => state.dns[p.dn])
      .map((p) => ({
        dn: p.dn,
        name: 'EventAttachedDataChanged',
        attributes: { ...callAttributes(call, p, common), ...(p.dn === requester ? referenceOf(request) : {}) },
      }));
    if (!partyOf(call, requester)) {
      events.push({
        dn: requester,
        name: 'EventAttachedDataChanged',
        attributes: { ConnID: call.connId, CallID: call.callId, CallType: call.callType, ...common, ...referenceOf(request) },
      });
    }
    return events;
  };
}

export const userDataHandlers: Readonly<Record<string, Handler>> = {
  // Adds pairs without removing existing ones, even with the same key (duplicates kept) — READ (S23).
  RequestAttachUserData: userDataHandler((current, requested) => [...current, ...(requested ?? [])], true),
  // Replaces the values of existing keys — INFERRED.
  RequestUpdateUserData: userDataHandler((current, requested) => kvUpdate(current, requested ?? []), true),
  RequestDeletePair: userDataHandler((current, _r, key) => {
    if (!key) reject('InvalidAttribute');
    return current.filter((p) => p.key !== key);
  }, false),
  RequestDeleteAllUserData: userDataHandler(() => [], false),
};
