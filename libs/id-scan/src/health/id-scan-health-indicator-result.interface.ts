import type { IdScanHealthReason } from './id-scan.health-indicator';

/** The state of one check, in `@nestjs/terminus`'s words (`degraded` exists on the terminus versions that know it). */
export type IdScanHealthStatus = 'up' | 'degraded' | 'down';

/** The deliveries part of a check: how many wait for an attempt or a retry, and how many ran out of retries. */
export interface IdScanHealthDeliveries {
  backlog: number;
  failed: number;
}

/** What one check reports under its key. */
export interface IdScanHealthDetails {
  status: IdScanHealthStatus;
  /** Why the check is not `up`. */
  reason?: IdScanHealthReason;
  /** What happened and what to do, without a secret. */
  message?: string;
  /** Absent only when the counts could not be read in time (reason `deliveries_unknown`). */
  deliveries?: IdScanHealthDeliveries;
}

/**
 * The answer of `IdScanHealthIndicator.isHealthy`: `@nestjs/terminus`'s `HealthIndicatorResult<Key>` written out
 * structurally, so that the package's typings compile without terminus (an optional peer), while the answer is
 * still assignable to terminus's type wherever a host hands the check to `HealthCheckService.check`.
 */
export type IdScanHealthIndicatorResult<Key extends string = 'id-scan'> = Record<Key, IdScanHealthDetails>;
