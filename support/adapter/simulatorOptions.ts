/**
 * `adapterOptions` of the embedded simulator are JSON (a configuration file, world parameters): a
 * fault named there (`"simulatorFault": "drop:EventHeld"`, what `--simulator-fault` sets) becomes the
 * simulator's fault injector here.
 */
import type { SimulatorOptions } from '../simulator/SimulatorAdapter';
import { eventFaultInjector, parseEventFault } from '../simulator/eventFaults';

export function simulatorOptions(options: Readonly<Record<string, unknown>>): SimulatorOptions {
  const { simulatorFault, ...rest } = options;
  if (simulatorFault === undefined) return rest;
  const fault = typeof simulatorFault === 'string' ? parseEventFault(simulatorFault) : 'it must be a string';
  if (typeof fault === 'string') throw new Error(`adapterOptions.simulatorFault: ${fault}`);
  return { ...(rest as SimulatorOptions), fault: eventFaultInjector(fault) };
}
