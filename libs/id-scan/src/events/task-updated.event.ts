import type { IdScanTaskState } from '../interfaces/id-scan-api.interface';

/** Payload of `id-scan.task.updated`. */
export class TaskUpdatedEvent {
  constructor(
    readonly transactionId: string,
    readonly task: string,
    readonly state: IdScanTaskState,
    readonly reference?: string,
  ) {
    Object.freeze(this);
  }
}
