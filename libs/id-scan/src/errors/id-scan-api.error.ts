import { IdScanError } from './id-scan.error';
import type { IdScanRequestSummary } from './id-scan-request-summary.interface';

/** An answer of the API, as {@link createIdScanApiError} reads it. */
export interface IdScanApiResponse {
  status: number;
  statusText?: string;
  /** Response headers; names in lower case. */
  headers?: Readonly<Record<string, unknown>>;
  /** The parsed JSON body, or the raw text when it was not JSON. */
  body?: unknown;
}

/** What every {@link IdScanApiError} is made of. */
export interface IdScanApiErrorInit {
  status: number;
  /** The API's snake_case error code (docs/id-scan-api.md §B6), or `http_<status>` when it sent none. */
  code: string;
  /** The API's own explanation, or the status text. */
  detail: string;
  requestId?: string;
  details?: unknown;
  /** How long the API asked the client to wait (`Retry-After`), in milliseconds. */
  retryAfterMs?: number;
  cause?: IdScanRequestSummary;
}

/**
 * The API answered with a status outside 2xx. {@link createIdScanApiError} builds it and picks the subclass:
 * 400 `IdScanBadRequestError`, 401/403 `IdScanAuthenticationError`, 404 `IdScanNotFoundError`, 410
 * `IdScanGoneError`, 429 `IdScanRateLimitError`, 5xx `IdScanServerError`, anything else `IdScanApiError`.
 */
export class IdScanApiError extends IdScanError {
  override name = 'IdScanApiError';
  /** The HTTP status. */
  readonly status: number;
  /** The API's snake_case error code (`validation_failed`, `result_not_found`, ...), or `http_<status>`. */
  readonly code: string;
  /** The API's request id (`x-request-id`), to quote to CM.com support. */
  readonly requestId?: string;
  /** The API's structured details (for `validation_failed`: one entry per problem). */
  readonly details?: unknown;
  /** How long the API asked the client to wait (`Retry-After`, on a 429 or a 503), in milliseconds, when it said. */
  readonly retryAfterMs?: number;

  /**
   * @param init what the API answered
   * @param advice what the caller should do about it
   */
  constructor(init: IdScanApiErrorInit, advice = 'Check the request, then try again.') {
    const request = init.cause ? ` to ${init.cause.method} ${init.cause.path}` : '';
    super(`The ID Scan API answered ${init.status} (${init.code})${request}: ${init.detail} ${advice}`, {
      cause: init.cause,
    });
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId;
    this.details = init.details;
    this.retryAfterMs = init.retryAfterMs;
  }
}
