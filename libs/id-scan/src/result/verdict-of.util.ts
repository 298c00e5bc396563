import type { IdScanTaskResult, IdScanTransactionResult } from '../interfaces/id-scan-api.interface';
import { isFieldJudgedInvalid } from './field-validity.util';
import type {
  IdScanCheckState,
  IdScanVerdict,
  IdScanVerdictChecks,
  IdScanVerdictOptions,
  IdScanVerdictReason,
  IdScanVerdictReasonCode,
} from './id-scan-verdict.interface';
import { unfinishedTaskTypes } from './task-progress.util';

/**
 * The checks of a verdict, in the order of the task combinations (docs/id-scan-api.md §A3), with the code a failure
 * of its task gets.
 */
const CHECKS: readonly { key: keyof IdScanVerdictChecks; task: string; failure: IdScanVerdictReasonCode }[] = [
  { key: 'document', task: 'document_scan', failure: 'document_failed' },
  { key: 'liveness', task: 'face_liveness', failure: 'liveness_failed' },
  { key: 'faceMatch', task: 'face_match', failure: 'face_mismatch' },
];

/** Fields whose invalidity has a code of its own; any other invalid field is `field_invalid`. */
const FIELD_CODES: ReadonlyMap<string, IdScanVerdictReasonCode> = new Map([
  ['date_of_expiry', 'document_expired'],
  ['age', 'under_minimum_age'],
]);

/** Whether a new attempt could change the answer, by code (why: {@link IdScanVerdictReason.retryable}). */
const RETRYABLE: Readonly<Record<IdScanVerdictReasonCode, boolean>> = {
  document_expired: false,
  under_minimum_age: false,
  field_invalid: true,
  document_failed: true,
  liveness_failed: true,
  face_mismatch: true,
  not_finished: true,
};

/**
 * The verdict on a result: passed, failed or incomplete, each check's state, and the typed reasons (see
 * {@link IdScanVerdict}). Pure: the same result (and options) always gives the same verdict.
 *
 * - A check is `failed` when its task failed or a field it judged is invalid (an invalid document number fails the
 *   document check even when the task says `completed`); a field whose validity is unknown counts as invalid.
 * - A task still `pending`, in a state the documentation does not name, with no attempt made, or absent from the
 *   result, was not performed (docs/id-scan-api.md §B4): `not_performed`, with a `not_finished` reason. A face match
 *   without a performed liveness check cannot have run either, whatever state it reports.
 * - A face match whose liveness check failed is `not_relied_on`, and gives no reason of its own.
 * - `failed` whenever a check failed, even if the person then stopped (the `not_finished` reasons follow the
 *   failures); `incomplete` only when nothing failed and a requested task was not performed; `passed` otherwise.
 *
 * The result alone carries every judgement the settings asked for (`allowedExpiration`, `minimumAge`,
 * `maximumAge`, `validateFields` all show as field validity), so only the requested tasks are worth passing.
 */
export function verdictOf(result: IdScanTransactionResult, options: IdScanVerdictOptions = {}): IdScanVerdict {
  const tasks = (Array.isArray(result?.tasks) ? result.tasks : []).filter(
    (task): task is IdScanTaskResult => typeof task === 'object' && task !== null,
  );
  const requested = new Set(['document_scan', ...(options.requestedTasks ?? []), ...tasks.map((task) => task.type)]);
  const unfinished = new Set(unfinishedTaskTypes(result));
  const failures: IdScanVerdictReason[] = [];
  const notFinished: IdScanVerdictReason[] = [];
  const checks: Record<keyof IdScanVerdictChecks, IdScanCheckState> = {
    document: 'not_requested',
    liveness: 'not_requested',
    faceMatch: 'not_requested',
  };
  for (const check of CHECKS) {
    if (!requested.has(check.task)) continue;
    const task = tasks.find((candidate) => candidate.type === check.task);
    if (!task || unfinished.has(check.task)) {
      checks[check.key] = 'not_performed';
      notFinished.push(reason('not_finished', check.task));
      continue;
    }
    if (check.key === 'faceMatch' && checks.liveness === 'failed') {
      checks.faceMatch = 'not_relied_on';
      continue;
    }
    const fieldReasons = invalidFieldReasons(task);
    const taskFailed = task.state !== 'completed';
    if (!taskFailed && fieldReasons.length === 0) {
      checks[check.key] = 'passed';
      continue;
    }
    checks[check.key] = 'failed';
    failures.push(...fieldReasons);
    // A failed document scan with invalid fields is explained by those fields.
    if (taskFailed && !(check.key === 'document' && fieldReasons.length > 0)) {
      failures.push(reason(check.failure, check.task));
    }
  }
  const outcome = failures.length > 0 ? 'failed' : notFinished.length > 0 ? 'incomplete' : 'passed';
  return { outcome, reasons: [...failures, ...notFinished], checks };
}

/** One reason per field of the task judged invalid, in the task's order. */
function invalidFieldReasons(task: IdScanTaskResult): IdScanVerdictReason[] {
  const fields = new Set<string>();
  for (const entry of Array.isArray(task.result) ? task.result : []) {
    if (isFieldJudgedInvalid(entry)) fields.add(typeof entry?.field === 'string' ? entry.field : 'unknown');
  }
  return [...fields].map((field) => reason(FIELD_CODES.get(field) ?? 'field_invalid', task.type, field));
}

function reason(code: IdScanVerdictReasonCode, task: string, field?: string): IdScanVerdictReason {
  return { code, task, ...(field === undefined ? {} : { field }), retryable: RETRYABLE[code] };
}
