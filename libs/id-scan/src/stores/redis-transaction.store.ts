import { Logger } from '@nestjs/common';
import { IdScanStoreUnavailableError } from '../errors/id-scan-store-unavailable.error';
import type {
  IdScanCompletionRecord,
  IdScanFailedDeliveryRecord,
  IdScanResultCheckCount,
  IdScanTransactionRecord,
  IdScanTransactionStore,
  IdScanVerificationOutcome,
} from './id-scan-transaction-store.interface';
import { errorCode, isRedisClient, openRedisClient, storeUnavailableError } from './redis-connection.util';
import { parseStoredCompletion, parseStoredFailedDelivery, parseStoredRecord } from './redis-stored-values.util';
import { EVENT_TTL_RANGE, RETENTION_RANGE, resolveStoreOptions } from './store-options.util';
import { durationOption } from '../utils/duration-option.util';
import type {
  RedisTransactionStoreClient,
  RedisTransactionStoreConnectionOptions,
  RedisTransactionStoreOptions,
} from './redis-transaction-store.interface';

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

/** A minute: a store call waiting longer than that for Redis holds a request that should have answered 503. */
const COMMAND_TIMEOUT_RANGE = Object.freeze({ fallback: 1000, min: 1, max: 60_000 });

/**
 * Keeps a failed delivery (its entry expires on its own) and indexes it by the moment it failed; index entries past
 * the lifetime are pruned on the way.
 */
const FAILED_ADD_SCRIPT = `
redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2])
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[5])
return 1`;

