import type { IdScanTaskResult, IdScanTransactionResult } from '../interfaces/id-scan-api.interface';

/** The task states that say a task ran to its end, passed or not (docs/id-scan-api.md §B4). */
const FINAL_TASK_STATES: ReadonlySet<string> = new Set(['completed', 'failed']);

/**
 * Whether the person went through a task to its end, whatever its verdict. A task is performed when its state is
 * final (`completed` or `failed`, docs/id-scan-api.md §B4) and, when it counts its attempts, it has at least one
 * (`attempts` is the number of attempts made, docs/id-scan-api.md §A4 and §A5). `pending`, a state the
 * documentation does not name (docs/id-scan-api.md §A13), or zero attempts mean the person stopped before the task was
 * done: that is "not finished", never a failed check.
 */
export function isTaskPerformed(task: IdScanTaskResult | undefined): boolean {
  if (!task || typeof task.state !== 'string' || !FINAL_TASK_STATES.has(task.state)) return false;
  return !(typeof task.attempts === 'number' && task.attempts <= 0);
}

/**
 * The types of the result's tasks that were not performed (see {@link isTaskPerformed}), in the result's order. A
 * face match compares the liveness check's selfie with the document (the task combinations of
 * docs/id-scan-api.md §A3), so without a performed liveness check (skipped, or absent from the result) it cannot
 * have run either, whatever state it reports.
 */
export function unfinishedTaskTypes(result: IdScanTransactionResult): string[] {
  const tasks = Array.isArray(result?.tasks) ? result.tasks : [];
  const livenessPerformed = tasks.some((task) => task?.type === 'face_liveness' && isTaskPerformed(task));
  return tasks
    .filter((task) => !isTaskPerformed(task) || (!livenessPerformed && task?.type === 'face_match'))
    .map((task) => String(task?.type));
}
