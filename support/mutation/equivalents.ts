/**
 * The reviewed list of equivalent mutants (support/mutation/equivalent-mutants.json): survivors
 * that are not holes, each with the reason a reviewer accepted. Anything else that survives is a
 * hole in the suite.
 */
import { existsSync } from 'node:fs';
import { isObject, parseManifest, readManifest, type Manifest } from '../config/manifest';
import { UsageError } from '../errors';

export interface Equivalent {
  readonly feature: string;
  readonly scenario: string;
  /** The mutant id as printed by the campaign (`extra@5:7003:EventAttachedDataChanged`). */
  readonly mutant: string;
  readonly reason: string;
}

const EQUIVALENTS: Manifest<Equivalent[]> = {
  what: 'list of equivalent mutants',
  validate: (raw, json) => {
    const list = isObject(raw) ? raw.equivalents : undefined;
    if (!Array.isArray(list)) throw new UsageError(`${json.file}: expected { "equivalents": [ ... ] }`);
    return list.map((e: unknown, i) => {
      const x = (isObject(e) ? e : {}) as Partial<Record<keyof Equivalent, unknown>>;
      for (const k of ['feature', 'scenario', 'mutant', 'reason'] as const) {
        if (typeof x[k] !== 'string' || x[k] === '') throw new UsageError(`${json.file}: entry ${String(i + 1)} needs a non-empty "${k}"`);
      }
      return x as Equivalent;
    });
  },
};

export function parseEquivalents(file: string, text: string): Equivalent[] {
  return parseManifest(file, text, EQUIVALENTS);
}

/** The reviewed list (none when the file does not exist yet). */
export function loadEquivalents(file: string): Equivalent[] {
  return existsSync(file) ? readManifest(file, EQUIVALENTS) : [];
}
