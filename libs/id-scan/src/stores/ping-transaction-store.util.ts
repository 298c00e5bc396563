import type { IdScanTransactionStore } from './id-scan-transaction-store.interface';

/**
 * Asks the store whether it answers, when it can be asked: `ping` is optional in the store contract, and a store
 * without it is taken to answer.
 * @param failure turns the store's failure into the caller's own error
 * @throws what `failure` returns when the store does not answer
 */
export async function pingTransactionStore(
  store: IdScanTransactionStore,
  failure: (error: unknown) => Error,
): Promise<void> {
  if (typeof store.ping !== 'function') return;
  try {
    await store.ping();
  } catch (error) {
    throw failure(error);
  }
}
