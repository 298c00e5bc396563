/**
 * How a verification came out, in one word (see {@link IdScanVerdict}):
 * - `passed`: every requested task was performed and passed, and no field was judged invalid;
 * - `failed`: a performed check failed or a field was judged invalid, even if the person then stopped;
 * - `incomplete`: nothing failed, but a requested task was not performed (the person stopped before it).
 */
export type IdScanVerdictOutcome = 'passed' | 'failed' | 'incomplete';

/**
 * Where one check stands in a {@link IdScanVerdict}:
 * - `passed`: its task was performed and passed, and no field it judged is invalid;
 * - `failed`: its task failed, or a field it judged is invalid;
 * - `not_performed`: it was requested, but the person never did it (nothing was judged);
 * - `not_requested`: the transaction did not ask for it;
 * - `not_relied_on`: a face match whose selfie failed the liveness check: its similarity proves nothing.
 */
export type IdScanCheckState = 'passed' | 'failed' | 'not_performed' | 'not_requested' | 'not_relied_on';

/**
 * Why a verification did not pass. `retryable` follows from the code (see {@link IdScanVerdictReason.retryable}):
 *
 * | code                | when                                                          | retryable |
 * | ------------------- | ------------------------------------------------------------- | --------- |
 * | `document_expired`  | `date_of_expiry` judged invalid (beyond `allowedExpiration`)  | `false`   |
 * | `under_minimum_age` | `age` judged invalid (outside `minimumAge`..`maximumAge`)     | `false`   |
 * | `field_invalid`     | any other field judged invalid (`field` names it)             | `true`    |
 * | `document_failed`   | the document scan failed with no field judged invalid         | `true`    |
 * | `liveness_failed`   | the liveness check failed                                     | `true`    |
 * | `face_mismatch`     | the face match failed (with a liveness check that passed)     | `true`    |
 * | `not_finished`      | a requested task was not performed (`task` names it)          | `true`    |
 */
export type IdScanVerdictReasonCode =
  | 'document_expired'
  | 'under_minimum_age'
  | 'field_invalid'
  | 'document_failed'
  | 'liveness_failed'
  | 'face_mismatch'
  | 'not_finished';

/** One reason a verification did not pass. Holds no personal data: codes, task types and field names only. */
export interface IdScanVerdictReason {
  code: IdScanVerdictReasonCode;
  /** The task the reason concerns (`document_scan`, `face_liveness` or `face_match`). */
  task: string;
  /** The field judged invalid, for the field codes (`document_expired`, `under_minimum_age`, `field_invalid`). */
  field?: string;
  /**
   * Whether a new attempt could change the answer, so that offering the person another verification makes sense:
   * `false` for an expired document and an age outside the limits (the same document says the same again);
   * `true` for a field that failed validation (most often a misread that a sharper capture reads right), a document
   * scan that failed without an invalid field (unreadable or unrecognised: a better capture or another document
   * can pass), a failed liveness check or face match (light, pose, camera), and a task not finished.
   */
  retryable: boolean;
}

/** The three checks of a verification (the task types of docs/id-scan-api.md §A3), each with its state. */
export interface IdScanVerdictChecks {
  /** The `document_scan` task. */
  document: IdScanCheckState;
  /** The `face_liveness` task. */
  liveness: IdScanCheckState;
  /** The `face_match` task. */
  faceMatch: IdScanCheckState;
}

/**
 * The one answer to "is this person verified, and if not, why, and may they try again?", computed by
 * {@link verdictOf} and carried by `TransactionCompletedEvent.verdict`. `reasons` is empty exactly when `outcome`
 * is `passed`; failures come first, then the tasks not finished.
 */
export interface IdScanVerdict {
  outcome: IdScanVerdictOutcome;
  reasons: IdScanVerdictReason[];
  checks: IdScanVerdictChecks;
}

/** Options of {@link verdictOf}. */
export interface IdScanVerdictOptions {
  /**
   * The tasks the transaction asked for, when known (the store keeps them): a requested task the result leaves out
   * is then `not_performed`, never passed. Without it, the result's own task list is taken as the request (a
   * completed result lists every requested task, those never done still `pending`, docs/id-scan-api.md §B4). The
   * document scan is part of every task combination (docs/id-scan-api.md §A3), so it is always requested.
   */
  requestedTasks?: readonly string[];
}
