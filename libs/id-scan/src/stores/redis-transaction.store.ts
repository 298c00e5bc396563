import { Logger } from '@nestjs/common';
import { IdScanStoreUnavailableError } from '../errors/id-scan-store-unavailable.error';
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
 * Indexes a transaction as open by its expiry (unless its outcome was delivered), and prunes entries whose record
 * is past its retention, so a shard of the index stays bounded when no sweep runs. KEYS: the index shard.
 */
const INDEX_SCRIPT = `
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[3])
return 1`;

/**
 * Records an outcome (KEYS[1]: the completion or expiry mark) unless one is there, for as long as the record lives
 * (KEYS[3]); the first recorder takes the delivery claim (KEYS[2]) with its token. A repeat with the holder's token
 * also answers 1: it is the same write, whose first answer was lost. KEYS[4], when given, is a mark that forbids
 * this one (an expiry is not recorded over a completion).
 */
const RECORD_OUTCOME_SCRIPT = `
if KEYS[4] and redis.call('EXISTS', KEYS[4]) == 1 then return 0 end
if redis.call('EXISTS', KEYS[3]) == 0 and ARGV[5] == '1' then return 0 end
local ttl = redis.call('PTTL', KEYS[3])
if ttl <= 0 then ttl = ARGV[2] end
if redis.call('SET', KEYS[1], ARGV[1], 'PX', ttl, 'NX') then
  if ARGV[3] ~= '' then redis.call('SET', KEYS[2], ARGV[3], 'PX', ARGV[4]) end
  return 1
end
if ARGV[3] ~= '' and redis.call('GET', KEYS[2]) == ARGV[3] then return 1 end
return 0`;

/** Takes (or renews) the delivery claim (KEYS[3]) of a recorded (KEYS[2]), undelivered (KEYS[1]) outcome. */
const TAKE_DELIVERY_SCRIPT = `
if redis.call('EXISTS', KEYS[2]) == 0 then return 'none' end
if redis.call('EXISTS', KEYS[1]) == 1 then return 'delivered' end
local holder = redis.call('GET', KEYS[3])
if holder and holder ~= ARGV[1] then return 'busy' end
redis.call('SET', KEYS[3], ARGV[1], 'PX', ARGV[2])
return 'taken'`;

/** Marks the delivery done for as long as the record lives, and drops the claim. */
const MARK_DELIVERED_SCRIPT = `
local ttl = redis.call('PTTL', KEYS[3])
if ttl <= 0 then ttl = ARGV[1] end
redis.call('SET', KEYS[1], '1', 'PX', ttl)
redis.call('DEL', KEYS[2])
return 1`;

/** Pushes an index entry's score, if the entry is there (an entry already taken out stays out). */
const REINDEX_SCRIPT = `
redis.call('ZADD', KEYS[1], 'XX', ARGV[1], ARGV[2])
return 1`;

/** The type of a key, as a plain string. */
const TYPE_SCRIPT = `return redis.call('TYPE', KEYS[1]).ok`;

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
/** Shards of the open-transaction index: on a cluster they spread over the masters; the sweep walks them all. */
export const OPEN_INDEX_SHARDS = 16;
const PROBE_TTL_MS = 60_000;
const FOREIGN_LOG_INTERVAL_MS = 60_000;

/** The keys of one transaction, all tagged with its id. */
type TransactionKeyKind = 'transaction' | 'completed' | 'expired' | 'delivered' | 'claim' | 'checks';
/** What a key holds, as the foreign-data refusal names it (never the key's value). */
type StoredKind =
  | 'transaction record'
  | 'completion mark'
  | 'expiry mark'
  | 'delivery claim'
  | 'delivery mark'
  | 'result check counter'
  | 'open index'
  | 'event id'
  | 'probe'
  | 'failed delivery';
