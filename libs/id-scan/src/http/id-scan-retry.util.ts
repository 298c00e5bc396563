import type { IdScanError } from '../errors/id-scan.error';
import { IdScanConnectionError } from '../errors/id-scan-connection.error';
import { IdScanRateLimitError } from '../errors/id-scan-rate-limit.error';
import { IdScanServerError } from '../errors/id-scan-server.error';
import { IdScanTimeoutError } from '../errors/id-scan-timeout.error';

/** First backoff delay; doubled on every retry. */
export const RETRY_BASE_DELAY_MS = 500;
/** Longest backoff delay between two attempts. */
export const RETRY_MAX_DELAY_MS = 8_000;
/** Longest wait the client accepts from a `Retry-After` header. */
export const RETRY_AFTER_CAP_MS = 60_000;

/** HTTP methods the client sends. */
export type IdScanHttpMethod = 'GET' | 'POST' | 'DELETE';

/**
 * Whether a failed attempt may be sent again. Idempotent requests (GET, DELETE) are retried on every transient
 * failure; a POST only when the server certainly did not process it, so a retry never creates a second transaction.
 */
export function isRetryable(method: IdScanHttpMethod, error: IdScanError): boolean {
  // 429: the API turned the request away before doing anything and says when to come back.
  if (error instanceof IdScanRateLimitError) return true;
  // 503: the service was unavailable and did not process the request; sending it again is safe, even a POST.
  if (error instanceof IdScanServerError && error.status === 503) return true;
  // Connection refused: nothing reached the server, so nothing can have been processed.
  if (error instanceof IdScanConnectionError && error.code === 'ECONNREFUSED') return true;
  // Other 5xx, timeouts and connections broken mid-request: the server may have acted, so only repeatable requests.
  const transient =
    error instanceof IdScanServerError || error instanceof IdScanTimeoutError || error instanceof IdScanConnectionError;
  return transient && (method === 'GET' || method === 'DELETE');
}

/**
 * How long to wait before retry number `retry` (0-based).
 * @param retryAfterMs what the API asked for in `Retry-After`, if anything
 */
export function retryDelayMs(retry: number, retryAfterMs?: number, random: () => number = Math.random): number {
  // The server knows best when it will have capacity again, but a caller is never held for more than a minute.
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, RETRY_AFTER_CAP_MS);
  // Exponential backoff with jitter, so that clients failing together do not all come back at the same moment.
  const backoff = Math.min(RETRY_BASE_DELAY_MS * 2 ** retry, RETRY_MAX_DELAY_MS);
  return Math.round(backoff * (1 - random() * 0.25));
}
