import type { IdScanTransactionRecord, IdScanTransactionStore } from './id-scan-transaction-store.interface';

/** Options of {@link InMemoryTransactionStore}. */
export interface InMemoryTransactionStoreOptions {
  /** Most records (and marks) kept; the oldest are forgotten first. @default 100000 */
  maxEntries?: number;
  /** How long a record outlives its transaction, for late completion signals. @default 3600000 (1 hour) */
  retentionMs?: number;
  /** How long an event delivery id is remembered. @default 172800000 (48 hours) */
  eventTtlMs?: number;
}

interface Entry<T> {
  value: T;
  expiresAt: number;
}

/** A bounded map whose entries expire; insertion order doubles as eviction order. */
class ExpiringMap<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(private readonly maxEntries: number) {}

  get(key: string, now: number): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: T, expiresAt: number): void {
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  /** Sets the key only when it is absent or expired; `true` when it did. */
  setIfAbsent(key: string, value: T, expiresAt: number, now: number): boolean {
    if (this.get(key, now) !== undefined) return false;
    this.set(key, value, expiresAt);
    return true;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * The default store: one process, bounded, records forgotten after their transaction expires. Run several
 * instances of the host? Use `RedisTransactionStore` instead, or completions may be emitted once per instance.
 */
export class InMemoryTransactionStore implements IdScanTransactionStore {
  private readonly records: ExpiringMap<IdScanTransactionRecord>;
  private readonly completions: ExpiringMap<string>;
  private readonly events: ExpiringMap<true>;
  private readonly retentionMs: number;
  private readonly eventTtlMs: number;

  constructor(options: InMemoryTransactionStoreOptions = {}) {
    const maxEntries = options.maxEntries ?? 100_000;
    this.retentionMs = options.retentionMs ?? 3_600_000;
    this.eventTtlMs = options.eventTtlMs ?? 172_800_000;
    this.records = new ExpiringMap(maxEntries);
    this.completions = new ExpiringMap(maxEntries);
    this.events = new ExpiringMap(maxEntries);
  }

  save(record: IdScanTransactionRecord): Promise<void> {
    this.records.set(record.transactionId, Object.freeze({ ...record }), this.expiryOf(record));
    return Promise.resolve();
  }

  get(transactionId: string): Promise<IdScanTransactionRecord | undefined> {
    return Promise.resolve(this.records.get(transactionId, Date.now()));
  }

  markCompleted(transactionId: string, resultId: string): Promise<boolean> {
    const now = Date.now();
    const record = this.records.get(transactionId, now);
    const expiresAt = record ? this.expiryOf(record) : now + this.retentionMs;
    return Promise.resolve(this.completions.setIfAbsent(transactionId, resultId, expiresAt, now));
  }

  markEventSeen(eventId: string): Promise<boolean> {
    const now = Date.now();
    return Promise.resolve(this.events.setIfAbsent(eventId, true, now + this.eventTtlMs, now));
  }

  releaseEvent(eventId: string): Promise<void> {
    this.events.delete(eventId);
    return Promise.resolve();
  }

  private expiryOf(record: IdScanTransactionRecord): number {
    return Date.parse(record.expiresAt) + this.retentionMs;
  }
}
