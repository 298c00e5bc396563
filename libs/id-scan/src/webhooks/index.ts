export { IdScanEventDeliveryDto, IdScanEventTaskDto, IdScanEventTransactionDto } from './event-delivery.dto';
export { IdScanEventDeliveryHandler, type IdScanEventDeliveryReceipt } from './id-scan-event-delivery.handler';
export { IdScanEventsController, type IdScanEventsResponse } from './id-scan-events.controller';
export { IdScanWebhookSecretGuard } from './id-scan-webhook-secret.guard';
