import type { IdScanTransactionResult } from '../interfaces/id-scan-api.interface';

/** Which signal told the package that the person finished. */
export type IdScanCompletionSource = 'iframe' | 'return-url' | 'webhook';

/**
 * Payload of `id-scan.transaction.completed`: the verified result, fetched from the API, never from the signal.
 * Delivered until every listener succeeded in one attempt; `transactionId` is the idempotency key.
 */
export class TransactionCompletedEvent {
  constructor(
    readonly transactionId: string,
    readonly resultId: string,
    readonly result: IdScanTransactionResult,
    readonly via: IdScanCompletionSource,
    readonly reference?: string,
    /** Which delivery attempt this is, from 1; a retry fetched the result from the API again. */
    readonly attempt: number = 1,
  ) {
    Object.freeze(this);
  }
}
