export {
  IdScanHealthIndicator,
  type IdScanHealthCheckOptions,
  type IdScanHealthReason,
} from './id-scan.health-indicator';
