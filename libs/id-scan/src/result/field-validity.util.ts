import type { IdScanResultField } from '../interfaces/id-scan-api.interface';

/** The validity values that say nothing against a field (docs/id-scan-api.md §A5). */
const ACCEPTABLE_VALIDITIES: ReadonlySet<string> = new Set(['valid', 'not_checked']);

/**
 * Whether a result field counts against the verification: `invalid`, or a validity the documentation does not name
 * (or none at all). An unknown judgement is never read as a pass (docs/id-scan-api.md §A5 lists `valid`, `invalid`
 * and `not_checked`; anything else may be a new kind of failure).
 */
export function isFieldJudgedInvalid(entry: IdScanResultField): boolean {
  return !(typeof entry?.validity === 'string' && ACCEPTABLE_VALIDITIES.has(entry.validity));
}
