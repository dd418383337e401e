/**
 * What GenEM allows an event to do besides what a model's table row shows — as data, applied to
 * every expectation table (support/matching/expectation.ts rejects a cell that refuses an
 * allowance), so the same event asserts the same thing in every feature:
 *
 * | event · attribute | allowance | GenEM |
 * |---|---|---|
 * | EventDialing · OtherDN, OtherDNRole | may be absent (`*DIAL`) | Call Models and Flows legend; EventDialing table |
 * | EventDialing · CallType | may be Unknown | EventDialing table |
 * | EventReleased · OtherDN, OtherDNRole | may be absent (`*OPT`) | Releasing Calls, Release Phase |
 * | EventDestinationBusy · CallState | any busy reason (`busy reason`) | Basic Call Models, interruption point ** |
 *
 * Cells write them in GenEM's notation: `Bob *DIAL`, `Bob *OPT` (the value, or absent),
 * `Internal or Unknown`, `busy reason` (a named set of values, {@link VALUE_SETS}).
 */
import type { EnumName } from './enums';

export interface Allowance {
  readonly event: string;
  readonly attribute: string;
  /** `absent`: the attribute may be missing; a list: these values are allowed besides the row's. */
  readonly allows: 'absent' | readonly string[];
  /** How a cell says it, e.g. `Bob *DIAL`. */
  readonly write: string;
  /** The GenEM page and fact a reader can check. */
  readonly source: string;
}

const DIAL = 'GenEM Call Models and Flows, legend: *DIAL, OtherDN may be the dialed number, or absent when T-Server does not know the other party (EventDialing table: OtherDNRole only with OtherDN)';
const OPT = 'GenEM Releasing Calls, Release Phase: OtherDN *OPT in EventReleased';

export const ALLOWANCES: readonly Allowance[] = [
  { event: 'EventDialing', attribute: 'OtherDN', allows: 'absent', write: 'Bob *DIAL', source: DIAL },
  { event: 'EventDialing', attribute: 'OtherDNRole', allows: 'absent', write: 'Destination *DIAL', source: DIAL },
  { event: 'EventDialing', attribute: 'CallType', allows: ['Unknown'], write: 'Internal or Unknown', source: 'GenEM T-Library Events, Call-Handling Events, EventDialing table: CallType may be Unknown' },
  { event: 'EventReleased', attribute: 'OtherDN', allows: 'absent', write: 'Bob *OPT', source: OPT },
  { event: 'EventReleased', attribute: 'OtherDNRole', allows: 'absent', write: 'Destination *OPT', source: OPT },
  {
    event: 'EventDestinationBusy', attribute: 'CallState', allows: ['Busy', 'AllTrunksBusy', 'SitDetected', 'SitInvalidnum', 'SitVacant', 'SitIntercept', 'SitUnknown', 'SitNocircuit', 'SitReorder'],
    write: 'busy reason',
    source: 'GenEM Basic Call Models, interruption point **: EventDestinationBusy CallState is the reason, e.g. SitInvalidNum (Busy in the Genesys QA model of SIP Server)',
  },
];

/** Named sets of enum values a cell may write by name (`busy reason`). */
export const VALUE_SETS: Readonly<Record<string, { readonly enumName: EnumName; readonly values: readonly string[]; readonly source: string }>> = {
  'busy reason': {
    enumName: 'CallState',
    values: ['Busy', 'AllTrunksBusy', 'SitDetected', 'SitInvalidnum', 'SitVacant', 'SitIntercept', 'SitUnknown', 'SitNocircuit', 'SitReorder'],
    source: 'GenEM Basic Call Models, interruption point **: the CallState of EventDestinationBusy is the reason (a busy tone, all trunks busy, or a special information tone)',
  },
};

/** GenEM's markers for "this value, or absent". */
export const ABSENT_MARKERS = ['*DIAL', '*OPT'] as const;
export type AbsentMarker = (typeof ABSENT_MARKERS)[number];

export function allowancesFor(event: string, attribute: string): Allowance[] {
  return ALLOWANCES.filter((a) => a.event === event && a.attribute === attribute);
}
