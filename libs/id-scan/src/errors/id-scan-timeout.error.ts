import { IdScanError } from './id-scan.error';
import type { IdScanRequestSummary } from './id-scan-request-summary.interface';

/** The API did not answer within `timeoutMs`. For a `POST` the server may still have processed the request. */
export class IdScanTimeoutError extends IdScanError {
  override name = 'IdScanTimeoutError';
  /** The timeout that expired, in milliseconds. */
  readonly timeoutMs: number;

  constructor(request: IdScanRequestSummary, timeoutMs: number) {
    super(
      `The ID Scan API did not answer ${request.method} ${request.path} within ${timeoutMs} ms. ` +
        (request.method === 'POST'
          ? 'The request may still have been processed; look it up before sending it again.'
          : 'Try again later, or raise timeoutMs.'),
      { cause: request },
    );
    this.timeoutMs = timeoutMs;
  }
}
