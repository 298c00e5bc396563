import { IdScanApiError, type IdScanApiErrorInit } from './id-scan-api.error';

/** The resource is no longer available (410), typically because the transaction expired. */
export class IdScanGoneError extends IdScanApiError {
  override name = 'IdScanGoneError';

  constructor(init: IdScanApiErrorInit) {
    super(init, 'The transaction has expired; create a new one.');
  }
}
