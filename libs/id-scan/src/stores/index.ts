export type {
  IdScanCompletionRecord,
  IdScanFailedDeliveryRecord,
  IdScanDeliveryClaim,
  IdScanDeliveryTake,
  IdScanResultCheckCount,
  IdScanTransactionRecord,
  IdScanTransactionStore,
  IdScanVerificationOutcome,
} from './id-scan-transaction-store.interface';
export { InMemoryTransactionStore, type InMemoryTransactionStoreOptions } from './in-memory-transaction.store';
export { RedisTransactionStore } from './redis-transaction.store';
export type {
  RedisTransactionStoreClient,
  RedisTransactionStoreConnectionOptions,
  RedisTransactionStoreOptions,
} from './redis-transaction-store.interface';