/** Every key the store writes, after its prefix. */
const OWN_KEY =
  /^(\{[^}]*\}:(transaction|completed|expired|delivered|claim|checks)|\{open-\d+\}:open|\{probe\}:ping|\{failed\}:(index|entry:.*)|event:.*)$/;

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
  /** The layout check of the first ping (see {@link checkLayout}), shared by concurrent pings; redone after a failure. */
  private layoutChecked?: Promise<void>;
  /** When each kind of foreign data was last logged. */
  private readonly foreignLoggedAt = new Map<StoredKind, number>();
  /** Where the next sweep starts walking the index shards. */
  private nextShard = 0;

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
    const resolved = resolveStoreOptions('RedisTransactionStore', (problems) => {
      if (/[{}]/.test(this.keyPrefix)) {
        // Each transaction is hash-tagged by its own id so that a cluster spreads them; a tag in the prefix would
        // put every key in one slot.
        problems.push("keyPrefix must not contain { or }: the store tags each transaction's keys itself");
      }
      return {
        retentionMs: durationOption('retentionMs', options.retentionMs, RETENTION_RANGE, problems),
        eventTtlMs: durationOption('eventTtlMs', options.eventTtlMs, EVENT_TTL_RANGE, problems),
        commandTimeoutMs: durationOption('commandTimeoutMs', options.commandTimeoutMs, COMMAND_TIMEOUT_RANGE, problems),
      };
    });
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
    const id = record.transactionId;
    const ttl = this.ttlOf(record);
    // A record whose retention is already over must not linger (nor replace a live one with a stale copy).
    if (ttl <= 0) {
      await Promise.all([
        this.run('transaction record', (redis) => redis.del(this.key(id, 'transaction'))),
        this.run('open index', (redis) => redis.zrem(this.openKey(id), id)),
      ]);
      return;
    }
    const expiresAt = Date.parse(record.expiresAt);
    // Two keys in two slots (the record's own and its index shard's), so two commands, sent together: an index
    // entry without its record is dropped by the next sweep that meets it.
    await Promise.all([
      this.run('open index', (redis) =>
        redis.eval(
          INDEX_SCRIPT,
          1,
          this.openKey(id),
          Number.isNaN(expiresAt) ? Date.now() : expiresAt,
          id,
          Date.now() - this.retentionMs,
        ),
      ),
      this.run('transaction record', (redis) =>
        redis.set(this.key(id, 'transaction'), JSON.stringify(record), 'PX', ttl),
      ),
    ]);
  }

  async get(transactionId: string): Promise<IdScanTransactionRecord | undefined> {
    const raw = await this.run('transaction record', (redis) => redis.get(this.key(transactionId, 'transaction')));
    return raw === null ? undefined : this.parsed('transaction record', parseStoredRecord(raw, transactionId));
  }

  async markCompleted(
    transactionId: string,
    resultId: string,
    outcome: IdScanVerificationOutcome,
    claim?: IdScanDeliveryClaim,
  ): Promise<boolean> {
    const value: IdScanCompletionRecord = { resultId, outcome, ...(claim?.via ? { via: claim.via } : {}) };
    const keys = [
      this.key(transactionId, 'completed'),
      this.key(transactionId, 'claim'),
      this.key(transactionId, 'transaction'),
    ];
    const [first] = await Promise.all([
      this.run('completion mark', (redis) =>
        redis.eval(
          RECORD_OUTCOME_SCRIPT,
          3,
          ...keys,
          JSON.stringify(value),
          this.retentionMs,
          claim?.token ?? '',
          claim?.leaseMs ?? 1,
          '0',
        ),
      ),
      this.reindex(transactionId, claim),
    ]);
    if (first === 1 && !claim) await this.unindex(transactionId);
    return first === 1;
  }

  async getCompletion(transactionId: string): Promise<IdScanCompletionRecord | undefined> {
    const [raw, delivered] = await this.run('completion mark', (redis) =>
      redis.mget(this.key(transactionId, 'completed'), this.key(transactionId, 'delivered')),
    );
    if (raw === null) return undefined;
    const completion = this.parsed('completion mark', parseStoredCompletion(raw));
    return { ...completion, delivered: delivered !== null };
  }

  async countResultCheck(transactionId: string, windowMs: number): Promise<IdScanResultCheckCount> {
    const answer = (await this.run('result check counter', (redis) =>
      redis.eval(COUNT_SCRIPT, 1, this.key(transactionId, 'checks'), windowMs),
    )) as [number, number];
    // PTTL is -1 only if something removed the expiry under us; the window then counts as a fresh one.
    return { count: answer[0], resetInMs: answer[1] >= 0 ? answer[1] : windowMs };
  }

  /** Walks the index shards from a rotating start, so every shard is looked at and none is favoured. */
  async leaseExpired(now: number, leaseMs: number, limit: number): Promise<string[]> {
    const due: string[] = [];
    const start = this.nextShard++ % OPEN_INDEX_SHARDS;
    for (let step = 0; step < OPEN_INDEX_SHARDS && due.length < limit; step++) {
      const shard = this.shardKey((start + step) % OPEN_INDEX_SHARDS);
      const leased: unknown = await this.run('open index', (redis) =>
        redis.eval(LEASE_SCRIPT, 1, shard, now, now + leaseMs, limit - due.length),
      );
      if (!Array.isArray(leased)) throw this.foreign('open index', 'reply');
      due.push(...leased.map(String));
    }
    return due;
  }

  async claimExpiry(transactionId: string, claim?: IdScanDeliveryClaim): Promise<boolean> {
    const keys = [
      this.key(transactionId, 'expired'),
      this.key(transactionId, 'claim'),
      this.key(transactionId, 'transaction'),
      this.key(transactionId, 'completed'),
    ];
    const first = await this.run('expiry mark', (redis) =>
      redis.eval(
        RECORD_OUTCOME_SCRIPT,
        4,
        ...keys,
        '1',
        this.retentionMs,
        claim?.token ?? '',
        claim?.leaseMs ?? 1,
        '1',
      ),
    );
    if (first !== 1) return false;
    if (claim) await this.reindex(transactionId, claim);
    else await this.unindex(transactionId);
    return true;
  }

  async takeDelivery(
    transactionId: string,
    kind: 'completed' | 'expired',
    claim: IdScanDeliveryClaim,
  ): Promise<IdScanDeliveryTake> {
    const keys = (['delivered', kind, 'claim'] as const).map((name) => this.key(transactionId, name));
    const answer = await this.run('delivery claim', (redis) =>
      redis.eval(TAKE_DELIVERY_SCRIPT, 3, ...keys, claim.token, claim.leaseMs),
    );
    if (answer === 'taken' || answer === 'busy' || answer === 'delivered' || answer === 'none') return answer;
    throw this.foreign('delivery claim', 'reply');
  }

  async markDelivered(transactionId: string): Promise<void> {
    const keys = (['delivered', 'claim', 'transaction'] as const).map((kind) => this.key(transactionId, kind));
    await Promise.all([
      this.run('delivery mark', (redis) => redis.eval(MARK_DELIVERED_SCRIPT, 3, ...keys, this.retentionMs)),
      this.unindex(transactionId),
    ]);
  }

  async markEventSeen(eventId: string): Promise<boolean> {
    const answer = await this.run('event id', (redis) =>
      redis.set(this.eventKey(eventId), '1', 'PX', this.eventTtlMs, 'NX'),
    );
    return answer === 'OK';
  }

  async releaseEvent(eventId: string): Promise<void> {
    await this.run('event id', (redis) => redis.del(this.eventKey(eventId)));
  }

  async recordFailedDelivery(record: IdScanFailedDeliveryRecord): Promise<void> {
    const parsed = Date.parse(record.failedAt);
    const failedAt = Number.isNaN(parsed) ? Date.now() : parsed;
    const ttl = failedAt + this.eventTtlMs - Date.now();
    if (ttl <= 0) return;
    await this.run('failed delivery', (redis) =>
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
    const entries = (await this.run('failed delivery', (redis) =>
      redis.eval(FAILED_LIST_SCRIPT, 1, this.failedKey(), this.failedEntryKey(''), limit, Date.now() - this.eventTtlMs),
    )) as string[];
    return entries.flatMap((raw) => {
      const record = raw === '' ? undefined : parseStoredFailedDelivery(raw);
      return record ? [record] : [];
    });
  }

  async removeFailedDelivery(jobId: string): Promise<boolean> {
    const removed = await this.run('failed delivery', (redis) =>
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
    // A write, not a PING: a paused (failing-over) primary or a read-only replica answers PING but takes no write,
    // and createTransaction must learn that before the API creates (and bills) a transaction nobody can record.
    await this.run('probe', (redis) => redis.set(this.probeKey(), '1', 'PX', PROBE_TTL_MS));
    this.layoutChecked ??= this.checkLayout().catch((error: unknown) => {
      this.layoutChecked = undefined;
      throw error;
    });
    await this.layoutChecked;
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
  private async run<T>(kind: StoredKind, command: (redis: RedisTransactionStoreClient) => Promise<T>): Promise<T> {
    const redis = await this.connection;
    await this.untilReady(redis);
    try {
      return await command(redis);
    } catch (error) {
      if (isWrongType(error)) throw this.foreign(kind, 'WRONGTYPE', error);
      throw storeUnavailableError(error) ?? error;
    }
  }

  /** `value`, or the foreign-data refusal when what Redis held under a key of this kind was not the store's. */
  private parsed<T>(kind: StoredKind, value: T | undefined): T {
    if (value === undefined) throw this.foreign(kind, 'unreadable');
    return value;
  }

  /**
   * The refusal for data this store did not write: nothing is decided on it (a completion read as "none" would be
   * answered from the API again and again, and never delivered), and the routes answer 503. Logged once a minute
   * per kind of key, naming the kind only: the value may be anybody's data.
   */
  private foreign(kind: StoredKind, code: string, cause?: unknown): IdScanStoreUnavailableError {
    const now = Date.now();
    if ((this.foreignLoggedAt.get(kind) ?? -Infinity) <= now - FOREIGN_LOG_INTERVAL_MS) {
      this.foreignLoggedAt.set(kind, now);
      this.logger.error(
        `Redis holds data the transaction store did not write at a ${kind} key (${code}); calls that need it fail ` +
          `with IdScanStoreUnavailableError (503). Is the keyPrefix "${this.keyPrefix}" shared with another ` +
          'application? Give each its own prefix (or database).',
      );
    }
    return new IdScanStoreUnavailableError(
      `The transaction store found data it did not write at a ${kind} key (${code}), so nothing was decided. ` +
        "Check that no other application writes under the store's keyPrefix.",
      { code: 'foreign_data', cause },
    );
  }

  /**
   * Checked once, at the first ping: every open-index shard is a sorted set (or absent), and a sample of the keys
   * under the prefix follows the store's layout. The first problem refuses (the API would otherwise create a
   * transaction whose record cannot be indexed); the second is only logged, once.
   */
  private async checkLayout(): Promise<void> {
    const shards = Array.from({ length: OPEN_INDEX_SHARDS }, (_, shard) => this.shardKey(shard));
    const types = await Promise.all(
      shards.map((shard) => this.run('open index', (redis) => redis.eval(TYPE_SCRIPT, 1, shard))),
    );
    if (types.some((type) => type !== 'zset' && type !== 'none')) throw this.foreign('open index', 'WRONGTYPE');
    const redis = await this.connection;
    if (typeof redis.scan !== 'function') return;
    const [, keys] = await this.run('probe', (client) =>
      (client.scan as NonNullable<typeof client.scan>)('0', 'MATCH', `${globEscaped(this.keyPrefix)}*`, 'COUNT', 200),
    );
    const strangers = keys.filter((key) => !this.isOwnKey(key)).length;
    if (strangers > 0) {
      this.logger.warn(
        `${strangers} of ${keys.length} sampled keys under the keyPrefix "${this.keyPrefix}" do not follow the ` +
          "transaction store's layout: another application (or an older version of this package) may share the " +
          'prefix. Give each application its own keyPrefix.',
      );
    }
  }

  private isOwnKey(key: string): boolean {
    const rest = key.slice(this.keyPrefix.length);
    return OWN_KEY.test(rest);
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

  /** A key of one transaction: its id is the hash tag, so its keys share a slot and transactions spread out. */
  private key(transactionId: string, kind: TransactionKeyKind): string {
    return `${this.keyPrefix}{${transactionId}}:${kind}`;
  }

  /** The shard of the open-transaction index (sorted set of ids, scored by expiry, then lease end) holding an id. */
  private openKey(transactionId: string): string {
    return this.shardKey(shardOf(transactionId));
  }

  private shardKey(shard: number): string {
    return `${this.keyPrefix}{open-${shard}}:open`;
  }

  /** Sorted set of failed delivery job ids, scored by the moment they failed (epoch milliseconds). */
  private failedKey(): string {
    // One tag for the failed list: its scripts read the index and the entries together, so they share a slot.
    return `${this.keyPrefix}{failed}:index`;
  }

  private failedEntryKey(jobId: string): string {
    return `${this.keyPrefix}{failed}:entry:${jobId}`;
  }

  private eventKey(eventId: string): string {
    return `${this.keyPrefix}event:${eventId}`;
  }

  private probeKey(): string {
    return `${this.keyPrefix}{probe}:ping`;
  }

  /** With a claim, pushes the transaction's next look by the sweep past the lease (an entry that is there only). */
  private async reindex(transactionId: string, claim: IdScanDeliveryClaim | undefined): Promise<void> {
    if (!claim) return;
    await this.run('open index', (redis) =>
      redis.eval(REINDEX_SCRIPT, 1, this.openKey(transactionId), Date.now() + claim.leaseMs, transactionId),
    );
  }

  private async unindex(transactionId: string): Promise<void> {
    await this.run('open index', (redis) => redis.zrem(this.openKey(transactionId), transactionId));
  }
}

/** Which shard of the open index an id lives in: FNV-1a, stable across processes and versions. */
function shardOf(transactionId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < transactionId.length; i++) {
    hash ^= transactionId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % OPEN_INDEX_SHARDS;
}

function isWrongType(error: unknown): boolean {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' && /\bWRONGTYPE\b/.test(message);
}

/** `text` with the glob characters of SCAN's MATCH escaped. */
function globEscaped(text: string): string {
  return text.replace(/[*?[\]\\]/g, (char) => `\\${char}`);
}
