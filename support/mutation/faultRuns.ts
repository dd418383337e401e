/**
 * One scenario against the reference simulator, clean and then with injected faults: its clean
 * recording (to find the events to fault) and the outcome of a run with one fault. For specs that
 * show what a scenario accepts and refuses (support/world/*.spec.ts).
 */
import type { FaultDescriptor } from '../simulator/faults';
import { recordingsOf, type ScenarioRecording } from './recording';
import { InProcessRunner, MUTANT_ADAPTER } from './runner';

export interface FaultRuns {
  /** The scenario's clean run, as recorded. */
  readonly recording: ScenarioRecording;
  /** The scenario's outcome against the simulator with this fault ('passed', 'failed', 'known'…); `parameters`: more world parameters (a known-issues manifest). */
  outcome(fault: FaultDescriptor, parameters?: Readonly<Record<string, unknown>>): Promise<string | undefined>;
}

export async function faultRuns(feature: string, scenario: string, timeoutMs = 1500): Promise<FaultRuns> {
  const runner = new InProcessRunner({ extraRequire: ['support/mutation/recordHook.ts'] });
  const world = { adapter: MUTANT_ADAPTER, timeoutMs };
  const clean = await runner.run([feature], world, { names: [scenario] });
  const [recording] = recordingsOf(clean.messages);
  if (recording?.status !== 'PASSED') throw new Error(`${feature} "${scenario}" does not pass against the reference simulator (${recording?.status ?? 'not run'})`);
  return {
    recording,
    outcome: async (fault, parameters = {}) => {
      const { outcomes } = await runner.run([`${recording.uri}:${String(recording.line)}`], { ...world, ...parameters, adapterOptions: { fault } });
      return outcomes[0]?.outcome;
    },
  };
}
