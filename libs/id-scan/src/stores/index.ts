export type {
  IdScanCompletionRecord,
  IdScanResultCheckCount,
  IdScanTransactionRecord,
  IdScanTransactionStore,
  IdScanVerificationOutcome,
} from './id-scan-transaction-store.interface';
export { InMemoryTransactionStore, type InMemoryTransactionStoreOptions } from './in-memory-transaction.store';
export {
  RedisTransactionStore,
  type RedisTransactionStoreClient,
  type RedisTransactionStoreConnectionOptions,
  type RedisTransactionStoreOptions,
} from './redis-transaction.store';
