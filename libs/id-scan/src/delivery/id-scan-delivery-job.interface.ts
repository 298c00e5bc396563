import type { IdScanCompletionSource } from '../events/transaction-completed.event';
import type { IdScanTaskState } from '../interfaces/id-scan-api.interface';

/**
 * One domain event to deliver, as it is kept between attempts (in memory or in the queue): ids, the host's reference
 * and, for a completion, the requested task types. The result of a completion is fetched from the API again for
 * each retry, never stored.
 */
export type IdScanDeliveryJob =
  | {
      kind: 'completed';
      transactionId: string;
      reference?: string;
      resultId: string;
      via: IdScanCompletionSource;
      /**
       * The transaction's requested tasks, from its record, so the event's verdict is the one the store recorded.
       * Absent in jobs queued by an earlier version: the verdict then takes the result's own task list.
       */
      tasks?: string[];
    }
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
