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
  /** `passed` when every task completed and no field was judged invalid. */
  outcome: IdScanVerificationOutcome;
}
