/** Options every `IdScanService` call accepts. */
export interface IdScanRequestOptions {
  /** Cancels the call: it rejects promptly with `IdScanAbortError` and is not retried. */
  signal?: AbortSignal;
}

/** Options of `IdScanService.createTransaction`. */
export interface IdScanCreateTransactionOptions extends IdScanRequestOptions {
  /**
   * The host's own identifier for this verification (an order or user id; 1 to 256 characters), kept in the store
   * and echoed in every domain event of the transaction. Avoid personal data: it appears in events and records.
   */
  reference?: string;
}

/** Which audit report: `simple` (always available, no documents) or `extended` (sealed, with documents, only before the transaction expires). */
export type IdScanReportType = 'simple' | 'extended';

/** Options of `IdScanService.getReport`. */
export interface IdScanReportOptions extends IdScanRequestOptions {
  /** @default 'simple' */
  type?: IdScanReportType;
}
