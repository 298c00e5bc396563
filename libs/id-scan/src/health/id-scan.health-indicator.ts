import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { IdScanAbortError } from '../errors/id-scan-abort.error';
import { IdScanApiError } from '../errors/id-scan-api.error';
import { IdScanAuthenticationError } from '../errors/id-scan-authentication.error';
import { IdScanConfigurationError } from '../errors/id-scan-configuration.error';
import { IdScanConnectionError } from '../errors/id-scan-connection.error';
import { IdScanNotFoundError } from '../errors/id-scan-not-found.error';
import { IdScanRateLimitError } from '../errors/id-scan-rate-limit.error';
import { IdScanTimeoutError } from '../errors/id-scan-timeout.error';
import { IdScanDeliveryService, type IdScanDeliveryStats } from '../delivery/id-scan-delivery.service';
import { ID_SCAN_OPTIONS } from '../id-scan.constants';
import { IdScanService } from '../id-scan.service';
import type { ResolvedIdScanOptions } from '../interfaces/id-scan-module-options.interface';
import { pingTransactionStore } from '../stores/ping-transaction-store.util';
import { durationOption } from '../utils/duration-option.util';
import type { IdScanHealthIndicatorResult } from './id-scan-health-indicator-result.interface';

/** A probe waiting longer than a minute has failed; the orchestrator asking has given up long before. */
const CHECK_TIMEOUT_RANGE = Object.freeze({ fallback: 3000, min: 1, max: 60_000 });

/** Options of {@link IdScanHealthIndicator.isHealthy}. */
export interface IdScanHealthCheckOptions {
  /** The check reports `down` (reason `timeout`) when the API has not answered by then. @default 3000 */
  timeoutMs?: number;
  /**
   * `down` (reason `delivery_backlog`) when more deliveries than this are running or waiting for a retry: in this
   * process, or in the whole queue with `delivery.queue`. @default Infinity (reported, never `down`)
   */
  maxDeliveryBacklog?: number;
  /**
   * `down` (reason `deliveries_failed`) when more deliveries than this ran out of retries: since this process
   * started, or in the queue during the last week. @default Infinity (reported, never `down`)
   */
  maxFailedDeliveries?: number;
}

/**
 * Why the check reported `down` (or `degraded`, for `rate_limited`): the API's state, `store_unavailable` when the
 * transaction store (for example Redis) does not answer, so no completion could be recorded, or the deliveries'.
 */
export type IdScanHealthReason =
  | 'authentication_failed'
  | 'unreachable'
  | 'timeout'
  | 'rate_limited'
  | 'api_error'
  | 'store_unavailable'
  | 'delivery_backlog'
  | 'deliveries_failed'
  | 'deliveries_unknown';

// Only in the compiled code, never in the declarations: the typings must compile without the optional peer.
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
 * (reason `store_unavailable`) while the transaction store does not answer its `ping`. Every answer also reports
 * `deliveries: { backlog, failed }`, and is `down` above the thresholds the call sets.
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
    private readonly delivery: IdScanDeliveryService,
    @Inject(ID_SCAN_OPTIONS) private readonly options: ResolvedIdScanOptions,
  ) {}

  /**
   * Checks the API once (retries included) and the store's `ping`, both bounded by the timeout.
   * @param key the key of the result in the health report. @default 'id-scan'
   * @returns `{ [key]: { status: 'up', deliveries } }`, or `{ [key]: { status: 'down', reason, message,
   *   deliveries } }`; `degraded` (on terminus versions that know it) when the API throttles the check. Never throws
   *   for an API failure.
   * @throws IdScanConfigurationError when `timeoutMs` is not an integer of milliseconds from 1 to 60000.
   */
  async isHealthy<const Key extends string = 'id-scan'>(
    key: Key = 'id-scan' as Key,
    options: IdScanHealthCheckOptions = {},
  ): Promise<IdScanHealthIndicatorResult<Key>> {
    const problems: string[] = [];
    const timeoutMs = durationOption('isHealthy timeoutMs', options.timeoutMs, CHECK_TIMEOUT_RANGE, problems);
    if (problems.length > 0) throw new IdScanConfigurationError(problems);
    const { HealthIndicatorService } = await loadTerminus();
    const indicator = new HealthIndicatorService().check(key);
    const [api, deliveries] = await Promise.all([this.checkApi(timeoutMs), this.deliveryStats(timeoutMs)]);
    const extra = deliveries ? { deliveries } : {};
    if (api) {
      if (api.reason === 'rate_limited' && typeof indicator.degraded === 'function') {
        return indicator.degraded({ ...api, ...extra });
      }
      return indicator.down({ ...api, ...extra });
    }
    if (!deliveries) {
      return indicator.down({
        reason: 'deliveries_unknown' as const,
        message: 'The delivery backlog could not be read.',
      });
    }
    if (deliveries.backlog > (options.maxDeliveryBacklog ?? Infinity)) {
      const message = `${deliveries.backlog} deliveries are waiting (threshold ${options.maxDeliveryBacklog}).`;
      return indicator.down({ reason: 'delivery_backlog' as const, message, deliveries });
    }
    if (deliveries.failed > (options.maxFailedDeliveries ?? Infinity)) {
      const message = `${deliveries.failed} deliveries ran out of retries (threshold ${options.maxFailedDeliveries}).`;
      return indicator.down({ reason: 'deliveries_failed' as const, message, deliveries });
    }
    return indicator.up({ deliveries });
  }

  /** `undefined` when the counts cannot be read in time (a queue whose Redis is down waits for it forever). */
  private async deliveryStats(timeoutMs: number): Promise<IdScanDeliveryStats | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), timeoutMs);
    });
    try {
      return await Promise.race([this.delivery.stats(), timeout]);
    } catch {
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  /** `undefined` when the API answered; otherwise why not. */
  private async checkApi(timeoutMs: number): Promise<{ reason: IdScanHealthReason; message: string } | undefined> {
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
      return undefined;
    } catch (caught) {
      const error =
        caught instanceof HealthCheckTimeout && !storeSettled
          ? new StoreCheckFailure(`no answer within ${timeoutMs} ms`)
          : caught;
      return describe(error, timeoutMs);
    } finally {
      clearTimeout(timer);
    }
  }

  private async storeAnswers(): Promise<void> {
    await pingTransactionStore(
      this.options.store,
      (error) =>
        new StoreCheckFailure(error instanceof Error ? error.message : 'The transaction store did not answer.'),
    );
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
