/**
 * ISCC transaction monitoring (GenEM ISCC Transaction Monitoring, digest 1 §3.10, READ S17):
 * TTransactionMonitoring(server, SubscriptionStart | SubscriptionModify | SubscriptionStop, id,
 * rules). Start is answered by EventACK with the new SubscriptionID; Modify and Stop name that id
 * (Stop without rules); a wrong id is answered by EventError. The rules are the KV list `notify`
 * in Extensions: element → `always` / `once` / `never`.
 *
 * Each ISCC transaction the client's T-Server takes part in is then reported by
 * EventTransactionStatus (SubscriptionID, Extensions with the elements the rules let through).
 * INFERRED (the States and Elements pages were not read): two notifications per transaction,
 * state `initiated` then `completed`; an element without a rule is not reported; `once` means in
 * the first notification of a transaction only.
 */
import type { AttrValue, TRequest } from '../model/event';
import type { KVPair } from '../model/kvlist';
import { reject } from './events';
import { participantsOf, senderOf, toParticipant, type SiteState } from './participants';
import { kv, str, type Handler, type SimEvent, type SimState } from './state';

type Mode = 'always' | 'once' | 'never';

export interface Subscription { readonly id: string; readonly client: string; readonly server: string; rules: Record<string, Mode> }

function subscriptions(state: SimState): Subscription[] {
  const beyond = state.participants;
  return beyond ? (beyond.subscriptions ??= []) : [];
}

function rulesOf(request: TRequest): Record<string, Mode> {
  const notify = (kv(request, 'Extensions') ?? []).find((p) => p.key === 'notify')?.value;
  const rules: Record<string, Mode> = {};
  if (typeof notify !== 'object') return rules;
  for (const { key, value } of notify) {
    if (value === 'always' || value === 'once' || value === 'never') rules[key] = value;
    else reject('InvalidAttribute');
  }
  return rules;
}

const transactionMonitoring: Handler = (state, request) => {
  const client = senderOf(state, request);
  if (!client || client.kind !== 'transaction-monitor') reject('InvalidAttribute');
  const all = subscriptions(state);
  const operation = str(request, 'SubscriptionOperation');
  const ack = (id: string): SimEvent => toParticipant(client.id, 'EventACK', 'T-Library', client.server, {
    SubscriptionID: id, ReferenceID: request.attributes.ReferenceID ?? 0,
  });
  if (operation === 'SubscriptionStart') {
    const id = `sub-${String(all.length + 1)}`;
    all.push({ id, client: client.id, server: client.server, rules: rulesOf(request) });
    return [ack(id)];
  }
  const found = all.find((s) => s.id === str(request, 'SubscriptionID') && s.client === client.id);
  if (!found || (operation !== 'SubscriptionModify' && operation !== 'SubscriptionStop')) return [errorTo(client.id, client.server, request)];
  if (operation === 'SubscriptionStop') all.splice(all.indexOf(found), 1);
  else found.rules = rulesOf(request);
  return [ack(found.id)];
};

function errorTo(client: string, server: string, request: TRequest): SimEvent {
  return toParticipant(client, 'EventError', 'T-Library', server, {
    ReferenceID: request.attributes.ReferenceID ?? 0, ErrorCode: 1201, ErrorMessage: 'Unknown subscription',
  });
}

/** The notifications of one finished ISCC transaction at `site`, to every subscription there. */
export function transactionFinished(state: SimState, site: SiteState, type: string, localId: number): SimEvent[] {
  const clients = new Set(participantsOf(state, 'transaction-monitor').map((p) => p.id));
  const events: SimEvent[] = [];
  for (const sub of subscriptions(state).filter((s) => s.server === site.server && clients.has(s.client))) {
    ['initiated', 'completed'].forEach((phase, i) => {
      const elements: KVPair[] = [];
      const add = (key: string, value: AttrValue): void => {
        const mode = sub.rules[key] ?? 'never';
        if (mode === 'always' || (mode === 'once' && i === 0)) elements.push({ key, value });
      };
      add('class.name', 'iscc.transaction');
      add('object.local-id', localId);
      add('iscc.transaction.state', phase);
      add('iscc.transaction.type', type);
      add('iscc.direction.role', 'origination');
      add('iscc.is-link-creation', 'completed');
      events.push(toParticipant(sub.client, 'EventTransactionStatus', 'T-Library', sub.server, { SubscriptionID: sub.id, Extensions: elements }));
    });
  }
  return events;
}

export const transactionMonitoringHandlers: Readonly<Record<string, Handler>> = {
  RequestTransactionMonitoring: transactionMonitoring,
};
