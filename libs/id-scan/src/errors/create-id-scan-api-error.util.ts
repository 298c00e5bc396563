import { isRecord } from '../utils/is-record.util';
import { parseRetryAfterMs } from '../utils/parse-retry-after.util';
import { IdScanApiError, type IdScanApiErrorInit, type IdScanApiResponse } from './id-scan-api.error';
import { IdScanAuthenticationError } from './id-scan-authentication.error';
import { IdScanBadRequestError } from './id-scan-bad-request.error';
import { IdScanGoneError } from './id-scan-gone.error';
import { IdScanNotFoundError } from './id-scan-not-found.error';
import { IdScanRateLimitError } from './id-scan-rate-limit.error';
import type { IdScanRequestSummary } from './id-scan-request-summary.interface';
import { IdScanServerError } from './id-scan-server.error';

const MAX_DETAIL_LENGTH = 300;

/**
 * Builds the error for a non-2xx answer of the API; the one place a status becomes an error class. Reads the
 * docs/id-scan-api.md §B6 body `{ code, message, details }`, falling back to `error`, `title`, `detail` (RFC 9457)
 * or the status text, the request id from `x-request-id`, and `Retry-After` (once, against `nowMs`).
 *
 * @param request the request the answer belongs to, as errors may show it
 * @param nowMs the current time, from the clock the caller waits with, so an HTTP-date `Retry-After` and the wait
 *   it causes agree
 */
export function createIdScanApiError(
  response: IdScanApiResponse,
  request?: Omit<IdScanRequestSummary, 'status'>,
  nowMs: number = Date.now(),
): IdScanApiError {
  const init = readErrorInit(response, request, nowMs);
  const { status } = response;
  if (status === 400) return new IdScanBadRequestError(init);
  if (status === 401 || status === 403) return new IdScanAuthenticationError(init);
  if (status === 404) return new IdScanNotFoundError(init);
  if (status === 410) return new IdScanGoneError(init);
  if (status === 429) return new IdScanRateLimitError(init);
  if (status >= 500 && status <= 599) return new IdScanServerError(init);
  return new IdScanApiError(init);
}

function readErrorInit(
  response: IdScanApiResponse,
  request: Omit<IdScanRequestSummary, 'status'> | undefined,
  nowMs: number,
): IdScanApiErrorInit {
  const body = readBody(response.body);
  const nested = isRecord(body.error) ? body.error : {};
  const headers = response.headers ?? {};
  return {
    status: response.status,
    code: firstString(body.code, nested.code) ?? `http_${response.status}`,
    detail: sanitize(
      firstString(body.message, nested.message, body.error, body.title, body.detail, response.statusText) ??
        `HTTP ${response.status}`,
    ),
    requestId: firstString(headers['x-request-id']),
    details: body.details ?? nested.details,
    retryAfterMs: parseRetryAfterMs(headers['retry-after'], nowMs),
    cause: request ? { ...request, status: response.status } : undefined,
  };
}

function readBody(body: unknown): Record<string, unknown> {
  if (typeof body === 'string') {
    try {
      return readBody(JSON.parse(body));
    } catch {
      return {};
    }
  }
  return isRecord(body) ? body : {};
}

function firstString(...values: unknown[]): string | undefined {
  for (const value of values) {
    const text: unknown = Array.isArray(value) ? value[0] : value;
    if (typeof text === 'string' && text.trim() !== '') return text.trim();
  }
  return undefined;
}

/** One line, bounded: a proxy's HTML error page must not flood the logs. */
function sanitize(text: string): string {
  // eslint-disable-next-line no-control-regex
  const line = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  const bounded = line.length > MAX_DETAIL_LENGTH ? `${line.slice(0, MAX_DETAIL_LENGTH)}…` : line;
  return /[.!?…]$/.test(bounded) ? bounded : `${bounded}.`;
}
