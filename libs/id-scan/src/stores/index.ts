export type { IdScanTransactionRecord, IdScanTransactionStore } from './id-scan-transaction-store.interface';
export { InMemoryTransactionStore, type InMemoryTransactionStoreOptions } from './in-memory-transaction.store';
export {
  RedisTransactionStore,
  type RedisTransactionStoreClient,
  type RedisTransactionStoreConnectionOptions,
  type RedisTransactionStoreOptions,
} from './redis-transaction.store';
