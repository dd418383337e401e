/**
 * The reviewed list of equivalent mutants (support/mutation/equivalent-mutants.json): survivors
 * that are not holes, each with the reason a reviewer accepted. Anything else that survives is a
 * hole in the suite.
 */
import { existsSync, readFileSync } from 'node:fs';
import { UsageError } from '../errors';

export interface Equivalent {
  readonly feature: string;
  readonly scenario: string;
  /** The mutant id as printed by the campaign (`extra@5:7003:EventAttachedDataChanged`). */
  readonly mutant: string;
  readonly reason: string;
}

export function parseEquivalents(file: string, text: string): Equivalent[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${file}: not valid JSON: ${(e as Error).message}`);
  }
  const list = (raw as { equivalents?: unknown }).equivalents;
  if (!Array.isArray(list)) throw new UsageError(`${file}: expected { "equivalents": [ ... ] }`);
  return list.map((e: unknown, i) => {
    const x = e as Partial<Record<keyof Equivalent, unknown>>;
    for (const k of ['feature', 'scenario', 'mutant', 'reason'] as const) {
      if (typeof x[k] !== 'string' || x[k] === '') throw new UsageError(`${file}: entry ${String(i + 1)} needs a non-empty "${k}"`);
    }
    return x as Equivalent;
  });
}

export function loadEquivalents(file: string): Equivalent[] {
  return existsSync(file) ? parseEquivalents(file, readFileSync(file, 'utf8')) : [];
}
