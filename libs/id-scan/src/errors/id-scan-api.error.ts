import { isRecord } from '../utils/is-record.util';
import { parseRetryAfterMs } from '../utils/parse-retry-after.util';
import { IdScanError } from './id-scan.error';
import type { IdScanRequestSummary } from './id-scan-request-summary.interface';

/** An answer of the API, as {@link IdScanApiError.fromResponse} reads it. */
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
  /** The API's snake_case error code (Part B6), or `http_<status>` when it sent none. */
  code: string;
  /** The API's own explanation, or the status text. */
  detail: string;
  requestId?: string;
  details?: unknown;
  /** How long the API asked the client to wait (`Retry-After`), in milliseconds. */
  retryAfterMs?: number;
  cause?: IdScanRequestSummary;
}

type IdScanApiErrorClass = new (init: IdScanApiErrorInit) => IdScanApiError;

/** Status → subclass. The subclass files add themselves when they load; `errors/index.ts` loads them all. */
const subclasses: { matches: (status: number) => boolean; type: IdScanApiErrorClass }[] = [];

/**
 * Lets a subclass of {@link IdScanApiError} claim the statuses it stands for. Internal: a table filled by the
 * subclasses keeps one class per file without an import cycle between the base class and its subclasses.
 */
export function registerIdScanApiError(matches: (status: number) => boolean, type: IdScanApiErrorClass): void {
  subclasses.push({ matches, type });
}

const MAX_DETAIL_LENGTH = 300;

/**
 * The API answered with a status outside 2xx. {@link IdScanApiError.fromResponse} picks the subclass:
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
  }

  /**
   * Builds the error for a non-2xx answer. Reads the Part B6 body `{ code, message, details }`, falling back to
   * `error`, `title`, `detail` (RFC 9457) or the status text, and the request id from `x-request-id`.
   */
  static fromResponse(response: IdScanApiResponse, request?: Omit<IdScanRequestSummary, 'status'>): IdScanApiError {
    const body = readBody(response.body);
    const nested = isRecord(body.error) ? body.error : {};
    const headers = response.headers ?? {};
    const init: IdScanApiErrorInit = {
      status: response.status,
      code: firstString(body.code, nested.code) ?? `http_${response.status}`,
      detail: sanitize(
        firstString(body.message, nested.message, body.error, body.title, body.detail, response.statusText) ??
          `HTTP ${response.status}`,
      ),
      requestId: firstString(headers['x-request-id']),
      details: body.details ?? nested.details,
      retryAfterMs: parseRetryAfterMs(headers['retry-after']),
      cause: request ? { ...request, status: response.status } : undefined,
    };
    const Type = subclasses.find((s) => s.matches(response.status))?.type ?? IdScanApiError;
    return new Type(init);
  }
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
