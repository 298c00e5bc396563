/** Payload of `id-scan.transaction.expired`. */
export class TransactionExpiredEvent {
  constructor(
    readonly transactionId: string,
    readonly reference?: string,
  ) {
    Object.freeze(this);
  }
}
