import type { IdScanCompletionSource } from '../events/transaction-completed.event';
import type { IdScanTransactionResult, IdScanTransactionState } from '../interfaces/id-scan-api.interface';
import type { IdScanVerdict } from '../result/id-scan-verdict.interface';
import type { IdScanVerificationOutcome } from '../stores/id-scan-transaction-store.interface';

/** One completion signal: the iframe message, the return URL or an event delivery. Nothing in it is trusted. */
export interface IdScanCompletionSignal {
  transactionId: string;
  resultId: string;
  via: IdScanCompletionSource;
}

export type { IdScanVerificationOutcome } from '../stores/id-scan-transaction-store.interface';

/** What {@link IdScanCompletionService.complete} established, from the API's own result. */
export interface IdScanCompletion {
  transactionId: string;
  resultId: string;
  /** The result's state (always `completed`: anything else is refused). */
  state: IdScanTransactionState;
  /** The verdict's outcome, as the store recorded it. */
  outcome: IdScanVerificationOutcome;
  /** `true` when this signal was the first, and so the one that scheduled `id-scan.transaction.completed`. */
  first: boolean;
  /**
   * The result as the API returned it; for the host's code, never for an HTTP answer (it holds personal data).
   * Absent when the completion was already recorded: the answer then comes from the store, with no API call.
   */
  result?: IdScanTransactionResult;
  /** The verdict on {@link result}, present with it; its `outcome` is {@link outcome}. */
  verdict?: IdScanVerdict;
}

/** Options of {@link IdScanCompletionService.complete}. */
export interface IdScanCompleteOptions {
  /**
   * Resolve only after the first delivery attempt of `id-scan.transaction.completed` finished (in-process delivery),
   * so a listener that records the outcome has done so before the browser lands on the next page. `false` lets
   * listeners run on while the caller answers (event deliveries must be acknowledged within the sender's timeout).
   * With a delivery queue the delivery is only enqueued: another instance may run it.
   * @default true
   */
  waitForListeners?: boolean;
}
