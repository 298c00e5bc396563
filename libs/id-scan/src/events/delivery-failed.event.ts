import type { IdScanEventName } from './id-scan-events';

/** What made the last attempt of a delivery fail: an error's class name and message, never its stack or cause. */
export interface IdScanDeliveryError {
  name: string;
  message: string;
}

/**
 * Payload of `id-scan.delivery.failed`: a domain event could not be delivered to every listener before its retries
 * ran out (`delivery.retryDelaysMs`). It is emitted once, is not retried itself, and carries ids only. `error` is
 * the last attempt's failure: the message of a listener's own error, or of the package's error when the result
 * could not be fetched again (those never carry personal data); keep personal data out of your listeners' error
 * messages too.
 */
export class DeliveryFailedEvent {
  constructor(
    readonly transactionId: string,
    /** The event whose delivery failed: `id-scan.transaction.completed`, `.expired` or `id-scan.task.updated`. */
    readonly event: IdScanEventName,
    /** How many attempts were made (the first delivery included). */
    readonly attempts: number,
    readonly error: Readonly<IdScanDeliveryError>,
    readonly reference?: string,
  ) {
    Object.freeze(this);
  }
}
