/** What the package remembers about a transaction it started, so that completion signals can be checked. */
export interface IdScanTransactionRecord {
  transactionId: string;
  /** The host's own identifier for this verification (an order or user id), echoed in every domain event. */
  reference?: string;
  tasks: string[];
  url: string;
  /** ISO-8601; the record is kept a while after this moment, then forgotten. */
  expiresAt: string;
  createdAt: string;
}

/**
 * Where the package keeps transaction records and the "already done" marks that make completion exactly-once.
 * Every method is atomic with respect to concurrent callers, across all instances that share the store.
 */
export interface IdScanTransactionStore {
  /** Stores (or replaces) a record; it expires some time after `record.expiresAt`. */
  save(record: IdScanTransactionRecord): Promise<void>;
  /** The record, or `undefined` when the transaction is unknown or its record has expired. */
  get(transactionId: string): Promise<IdScanTransactionRecord | undefined>;
  /** `true` only for the first call for a transaction; every later call, from any instance, gets `false`. */
  markCompleted(transactionId: string, resultId: string): Promise<boolean>;
  /** `true` only the first time an event delivery id is seen; duplicates get `false`. */
  markEventSeen(eventId: string): Promise<boolean>;
  /**
   * Forgets a delivery id marked by {@link markEventSeen}, so the sender's retry is processed again. The events
   * route calls it when it could not act on a delivery it had claimed (the API was unreachable). Optional for
   * custom stores: without it, a delivery id is marked only after the API confirmed the event, which costs
   * duplicates an API call but loses nothing.
   */
  releaseEvent?(eventId: string): Promise<void>;
  /**
   * Resolves once the store answers; rejects, preferably with `IdScanStoreUnavailableError`, when it cannot be
   * reached. `createTransaction` calls it before asking the API, so an outage costs no paid, orphaned transaction,
   * and the health indicator reports the store `down` while it rejects. Optional for custom stores: without it,
   * an outage surfaces only when the record is saved, after the transaction was created.
   */
  ping?(): Promise<void>;
}
