export { CreateTransactionDto, ID_SCAN_LOCALES, type IdScanLocale } from './create-transaction.dto';
export { CreateWebhookDto, ID_SCAN_WEBHOOK_EVENT_TYPES } from './create-webhook.dto';
export { DocumentScanSettingsDto, type IdScanCaptureSource } from './document-scan-settings.dto';
export { TransactionSettingsDto } from './transaction-settings.dto';
export * from './validators';
