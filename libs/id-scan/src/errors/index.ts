export { IdScanError, type IdScanErrorOptions } from './id-scan.error';
export { IdScanAbortError } from './id-scan-abort.error';
export { IdScanApiError, type IdScanApiErrorInit, type IdScanApiResponse } from './id-scan-api.error';
export { IdScanAuthenticationError } from './id-scan-authentication.error';
export { IdScanBadRequestError } from './id-scan-bad-request.error';
export { IdScanConfigurationError } from './id-scan-configuration.error';
export { IdScanConnectionError } from './id-scan-connection.error';
export { createIdScanApiError } from './create-id-scan-api-error.util';
export { IdScanGoneError } from './id-scan-gone.error';
export { IdScanNotFoundError } from './id-scan-not-found.error';
export { IdScanRateLimitError } from './id-scan-rate-limit.error';
export type { IdScanRequestSummary } from './id-scan-request-summary.interface';
export { IdScanServerError } from './id-scan-server.error';
export {
  IdScanStoreUnavailableError,
  type IdScanStoreUnavailableErrorOptions,
} from './id-scan-store-unavailable.error';
export { IdScanTimeoutError } from './id-scan-timeout.error';
export { IdScanUnsafeUrlError } from './id-scan-unsafe-url.error';
export { IdScanValidationError, type IdScanValidationProblem } from './id-scan-validation.error';
