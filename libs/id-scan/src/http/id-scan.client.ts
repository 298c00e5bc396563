import { HttpService } from '@nestjs/axios';
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { isAxiosError, type AxiosResponse } from 'axios';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { Readable } from 'node:stream';
import { IdScanAbortError } from '../errors/id-scan-abort.error';
import { createIdScanApiError } from '../errors/create-id-scan-api-error.util';
import { IdScanApiError } from '../errors/id-scan-api.error';
import { IdScanConnectionError } from '../errors/id-scan-connection.error';
import { IdScanError } from '../errors/id-scan.error';
import type { IdScanRequestSummary } from '../errors/id-scan-request-summary.interface';
import { IdScanTimeoutError } from '../errors/id-scan-timeout.error';
import { ID_SCAN_CLOCK, ID_SCAN_OPTIONS } from '../id-scan.constants';
import type { IdScanDownload } from '../interfaces/id-scan-download.interface';
import type { ResolvedIdScanOptions } from '../interfaces/id-scan-module-options.interface';
import type { IdScanClock } from '../utils/id-scan-clock.util';
import {
  IdScanTelemetryService,
  type IdScanApiCall,
  type IdScanApiCallRecorder,
} from '../telemetry/id-scan-telemetry.service';
import { isRecord } from '../utils/is-record.util';
import { IdScanApiPaths, type IdScanApiRoute } from './id-scan-api-paths';
import { guardStream } from './guard-stream.util';
import { isRetryable, retryDelayMs, type IdScanHttpMethod } from './id-scan-retry.util';
import { IdScanTokenProvider } from './id-scan-token.provider';

/** One call to the API. */
export interface IdScanHttpRequest {
  /** The `IdScanService` operation it serves, which names its span. */
  operation: string;
  method: IdScanHttpMethod;
  /** The route template of {@link path}, which telemetry shows instead of the path. */
  route: IdScanApiRoute;
  /** Relative to `baseUrl`, from {@link IdScanApiPaths}. */
  path: string;
  /** The transaction it is about, when known before the answer (telemetry's `id_scan.transaction_id`). */
  transactionId?: string;
  query?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  signal?: AbortSignal;
}

type ResponseKind = 'json' | 'stream';

/** A JSON answer larger than this is refused: results are small; images and reports come as streams. */
const MAX_JSON_BYTES = 16 * 1024 * 1024;
/** How much of an error answer to a streamed request is read to describe the error. */
const MAX_ERROR_BODY_BYTES = 64 * 1024;

/**
 * The only class that talks HTTP to the ID Scan API. Everything goes through {@link IdScanClient.request}, which
 * sets the base URL, timeout and bearer token per request, retries what is safe to retry, and turns every failure
 * into an `IdScanError` that carries neither the token nor the raw HTTP client error.
 */
@Injectable()
export class IdScanClient implements OnModuleDestroy {
  private readonly logger = new Logger('IdScanClient');
  // Keep-alive: a verification makes several calls in a row; reusing connections saves a TLS handshake each time.
  private readonly httpAgent = new HttpAgent({ keepAlive: true });
  private readonly httpsAgent = new HttpsAgent({ keepAlive: true });
  private readonly basePath: string;
  private readonly serverAddress: string;

  constructor(
    private readonly http: HttpService,
    private readonly tokens: IdScanTokenProvider,
    @Inject(ID_SCAN_OPTIONS) private readonly options: ResolvedIdScanOptions,
    @Inject(ID_SCAN_CLOCK) private readonly clock: IdScanClock,
    private readonly telemetry: IdScanTelemetryService,
  ) {
    const base = new URL(options.baseUrl);
    this.basePath = base.pathname;
    this.serverAddress = base.hostname;
  }

  /** Sends a request and returns its parsed JSON answer (`undefined` for an empty one, such as a 204). */
  json<T>(request: IdScanHttpRequest): Promise<T> {
    return this.telemetry.withApiSpan(this.callOf(request), async (recorder) => {
      const response = await this.request(request, 'json', recorder);
      const answer = this.parse<T>(request, response);
      // A creation learns its transaction id from the answer; the span should name it like every later call does.
      if (request.operation === 'createTransaction' && isRecord(answer) && typeof answer.id === 'string') {
        recorder.transaction(answer.id);
      }
      return answer;
    });
  }

  /** Sends a GET and hands back the answer as a stream, never buffered. */
  stream(request: IdScanHttpRequest): Promise<IdScanDownload> {
    // The span ends when the answer's headers are in: the body is the caller's to read, at the caller's pace.
    return this.telemetry.withApiSpan(this.callOf(request), async (recorder) =>
      this.download(request, await this.request(request, 'stream', recorder)),
    );
  }

  onModuleDestroy(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  /** The call as telemetry names it: operation, method, route template, host and transaction id; no URL. */
  private callOf(request: IdScanHttpRequest): IdScanApiCall {
    return {
      operation: request.operation,
      method: request.method,
      route: `${this.basePath}${request.route}`,
      serverAddress: this.serverAddress,
      transactionId: request.transactionId,
    };
  }

  private parse<T>(request: IdScanHttpRequest, response: AxiosResponse<unknown>): T {
    const text = typeof response.data === 'string' ? response.data : '';
    if (text.trim() === '') return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new IdScanApiError(
        {
          status: response.status,
          code: 'invalid_response',
          detail: 'The answer is not JSON.',
          cause: summarize(request),
        },
        'Check that baseUrl points at the ID Scan API.',
      );
    }
  }

