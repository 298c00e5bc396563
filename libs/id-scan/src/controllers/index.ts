export { IdScanCallbackController } from './id-scan-callback.controller';
export type { IdScanCompleteResponse } from './id-scan-complete-response.interface';
export { IdScanEventsController, type IdScanEventsResponse } from './id-scan-events.controller';
export { IdScanExceptionFilter } from './id-scan-exception.filter';
export { IdScanWebhookSecretGuard } from './id-scan-webhook-secret.guard';
