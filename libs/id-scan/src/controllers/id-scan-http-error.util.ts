import { HttpException, HttpStatus } from '@nestjs/common';
import { IdScanResultChecksExceededError } from '../completion/id-scan-result-checks-exceeded.error';
import { IdScanResultMismatchError } from '../completion/id-scan-result-mismatch.error';
import { IdScanUnknownTransactionError } from '../completion/id-scan-unknown-transaction.error';
import { IdScanTransactionNotCompletedError } from '../completion/id-scan-transaction-not-completed.error';
import { IdScanApiError } from '../errors/id-scan-api.error';
import { IdScanAuthenticationError } from '../errors/id-scan-authentication.error';
import { IdScanConnectionError } from '../errors/id-scan-connection.error';
import { IdScanGoneError } from '../errors/id-scan-gone.error';
import { IdScanNotFoundError } from '../errors/id-scan-not-found.error';
import { IdScanRateLimitError } from '../errors/id-scan-rate-limit.error';
import { IdScanServerError } from '../errors/id-scan-server.error';
import { IdScanStoreUnavailableError } from '../errors/id-scan-store-unavailable.error';
import { IdScanTimeoutError } from '../errors/id-scan-timeout.error';
import { IdScanValidationError } from '../errors/id-scan-validation.error';

/** The JSON body of every error answer of the package's routes. Never carries personal data or upstream detail. */
export interface IdScanHttpErrorBody {
  statusCode: number;
  /** A stable snake_case code, for clients to branch on. */
  code: string;
  message: string;
  /** For `validation_failed`: each invalid property and the rules it breaks (never the rejected value). */
  details?: { property: string; constraints: string[] }[];
}

/** How one error is answered. */
export interface IdScanHttpError {
  body: IdScanHttpErrorBody;
  /** Seconds for a `Retry-After` header. */
  retryAfterSeconds?: number;
  /** Whether the cause lies on this server's side (logged as an error) rather than the caller's. */
  serverSide: boolean;
}

/** Long enough for Redis to restart or fail over; the store reconnects by itself meanwhile. */
const STORE_RETRY_AFTER_SECONDS = 5;

function answer(
  statusCode: number,
  code: string,
  message: string,
  extra: Partial<Omit<IdScanHttpError, 'body'>> = {},
): IdScanHttpError {
  return { body: { statusCode, code, message }, serverSide: statusCode >= 500, ...extra };
}

/**
 * Translates what a completion signal ran into to an HTTP answer. Upstream failures become 502/503/504 so senders
 * retry; the caller never learns more than the category (upstream messages stay in this server's log).
 */
export function toIdScanHttpError(error: unknown): IdScanHttpError {
  if (error instanceof HttpException) return fromHttpException(error);
  if (error instanceof IdScanUnknownTransactionError) {
    return answer(404, 'transaction_unknown', 'This verification was not started by this application.');
  }
  if (error instanceof IdScanResultMismatchError) {
    return answer(404, 'result_not_found', 'No such result for this verification.');
  }
  if (error instanceof IdScanResultChecksExceededError) {
    return answer(429, 'too_many_result_checks', 'Too many result ids were tried for this verification; wait.', {
      retryAfterSeconds: Math.max(1, Math.ceil(error.retryAfterMs / 1000)),
    });
  }
  if (error instanceof IdScanTransactionNotCompletedError) {
    return answer(409, 'transaction_not_completed', 'The verification is not completed yet.');
  }
  if (error instanceof IdScanValidationError) {
    const details = error.errors.map(({ property, constraints }) => ({ property, constraints }));
    return {
      body: { statusCode: 400, code: 'validation_failed', message: 'The request is invalid.', details },
      serverSide: false,
    };
  }
  if (error instanceof IdScanNotFoundError) {
    return answer(404, 'result_not_found', 'No such result for this verification.');
  }
  if (error instanceof IdScanGoneError) {
    return answer(410, 'transaction_expired', 'The verification has expired.');
  }
  if (error instanceof IdScanStoreUnavailableError) {
    // 503, not 500: the sender's retry will succeed once the store is back, and CM retries non-2xx deliveries.
    return answer(503, 'store_unavailable', 'This service is briefly unavailable; try again in a moment.', {
      retryAfterSeconds: STORE_RETRY_AFTER_SECONDS,
    });
  }
  if (error instanceof IdScanRateLimitError) {
    return answer(503, 'upstream_rate_limited', 'The identity verification service is busy; try again shortly.', {
      retryAfterSeconds: Math.max(1, Math.ceil((error.retryAfterMs ?? 1000) / 1000)),
    });
  }
  if (error instanceof IdScanTimeoutError) {
    return answer(504, 'upstream_timeout', 'The identity verification service did not answer in time; try again.');
  }
  if (error instanceof IdScanConnectionError) {
    return answer(502, 'upstream_unreachable', 'The identity verification service could not be reached; try again.');
  }
  if (error instanceof IdScanAuthenticationError) {
    return answer(502, 'upstream_authentication_failed', 'The identity verification service refused this server.');
  }
  if (error instanceof IdScanServerError && error.status === 503) {
    return answer(503, 'upstream_unavailable', 'The identity verification service is unavailable; try again shortly.');
  }
  if (error instanceof IdScanApiError) {
    return answer(502, 'upstream_error', 'The identity verification service failed; try again.');
  }
  return answer(500, 'internal_error', 'The verification could not be processed.');
}

function fromHttpException(error: HttpException): IdScanHttpError {
  const statusCode = error.getStatus();
  const response = error.getResponse();
  if (typeof response === 'object' && response !== null && typeof (response as { code?: unknown }).code === 'string') {
    return { body: { ...(response as IdScanHttpErrorBody), statusCode }, serverSide: statusCode >= 500 };
  }
  const code = (HttpStatus[statusCode] ?? `http_${statusCode}`).toLowerCase();
  const message = typeof response === 'string' ? response : error.message;
  return answer(statusCode, code, message);
}
