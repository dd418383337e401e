/** Injected time and identifiers for the simulator (never the wall clock). */

export interface Clock {
  now(): number;
}

/** A clock that only moves when told to; starts at a fixed instant so traces are reproducible. */
export class SimulatedClock implements Clock {
  private current: number;
  constructor(start = Date.UTC(2026, 0, 1, 9, 0, 0)) {
    this.current = start;
  }
  now(): number {
    return this.current;
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

/**
 * Deterministic 16-hex-digit ConnIDs as T-Server prints them (`006b02a6f6e1c001`): a fixed
 * switch-specific prefix and a sequence number.
 */
export function connIdSource(prefix = '006b02a6f6e1'): (seq: number) => string {
  return (seq) => `${prefix}${seq.toString(16).padStart(16 - prefix.length, '0')}`.slice(-16);
}
