import { setTimeout as delay } from 'node:timers/promises';
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';

const segment = encodeURIComponent;

/**
 * The paths the kit probes, relative to the base URL (`docs/id-scan-api.md §B1`). The kit keeps its own table rather
 * than the package's: it checks the API, and must notice when the two disagree.
 */
export const ProbePaths = {
  transactions: () => 'transactions',
  transaction: (transactionId: string) => `transactions/${segment(transactionId)}`,
  result: (transactionId: string, resultId: string) =>
    `transactions/${segment(transactionId)}/results/${segment(resultId)}`,
  report: (transactionId: string, resultId: string) =>
    `transactions/${segment(transactionId)}/results/${segment(resultId)}/report`,
  download: (token: string) => `downloads/${segment(token)}`,
  webhooks: () => 'webhooks',
  webhook: (webhookId: string) => `webhooks/${segment(webhookId)}`,
} as const;

/** One request of a check. */
export interface ProbeRequest {
  method: 'GET' | 'POST' | 'DELETE';
  /** Relative to the base URL, from {@link ProbePaths}; may carry a query string. */
  path: string;
  /** The whole `Authorization` header, or `null` to send none. */
  authorization: string | null;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is with `Content-Type: application/json`, for malformed bodies. */
  rawBody?: string;
}

/** What the API answered, kept small: the body is parsed when it is JSON and otherwise only measured. */
export interface ProbeAnswer {
  status: number;
  /** The media type without parameters, lower-case; `''` when absent. */
  contentType: string;
  /** The parsed body when it was JSON, else `undefined`. */
  json: unknown;
  /** Size of the body in bytes. */
  bytes: number;
}

/** How often a 429 is waited out before it counts as the answer. */
export const RATE_LIMIT_RETRIES = 2;
/** The longest `Retry-After` the probe waits, in seconds. */
export const MAX_RETRY_AFTER_SECONDS = 30;

/**
 * Plain HTTP to the API under test: no redirects, every status returned rather than thrown, so each check sees
 * exactly what the server said. The one exception is 429: a real account may throttle a burst of checks, and a
 * throttled request was not processed (`docs/id-scan-api.md §B6`), so it is sent again after `Retry-After`.
 */
export class ApiProbeClient {
  private readonly http: AxiosInstance;

  constructor(
    private readonly baseUrl: string,
    timeoutMs = 30_000,
  ) {
    this.http = axios.create({
      timeout: timeoutMs,
      maxRedirects: 0,
      validateStatus: () => true,
      responseType: 'arraybuffer',
      // The raw bytes are wanted: axios would otherwise parse or reject what it takes for JSON.
      transformResponse: [(data: unknown) => data],
    });
  }

  /** Sends one request and resolves with the answer; rejects only when no answer came (refused, timeout). */
  async send(request: ProbeRequest): Promise<ProbeAnswer> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (request.authorization !== null) headers.Authorization = request.authorization;
    let data: string | undefined;
    if (request.rawBody !== undefined || request.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      data = request.rawBody ?? JSON.stringify(request.body);
    }
    let response: AxiosResponse<ArrayBuffer>;
    for (let attempt = 0; ; attempt++) {
      response = await this.http.request<ArrayBuffer>({
        method: request.method,
        url: new URL(request.path, this.baseUrl).toString(),
        headers,
        data,
      });
      if (response.status !== 429 || attempt === RATE_LIMIT_RETRIES) break;
      await delay(retryAfterMs(response.headers['retry-after']));
    }
    const body = Buffer.from(response.data ?? new ArrayBuffer(0));
    const contentType = String(response.headers['content-type'] ?? '')
      .split(';')[0]
      .trim()
      .toLowerCase();
    return { status: response.status, contentType, json: parseJson(body), bytes: body.length };
  }
}

function retryAfterMs(header: unknown): number {
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds, MAX_RETRY_AFTER_SECONDS) * 1000 : 1000;
}

function parseJson(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}
