/** The instrumentation scope name of every span and metric of the package (its package name). */
export const ID_SCAN_INSTRUMENTATION_SCOPE = 'nestjs-id-scan';

/** Span names: `IdScan <operation>` for API calls; these for the completion and delivery work. */
export const IdScanSpanNames = {
  completion: 'IdScan completion',
  delivery: 'IdScan delivery',
} as const;

/** Metric names (OpenTelemetry instruments). */
export const IdScanMetricNames = {
  /** Counter: transactions created with `createTransaction`. */
  transactionsCreated: 'id_scan.transactions.created',
  /**
   * Counter: verifications that ended, once per transaction across instances, by `id_scan.completion.via` and
   * `id_scan.completion.outcome`: a completion recorded (the verdict's outcome, `passed`, `failed` or `incomplete`,
   * via `iframe`, `return-url` or `webhook`) or an expiry announced (`expired`, via `webhook` or `expiry-sweep`).
   */
  completions: 'id_scan.completions',
  /** Counter: attempts to deliver a domain event to the host's listeners, by `id_scan.event`. */
  deliveryAttempts: 'id_scan.delivery.attempts',
  /** Counter: delivery attempts that failed (a listener threw), by `id_scan.event`. */
  deliveryFailures: 'id_scan.delivery.failures',
  /** Counter: deliveries whose retries ran out (each one `id-scan.delivery.failed`), by `id_scan.event`. */
  deliveryDeadLetters: 'id_scan.delivery.dead_letters',
  /** Counter: API requests sent again, by `id_scan.operation` and `error.type`. */
  apiRetries: 'id_scan.api.retries',
  /** Histogram, seconds: API calls from first attempt to answer, by operation, status class and `error.type`. */
  apiDuration: 'id_scan.api.duration',
} as const;

/**
 * Attribute names. The HTTP ones are OpenTelemetry's stable semantic conventions; the rest are the package's own.
 * None ever holds personal data, a secret, a token or a download URL: only ids, names and codes.
 */
export const IdScanAttributes = {
  httpRequestMethod: 'http.request.method',
  httpResponseStatusCode: 'http.response.status_code',
  /** How many times the request was sent again (0 when the first attempt settled it). */
  httpRequestResendCount: 'http.request.resend_count',
  urlTemplate: 'url.template',
  serverAddress: 'server.address',
  errorType: 'error.type',
  operation: 'id_scan.operation',
  /** `2xx`, `4xx`, `5xx`..., or `none` when no answer came (connection error, timeout, abort). */
  statusClass: 'id_scan.status_class',
  transactionId: 'id_scan.transaction_id',
  completionVia: 'id_scan.completion.via',
  /** The verdict's outcome (`passed`, `failed` or `incomplete`), or `expired` on the counter. */
  completionOutcome: 'id_scan.completion.outcome',
  /** `true` when this signal recorded the completion, `false` for one that came after (or lost the race). */
  completionFirst: 'id_scan.completion.first',
  /** `true` when the signal was answered from the store, with no API call. */
  completionFromStore: 'id_scan.completion.from_store',
  event: 'id_scan.event',
  /** 1-based. */
  deliveryAttempt: 'id_scan.delivery.attempt',
  /** `success` when every listener succeeded, `failure` otherwise (with `error.type`). */
  deliveryOutcome: 'id_scan.delivery.outcome',
} as const;