/** The failed deliveries, newest first: their entries, read in the same step as the index. */
const FAILED_LIST_SCRIPT = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[3])
local ids = redis.call('ZREVRANGE', KEYS[1], 0, tonumber(ARGV[2]) - 1)
local entries = {}
for i, id in ipairs(ids) do entries[i] = redis.call('GET', ARGV[1] .. id) or '' end
return entries`;

/** Removes a failed delivery; 1 only for the caller that took it out of the index. */
const FAILED_REMOVE_SCRIPT = `
redis.call('DEL', KEYS[2])
return redis.call('ZREM', KEYS[1], ARGV[1])`;

/**
 * A store shared by every instance of the host through Redis, so a completion is emitted once across all of them.
 * Records are JSON strings that expire (`PX`) `retentionMs` after their transaction; "first time" decisions are a
 * single `SET ... PX ... NX`, which Redis executes atomically.
 *
 * While Redis is unreachable every method rejects with `IdScanStoreUnavailableError` (the routes answer 503); a
 * client the store created fails within about `commandTimeoutMs`, logs the loss and the recovery once each, and
 * reconnects by itself.
 *
 * ```ts
 * IdScanModule.forRoot({ ..., store: new RedisTransactionStore(process.env.REDIS_URL) })
 * ```
 */
export class RedisTransactionStore implements IdScanTransactionStore {
  private readonly logger = new Logger('RedisTransactionStore');
  private readonly connection: Promise<RedisTransactionStoreClient>;
  private readonly ownsClient: boolean;
  private readonly keyPrefix: string;
  private readonly retentionMs: number;
  private readonly eventTtlMs: number;
  private readonly commandTimeoutMs: number;
  /** Settles at the next `ready` (or `end`) of the store's own client; shared by every call waiting for it. */
  private nextReady?: Promise<void>;
  /** Whether the loss of the store's own connection was logged and its recovery not yet. */
  private lost = false;
  private connectedOnce = false;
  private closing = false;

  /**
   * @param client an ioredis client, which stays yours to configure and close; or ioredis options (or a
   *   `redis://` URL), in which case the store creates a client bounded by `commandTimeoutMs` and {@link close}
   *   closes it.
   * @throws IdScanConfigurationError listing every option among `retentionMs`, `eventTtlMs` and `commandTimeoutMs`
   *   that is not an integer of milliseconds in its range.
   */
  constructor(
    client: RedisTransactionStoreClient | RedisTransactionStoreConnectionOptions | string,
    options: RedisTransactionStoreOptions = {},
  ) {
    this.keyPrefix = options.keyPrefix ?? 'id-scan:';
    const resolved = resolveStoreOptions('RedisTransactionStore', (problems) => ({
      retentionMs: durationOption('retentionMs', options.retentionMs, RETENTION_RANGE, problems),
      eventTtlMs: durationOption('eventTtlMs', options.eventTtlMs, EVENT_TTL_RANGE, problems),
      commandTimeoutMs: durationOption('commandTimeoutMs', options.commandTimeoutMs, COMMAND_TIMEOUT_RANGE, problems),
    }));
    this.retentionMs = resolved.retentionMs;
    this.eventTtlMs = resolved.eventTtlMs;
    this.commandTimeoutMs = resolved.commandTimeoutMs;
    this.ownsClient = !isRedisClient(client);
    this.connection = isRedisClient(client)
      ? Promise.resolve(client)
      : openRedisClient(client, this.commandTimeoutMs).then((redis) => this.watch(redis));
    // A failed import surfaces on first use; this only keeps it from being reported as unhandled before then.
    this.connection.catch(() => undefined);
  }

  async save(record: IdScanTransactionRecord): Promise<void> {
    const key = this.recordKey(record.transactionId);
    const ttl = this.ttlOf(record);
    // A record whose retention is already over must not linger (nor replace a live one with a stale copy).
    if (ttl <= 0) {
      await this.run((redis) => redis.del(key));
      await this.run((redis) => redis.zrem(this.openKey(), record.transactionId));
      return;
    }
    const expiresAt = Date.parse(record.expiresAt);
    await this.run((redis) =>
      redis.eval(
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
      ),
    );
  }

  async get(transactionId: string): Promise<IdScanTransactionRecord | undefined> {
    const raw = await this.run((redis) => redis.get(this.recordKey(transactionId)));
    return raw === null ? undefined : parseStoredRecord(raw, transactionId);
  }

  async markCompleted(transactionId: string, resultId: string, outcome: IdScanVerificationOutcome): Promise<boolean> {
    const record = await this.get(transactionId);
    const ttl = record ? Math.max(this.ttlOf(record), 1) : this.retentionMs;
    const value: IdScanCompletionRecord = { resultId, outcome };
    const answer = await this.run((redis) =>
      redis.eval(
        MARK_COMPLETED_SCRIPT,
        2,
        this.completionKey(transactionId),
        this.openKey(),
        JSON.stringify(value),
        ttl,
        transactionId,
      ),
    );
    return answer === 1;
  }

  async getCompletion(transactionId: string): Promise<IdScanCompletionRecord | undefined> {
    const raw = await this.run((redis) => redis.get(this.completionKey(transactionId)));
    return raw === null ? undefined : parseStoredCompletion(raw);
  }

  async countResultCheck(transactionId: string, windowMs: number): Promise<IdScanResultCheckCount> {
    const answer = (await this.run((redis) =>
      redis.eval(COUNT_SCRIPT, 1, this.checksKey(transactionId), windowMs),
    )) as [number, number];
    // PTTL is -1 only if something removed the expiry under us; the window then counts as a fresh one.
    return { count: answer[0], resetInMs: answer[1] >= 0 ? answer[1] : windowMs };
  }

  async leaseExpired(now: number, leaseMs: number, limit: number): Promise<string[]> {
    return (await this.run((redis) =>
      redis.eval(LEASE_SCRIPT, 1, this.openKey(), now, now + leaseMs, limit),
    )) as string[];
  }

  async claimExpiry(transactionId: string): Promise<boolean> {
    return (await this.run((redis) => redis.zrem(this.openKey(), transactionId))) === 1;
  }

  async markEventSeen(eventId: string): Promise<boolean> {
    const answer = await this.run((redis) => redis.set(this.eventKey(eventId), '1', 'PX', this.eventTtlMs, 'NX'));
    return answer === 'OK';
  }

  async releaseEvent(eventId: string): Promise<void> {
    await this.run((redis) => redis.del(this.eventKey(eventId)));
  }

  async recordFailedDelivery(record: IdScanFailedDeliveryRecord): Promise<void> {
    const parsed = Date.parse(record.failedAt);
    const failedAt = Number.isNaN(parsed) ? Date.now() : parsed;
    const ttl = failedAt + this.eventTtlMs - Date.now();
    if (ttl <= 0) return;
    await this.run((redis) =>
      redis.eval(
        FAILED_ADD_SCRIPT,
        2,
        this.failedKey(),
        this.failedEntryKey(record.jobId),
        JSON.stringify(record),
        ttl,
        failedAt,
        record.jobId,
        Date.now() - this.eventTtlMs,
      ),
    );
  }

  async listFailedDeliveries(limit: number): Promise<IdScanFailedDeliveryRecord[]> {
    if (limit <= 0) return [];
    const entries = (await this.run((redis) =>
      redis.eval(FAILED_LIST_SCRIPT, 1, this.failedKey(), this.failedEntryKey(''), limit, Date.now() - this.eventTtlMs),
    )) as string[];
    return entries.flatMap((raw) => {
      const record = raw === '' ? undefined : parseStoredFailedDelivery(raw);
      return record ? [record] : [];
    });
  }

  async removeFailedDelivery(jobId: string): Promise<boolean> {
    const removed = await this.run((redis) =>
      redis.eval(FAILED_REMOVE_SCRIPT, 2, this.failedKey(), this.failedEntryKey(jobId), jobId),
    );
    return removed === 1;
  }

  /**
   * Resolves once Redis answers a PING.
   * @throws IdScanStoreUnavailableError when Redis cannot be reached (within `commandTimeoutMs`, for the store's
   *   own client).
   */
  async ping(): Promise<void> {
    await this.run((redis) => redis.ping());
  }

  /** Closes the connection if the store opened it; a client passed to the constructor is left open. */
  async close(): Promise<void> {
    if (!this.ownsClient) return;
    this.closing = true;
    const redis = await this.connection;
    // QUIT needs a live connection; while Redis is away there is nothing to say goodbye to.
    if (redis.status === 'ready') await redis.quit();
    else if (redis.status !== 'end') redis.disconnect();
  }

  /**
   * Runs one command, the single way every method reaches Redis. Connection failures become
   * `IdScanStoreUnavailableError`; reply errors that mean a wrong command stay as they are. A disconnected client
   * is first given up to `commandTimeoutMs` to (re)connect; the command is never handed to a client that is not
   * connected, whose offline queue could run it after its caller has given up.
   */
  private async run<T>(command: (redis: RedisTransactionStoreClient) => Promise<T>): Promise<T> {
    const redis = await this.connection;
    await this.untilReady(redis);
    try {
      return await command(redis);
    } catch (error) {
      throw storeUnavailableError(error) ?? error;
    }
  }

  private async untilReady(redis: RedisTransactionStoreClient): Promise<void> {
    if (this.closing || redis.status === 'end') {
      const message = 'The transaction store was closed; no Redis command can be sent any more.';
      throw new IdScanStoreUnavailableError(message, { code: 'closed' });
    }
    // `wait`: a lazily connecting client the host passed in, which connects on its first command.
    if (redis.status === 'ready' || redis.status === 'wait') return;
    this.nextReady ??= new Promise<void>((resolve) => {
      const settle = (): void => {
        redis.removeListener('ready', settle);
        redis.removeListener('end', settle);
        this.nextReady = undefined;
        resolve();
      };
      redis.once('ready', settle);
      redis.once('end', settle);
    });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.nextReady,
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, this.commandTimeoutMs);
      }),
    ]);
    clearTimeout(timer);
    if (redis.status === 'ready') return;
    throw new IdScanStoreUnavailableError(
      `Redis could not be reached within ${this.commandTimeoutMs} ms, so the transaction store is unavailable. ` +
        'Check that Redis is running and reachable; the store reconnects by itself, so try again in a moment.',
      { code: 'not_connected' },
    );
  }

  /** Listens to the store's own client: its errors are expected while Redis is away, and logged once per outage. */
  private watch(redis: RedisTransactionStoreClient): RedisTransactionStoreClient {
    redis.on('error', (error) => this.connectionLost(error?.message ?? 'connection error', errorCode(error)));
    redis.on('close', () => this.connectionLost('connection closed'));
    redis.on('ready', () => {
      const again = this.connectedOnce;
      this.connectedOnce = true;
      if (!this.lost) return;
      this.lost = false;
      this.logger.log(`${again ? 'Reconnected' : 'Connected'} to Redis; the transaction store is available again.`);
    });
    return redis;
  }

  private connectionLost(reason: string, code?: string): void {
    if (this.lost || this.closing) return;
    this.lost = true;
    const what = this.connectedOnce ? 'Lost the connection to' : 'Cannot reach';
    this.logger.warn(
      `${what} Redis (${code ?? reason}). Store calls fail with IdScanStoreUnavailableError (the routes answer ` +
        '503) until it is back; reconnecting in the background.',
    );
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

  /** Sorted set of failed delivery job ids, scored by the moment they failed (epoch milliseconds). */
  private failedKey(): string {
    return `${this.keyPrefix}failed-deliveries`;
  }

  private failedEntryKey(jobId: string): string {
    return `${this.keyPrefix}failed-delivery:${jobId}`;
  }

  private eventKey(eventId: string): string {
    return `${this.keyPrefix}event:${eventId}`;
  }
}
