/** Payload of `id-scan.transaction.created`. */
export class TransactionCreatedEvent {
  constructor(
    readonly transactionId: string,
    readonly url: string,
    readonly tasks: readonly string[],
    readonly expiresAt: Date,
    readonly reference?: string,
  ) {
    Object.freeze(this);
  }
}
