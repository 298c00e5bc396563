import { Injectable, type Type } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  IdScanEvents,
  IdScanHealthIndicator,
  RedisTransactionStore,
  type DeliveryFailedEvent,
  type TransactionCompletedEvent,
} from 'nestjs-id-scan';
import { IdScanEmulator } from 'nestjs-id-scan-emulator';
import { ConditionWaiters } from './support/condition-waiters';
import { postComplete, returnOn, startTransactionOn } from './support/host-requests';
import { HOST_API_TIMEOUT_MS, startHost, type TestHost } from './support/id-scan-host';
import { describeWithRedis, startRedisServer, type RedisServerHandle } from './support/redis-server';
import { ServerRequestCounter } from './support/server-requests';

/** Longer than the retry schedule of this suite ([30, 30] ms) plus a queue round trip: what did not come won't. */
const QUIET_MS = 600;

/** What every instance's listener did, shared as a host's database would be. */
class Sink extends ConditionWaiters {
  /** How many attempts of a transaction fail before one succeeds (Infinity: all). */
  readonly failures = new Map<string, number>();
  readonly attempts: { transactionId: string; attempt: number; instance: string }[] = [];
  readonly successes: { transactionId: string; instance: string }[] = [];
  readonly failed: DeliveryFailedEvent[] = [];

  async attempt(instance: string, event: TransactionCompletedEvent): Promise<void> {
    this.attempts.push({ transactionId: event.transactionId, attempt: event.attempt, instance });
    await Promise.resolve();
    const left = this.failures.get(event.transactionId) ?? 0;
    try {
      if (left > 0) {
        this.failures.set(event.transactionId, left - 1);
        throw new Error('the orders database is unavailable');
      }
      this.successes.push({ transactionId: event.transactionId, instance });
    } finally {
      this.changed();
    }
  }

  fail(event: DeliveryFailedEvent): void {
    this.failed.push(event);
    this.changed();
  }

  attemptsOf(transactionId: string): number[] {
    return this.attempts.filter((a) => a.transactionId === transactionId).map((a) => a.attempt);
  }

  successesOf(transactionId: string): number {
    return this.successes.filter((s) => s.transactionId === transactionId).length;
  }
}

const sink = new Sink();

/** The listener of one instance. */
function listenerOf(instance: string): Type {
  @Injectable()
  class SinkListener {
    @OnEvent(IdScanEvents.TransactionCompleted, { suppressErrors: false })
    onCompleted(event: TransactionCompletedEvent): Promise<void> {
      return sink.attempt(instance, event);
    }

    @OnEvent(IdScanEvents.DeliveryFailed)
    onFailed(event: DeliveryFailedEvent): void {
      sink.fail(event);
    }
  }
  return SinkListener;
}

