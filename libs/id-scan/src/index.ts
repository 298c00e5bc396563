// The public contract of nestjs-id-scan (docs/architecture.md). Everything else in this folder is internal.
export { idScanConfig } from './config';
export { IdScanCallbackController, type IdScanCompleteResponse } from './controllers';
export {
  CreateTransactionDto,
  CreateWebhookDto,
  DocumentScanSettingsDto,
  ID_SCAN_LOCALES,
  ID_SCAN_TASK_COMBINATIONS,
  ID_SCAN_WEBHOOK_EVENT_TYPES,
  IsHttpsUrl,
  IsNotAbove,
  IsOmittable,
  IsSnakeCase,
  IsTaskCombination,
  TransactionSettingsDto,
  type IdScanCaptureSource,
  type IdScanLocale,
  type IdScanTaskCombination,
} from './dto';
export {
  createIdScanApiError,
  IdScanAbortError,
  IdScanApiError,
  IdScanAuthenticationError,
  IdScanBadRequestError,
  IdScanConfigurationError,
  IdScanConnectionError,
  IdScanError,
  IdScanGoneError,
  IdScanNotFoundError,
  IdScanRateLimitError,
  IdScanServerError,
  IdScanStoreUnavailableError,
  IdScanTimeoutError,
  IdScanUnsafeUrlError,
  IdScanValidationError,
  type IdScanApiErrorInit,
  type IdScanApiResponse,
  type IdScanErrorOptions,
  type IdScanRequestSummary,
  type IdScanStoreUnavailableErrorOptions,
  type IdScanValidationProblem,
} from './errors';
export {
  DeliveryFailedEvent,
  IdScanEvents,
  TaskUpdatedEvent,
  TransactionCompletedEvent,
  TransactionCreatedEvent,
  TransactionExpiredEvent,
  type IdScanCompletionSource,
  type IdScanDeliveryError,
  type IdScanEventMap,
  type IdScanEventName,
} from './events';
export type * from './interfaces';
export {
  IdScanHealthIndicator,
  type IdScanHealthCheckOptions,
  type IdScanHealthDeliveries,
  type IdScanHealthDetails,
  type IdScanHealthIndicatorResult,
  type IdScanHealthReason,
  type IdScanHealthStatus,
} from './health';
export { IdScanModule } from './id-scan.module';
export type {
  IdScanModuleAsyncOptions,
  IdScanModuleExtras,
  IdScanModuleForRootOptions,
} from './id-scan.module-definition';
export { IdScanService } from './id-scan.service';
export {
  readField,
  summarizeResult,
  verdictOf,
  type IdScanCheckState,
  type IdScanResultSummary,
  type IdScanVerdict,
  type IdScanVerdictChecks,
  type IdScanVerdictOptions,
  type IdScanVerdictOutcome,
  type IdScanVerdictReason,
  type IdScanVerdictReasonCode,
  type ReadFieldOptions,
} from './result';
export {
  InMemoryTransactionStore,
  RedisTransactionStore,
  type IdScanCompletionRecord,
  type IdScanDeliveryClaim,
  type IdScanDeliveryTake,
  type IdScanResultCheckCount,
  type IdScanTransactionRecord,
  type IdScanTransactionStore,
  type IdScanVerificationOutcome,
  type InMemoryTransactionStoreOptions,
  type RedisTransactionStoreClient,
  type RedisTransactionStoreConnectionOptions,
  type RedisTransactionStoreOptions,
} from './stores';
export { IdScanEventsController } from './webhooks';
