/**
 * Faults named on the command line, for a person who wants to watch the harness catch a deviation
 * through any transport: `--fault drop:EventHeld` (simulator server) and `--simulator-fault
 * drop:EventHeld` (conformance, in process or `--via-*`). `drop:<EventName>` drops every event of
 * that name, on every DN, for the whole run.
 *
 * (The mutation campaign's position-based faults are support/simulator/faults.ts.)
 */
import { lookupEvent } from '../model/catalogue';
import type { FaultInjector } from './SimulatorAdapter';

export interface EventFault {
  readonly kind: 'drop';
  readonly event: string;
}

const FORM = 'drop:<EventName>, e.g. drop:EventHeld';

/** Parse `drop:EventHeld`; a string is the problem (the command line turns it into a usage error naming its option). */
export function parseEventFault(text: string): EventFault | string {
  const match = /^drop:([A-Za-z][A-Za-z0-9]*)$/.exec(text.trim());
  if (!match?.[1]) return `"${text}" is not a fault (${FORM})`;
  const event = match[1];
  if (lookupEvent(event) === undefined) return `${event} is not an event the models know (${FORM})`;
  return { kind: 'drop', event };
}

export function eventFaultInjector(fault: EventFault): FaultInjector {
  return (events) => events.filter((e) => e.name !== fault.event);
}

export function describeEventFault(fault: EventFault): string {
  return `${fault.kind}:${fault.event}`;
}
