/**
 * The transfer / conference family as tables: a sequence of requests, then the events per DN of the
 * last one (DN, event, ConnID and the attributes the models assert).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Topology } from '../adapter/contract';
import type { AttrValue, TRequest } from '../model/event';
import { connIdSource } from './clock';
import { initialState, type SimEvent, type SimState } from './state';
import { transition } from './transition';

const TOPOLOGY: Topology = {
  parties: [
    { name: 'Alice', dn: '7001', type: 'Extension', configured: true },
    { name: 'Bob', dn: '7002', type: 'Extension', configured: true },
    { name: 'Carol', dn: '7003', type: 'Extension', configured: true },
    { name: 'Dave', dn: '7004', type: 'Extension', configured: true },
    { name: 'Olivia', dn: '5550100', type: 'External', configured: false },
  ],
};
const env = { now: Date.UTC(2026, 0, 1), connId: connIdSource() };
const C1 = '006b02a6f6e10001';
const C2 = '006b02a6f6e10002';
const req = (name: string, attributes: Record<string, AttrValue>): TRequest => ({ name, attributes: { ReferenceID: 7, ...attributes } });

function run(requests: readonly TRequest[]): { state: SimState; events: SimEvent[] } {
  let state = initialState(TOPOLOGY);
  let events: SimEvent[] = [];
  for (const r of requests) [state, events] = transition(state, r, env);
  return { state, events };
}

/** One row per event: DN, event, then the listed attributes (absent ones as `-`). */
function rows(events: readonly SimEvent[], attrs: readonly string[]): string[] {
  return events.map((e) => [e.dn, e.name, ...attrs.map((a) => {
    const v = e.attributes[a];
    if (v === undefined) return '-';
    return typeof v === 'object' ? JSON.stringify(v) : String(v);
  })].join(' '));
}

const TALKING = [
  req('RequestMakeCall', { ThisDN: '7001', OtherDN: '7002' }),
  req('RequestAnswerCall', { ThisDN: '7002', ConnID: C1 }),
];
const CONSULTED = [
  ...TALKING,
  req('RequestInitiateTransfer', { ThisDN: '7002', ConnID: C1, OtherDN: '7003' }),
  req('RequestAnswerCall', { ThisDN: '7003', ConnID: C2 }),
];
const CONFERENCED = [
  ...TALKING,
  req('RequestInitiateConference', { ThisDN: '7002', ConnID: C1, OtherDN: '7003' }),
  req('RequestAnswerCall', { ThisDN: '7003', ConnID: C2 }),
  req('RequestCompleteConference', { ThisDN: '7002', ConnID: C1, TransferConnID: C2 }),
];

interface Case {
  readonly name: string;
  readonly requests: readonly TRequest[];
  readonly attrs: readonly string[];
  readonly expected: readonly string[];
}

