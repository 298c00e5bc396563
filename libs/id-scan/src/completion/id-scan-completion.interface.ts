import type { IdScanCompletionSource } from '../events/transaction-completed.event';
import type { IdScanTransactionResult, IdScanTransactionState } from '../interfaces/id-scan-api.interface';

/** One completion signal: the iframe message, the return URL or an event delivery. Nothing in it is trusted. */
export interface IdScanCompletionSignal {
  transactionId: string;
  resultId: string;
  via: IdScanCompletionSource;
}

/**
 * How a verification came out: `passed` when every task completed and no field was found invalid; `incomplete` when
 * the person stopped before finishing every task (they gave up: nothing was judged for the rest); `failed` otherwise.
 */
export type IdScanVerificationOutcome = 'passed' | 'failed' | 'incomplete';

/** What {@link IdScanCompletionService.complete} established, from the API's own result. */
export interface IdScanCompletion {
  transactionId: string;
  resultId: string;
  /** The result's state (always `completed`: anything else is refused). */
  state: IdScanTransactionState;
  outcome: IdScanVerificationOutcome;
  /** `true` when this signal was the first, and so the one that emitted `id-scan.transaction.completed`. */
  first: boolean;
  /** The result as the API returned it; for the host's code, never for an HTTP answer (it holds personal data). */
  result: IdScanTransactionResult;
}

/** Options of {@link IdScanCompletionService.complete}. */
export interface IdScanCompleteOptions {
  /**
   * Resolve only after every listener of `id-scan.transaction.completed` finished, so a listener that records the
   * outcome has done so before the browser lands on the next page. `false` lets listeners run on while the caller
   * answers (event deliveries must be acknowledged within the sender's timeout).
   * @default true
   */
  waitForListeners?: boolean;
}
