import type { ConformanceContext } from '../runner/conformance.context';

/** What a check costs on a real account: nothing, or the creation of one (never finished) transaction. */
export type CheckCost = 'free' | 'one transaction';

/**
 * What a check's expectation rests on: `documented` by CM.com (Part A of `docs/id-scan-api.md`), or an
 * `assumption` the project made where the documentation is silent (Part B), which the emulator implements.
 */
export type CheckBasis = 'documented' | 'assumption';

/** The topics, in the order the runner takes them (cheapest first). */
export type CheckGroup = 'auth' | 'validation' | 'transactions' | 'errors' | 'webhooks' | 'downloads';

/**
 * What a check saw. `expected` and `seen` are written into the drift report, so they hold only statuses, error
 * codes, key names and shapes: never a token, a secret, an identifier of a person or a value read from a document.
 */
export interface CheckObservation {
  passed: boolean;
  expected: string;
  seen: string;
}

/** One conformance check: a small named function plus what it rests on. */
export interface ConformanceCheck {
  /** Stable id, `<group>.<name>`, used in reports and issues. */
  id: string;
  /** One line saying what is checked. */
  title: string;
  group: CheckGroup;
  cost: CheckCost;
  basis: CheckBasis;
  /** Section of `docs/id-scan-api.md` the expectation comes from, such as `B2` or `A5`. */
  section: string;
  /** The emulator behaviour to revisit when the real API disagrees (file and rule). */
  emulator: string;
  /** Runs the check; throws {@link NotCheckableError} when it cannot decide. */
  run(context: ConformanceContext): Promise<CheckObservation>;
}

/** Thrown by a check that cannot decide (a precondition failed, or running it could cost more than allowed). */
export class NotCheckableError extends Error {
  override readonly name = 'NotCheckableError';
}