describeWithRedis('delivery through a BullMQ queue, two instances on one Redis (e2e)', () => {
  let redis: RedisServerHandle;
  let emulator: IdScanEmulator;
  const clients: Redis[] = [];
  const queueName = `deliveries-${randomUUID()}`;
  let storeClient: Redis;
  let a: TestHost;
  let b: TestHost;

  /** One application instance: its own connections and worker, the shared Redis for the store and the queue. */
  function instance(name: string): Promise<TestHost> {
    const client = new Redis(redis.url, { maxRetriesPerRequest: null });
    clients.push(client);
    return startHost({
      emulator,
      store: new RedisTransactionStore(client, { keyPrefix: 'queue-suite:' }),
      providers: [listenerOf(name)],
      options: {
        delivery: { retryDelaysMs: [30, 30], queue: { connection: client, name: queueName, concurrency: 4 } },
        expirySweep: false,
      },
    });
  }

  beforeAll(async () => {
    redis = await startRedisServer();
    emulator = await IdScanEmulator.start({ logger: false });
    storeClient = new Redis(redis.url);
    clients.push(storeClient);
    a = await instance('a');
    b = await instance('b');
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await emulator?.stop();
    await Promise.all(clients.map((client) => client.quit()));
    await redis?.stop();
  });

  it('redelivers a completion whose listener failed twice: attempt 3 succeeds, once across both instances', async () => {
    const transaction = await startTransactionOn(a);
    const { resultId } = emulator.completeTransaction(transaction.id);
    sink.failures.set(transaction.id, 2);
    const upstream = new ServerRequestCounter(emulator.url);
    try {
      expect((await postComplete(a, transaction.id, resultId)).status).toBe(200);
      await sink.until(() => sink.successesOf(transaction.id) === 1);
      await sleep(QUIET_MS);
      expect(sink.attemptsOf(transaction.id)).toEqual([1, 2, 3]);
      expect(sink.successesOf(transaction.id)).toBe(1);
      // The signal's check, perhaps one for the first attempt (when the other instance ran it), one per retry.
      expect(upstream.count).toBeGreaterThanOrEqual(3);
      expect(upstream.count).toBeLessThanOrEqual(4);
    } finally {
      upstream.close();
    }
  });

  it('enqueues one job for signals arriving on both instances at once, and delivers it once', async () => {
    const transactions = await Promise.all([startTransactionOn(a), startTransactionOn(b), startTransactionOn(a)]);
    const completions = transactions.map((t) => emulator.completeTransaction(t.id));
    const answers = await Promise.all(
      completions.flatMap(({ transactionId, resultId }) =>
        [a, b].flatMap((host) => [
          postComplete(host, transactionId, resultId),
          postComplete(host, transactionId, resultId),
          returnOn(host, transactionId, resultId),
        ]),
      ),
    );
    expect(answers.every((answer) => answer.status === 200 || answer.status === 302)).toBe(true);
    await sink.until(() => completions.every(({ transactionId }) => sink.successesOf(transactionId) === 1));
    await sleep(QUIET_MS);
    for (const { transactionId } of completions) {
      expect(sink.attemptsOf(transactionId)).toEqual([1]);
      expect(sink.successesOf(transactionId)).toBe(1);
    }
  });

  it('ends a delivery that always fails in one id-scan.delivery.failed, counted by every instance', async () => {
    const transaction = await startTransactionOn(b);
    const { resultId } = emulator.completeTransaction(transaction.id);
    sink.failures.set(transaction.id, Infinity);
    expect((await postComplete(b, transaction.id, resultId)).status).toBe(200);
    await sink.until(() => sink.failed.some((e) => e.transactionId === transaction.id));
    await sleep(QUIET_MS);
    expect(sink.attemptsOf(transaction.id)).toEqual([1, 2, 3]);
    const failures = sink.failed.filter((e) => e.transactionId === transaction.id);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ event: IdScanEvents.TransactionCompleted, attempts: 3 });
    for (const host of [a, b]) {
      const report = await host.app
        .get(IdScanHealthIndicator)
        .isHealthy('id-scan', { timeoutMs: HOST_API_TIMEOUT_MS, maxFailedDeliveries: 0 });
      expect(report['id-scan']).toMatchObject({ status: 'down', reason: 'deliveries_failed' });
      expect(report['id-scan'].deliveries).toMatchObject({ failed: 1 });
    }
  });

  it('enqueues, on the next signal, a completion recorded by a process that died before enqueueing it', async () => {
    const transaction = await startTransactionOn(a);
    const { resultId } = emulator.completeTransaction(transaction.id);
    // What the dead process left behind: the completion recorded, no job.
    const store = new RedisTransactionStore(storeClient, { keyPrefix: 'queue-suite:' });
    await expect(store.markCompleted(transaction.id, resultId, 'passed')).resolves.toBe(true);

    const answer = await returnOn(b, transaction.id, resultId);
    expect(answer.headers.get('location')).toMatch(/^\/verified\?/);
    await sink.until(() => sink.successesOf(transaction.id) === 1);
    expect((await postComplete(a, transaction.id, resultId)).status).toBe(200);
    await sleep(QUIET_MS);
    expect(sink.attemptsOf(transaction.id)).toEqual([1]);
  });
});
