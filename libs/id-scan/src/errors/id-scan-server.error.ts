import { IdScanApiError, type IdScanApiErrorInit } from './id-scan-api.error';

/** The API failed (5xx). Idempotent requests were already retried; a `POST` with an ambiguous failure is not. */
export class IdScanServerError extends IdScanApiError {
  override name = 'IdScanServerError';

  constructor(init: IdScanApiErrorInit) {
    super(init, 'The ID Scan service failed; try again later.');
  }
}
