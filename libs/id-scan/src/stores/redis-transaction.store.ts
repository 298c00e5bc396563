import type { Redis, RedisOptions } from 'ioredis';
import type {
  IdScanCompletionRecord,
  IdScanResultCheckCount,
  IdScanTransactionRecord,
  IdScanTransactionStore,
  IdScanVerificationOutcome,
} from './id-scan-transaction-store.interface';
import { ID_SCAN_VERIFICATION_OUTCOMES } from './id-scan-transaction-store.interface';

/**
 * Saves a record and, unless the transaction is already completed, indexes it as open by its expiry. Index entries
 * whose record is past its retention are pruned on the way, so the index stays bounded when no sweep runs.
 */
const SAVE_SCRIPT = `
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
if redis.call('EXISTS', KEYS[2]) == 0 then redis.call('ZADD', KEYS[3], ARGV[3], ARGV[4]) end
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', '(' .. ARGV[5])
return 1`;

/** The first completion wins and takes the transaction out of the open index, in one step. */
const MARK_COMPLETED_SCRIPT = `
if redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then
  redis.call('ZREM', KEYS[2], ARGV[3])
  return 1
end
return 0`;

/** A fixed window per transaction: INCR, and the first check of a window sets its end. */
const COUNT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {count, redis.call('PTTL', KEYS[1])}`;

/** Hands out due ids and pushes their score past the lease in the same step, so two sweeps never share one. */
const LEASE_SCRIPT = `
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[3])
for _, id in ipairs(due) do redis.call('ZADD', KEYS[1], 'XX', ARGV[2], id) end
return due`;

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
    const redis = await this.connection;
    if (ttl <= 0) {
      await redis.del(key);
      await redis.zrem(this.openKey(), record.transactionId);
      return;
    }
    const expiresAt = Date.parse(record.expiresAt);
    await redis.eval(
      SAVE_SCRIPT,
      3,
      key,
      this.completionKey(record.transactionId),
      this.openKey(),
      JSON.stringify(record),
      ttl,
      Number.isNaN(expiresAt) ? Date.now() : expiresAt,
      record.transactionId,
      Date.now() - this.retentionMs,
    );
  }

  async get(transactionId: string): Promise<IdScanTransactionRecord | undefined> {
    const raw = await (await this.connection).get(this.recordKey(transactionId));
    return raw === null ? undefined : parseRecord(raw, transactionId);
  }

  async markCompleted(transactionId: string, resultId: string, outcome: IdScanVerificationOutcome): Promise<boolean> {
    const record = await this.get(transactionId);
    const ttl = record ? Math.max(this.ttlOf(record), 1) : this.retentionMs;
    const redis = await this.connection;
    const value: IdScanCompletionRecord = { resultId, outcome };
    const answer = await redis.eval(
      MARK_COMPLETED_SCRIPT,
      2,
      this.completionKey(transactionId),
      this.openKey(),
      JSON.stringify(value),
      ttl,
      transactionId,
    );
    return answer === 1;
  }

  async getCompletion(transactionId: string): Promise<IdScanCompletionRecord | undefined> {
    const raw = await (await this.connection).get(this.completionKey(transactionId));
    return raw === null ? undefined : parseCompletion(raw);
  }

  async countResultCheck(transactionId: string, windowMs: number): Promise<IdScanResultCheckCount> {
    const redis = await this.connection;
    const answer = (await redis.eval(COUNT_SCRIPT, 1, this.checksKey(transactionId), windowMs)) as [number, number];
    // PTTL is -1 only if something removed the expiry under us; the window then counts as a fresh one.
    return { count: answer[0], resetInMs: answer[1] >= 0 ? answer[1] : windowMs };
  }

  async leaseExpired(now: number, leaseMs: number, limit: number): Promise<string[]> {
    const redis = await this.connection;
    return (await redis.eval(LEASE_SCRIPT, 1, this.openKey(), now, now + leaseMs, limit)) as string[];
  }

  async claimExpiry(transactionId: string): Promise<boolean> {
    return (await (await this.connection).zrem(this.openKey(), transactionId)) === 1;
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

  private checksKey(transactionId: string): string {
    return `${this.keyPrefix}checks:${transactionId}`;
  }

  /** Sorted set of open transaction ids, scored by expiry (then by lease end) in epoch milliseconds. */
  private openKey(): string {
    return `${this.keyPrefix}open`;
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

/** A completion written by this store; anything else under the key counts as no completion. */
function parseCompletion(raw: string): IdScanCompletionRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  const mark = value as Partial<IdScanCompletionRecord> | null;
  const outcome = ID_SCAN_VERIFICATION_OUTCOMES.find((known) => known === mark?.outcome);
  if (!mark || typeof mark.resultId !== 'string' || outcome === undefined) return undefined;
  return Object.freeze({ resultId: mark.resultId, outcome });
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
