/**
 * Shared helpers for the unit specs of the DN-feature, monitoring, outbound and appearance families:
 * a small topology, a request builder and a run-to-the-end helper over the pure `transition`.
 */
import type { Topology } from '../adapter/contract';
import type { AttrValue, TRequest } from '../model/event';
import { connIdSource } from './clock';
import { initialState, type SimEvent, type SimState } from './state';
import { transition } from './transition';

export const KIT_TOPOLOGY: Topology = {
  parties: [
    { name: 'Alice', dn: '7001', type: 'Extension', configured: true },
    { name: 'Bob', dn: '7002', type: 'Extension', configured: true },
    { name: 'Carol', dn: '7003', type: 'Extension', configured: true },
    { name: 'Pam', dn: '7005', type: 'Extension', configured: true },
    { name: 'Dave', dn: '7012', type: 'Extension', configured: true, appearanceOf: { line: '7005', kind: 'bridged' } },
    { name: 'Sam', dn: '60970', type: 'Extension', configured: true },
    { name: 'Tess', dn: '60970_2', type: 'Extension', configured: true, appearanceOf: { line: '60970', kind: 'shared' } },
    { name: 'Olivia', dn: '5550100', type: 'External', configured: false },
  ],
};

export const CONN1 = '006b02a6f6e10001';
export const CONN2 = '006b02a6f6e10002';
const env = { now: Date.UTC(2026, 0, 1), connId: connIdSource() };

export const req = (name: string, attributes: Record<string, AttrValue>): TRequest => ({ name, attributes: { ReferenceID: 9, ...attributes } });

/** Run `requests` in turn; the events of the last one are returned. */
export function run(requests: readonly TRequest[], state: SimState = initialState(KIT_TOPOLOGY)): { state: SimState; events: SimEvent[] } {
  let events: SimEvent[] = [];
  for (const r of requests) [state, events] = transition(state, r, env);
  return { state, events };
}

/** `dn event` per event, for table-style assertions. */
export const brief = (events: readonly SimEvent[]): string[] => events.map((e) => `${e.dn} ${e.name}`);

export const attr = (events: readonly SimEvent[], dn: string, name: string, key: string): AttrValue | undefined =>
  events.find((e) => e.dn === dn && e.name === name)?.attributes[key];