  private download(request: IdScanHttpRequest, response: AxiosResponse<unknown>): IdScanDownload {
    const headers = response.headers as Record<string, unknown>;
    const length = Number(headers['content-length']);
    return {
      stream: guardStream(
        response.data as Readable,
        this.options.timeoutMs,
        (error) => this.toError(error, request),
        () => new IdScanTimeoutError(summarize(request), this.options.timeoutMs),
      ),
      contentType: typeof headers['content-type'] === 'string' ? headers['content-type'] : 'application/octet-stream',
      contentLength: Number.isSafeInteger(length) && length >= 0 ? length : undefined,
      filename: filenameOf(headers['content-disposition']),
    };
  }

  private async request(
    request: IdScanHttpRequest,
    kind: ResponseKind,
    recorder: IdScanApiCallRecorder,
  ): Promise<AxiosResponse<unknown>> {
    const { method, path, signal } = request;
    for (let attempt = 0; ; attempt++) {
      let failure: IdScanError;
      try {
        if (signal?.aborted) throw signal.reason;
        // The axios instance itself: HttpService's Observable adds a CancelToken to every request and cancels it
        // once the answer is in, which costs a quarter of a call's CPU; aborting is `signal`'s job here.
        const response = await this.http.axiosRef.request<unknown>({
          method,
          baseURL: this.options.baseUrl,
          url: path,
          params: request.query,
          data: request.body,
          headers: {
            Accept: kind === 'json' ? 'application/json' : '*/*',
            Authorization: `Bearer ${await this.tokens.token()}`,
          },
          timeout: this.options.timeoutMs,
          signal,
          responseType: kind === 'json' ? 'text' : 'stream',
          transformResponse: (data: unknown) => data,
          validateStatus: () => true,
          maxRedirects: 0,
          maxContentLength: kind === 'json' ? MAX_JSON_BYTES : -1,
          httpAgent: this.httpAgent,
          httpsAgent: this.httpsAgent,
          transitional: { clarifyTimeoutError: true },
        });
        recorder.answered(response.status);
        if (response.status >= 200 && response.status < 300) return response;
        const headers = { ...(response.headers as Record<string, unknown>) };
        failure = createIdScanApiError(
          { status: response.status, statusText: response.statusText, headers, body: await bodyText(response, kind) },
          summarize(request),
          this.clock.now(),
        );
      } catch (error) {
        failure = this.toError(error, request);
      }

      if (failure instanceof IdScanAbortError || attempt >= this.options.maxRetries || !isRetryable(method, failure)) {
        throw failure;
      }
      recorder.retrying(failure);
      const delay = retryDelayMs(attempt, failure instanceof IdScanApiError ? failure.retryAfterMs : undefined);
      this.logger.warn(
        `${method} ${summarize(request).path} failed (${describe(failure)}); ` +
          `retry ${attempt + 1} of ${this.options.maxRetries} in ${delay} ms`,
      );
      try {
        await this.clock.sleep(delay, signal);
      } catch (error) {
        throw this.toError(error, request);
      }
    }
  }

  /** Any failure as an `IdScanError`, keeping only a summary of the request as its cause. */
  private toError(error: unknown, request: IdScanHttpRequest): IdScanError {
    if (request.signal?.aborted) {
      return new IdScanAbortError(`${request.method} ${summarize(request).path}`, request.signal.reason);
    }
    if (error instanceof IdScanError) return error;
    const code = errorCode(error);
    const summary = { ...summarize(request), code };
    if (code === 'ETIMEDOUT' || code === 'ECONNABORTED') return new IdScanTimeoutError(summary, this.options.timeoutMs);
    if (isAxiosError(error) || code !== undefined) return new IdScanConnectionError(summary);
    return new IdScanError(`${request.method} ${summary.path} failed unexpectedly; see the logs for details.`, {
      cause: { ...summary, code: error instanceof Error ? error.name : typeof error },
    });
  }
}

/** The request as errors and logs may show it: no headers, no body, download tokens masked. */
function summarize(request: IdScanHttpRequest): IdScanRequestSummary {
  const downloads = IdScanApiPaths.downloads();
  return {
    method: request.method,
    path: request.path.startsWith(downloads) ? `${downloads}***` : request.path,
  };
}

function errorCode(error: unknown): string | undefined {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

function describe(error: IdScanError): string {
  if (error instanceof IdScanApiError) return `${error.status} ${error.code}`;
  if (error instanceof IdScanConnectionError) return error.code ?? 'connection error';
  return error.name;
}

/** The (small) body of an error answer; a streamed one is read up to a limit, then released. */
async function bodyText(response: AxiosResponse<unknown>, kind: ResponseKind): Promise<string> {
  if (kind === 'json') return typeof response.data === 'string' ? response.data : '';
  const stream = response.data as Readable;
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
      chunks.push(buffer);
      size += buffer.length;
      if (size >= MAX_ERROR_BODY_BYTES) break;
    }
  } catch {
    // The error answer itself broke off; the status alone still describes the failure.
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks).subarray(0, MAX_ERROR_BODY_BYTES).toString('utf8');
}

/** The file name of a `Content-Disposition` header (RFC 6266), preferring the UTF-8 `filename*` form. */
function filenameOf(header: unknown): string | undefined {
  if (typeof header !== 'string') return undefined;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (extended) {
    try {
      return decodeURIComponent(extended[1].trim()).replace(/^.*[\\/]/, '') || undefined;
    } catch {
      // Malformed percent-encoding: fall back to the plain parameter.
    }
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/i.exec(header);
  const name = plain?.[1]?.replace(/\\(.)/g, '$1') ?? plain?.[2]?.trim();
  // Only the last segment: a name like "../../x" must not steer where a caller saves the file.
  return name?.replace(/^.*[\\/]/, '') || undefined;
}
