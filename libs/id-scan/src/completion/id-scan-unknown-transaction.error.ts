import { IdScanError } from '../errors/id-scan.error';

/**
 * A completion signal named a transaction this application did not start (or whose record has expired from the
 * store). Nothing was fetched and no event was emitted, so nobody can feed the host a verification it never asked
 * for. The routes answer 404.
 */
export class IdScanUnknownTransactionError extends IdScanError {
  override name = 'IdScanUnknownTransactionError';

  constructor(readonly transactionId: string) {
    super(
      `Transaction ${transactionId} is not known to the transaction store: it was not created by this application ` +
        'through IdScanService.createTransaction, or its record expired. The completion signal was ignored.',
    );
  }
}
