import type { Redis, RedisOptions } from 'ioredis';
import type { IdScanTransactionRecord, IdScanTransactionStore } from './id-scan-transaction-store.interface';

/** Options of {@link RedisTransactionStore}. */
export interface RedisTransactionStoreOptions {
  /**
   * Prefix of every key the store writes, so several applications (or environments) can share one Redis database.
   * Applied on top of any `keyPrefix` the ioredis client itself has.
   * @default 'id-scan:'
   */
  keyPrefix?: string;
  /** How long a record (and its completion mark) outlives its transaction, for late completion signals. @default 3600000 (1 hour) */
  retentionMs?: number;
  /** How long an event delivery id is remembered, longer than the sender's retry window. @default 172800000 (48 hours) */
  eventTtlMs?: number;
}

/**
 * A store shared by every instance of the host through Redis, so a completion is emitted once across all of them.
 * Records are JSON strings that expire (`PX`) `retentionMs` after their transaction; "first time" decisions are a
 * single `SET ... PX ... NX`, which Redis executes atomically.
 *
 * ```ts
 * IdScanModule.forRoot({ ..., store: new RedisTransactionStore(new Redis(process.env.REDIS_URL)) })
 * ```
 */
export class RedisTransactionStore implements IdScanTransactionStore {
  private readonly connection: Promise<Redis>;
  private readonly ownsClient: boolean;
  private readonly keyPrefix: string;
  private readonly retentionMs: number;
  private readonly eventTtlMs: number;

  /**
   * @param client an ioredis client, which stays yours to close; or ioredis options (or a `redis://` URL), in which
   *   case the store creates the client and {@link close} closes it.
   * @throws RangeError when `retentionMs` or `eventTtlMs` is not a positive integer.
   */
  constructor(client: Redis | RedisOptions | string, options: RedisTransactionStoreOptions = {}) {
    this.keyPrefix = options.keyPrefix ?? 'id-scan:';
    this.retentionMs = positiveInteger(options.retentionMs, 3_600_000, 'retentionMs');
    this.eventTtlMs = positiveInteger(options.eventTtlMs, 172_800_000, 'eventTtlMs');
    this.ownsClient = !isRedisClient(client);
    this.connection = isRedisClient(client) ? Promise.resolve(client) : openClient(client);
    // A failed import surfaces on first use; this only keeps it from being reported as unhandled before then.
    this.connection.catch(() => undefined);
  }

  async save(record: IdScanTransactionRecord): Promise<void> {
    const key = this.recordKey(record.transactionId);
    const ttl = this.ttlOf(record);
    // A record whose retention is already over must not linger (nor replace a live one with a stale copy).
    if (ttl <= 0) {
      await (await this.connection).del(key);
      return;
    }
    await (await this.connection).set(key, JSON.stringify(record), 'PX', ttl);
  }

  async get(transactionId: string): Promise<IdScanTransactionRecord | undefined> {
    const raw = await (await this.connection).get(this.recordKey(transactionId));
    return raw === null ? undefined : parseRecord(raw, transactionId);
  }

  async markCompleted(transactionId: string, resultId: string): Promise<boolean> {
    const record = await this.get(transactionId);
    const ttl = record ? Math.max(this.ttlOf(record), 1) : this.retentionMs;
    const redis = await this.connection;
    const answer = await redis.set(this.completionKey(transactionId), resultId, 'PX', ttl, 'NX');
    return answer === 'OK';
  }

  async markEventSeen(eventId: string): Promise<boolean> {
    const answer = await (await this.connection).set(this.eventKey(eventId), '1', 'PX', this.eventTtlMs, 'NX');
    return answer === 'OK';
  }

  async releaseEvent(eventId: string): Promise<void> {
    await (await this.connection).del(this.eventKey(eventId));
  }

  /** Closes the connection if the store opened it; a client passed to the constructor is left open. */
  async close(): Promise<void> {
    if (!this.ownsClient) return;
    const redis = await this.connection;
    if (redis.status !== 'end') await redis.quit();
  }

  private ttlOf(record: IdScanTransactionRecord): number {
    const expiresAt = Date.parse(record.expiresAt);
    // An unparsable expiry keeps the record for the retention period rather than forever.
    if (Number.isNaN(expiresAt)) return this.retentionMs;
    return Math.floor(expiresAt + this.retentionMs - Date.now());
  }

  private recordKey(transactionId: string): string {
    return `${this.keyPrefix}transaction:${transactionId}`;
  }

  private completionKey(transactionId: string): string {
    return `${this.keyPrefix}completed:${transactionId}`;
  }

  private eventKey(eventId: string): string {
    return `${this.keyPrefix}event:${eventId}`;
  }
}

/** Duck-typed so the package never loads ioredis unless a Redis store is actually built from options. */
function isRedisClient(value: unknown): value is Redis {
  const candidate = value as Partial<Redis> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.set === 'function' &&
    typeof candidate.get === 'function' &&
    typeof candidate.quit === 'function'
  );
}

/** ioredis is an optional peer dependency: loaded only here, when the store has to open its own connection. */
async function openClient(options: RedisOptions | string): Promise<Redis> {
  const { Redis: RedisClient } = await import('ioredis');
  return typeof options === 'string' ? new RedisClient(options) : new RedisClient(options);
}

function positiveInteger(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new RangeError(`RedisTransactionStore: ${name} must be a positive integer of milliseconds`);
  }
  return value;
}

/** A record written by this store; anything else under the key (another tool's data) counts as unknown. */
function parseRecord(raw: string, transactionId: string): IdScanTransactionRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Partial<IdScanTransactionRecord>;
  if (record.transactionId !== transactionId || typeof record.expiresAt !== 'string') return undefined;
  return Object.freeze(record as IdScanTransactionRecord);
}
