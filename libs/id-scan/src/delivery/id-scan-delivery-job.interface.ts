import type { IdScanCompletionSource } from '../events/transaction-completed.event';
import type { IdScanTaskState } from '../interfaces/id-scan-api.interface';

/**
 * One domain event to deliver, as it is kept between attempts (in memory or in the queue): ids and the host's
 * reference only. The result of a completion is fetched from the API again for each retry, never stored.
 */
export type IdScanDeliveryJob =
  | { kind: 'completed'; transactionId: string; reference?: string; resultId: string; via: IdScanCompletionSource }
  | { kind: 'expired'; transactionId: string; reference?: string }
  | { kind: 'task'; transactionId: string; reference?: string; task: string; state: IdScanTaskState };

/**
 * The job's identity: concurrent signals for the same event, on any instance, name the same job, so a queue holds
 * it once. BullMQ refuses ":" in custom ids, hence the dots.
 */
export function deliveryJobId(job: IdScanDeliveryJob): string {
  if (job.kind === 'task') return `task.${job.transactionId}.${job.task}.${job.state}`;
  return `${job.kind}.${job.transactionId}`;
}
