/**
 * Two different outcomes, everywhere (exit codes, Allure, the summary):
 * - {@link ConformanceAssertionError}: the system was tested and is **not conformant** → failed, exit 1.
 * - {@link TestCompromisedError}: the harness **could not test** (adapter down, no events at all,
 *   timeout, malformed input) → broken, exit 2.
 *
 * The class names matter: Allure classifies an error whose type contains "Assert" as failed and
 * anything else as broken, and the conformance CLI reads the same type from cucumber's messages.
 */

/** The observed behaviour differs from the documented model. */
export class ConformanceAssertionError extends Error {
  override readonly name = 'ConformanceAssertionError';
  constructor(message: string, readonly diff?: string) {
    super(message);
  }
}

/**
 * The scenario could not be evaluated: the environment, not the system's conformance, is at fault.
 * @example throw new TestCompromisedError('the adapter did not connect', { cause: err })
 */
export class TestCompromisedError extends Error {
  override readonly name = 'TestCompromisedError';
}

/** Bad input written by a person (feature, configuration): a usage error, exit 64. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const EXIT = { passed: 0, failed: 1, broken: 2, usage: 64 } as const;

export function isConformanceFailure(typeName: string | undefined): boolean {
  return typeName === 'ConformanceAssertionError';
}
