import type { IdScanTransactionResult } from '../interfaces/id-scan-api.interface';
import type { IdScanVerificationOutcome } from './id-scan-completion.interface';

/** `passed` when there are tasks, all completed, with no field judged invalid; `failed` otherwise. */
export function outcomeOf(result: IdScanTransactionResult): IdScanVerificationOutcome {
  const tasks = Array.isArray(result.tasks) ? result.tasks : [];
  const passed =
    tasks.length > 0 &&
    tasks.every(
      (task) =>
        task.state === 'completed' &&
        (Array.isArray(task.result) ? task.result : []).every((field) => field.validity !== 'invalid'),
    );
  return passed ? 'passed' : 'failed';
}
