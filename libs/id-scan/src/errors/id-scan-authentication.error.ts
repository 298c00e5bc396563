import { IdScanApiError, type IdScanApiErrorInit } from './id-scan-api.error';

/** The API refused the credentials (401) or the access (403). */
export class IdScanAuthenticationError extends IdScanApiError {
  override name = 'IdScanAuthenticationError';

  constructor(init: IdScanApiErrorInit) {
    super(init, "Check keyId and secret, and that this host's clock is right (tokens carry iat/nbf/exp).");
  }
}
