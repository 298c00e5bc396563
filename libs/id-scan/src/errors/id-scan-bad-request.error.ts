import { IdScanApiError, type IdScanApiErrorInit } from './id-scan-api.error';

/** The API refused the request as invalid (400); `details` lists the problems it found. */
export class IdScanBadRequestError extends IdScanApiError {
  override name = 'IdScanBadRequestError';

  constructor(init: IdScanApiErrorInit) {
    super(init, 'The request breaks a rule of the API; see `details`.');
  }
}
