import type {
  IdScanCompletionRecord,
  IdScanFailedDeliveryRecord,
  IdScanDeliveryClaim,
  IdScanDeliveryTake,
  IdScanResultCheckCount,
  IdScanTransactionRecord,
  IdScanTransactionStore,
  IdScanVerificationOutcome,
} from './id-scan-transaction-store.interface';
import { EVENT_TTL_RANGE, RETENTION_RANGE, resolveStoreOptions } from './store-options.util';
import { durationOption } from '../utils/duration-option.util';

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

  /** The live values, oldest entry first; expired ones are dropped on the way. */
  values(now: number): T[] {
    const live: T[] = [];
    for (const [key, entry] of [...this.entries]) {
      if (entry.expiresAt <= now) this.entries.delete(key);
      else live.push(entry.value);
    }
    return live;
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
  private readonly completions: ExpiringMap<IdScanCompletionRecord>;
  private readonly events: ExpiringMap<true>;
  private readonly resultChecks: ExpiringMap<{ count: number; windowEnd: number }>;
  /** Failed deliveries by job id, in the order they failed (a re-recorded one moves to the end). */
  private readonly failedDeliveries: ExpiringMap<IdScanFailedDeliveryRecord>;
  private readonly expiries: ExpiringMap<true>;
  private readonly delivered: ExpiringMap<true>;
  /** The delivery claim of a recorded outcome: its holder's token, and the end of its lease. */
  private readonly claims: ExpiringMap<{ token: string; until: number }>;
  /** Open transactions: id → the moment it may next be handed out by {@link leaseExpired} (its expiry, then leases). */
  private readonly open = new Map<string, number>();
  private readonly maxEntries: number;
  private readonly retentionMs: number;
  private readonly eventTtlMs: number;

  /**
   * @throws IdScanConfigurationError listing every option that is out of its range: `maxEntries` a positive integer,
   *   `retentionMs` and `eventTtlMs` integers of milliseconds up to a week.
   */
  constructor(options: InMemoryTransactionStoreOptions = {}) {
    const resolved = resolveStoreOptions('InMemoryTransactionStore', (problems) => ({
      maxEntries: positiveCount('maxEntries', options.maxEntries, 100_000, problems),
      retentionMs: durationOption('retentionMs', options.retentionMs, RETENTION_RANGE, problems),
      eventTtlMs: durationOption('eventTtlMs', options.eventTtlMs, EVENT_TTL_RANGE, problems),
    }));
    const { maxEntries } = resolved;
    this.retentionMs = resolved.retentionMs;
    this.eventTtlMs = resolved.eventTtlMs;
    this.records = new ExpiringMap(maxEntries);
    this.completions = new ExpiringMap(maxEntries);
    this.events = new ExpiringMap(maxEntries);
    this.resultChecks = new ExpiringMap(maxEntries);
    this.failedDeliveries = new ExpiringMap(maxEntries);
    this.expiries = new ExpiringMap(maxEntries);
    this.delivered = new ExpiringMap(maxEntries);
    this.claims = new ExpiringMap(maxEntries);
    this.maxEntries = maxEntries;
  }

  save(record: IdScanTransactionRecord): Promise<void> {
    this.records.set(record.transactionId, Object.freeze({ ...record }), this.expiryOf(record));
    if (this.completions.get(record.transactionId, Date.now()) === undefined) {
      const expiresAt = Date.parse(record.expiresAt);
      this.open.delete(record.transactionId);
      this.open.set(record.transactionId, Number.isNaN(expiresAt) ? Date.now() : expiresAt);
      // Bounded like the records: the oldest entries go first (their records are gone by then too).
      while (this.open.size > this.maxEntries) this.open.delete(this.open.keys().next().value as string);
    }
    return Promise.resolve();
  }

  get(transactionId: string): Promise<IdScanTransactionRecord | undefined> {
    return Promise.resolve(this.records.get(transactionId, Date.now()));
  }

  markCompleted(
    transactionId: string,
    resultId: string,
    outcome: IdScanVerificationOutcome,
    claim?: IdScanDeliveryClaim,
  ): Promise<boolean> {
    const now = Date.now();
    const record = this.records.get(transactionId, now);
    const expiresAt = record ? this.expiryOf(record) : now + this.retentionMs;
    const completion = Object.freeze({ resultId, outcome, ...(claim?.via ? { via: claim.via } : {}) });
    const first = this.completions.setIfAbsent(transactionId, completion, expiresAt, now);
    return Promise.resolve(this.settleClaim(transactionId, first, claim, expiresAt, now));
  }

  getCompletion(transactionId: string): Promise<IdScanCompletionRecord | undefined> {
    const now = Date.now();
    const completion = this.completions.get(transactionId, now);
    if (!completion) return Promise.resolve(undefined);
    return Promise.resolve({ ...completion, delivered: this.delivered.get(transactionId, now) === true });
  }

  countResultCheck(transactionId: string, windowMs: number): Promise<IdScanResultCheckCount> {
    const now = Date.now();
    const current = this.resultChecks.get(transactionId, now);
    const windowEnd = current?.windowEnd ?? now + windowMs;
    const count = (current?.count ?? 0) + 1;
    this.resultChecks.set(transactionId, { count, windowEnd }, windowEnd);
    return Promise.resolve({ count, resetInMs: windowEnd - now });
  }

  leaseExpired(now: number, leaseMs: number, limit: number): Promise<string[]> {
    const due: string[] = [];
    for (const [transactionId, dueAt] of this.open) {
      if (due.length >= limit) break;
      if (dueAt <= now) due.push(transactionId);
    }
    for (const transactionId of due) this.open.set(transactionId, now + leaseMs);
    return Promise.resolve(due);
  }

  claimExpiry(transactionId: string, claim?: IdScanDeliveryClaim): Promise<boolean> {
    const now = Date.now();
    if (!this.open.has(transactionId) || this.completions.get(transactionId, now) !== undefined) {
      return Promise.resolve(false);
    }
    const record = this.records.get(transactionId, now);
    const expiresAt = record ? this.expiryOf(record) : now + this.retentionMs;
    const first = this.expiries.setIfAbsent(transactionId, true, expiresAt, now);
    return Promise.resolve(this.settleClaim(transactionId, first, claim, expiresAt, now));
  }

  takeDelivery(
    transactionId: string,
    kind: 'completed' | 'expired',
    claim: IdScanDeliveryClaim,
  ): Promise<IdScanDeliveryTake> {
    const now = Date.now();
    const marks = kind === 'completed' ? this.completions : this.expiries;
    if (marks.get(transactionId, now) === undefined) return Promise.resolve('none');
    if (this.delivered.get(transactionId, now)) return Promise.resolve('delivered');
    const current = this.claims.get(transactionId, now);
    if (current && current.token !== claim.token && current.until > now) return Promise.resolve('busy');
    this.hold(transactionId, claim, now);
    return Promise.resolve('taken');
  }

  markDelivered(transactionId: string): Promise<void> {
    const now = Date.now();
    const record = this.records.get(transactionId, now);
    this.delivered.set(transactionId, true, record ? this.expiryOf(record) : now + this.retentionMs);
    this.claims.delete(transactionId);
    this.open.delete(transactionId);
    return Promise.resolve();
  }

  markEventSeen(eventId: string): Promise<boolean> {
    const now = Date.now();
    return Promise.resolve(this.events.setIfAbsent(eventId, true, now + this.eventTtlMs, now));
  }

  releaseEvent(eventId: string): Promise<void> {
    this.events.delete(eventId);
    return Promise.resolve();
  }

  recordFailedDelivery(record: IdScanFailedDeliveryRecord): Promise<void> {
    const failedAt = Date.parse(record.failedAt);
    const expiresAt = (Number.isNaN(failedAt) ? Date.now() : failedAt) + this.eventTtlMs;
    this.failedDeliveries.set(record.jobId, Object.freeze({ ...record }), expiresAt);
    return Promise.resolve();
  }

  listFailedDeliveries(limit: number): Promise<IdScanFailedDeliveryRecord[]> {
    const all = this.failedDeliveries.values(Date.now());
    const newestFirst = all.sort((a, b) => Date.parse(b.failedAt) - Date.parse(a.failedAt));
    return Promise.resolve(newestFirst.slice(0, Math.max(0, limit)));
  }

  removeFailedDelivery(jobId: string): Promise<boolean> {
    const listed = this.failedDeliveries.get(jobId, Date.now()) !== undefined;
    this.failedDeliveries.delete(jobId);
    return Promise.resolve(listed);
  }

  /**
   * After a completion or expiry was recorded (`first`) or found: the first recorder's claim is taken, and a caller
   * repeating its write with the holder's token learns it was first. The transaction's next look by the sweep moves
   * past the lease, so a delivery nobody finishes is repaired.
   */
  private settleClaim(
    transactionId: string,
    first: boolean,
    claim: IdScanDeliveryClaim | undefined,
    expiresAt: number,
    now: number,
  ): boolean {
    if (!first) return claim !== undefined && this.claims.get(transactionId, now)?.token === claim.token;
    if (!claim) {
      // A caller without a claim has nobody to repair its delivery: the pre-claim contract.
      this.open.delete(transactionId);
      return true;
    }
    this.claims.set(transactionId, { token: claim.token, until: now + claim.leaseMs }, expiresAt);
    if (this.open.has(transactionId)) this.open.set(transactionId, now + claim.leaseMs);
    return true;
  }

  private hold(transactionId: string, claim: IdScanDeliveryClaim, now: number): void {
    const record = this.records.get(transactionId, now);
    const expiresAt = record ? this.expiryOf(record) : now + this.retentionMs;
    this.claims.set(transactionId, { token: claim.token, until: now + claim.leaseMs }, expiresAt);
  }

  private expiryOf(record: IdScanTransactionRecord): number {
    return Date.parse(record.expiresAt) + this.retentionMs;
  }
}

function positiveCount(name: string, value: unknown, fallback: number, problems: string[]): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return value;
  problems.push(`${name} must be a positive integer (default ${fallback}).`);
  return fallback;
}
