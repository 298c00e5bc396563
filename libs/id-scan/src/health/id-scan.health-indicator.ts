import { Inject, Injectable } from '@nestjs/common';
import type { HealthIndicatorResult } from '@nestjs/terminus';
import { randomUUID } from 'node:crypto';
import { IdScanAbortError } from '../errors/id-scan-abort.error';
import { IdScanApiError } from '../errors/id-scan-api.error';
import { IdScanAuthenticationError } from '../errors/id-scan-authentication.error';
import { IdScanConnectionError } from '../errors/id-scan-connection.error';
import { IdScanNotFoundError } from '../errors/id-scan-not-found.error';
import { IdScanRateLimitError } from '../errors/id-scan-rate-limit.error';
import { IdScanTimeoutError } from '../errors/id-scan-timeout.error';
import { ID_SCAN_OPTIONS } from '../id-scan.constants';
import { IdScanService } from '../id-scan.service';
import type { ResolvedIdScanOptions } from '../interfaces/id-scan-module-options.interface';

/** Options of {@link IdScanHealthIndicator.isHealthy}. */
export interface IdScanHealthCheckOptions {
  /** The check reports `down` (reason `timeout`) when the API has not answered by then. @default 3000 */
  timeoutMs?: number;
}

/**
 * Why the check reported `down` (or `degraded`, for `rate_limited`): the API's state, or `store_unavailable` when
 * the transaction store (for example Redis) does not answer, so no completion could be recorded.
 */
export type IdScanHealthReason =
  'authentication_failed' | 'unreachable' | 'timeout' | 'rate_limited' | 'api_error' | 'store_unavailable';

type TerminusModule = typeof import('@nestjs/terminus');

let terminus: Promise<TerminusModule> | undefined;

/** `@nestjs/terminus` is an optional peer dependency: loaded on the first check, so hosts without it never need it. */
function loadTerminus(): Promise<TerminusModule> {
  terminus ??= import('@nestjs/terminus');
  return terminus;
}

class HealthCheckTimeout extends Error {}

class StoreCheckFailure extends Error {}

/**
 * A `@nestjs/terminus` health indicator for the ID Scan API, provided and exported by `IdScanModule`. `up` when the
 * API answers an authenticated request: it asks for a random transaction, and the API's 404 proves both that it is
 * reachable and that it accepted the credentials. `down` otherwise, with the reason, within a timeout; also `down`
 * (reason `store_unavailable`) while the transaction store does not answer its `ping`.
 *
 * ```ts
 * @Get('health') @HealthCheck()
 * check() { return this.health.check([() => this.idScan.isHealthy('id-scan', { timeoutMs: 2000 })]); }
 * ```
 */
@Injectable()
export class IdScanHealthIndicator {
  constructor(
    private readonly idScan: IdScanService,
    @Inject(ID_SCAN_OPTIONS) private readonly options: ResolvedIdScanOptions,
  ) {}

  /**
   * Checks the API once (retries included) and the store's `ping`, both bounded by the timeout.
   * @param key the key of the result in the health report. @default 'id-scan'
   * @returns `{ [key]: { status: 'up' } }`, or `{ [key]: { status: 'down', reason, message } }`; `degraded` (on
   *   terminus versions that know it) when the API throttles the check. Never throws for an API failure.
   */
  async isHealthy<const Key extends string = 'id-scan'>(
    key: Key = 'id-scan' as Key,
    options: IdScanHealthCheckOptions = {},
  ): Promise<HealthIndicatorResult<Key>> {
    const timeoutMs = options.timeoutMs ?? 3000;
    const { HealthIndicatorService } = await loadTerminus();
    const indicator = new HealthIndicatorService().check(key);
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    let storeSettled = false;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const reason = new HealthCheckTimeout();
        controller.abort(reason);
        reject(reason);
      }, timeoutMs);
    });
    try {
      const api = this.idScan.getTransaction(randomUUID(), { signal: controller.signal }).then(
        // A transaction with a random id exists: odd, but the API did answer an authenticated request.
        () => undefined,
        (error: unknown) => {
          if (!(error instanceof IdScanNotFoundError)) throw error;
        },
      );
      const store = this.storeAnswers().finally(() => {
        storeSettled = true;
      });
      await Promise.race([Promise.all([store, api]), timeout]);
      return indicator.up();
    } catch (caught) {
      const error =
        caught instanceof HealthCheckTimeout && !storeSettled
          ? new StoreCheckFailure(`no answer within ${timeoutMs} ms`)
          : caught;
      const { reason, message } = describe(error, timeoutMs);
      if (reason === 'rate_limited' && typeof indicator.degraded === 'function') {
        return indicator.degraded({ reason, message });
      }
      return indicator.down({ reason, message });
    } finally {
      clearTimeout(timer);
    }
  }

  private async storeAnswers(): Promise<void> {
    const store = this.options.store;
    if (typeof store.ping !== 'function') return;
    try {
      await store.ping();
    } catch (error) {
      throw new StoreCheckFailure(error instanceof Error ? error.message : 'The transaction store did not answer.');
    }
  }
}

function describe(error: unknown, timeoutMs: number): { reason: IdScanHealthReason; message: string } {
  if (error instanceof StoreCheckFailure) {
    return { reason: 'store_unavailable', message: `The transaction store does not answer: ${error.message}` };
  }
  if (
    error instanceof HealthCheckTimeout ||
    error instanceof IdScanTimeoutError ||
    (error instanceof IdScanAbortError && error.cause instanceof HealthCheckTimeout)
  ) {
    return { reason: 'timeout', message: `The ID Scan API did not answer within ${timeoutMs} ms.` };
  }
  if (error instanceof IdScanAuthenticationError) {
    return {
      reason: 'authentication_failed',
      message: `The ID Scan API refused the credentials (${error.status}); check keyId, secret and the clock.`,
    };
  }
  if (error instanceof IdScanConnectionError) {
    return {
      reason: 'unreachable',
      message: `The ID Scan API could not be reached (${error.code ?? 'connection error'}); check baseUrl.`,
    };
  }
  if (error instanceof IdScanRateLimitError) {
    return { reason: 'rate_limited', message: 'The ID Scan API throttled the check (429).' };
  }
  if (error instanceof IdScanApiError) {
    return { reason: 'api_error', message: `The ID Scan API answered ${error.status} (${error.code}).` };
  }
  return { reason: 'api_error', message: error instanceof Error ? error.message : 'The check failed.' };
}
