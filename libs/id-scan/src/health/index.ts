export {
  IdScanHealthIndicator,
  type IdScanHealthCheckOptions,
  type IdScanHealthReason,
} from './id-scan.health-indicator';
export type {
  IdScanHealthDeliveries,
  IdScanHealthDetails,
  IdScanHealthIndicatorResult,
  IdScanHealthStatus,
} from './id-scan-health-indicator-result.interface';
