import { IdScanApiError, type IdScanApiErrorInit } from './id-scan-api.error';

/** The transaction, result, download or webhook does not exist (404), or the result is not ready yet. */
export class IdScanNotFoundError extends IdScanApiError {
  override name = 'IdScanNotFoundError';

  constructor(init: IdScanApiErrorInit) {
    super(init, 'Check the identifiers; a result exists only once its transaction is completed.');
  }
}
