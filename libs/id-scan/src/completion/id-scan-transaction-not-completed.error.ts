import { IdScanError } from '../errors/id-scan.error';
import type { IdScanTransactionState } from '../interfaces/id-scan-api.interface';

/**
 * A completion signal arrived, but the API reports the transaction's result in another state than `completed`.
 * No event was emitted; a later signal can still complete it. The routes answer 409.
 */
export class IdScanTransactionNotCompletedError extends IdScanError {
  override name = 'IdScanTransactionNotCompletedError';

  constructor(
    readonly transactionId: string,
    readonly state: IdScanTransactionState,
  ) {
    super(
      `Transaction ${transactionId} is "${state}" according to the ID Scan API, not "completed"; the completion ` +
        'signal was ignored. The person may still be in the flow.',
    );
  }
}
