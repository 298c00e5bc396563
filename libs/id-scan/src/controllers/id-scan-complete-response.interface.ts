import type { IdScanVerificationOutcome } from '../completion/id-scan-completion.interface';
import type { IdScanTransactionState } from '../interfaces/id-scan-api.interface';

/**
 * The answer of `POST /id-scan/transactions/:transactionId/complete`, handed to `client.js`'s `onComplete`. It
 * carries no personal data: the host reads the result through the `id-scan.transaction.completed` event.
 */
export interface IdScanCompleteResponse {
  transactionId: string;
  resultId: string;
  state: IdScanTransactionState;
  completed: true;
  /**
   * The verdict's outcome, the one `TransactionCompletedEvent.verdict` carries and the store recorded: `passed`,
   * `failed` (a check failed or a field is invalid, even if the person then stopped) or `incomplete` (nothing failed,
   * but a requested task was not performed).
   */
  outcome: IdScanVerificationOutcome;
}
