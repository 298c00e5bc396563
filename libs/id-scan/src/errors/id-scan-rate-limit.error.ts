import { IdScanApiError, registerIdScanApiError, type IdScanApiErrorInit } from './id-scan-api.error';

/** The API throttled the client (429). Retries honoured `Retry-After`; this is thrown once they ran out. */
export class IdScanRateLimitError extends IdScanApiError {
  override name = 'IdScanRateLimitError';
  /** How long the API asked the client to wait before trying again, in milliseconds, when it said. */
  readonly retryAfterMs?: number;

  constructor(init: IdScanApiErrorInit) {
    super(
      init,
      init.retryAfterMs === undefined
        ? 'Slow down, then try again.'
        : `Slow down; the API asks to wait ${Math.ceil(init.retryAfterMs / 1000)} s before trying again.`,
    );
    this.retryAfterMs = init.retryAfterMs;
  }
}

registerIdScanApiError((status) => status === 429, IdScanRateLimitError);
