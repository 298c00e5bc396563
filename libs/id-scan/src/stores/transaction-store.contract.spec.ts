import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { redisServerUsable, startRedisServer, type RedisServerHandle } from '../../../../test/support/redis-server';
import type { IdScanFailedDeliveryRecord, IdScanTransactionStore } from './id-scan-transaction-store.interface';
import { InMemoryTransactionStore } from './in-memory-transaction.store';
import { recordOf } from '../testing/transaction-record.fixture';
import { RedisTransactionStore } from './redis-transaction.store';

type StoreOptions = { retentionMs?: number; eventTtlMs?: number };

/** One store implementation under the contract: how to start its backend and make stores on it. */
interface Backend {
  name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** A fresh store, isolated from every other store this backend made. */
  create(options?: StoreOptions): IdScanTransactionStore;
  /** Two stores that must not see each other's data (same Redis, different key prefixes). */
  pair(): [IdScanTransactionStore, IdScanTransactionStore];
}

const memory: Backend = {
  name: 'InMemoryTransactionStore',
  start: () => Promise.resolve(),
  stop: () => Promise.resolve(),
  create: (options) => new InMemoryTransactionStore(options),
  pair: () => [new InMemoryTransactionStore(), new InMemoryTransactionStore()],
};

function redisBackend(): Backend {
  let server: RedisServerHandle | undefined;
  const clients: Redis[] = [];
  const client = (): Redis => {
    if (!server) throw new Error('redis-server is not running');
    const redis = new Redis(server.url);
    clients.push(redis);
    return redis;
  };
  return {
    name: 'RedisTransactionStore',
    start: async () => {
      server = await startRedisServer();
    },
    stop: async () => {
      await Promise.all(clients.map((redis) => redis.quit()));
      await server?.stop();
    },
    create: (options) => new RedisTransactionStore(client(), { keyPrefix: `contract-${randomUUID()}:`, ...options }),
    pair: () => {
      const shared = client();
      return [
        new RedisTransactionStore(shared, { keyPrefix: 'app-a:' }),
        new RedisTransactionStore(shared, { keyPrefix: 'app-b:' }),
      ];
    },
  };
}

const backends = [memory, ...(redisServerUsable('RedisTransactionStore contract') ? [redisBackend()] : [])];

/** Polls until `probe` is true; expiry runs on the backend's own clock, so there is no event to await. */
async function eventually(probe: () => Promise<boolean>, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (await probe()) return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return probe();
}

