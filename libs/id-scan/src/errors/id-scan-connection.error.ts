import { IdScanError } from './id-scan.error';
import type { IdScanRequestSummary } from './id-scan-request-summary.interface';

/** The API could not be reached, or the connection broke before a complete answer arrived. */
export class IdScanConnectionError extends IdScanError {
  override name = 'IdScanConnectionError';
  /** The network error code, such as `ECONNREFUSED` or `ECONNRESET`, when known. */
  readonly code?: string;

  constructor(request: IdScanRequestSummary) {
    super(
      `Could not reach the ID Scan API (${request.code ?? 'connection error'}) for ${request.method} ` +
        `${request.path}. Check that baseUrl is right and the API is reachable from this host, then try again.`,
      { cause: request },
    );
    this.code = request.code;
  }
}
