/**
 * What a test asks for through `IdScanEmulator.completeTransaction` (the hosted pages offer the same choices per
 * task, plus `live_person` and `same_person` for the face tasks). Each scenario shapes the tasks it concerns and
 * leaves the others genuine (for a face scenario, the document is a genuine passport):
 *
 * - `genuine_passport`, `genuine_id_card`: a genuine document of that kind; every check passes.
 * - `expired_document`: the document expired 45 days ago; `date_of_expiry` is judged by `allowedExpiration`.
 * - `invalid_document_number`: the document number fails its check digit (`document_number` is `invalid`).
 * - `under_minimum_age`: the holder is younger than `minimumAge` (a 15-year-old when no minimum is set).
 * - `liveness_fails`: the liveness check fails (low score, `face_liveness` task `failed`).
 * - `face_mismatch`: the selfie is someone else (low similarity, `face_match` task `failed`).
 * - `gives_up`: the person abandons the flow; the transaction completes, and every task not yet done stays
 *   `pending` in the result, not performed (no attempts, no score), apart from the tasks that ran and failed.
 */
export const EmulatorScenarios = [
  'genuine_passport',
  'genuine_id_card',
  'expired_document',
  'invalid_document_number',
  'under_minimum_age',
  'liveness_fails',
  'face_mismatch',
  'gives_up',
] as const;

/** One of {@link EmulatorScenarios}. */
export type EmulatorScenario = (typeof EmulatorScenarios)[number];

/** Whether a value names a scenario. */
export function isEmulatorScenario(value: unknown): value is EmulatorScenario {
  return typeof value === 'string' && (EmulatorScenarios as readonly string[]).includes(value);
}
