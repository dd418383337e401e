/**
 * What one conformance run shares between its scenarios: the bounds on what a scenario may observe
 * and attach, the adapter the run talked to, and failures an adapter reported after its scenario
 * had closed. Its lifetime is the run: `npm run conformance` creates one and binds it to the World
 * class of that run ({@link bindRun}); a World made without one (a dev run, the in-process runner of
 * the self-tests) gets a context of its own, so the per-run bound then holds per scenario.
 */
import type { Capabilities } from '../adapter/contract';
import { AdapterRun } from '../adapter/select';
import { DEFAULT_MAX_EVENTS } from '../adapter/session';

export interface RunLimits {
  /** Events kept per scenario; one more makes the scenario broken (a flood). */
  readonly maxEventsPerScenario: number;
  /** Bytes of bulky attachments (traces, diagrams) for the whole run; past it they are replaced by a note. */
  readonly attachmentBytesPerRun: number;
  /** Events written into one scenario's observed-events.ndjson attachment; the rest are counted in a note. */
  readonly attachedEventsPerScenario: number;
}

export const DEFAULT_LIMITS: RunLimits = {
  maxEventsPerScenario: DEFAULT_MAX_EVENTS,
  // A whole-suite run attaches about 5 MB; 8 MB keeps every report file under 20 MB (README).
  attachmentBytesPerRun: 8 * 1024 * 1024,
  attachedEventsPerScenario: 2_000,
};

/** Where a run's facts go as they happen (the run journal of support/report/runJournal.ts). */
export interface RunListener {
  adapter?(name: string, capabilities: Capabilities): void;
  lateFailure?(scenario: string, message: string): void;
}

export class RunContext {
  private attached = 0;
  private omittedCount = 0;
  private seenAdapter: { readonly name: string; readonly capabilities: Capabilities } | undefined;
  private readonly late: { readonly scenario: string; readonly message: string }[] = [];

  /**
   * `adapters`: what the run's adapters share (the bridge's listeners and probed capabilities);
   * closed by whoever made it, after the run's last scenario.
   */
  constructor(readonly limits: RunLimits = DEFAULT_LIMITS, private readonly listener: RunListener = {}, readonly adapters: AdapterRun = new AdapterRun()) {}

  /** May `bytes` more be attached? Counts them when so; counts an omission when not. */
  admit(bytes: number): boolean {
    if (this.attached + bytes > this.limits.attachmentBytesPerRun) {
      this.omittedCount += 1;
      return false;
    }
    this.attached += bytes;
    return true;
  }

  /** Attachments replaced by a note because the run's budget was spent. */
  get omitted(): number {
    return this.omittedCount;
  }

  /** The first adapter the run opened (name and declared capabilities), for the certificate. */
  noteAdapter(name: string, capabilities: Capabilities): void {
    if (this.seenAdapter) return;
    this.seenAdapter = { name, capabilities };
    this.listener.adapter?.(name, capabilities);
  }

  get adapter(): { readonly name: string; readonly capabilities: Capabilities } | undefined {
    return this.seenAdapter;
  }

  /** An adapter reported a failure after `scenario` had closed: logged with the scenario, never dropped. */
  lateFailure(scenario: string, error: Error): void {
    this.late.push({ scenario, message: error.message });
    console.error(`After "${scenario}" had closed, its adapter reported a failure: ${error.message}`);
    this.listener.lateFailure?.(scenario, error.message);
  }

  get lateFailures(): readonly { readonly scenario: string; readonly message: string }[] {
    return this.late;
  }
}

/** Limits from the run's configuration, defaults for what it leaves out. */
export function limitsOf(parameters: { readonly maxEventsPerScenario?: number }): RunLimits {
  return { ...DEFAULT_LIMITS, ...(parameters.maxEventsPerScenario ? { maxEventsPerScenario: parameters.maxEventsPerScenario } : {}) };
}

/**
 * A subclass of the run's World class whose instances share `run`: how one cucumber run hands its
 * context to every scenario (world parameters are cloned per scenario, so they cannot carry it).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a mixin's constructor must take any[] (TS2545)
export type ConstructorOf<T> = new (...args: any[]) => T;

export function bindRun<W extends ConstructorOf<{ run: RunContext }>>(World: W, run: RunContext): W {
  return class extends World {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
    constructor(...args: any[]) {
      // eslint-disable-next-line @typescript-eslint/no-unsafe-argument -- passed through unchanged to cucumber's World
      super(...args);
      this.run = run;
    }
  };
}
