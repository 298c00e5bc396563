import type { IdScanTaskState } from '../interfaces/id-scan-api.interface';

/**
 * Payload of `id-scan.task.updated`. Delivered until every listener succeeded in one attempt; `transactionId` with
 * `task` and `state` is the idempotency key.
 */
export class TaskUpdatedEvent {
  constructor(
    readonly transactionId: string,
    readonly task: string,
    readonly state: IdScanTaskState,
    readonly reference?: string,
    /** Which delivery attempt this is, from 1. */
    readonly attempt: number = 1,
  ) {
    Object.freeze(this);
  }
}
