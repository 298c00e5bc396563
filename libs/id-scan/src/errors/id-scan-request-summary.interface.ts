/**
 * What an error keeps about the request that failed, as its `cause`: enough to find it in logs, and nothing that
 * authenticates (no headers, no token, no body). Download tokens in `path` are replaced by `***`.
 */
export interface IdScanRequestSummary {
  method: string;
  /** The path relative to the configured `baseUrl`, e.g. `transactions/5d0b6a8e-...`. */
  path: string;
  /** The network error code (`ECONNREFUSED`, `ETIMEDOUT`, ...), when there was one. */
  code?: string;
  /** The HTTP status, when the API answered. */
  status?: number;
}
