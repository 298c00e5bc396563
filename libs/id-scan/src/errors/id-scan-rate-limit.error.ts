import { IdScanApiError, type IdScanApiErrorInit } from './id-scan-api.error';

/**
 * The API throttled the client (429). Retries honoured `Retry-After`; this is thrown once they ran out, with
 * `retryAfterMs` saying how long the API asked to wait, when it said.
 */
export class IdScanRateLimitError extends IdScanApiError {
  override name = 'IdScanRateLimitError';

  constructor(init: IdScanApiErrorInit) {
    super(
      init,
      init.retryAfterMs === undefined
        ? 'Slow down, then try again.'
        : `Slow down; the API asks to wait ${Math.ceil(init.retryAfterMs / 1000)} s before trying again.`,
    );
  }
}
