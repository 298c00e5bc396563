import { IdScanConfigurationError } from '../errors/id-scan-configuration.error';
import type { DurationRange } from '../utils/duration-option.util';

/** A week: longer than any late signal or sender's retry window, and within a Node timer's range. */
const MAX_STORE_TTL_MS = 604_800_000;

/** How long a record (and its marks) outlives its transaction, in both stores. */
export const RETENTION_RANGE: DurationRange = Object.freeze({ fallback: 3_600_000, min: 1, max: MAX_STORE_TTL_MS });
/** How long an event delivery id is remembered, in both stores. */
export const EVENT_TTL_RANGE: DurationRange = Object.freeze({ fallback: 172_800_000, min: 1, max: MAX_STORE_TTL_MS });

/**
 * Runs `resolve`, which reads a store's options and pushes each problem it finds, and throws one
 * {@link IdScanConfigurationError} listing them all (each prefixed with the store's name) when there are any.
 * A store is built before the module starts, so this is where its options are refused.
 */
export function resolveStoreOptions<T>(store: string, resolve: (problems: string[]) => T): T {
  const problems: string[] = [];
  const resolved = resolve(problems);
  if (problems.length > 0) throw new IdScanConfigurationError(problems.map((problem) => `${store} ${problem}`));
  return resolved;
}
