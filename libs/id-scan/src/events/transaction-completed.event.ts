import type { IdScanTransactionResult } from '../interfaces/id-scan-api.interface';
import type { IdScanVerdict } from '../result/id-scan-verdict.interface';
import { verdictOf } from '../result/verdict-of.util';

/** Which signal told the package that the person finished. */
export type IdScanCompletionSource = 'iframe' | 'return-url' | 'webhook';

/**
 * Payload of `id-scan.transaction.completed`: the verified result, fetched from the API, never from the signal, and
 * the verdict on it. Delivered until every listener succeeded in one attempt; `transactionId` is the idempotency key.
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
    /**
     * Passed, failed or incomplete, with each check's state and the typed reasons: branch on this rather than on
     * `result`. It is the outcome the store recorded and the complete route answered. Defaults to
     * `verdictOf(result)`; the package passes the transaction's requested tasks too.
     */
    readonly verdict: IdScanVerdict = verdictOf(result),
  ) {
    Object.freeze(this);
  }
}
