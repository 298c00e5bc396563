export type * from './id-scan-api.interface';
export type { IdScanDownload } from './id-scan-download.interface';
export type {
  IdScanCallbacksOptions,
  IdScanDeliveryOptions,
  IdScanDeliveryQueueOptions,
  IdScanExpirySweepOptions,
  IdScanModuleOptions,
  IdScanWebhooksOptions,
  ResolvedIdScanOptions,
} from './id-scan-module-options.interface';
export type {
  IdScanCreateTransactionOptions,
  IdScanReportOptions,
  IdScanReportType,
  IdScanRequestOptions,
} from './id-scan-service-options.interface';