describe.each(backends)('$name (store contract)', (backend) => {
  beforeAll(() => backend.start());
  afterAll(() => backend.stop());

  it('returns a saved record as saved, and undefined for an unknown transaction', async () => {
    const store = backend.create();
    const record = recordOf();
    await store.save(record);
    await expect(store.get(record.transactionId)).resolves.toEqual(record);
    await expect(store.get(randomUUID())).resolves.toBeUndefined();
  });

  it('keeps a record without a reference', async () => {
    const store = backend.create();
    const record = recordOf({ reference: undefined });
    await store.save(record);
    const stored = await store.get(record.transactionId);
    expect(stored?.transactionId).toBe(record.transactionId);
    expect(stored?.reference).toBeUndefined();
  });

  it('replaces a record saved again', async () => {
    const store = backend.create();
    const record = recordOf();
    await store.save(record);
    await store.save({ ...record, reference: 'order-43' });
    await expect(store.get(record.transactionId)).resolves.toMatchObject({ reference: 'order-43' });
  });

  it('forgets a record whose transaction expired longer ago than the retention', async () => {
    const store = backend.create({ retentionMs: 1000 });
    const stale = recordOf({ expiresAt: new Date(Date.now() - 5000).toISOString() });
    await store.save(stale);
    await expect(store.get(stale.transactionId)).resolves.toBeUndefined();
  });

  it('keeps a record during the retention after its transaction expired, then forgets it', async () => {
    const store = backend.create({ retentionMs: 400 });
    const record = recordOf({ expiresAt: new Date().toISOString() });
    await store.save(record);
    await expect(store.get(record.transactionId)).resolves.toEqual(record);
    const forgotten = eventually(async () => (await store.get(record.transactionId)) === undefined, 5000);
    await expect(forgotten).resolves.toBe(true);
  });

  it('answers markCompleted true only the first time, whatever the result id', async () => {
    const store = backend.create();
    const record = recordOf();
    await store.save(record);
    await expect(store.markCompleted(record.transactionId, 'result-1', 'passed')).resolves.toBe(true);
    await expect(store.markCompleted(record.transactionId, 'result-1', 'passed')).resolves.toBe(false);
    await expect(store.markCompleted(record.transactionId, 'result-2', 'passed')).resolves.toBe(false);
    const other = recordOf();
    await store.save(other);
    await expect(store.markCompleted(other.transactionId, 'result-1', 'passed')).resolves.toBe(true);
  });

  it('answers markCompleted true exactly once among 50 concurrent callers', async () => {
    const store = backend.create();
    const record = recordOf();
    await store.save(record);
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => store.markCompleted(record.transactionId, `result-${i % 3}`, 'passed')),
    );
    expect(answers.filter(Boolean)).toHaveLength(1);
  });

  it('answers markEventSeen true only the first time, also among 50 concurrent callers', async () => {
    const store = backend.create();
    const eventId = randomUUID();
    await expect(store.markEventSeen(eventId)).resolves.toBe(true);
    await expect(store.markEventSeen(eventId)).resolves.toBe(false);
    const concurrent = randomUUID();
    const answers = await Promise.all(Array.from({ length: 50 }, () => store.markEventSeen(concurrent)));
    expect(answers.filter(Boolean)).toHaveLength(1);
  });

  it('marks a released event id as new again, and leaves other ids alone', async () => {
    const store = backend.create();
    const released = randomUUID();
    const kept = randomUUID();
    await store.markEventSeen(released);
    await store.markEventSeen(kept);
    await store.releaseEvent?.(released);
    await expect(store.markEventSeen(released)).resolves.toBe(true);
    await expect(store.markEventSeen(kept)).resolves.toBe(false);
    await expect(store.releaseEvent?.(randomUUID())).resolves.toBeUndefined();
  });

  it('forgets a seen event id after eventTtlMs', async () => {
    const store = backend.create({ eventTtlMs: 300 });
    const eventId = randomUUID();
    await expect(store.markEventSeen(eventId)).resolves.toBe(true);
    await expect(store.markEventSeen(eventId)).resolves.toBe(false);
    await expect(eventually(() => store.markEventSeen(eventId), 5000)).resolves.toBe(true);
  });

  it('keeps the result id and outcome of the first completion only, and none before it', async () => {
    const store = backend.create();
    const record = recordOf();
    await store.save(record);
    await expect(store.getCompletion(record.transactionId)).resolves.toBeUndefined();
    await store.markCompleted(record.transactionId, 'result-1', 'failed');
    await store.markCompleted(record.transactionId, 'result-2', 'passed');
    await expect(store.getCompletion(record.transactionId)).resolves.toEqual({
      resultId: 'result-1',
      outcome: 'failed',
      delivered: false,
    });
    await expect(store.getCompletion(randomUUID())).resolves.toBeUndefined();
  });

  it('counts result checks per transaction in a window, and starts again after it', async () => {
    const store = backend.create();
    const [a, b] = [randomUUID(), randomUUID()];
    const counts = [];
    for (let i = 0; i < 3; i++) counts.push(await store.countResultCheck(a, 400));
    expect(counts.map((c) => c.count)).toEqual([1, 2, 3]);
    for (const { resetInMs } of counts) {
      expect(resetInMs).toBeGreaterThan(0);
      expect(resetInMs).toBeLessThanOrEqual(400);
    }
    await expect(store.countResultCheck(b, 400)).resolves.toMatchObject({ count: 1 });
    const restarted = eventually(async () => (await store.countResultCheck(a, 400)).count === 1, 5000);
    await expect(restarted).resolves.toBe(true);
  });

  it('counts 50 concurrent result checks exactly once each', async () => {
    const store = backend.create();
    const id = randomUUID();
    const counts = await Promise.all(Array.from({ length: 50 }, () => store.countResultCheck(id, 60_000)));
    expect(counts.map((c) => c.count).sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it('leases open transactions past their expiry, each to one caller until the lease ends', async () => {
    const store = backend.create();
    const now = Date.now();
    const due = recordOf({ expiresAt: new Date(now - 1000).toISOString() });
    const later = recordOf({ expiresAt: new Date(now + 60_000).toISOString() });
    await store.save(due);
    await store.save(later);
    await expect(store.leaseExpired(now, 500, 10)).resolves.toEqual([due.transactionId]);
    await expect(store.leaseExpired(now, 500, 10)).resolves.toEqual([]);
    await expect(store.leaseExpired(now + 600, 500, 10)).resolves.toEqual([due.transactionId]);
    await expect(store.leaseExpired(now + 120_000, 500, 10)).resolves.toEqual(
      expect.arrayContaining([due.transactionId, later.transactionId]),
    );
  });

  it('hands each due transaction to exactly one of 20 concurrent sweeps, and honours the limit', async () => {
    const store = backend.create();
    const now = Date.now();
    const records = Array.from({ length: 30 }, () => recordOf({ expiresAt: new Date(now - 1000).toISOString() }));
    for (const record of records) await store.save(record);
    const leases = await Promise.all(Array.from({ length: 20 }, () => store.leaseExpired(now, 60_000, 5)));
    const handed = leases.flat();
    expect(leases.every((ids) => ids.length <= 5)).toBe(true);
    expect(new Set(handed).size).toBe(handed.length);
    expect(handed.sort()).toEqual(records.map((r) => r.transactionId).sort());
  });

  it('leaves completed transactions out of the expiry index', async () => {
    const store = backend.create();
    const record = recordOf({ expiresAt: new Date(Date.now() - 1000).toISOString() });
    await store.save(record);
    await store.markCompleted(record.transactionId, 'r', 'passed');
    await expect(store.leaseExpired(Date.now(), 500, 10)).resolves.toEqual([]);
    await expect(store.claimExpiry(record.transactionId)).resolves.toBe(false);
  });

  it('claims an expiry once among 50 concurrent callers, and never for an unknown transaction', async () => {
    const store = backend.create();
    const record = recordOf();
    await store.save(record);
    const answers = await Promise.all(Array.from({ length: 50 }, () => store.claimExpiry(record.transactionId)));
    expect(answers.filter(Boolean)).toHaveLength(1);
    await expect(store.leaseExpired(Date.now() + 7_200_000, 500, 10)).resolves.toEqual([]);
    await expect(store.claimExpiry(randomUUID())).resolves.toBe(false);
  });

  it("answers a repeated completion write with the holder's token as the first, and no other", async () => {
    const store = backend.create();
    const record = recordOf();
    await store.save(record);
    const claim = { token: randomUUID(), leaseMs: 60_000 };
    await expect(store.markCompleted(record.transactionId, 'r', 'passed', claim)).resolves.toBe(true);
    // The same write again (its first answer was lost): still the first.
    await expect(store.markCompleted(record.transactionId, 'r', 'passed', claim)).resolves.toBe(true);
    const other = { token: randomUUID(), leaseMs: 60_000 };
    await expect(store.markCompleted(record.transactionId, 'r', 'passed', other)).resolves.toBe(false);
  });

  it('hands the delivery of a recorded outcome to one holder until its lease ends or it is marked delivered', async () => {
    const store = backend.create();
    const record = recordOf();
    await store.save(record);
    const id = record.transactionId;
    const ghost = { token: randomUUID(), leaseMs: 300 };
    const other = { token: randomUUID(), leaseMs: 60_000 };
    await expect(store.takeDelivery?.(id, 'completed', other)).resolves.toBe('none');
    await store.markCompleted(id, 'r', 'passed', ghost);
    await expect(store.getCompletion(id)).resolves.toMatchObject({ delivered: false });
    await expect(store.takeDelivery?.(id, 'completed', other)).resolves.toBe('busy');
    await expect(store.takeDelivery?.(id, 'completed', ghost)).resolves.toBe('taken');
    await expect(store.takeDelivery?.(id, 'expired', other)).resolves.toBe('none');
    const takenOver = eventually(async () => (await store.takeDelivery?.(id, 'completed', other)) === 'taken', 5000);
    await expect(takenOver).resolves.toBe(true);
    await store.markDelivered?.(id);
    await expect(store.takeDelivery?.(id, 'completed', other)).resolves.toBe('delivered');
    await expect(store.getCompletion(id)).resolves.toMatchObject({ delivered: true });
  });

  it('keeps a claimed outcome in the expiry index, past its lease, until its delivery is marked done', async () => {
    const store = backend.create();
    const now = Date.now();
    const record = recordOf({ expiresAt: new Date(now - 1000).toISOString() });
    await store.save(record);
    const claim = { token: randomUUID(), leaseMs: 5000 };
    await expect(store.claimExpiry(record.transactionId, claim)).resolves.toBe(true);
    await expect(store.claimExpiry(record.transactionId, { token: randomUUID(), leaseMs: 5000 })).resolves.toBe(false);
    await expect(store.leaseExpired(now, 1000, 10)).resolves.toEqual([]);
    // The claimer died before delivering: the sweep meets it again once the lease is over.
    await expect(store.leaseExpired(now + 10_000, 1000, 10)).resolves.toEqual([record.transactionId]);
    await expect(store.takeDelivery?.(record.transactionId, 'expired', claim)).resolves.toBe('taken');
    await store.markDelivered?.(record.transactionId);
    await expect(store.leaseExpired(now + 3_600_000, 1000, 10)).resolves.toEqual([]);
    await expect(store.claimExpiry(record.transactionId, claim)).resolves.toBe(false);
  });

  it('keeps the records and marks of isolated stores apart', async () => {
    const [a, b] = backend.pair();
    const record = recordOf();
    await a.save(record);
    await expect(b.get(record.transactionId)).resolves.toBeUndefined();
    await expect(a.markCompleted(record.transactionId, 'r', 'passed')).resolves.toBe(true);
    await expect(b.markCompleted(record.transactionId, 'r', 'passed')).resolves.toBe(true);
    const eventId = randomUUID();
    await expect(a.markEventSeen(eventId)).resolves.toBe(true);
    await expect(b.markEventSeen(eventId)).resolves.toBe(true);
    await expect(b.getCompletion(record.transactionId)).resolves.toMatchObject({ resultId: 'r' });
    await expect(a.countResultCheck(record.transactionId, 60_000)).resolves.toMatchObject({ count: 1 });
    await expect(b.countResultCheck(record.transactionId, 60_000)).resolves.toMatchObject({ count: 1 });
  });

  describe('failed deliveries', () => {
    /** A failed delivery of a completion, `agoMs` ago. */
    const failedOf = (agoMs = 0, transactionId = randomUUID()): IdScanFailedDeliveryRecord => ({
      jobId: `completed.${transactionId}`,
      job: { kind: 'completed', transactionId, resultId: randomUUID(), via: 'return-url', reference: 'order-1' },
      attempts: 8,
      failedAt: new Date(Date.now() - agoMs).toISOString(),
      errorName: 'TypeError',
    });
    /** The three optional methods, which both bundled stores implement. */
    const failedList = (store: IdScanTransactionStore) => ({
      record: (entry: IdScanFailedDeliveryRecord) => store.recordFailedDelivery!(entry),
      list: (limit = 100) => store.listFailedDeliveries!(limit),
      remove: (jobId: string) => store.removeFailedDelivery!(jobId),
    });

    it('lists failed deliveries newest first, as recorded, within the limit', async () => {
      const store = failedList(backend.create());
      const [old, middle, recent] = [failedOf(3000), failedOf(2000), failedOf(1000)];
      for (const entry of [middle, recent, old]) await store.record(entry);
      await expect(store.list()).resolves.toEqual([recent, middle, old]);
      await expect(store.list(2)).resolves.toEqual([recent, middle]);
      await expect(store.list(0)).resolves.toEqual([]);
    });

    it('keeps one entry per job id: recording it again replaces it', async () => {
      const store = failedList(backend.create());
      const first = failedOf(5000);
      await store.record(first);
      const again = { ...first, attempts: 3, failedAt: new Date().toISOString() };
      await store.record(again);
      await expect(store.list()).resolves.toEqual([again]);
    });

    it('removes an entry for exactly one of 20 concurrent callers, and nothing for an unknown id', async () => {
      const store = failedList(backend.create());
      const entry = failedOf();
      await store.record(entry);
      const answers = await Promise.all(Array.from({ length: 20 }, () => store.remove(entry.jobId)));
      expect(answers.filter(Boolean)).toHaveLength(1);
      await expect(store.list()).resolves.toEqual([]);
      await expect(store.remove('completed.unknown')).resolves.toBe(false);
    });

    it('forgets a failed delivery eventTtlMs after it failed', async () => {
      const store = failedList(backend.create({ eventTtlMs: 300 }));
      await store.record(failedOf());
      await store.record(failedOf(400));
      await expect(store.list()).resolves.toHaveLength(1);
      await expect(eventually(async () => (await store.list()).length === 0, 5000)).resolves.toBe(true);
    });

    it('keeps the failed lists of isolated stores apart, and shares one between stores on the same data', async () => {
      const [a, b] = backend.pair().map(failedList);
      const entry = failedOf();
      await a.record(entry);
      await expect(b.list()).resolves.toEqual([]);
      await expect(a.list()).resolves.toEqual([entry]);
    });
  });
});
