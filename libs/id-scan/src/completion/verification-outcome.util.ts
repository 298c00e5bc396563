import type { IdScanTransactionResult } from '../interfaces/id-scan-api.interface';
import { isTaskPerformed } from '../result/task-progress.util';
import type { IdScanVerificationOutcome } from './id-scan-completion.interface';

/**
 * How a verification came out, from its result:
 * - `incomplete` when the person did not finish every task (they gave up, or the flow ended before a task was
 *   done: a task still `pending`, in a state docs/id-scan-api.md §B4 does not name, or with no attempt made);
 *   nothing was judged for those tasks, so this is not a failed check;
 * - `passed` when there are tasks, every one `completed`, with no field judged `invalid`;
 * - `failed` otherwise (a task `failed`, an invalid field, or no task at all).
 */
export function outcomeOf(result: IdScanTransactionResult): IdScanVerificationOutcome {
  const tasks = Array.isArray(result.tasks) ? result.tasks : [];
  if (tasks.some((task) => !isTaskPerformed(task))) return 'incomplete';
  const passed =
    tasks.length > 0 &&
    tasks.every(
      (task) =>
        task.state === 'completed' &&
        (Array.isArray(task.result) ? task.result : []).every((field) => field.validity !== 'invalid'),
    );
  return passed ? 'passed' : 'failed';
}
