/** Names of the domain events the package emits through `@nestjs/event-emitter`. */
export const IdScanEvents = {
  /** A transaction was created by `IdScanService.createTransaction`. */
  TransactionCreated: 'id-scan.transaction.created',
  /**
   * A person finished; delivered once per transaction (retried until every listener succeeded), whichever completion
   * signal came first.
   */
  TransactionCompleted: 'id-scan.transaction.completed',
  /** The API reported that a transaction expired before it was completed. */
  TransactionExpired: 'id-scan.transaction.expired',
  /** The API reported a task state change. */
  TaskUpdated: 'id-scan.task.updated',
  /** A completion, expiry or task event could not be delivered to every listener before its retries ran out. */
  DeliveryFailed: 'id-scan.delivery.failed',
} as const;

/** One of the {@link IdScanEvents} names. */
export type IdScanEventName = (typeof IdScanEvents)[keyof typeof IdScanEvents];
