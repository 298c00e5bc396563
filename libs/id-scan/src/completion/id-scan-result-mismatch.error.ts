import { IdScanError } from '../errors/id-scan.error';

/**
 * A completion signal named a result id other than the one recorded when the transaction completed. Answered from
 * the store, without asking the API; the routes answer 404.
 */
export class IdScanResultMismatchError extends IdScanError {
  override name = 'IdScanResultMismatchError';
  constructor(readonly transactionId: string) {
    super(
      `Transaction ${transactionId} was completed with another result id; the completion signal was ignored ` +
        'without asking the ID Scan API.',
    );
  }
}