const CASES: readonly Case[] = [
  {
    name: 'TInitiateTransfer: EventHeld on the main call, then a Consult call dialled and ringing',
    requests: [...TALKING, req('RequestInitiateTransfer', { ThisDN: '7002', ConnID: C1, OtherDN: '7003' })],
    attrs: ['ConnID', 'CallType', 'PreviousConnID', 'OtherDN', 'ReferenceID'],
    expected: [
      `7002 EventHeld ${C1} Internal - 7001 -`,
      `7002 EventDialing ${C2} Consult ${C1} 7003 7`,
      `7003 EventRinging ${C2} Consult ${C1} 7002 -`,
    ],
  },
  {
    name: 'TCompleteTransfer: the main ConnID survives; PreviousConnID is own ConnID for A, the consult for C',
    requests: [...CONSULTED, req('RequestCompleteTransfer', { ThisDN: '7002', ConnID: C1, TransferConnID: C2 })],
    attrs: ['ConnID', 'PreviousConnID', 'OtherDN', 'ThirdPartyDN', 'ThirdPartyDNRole', 'CallState', 'ReferenceID'],
    expected: [
      `7002 EventReleased ${C2} ${C1} 7003 - - Transferred 7`,
      `7002 EventReleased ${C1} - 7001 - - Transferred -`,
      `7001 EventPartyChanged ${C1} ${C1} 7003 7002 TransferredBy Transferred -`,
      `7003 EventPartyChanged ${C1} ${C2} 7001 7002 TransferredBy Transferred -`,
    ],
  },
  {
    name: 'TCompleteConference: B released/retrieved, A and B PartyAdded, C PartyChanged (ConferencedBy)',
    requests: CONFERENCED,
    attrs: ['ConnID', 'ThisDNRole', 'PreviousConnID', 'OtherDN', 'OtherDNRole', 'ThirdPartyDNRole', 'CallState'],
    expected: [
      `7002 EventReleased ${C2} Origination ${C1} 7003 Destination - Conferenced`,
      `7002 EventRetrieved ${C1} Destination - 7001 Origination - Conferenced`,
      `7001 EventPartyAdded ${C1} ConferenceMember - 7003 NewParty AddedBy Conferenced`,
      `7002 EventPartyAdded ${C1} ConferenceMember - 7003 NewParty AddedBy Conferenced`,
      `7003 EventPartyChanged ${C1} ConferenceMember ${C2} - - ConferencedBy Conferenced`,
    ],
  },
  {
    name: 'TSingleStepTransfer: B released silently, C rings on the same call, A told',
    requests: [...TALKING, req('RequestSingleStepTransfer', { ThisDN: '7002', ConnID: C1, OtherDN: '7003' })],
    attrs: ['ConnID', 'ThisDNRole', 'PreviousConnID', 'OtherDN', 'ThirdPartyDN', 'CallState', 'Cause'],
    expected: [
      `7002 EventReleased ${C1} Destination - 7001 7003 Transferred 1stepTransfer`,
      `7003 EventRinging ${C1} Destination - 7001 - Transferred -`,
      `7001 EventPartyChanged ${C1} Origination ${C1} 7003 7002 Transferred -`,
    ],
  },
  {
    name: 'TSingleStepTransfer to an outside number: EventNetworkReached after the PartyChanged',
    requests: [...TALKING, req('RequestSingleStepTransfer', { ThisDN: '7002', ConnID: C1, OtherDN: '5550100' })],
    attrs: ['ConnID', 'CallState'],
    expected: [
      `7002 EventReleased ${C1} Transferred`,
      `7001 EventPartyChanged ${C1} Transferred`,
      `7001 EventNetworkReached ${C1} Transferred`,
    ],
  },
  {
    name: 'TSingleStepConference: C rings as ConferenceMember, A and B told while it rings',
    requests: [...TALKING, req('RequestSingleStepConference', { ThisDN: '7002', ConnID: C1, OtherDN: '7003' })],
    attrs: ['ConnID', 'ThisDNRole', 'OtherDN', 'CallState', 'ReferenceID'],
    expected: [
      `7003 EventRinging ${C1} ConferenceMember - Ok -`,
      `7001 EventPartyAdded ${C1} ConferenceMember 7003 Conferenced -`,
      `7002 EventPartyAdded ${C1} ConferenceMember 7003 Conferenced 7`,
    ],
  },
  {
    name: 'TDeleteFromConference: the target is released, the others told with DeletedBy = requester',
    requests: [...CONFERENCED, req('RequestDeleteFromConference', { ThisDN: '7002', ConnID: C1, OtherDN: '7003' })],
    attrs: ['ConnID', 'OtherDN', 'OtherDNRole', 'ThirdPartyDN', 'ThirdPartyDNRole', 'CallState', 'ReferenceID'],
    expected: [
      `7003 EventReleased ${C1} - - - - Ok -`,
      `7001 EventPartyDeleted ${C1} 7003 DeletedParty 7002 DeletedBy Ok -`,
      `7002 EventPartyDeleted ${C1} 7003 DeletedParty 7002 DeletedBy Ok 7`,
    ],
  },
  {
    name: 'TRedirectCall of a ringing call: EventReleased (not Abandoned) Redirected, C rings with B\'s role',
    requests: [req('RequestMakeCall', { ThisDN: '7001', OtherDN: '7002' }), req('RequestRedirectCall', { ThisDN: '7002', ConnID: C1, OtherDN: '7003' })],
    attrs: ['ConnID', 'ThisDNRole', 'ThirdPartyDN', 'ThirdPartyDNRole', 'CallState'],
    expected: [
      `7002 EventReleased ${C1} Destination 7003 Destination Redirected`,
      `7003 EventRinging ${C1} Destination - - Redirected`,
    ],
  },
  {
    name: 'TAlternateCall: held current, retrieved held, only at the requester',
    requests: [...CONSULTED, req('RequestAlternateCall', { ThisDN: '7002', ConnID: C2, PreviousConnID: C1 })],
    attrs: ['ConnID', 'CallState'],
    expected: [`7002 EventHeld ${C2} -`, `7002 EventRetrieved ${C1} Ok`],
  },
  {
    name: 'TReconnectCall while C still rings: B released, C abandoned, held call retrieved',
    requests: [...TALKING, req('RequestInitiateTransfer', { ThisDN: '7002', ConnID: C1, OtherDN: '7003' }),
      req('RequestReconnectCall', { ThisDN: '7002', ConnID: C2, PreviousConnID: C1 })],
    attrs: ['ConnID', 'ReferenceID'],
    expected: [`7002 EventReleased ${C2} 7`, `7003 EventAbandoned ${C2} -`, `7002 EventRetrieved ${C1} -`],
  },
  {
    name: 'TListenDisconnect: only the requester is told, CallState Held',
    requests: [...CONFERENCED, req('RequestListenDisconnect', { ThisDN: '7002', ConnID: C1, OtherDN: '7003' })],
    attrs: ['ConnID', 'OtherDN', 'ThirdPartyDN', 'ThirdPartyDNRole', 'CallState'],
    expected: [`7002 EventListenDisconnected ${C1} 7003 7003 ConferenceMember Held`],
  },
  {
    name: 'EventError: completing a transfer without a consultation call',
    requests: [...TALKING, req('RequestCompleteTransfer', { ThisDN: '7002', ConnID: C1, TransferConnID: C2 })],
    attrs: ['ErrorCode', 'ReferenceID'],
    expected: ['7002 EventError 71 7'],
  },
  {
    name: 'EventError: a single-step transfer of a call on hold',
    requests: [...TALKING, req('RequestHoldCall', { ThisDN: '7002', ConnID: C1 }),
      req('RequestSingleStepTransfer', { ThisDN: '7002', ConnID: C1, OtherDN: '7003' })],
    attrs: ['ErrorCode', 'ReferenceID'],
    expected: ['7002 EventError 41 7'],
  },
  {
    name: 'EventError: listen reconnect of a listener that was never disconnected',
    requests: [...CONFERENCED, req('RequestListenReconnect', { ThisDN: '7002', ConnID: C1, OtherDN: '7003' })],
    attrs: ['ErrorCode'],
    expected: ['7002 EventError 41'],
  },
];

for (const c of CASES) {
  test(c.name, () => {
    assert.deepEqual(rows(run(c.requests).events, c.attrs), c.expected);
  });
}

test('a refused request leaves the state unchanged (the calls survive an invalid complete)', () => {
  const before = run(CONSULTED).state;
  const [after] = transition(before, req('RequestCompleteConference', { ThisDN: '7001', ConnID: C1, TransferConnID: C2 }), env);
  assert.equal(after, before);
});

test('after a transfer only the main call is left, with A and C on it', () => {
  const { state } = run([...CONSULTED, req('RequestCompleteTransfer', { ThisDN: '7002', ConnID: C1, TransferConnID: C2 })]);
  assert.deepEqual(Object.keys(state.calls), [C1]);
  assert.deepEqual(state.calls[C1]?.parties.map((p) => p.dn), ['7001', '7003']);
});
