/**
 * Payload of `id-scan.transaction.expired`: the API confirmed that the transaction expired before it was completed.
 * Delivered until every listener succeeded in one attempt; `transactionId` is the idempotency key.
 */
export class TransactionExpiredEvent {
  constructor(
    readonly transactionId: string,
    readonly reference?: string,
    /** Which delivery attempt this is, from 1. */
    readonly attempt: number = 1,
  ) {
    Object.freeze(this);
  }
}
