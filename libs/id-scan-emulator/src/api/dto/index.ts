export * from './create-transaction.dto';
export * from './create-webhook.dto';
export * from './document-scan-settings.dto';
export * from './transaction-settings.dto';
