import { Redis } from 'ioredis';
import { setTimeout as sleep } from 'node:timers/promises';
import { IdScanEvents, RedisTransactionStore, type TransactionExpiredEvent } from 'nestjs-id-scan';
import { IdScanEmulator } from 'nestjs-id-scan-emulator';
import { completedEventDone, deliveriesSettled } from './support/deliveries';
import { postComplete, returnOn, startTransactionOn, taskUpdatedDelivery } from './support/host-requests';
import { HOST_API_TIMEOUT_MS, startHost, WEBHOOK_SECRET, type TestHost } from './support/id-scan-host';
import { describeWithRedis, startRedisServer, type RedisServerHandle } from './support/redis-server';

describeWithRedis('two host instances sharing one Redis store (e2e)', () => {
  let redis: RedisServerHandle;
  let emulator: IdScanEmulator;
  const clients: Redis[] = [];
  let a: TestHost;
  let b: TestHost;

  /** One application instance: its own process state and Redis connection, the shared database. */
  function instance(): Promise<TestHost> {
    const client = new Redis(redis.url);
    clients.push(client);
    return startHost({
      emulator,
      store: new RedisTransactionStore(client, { keyPrefix: 'multi-instance:', commandTimeoutMs: HOST_API_TIMEOUT_MS }),
    });
  }

  beforeAll(async () => {
    redis = await startRedisServer();
    emulator = await IdScanEmulator.start({ logger: false, webhookRetryDelaysMs: [50, 100, 200] });
    a = await instance();
    b = await instance();
    // Both instances subscribe, so each event reaches both, as if a load balancer sent retries to either one.
    await a.idScan.subscribeEvents(`${a.origin}/id-scan/events`);
    await b.idScan.subscribeEvents(`${b.origin}/id-scan/events`);
  });

  afterEach(() => deliveriesSettled(emulator));

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await emulator?.stop();
    await Promise.all(clients.map((client) => client.quit()));
    await redis?.stop();
  });

  const completionsOf = (transactionId: string) => [
    ...a.events.completionsOf(transactionId),
    ...b.events.completionsOf(transactionId),
  ];

  it('lets one instance complete a transaction the other started', async () => {
    const transaction = await startTransactionOn(a);
    const { resultId } = emulator.completeTransaction(transaction.id);
    const response = await postComplete(b, transaction.id, resultId);
    expect(response.status).toBe(200);
    await emulator.waitForDelivery(completedEventDone(transaction.id));
    expect(completionsOf(transaction.id)).toHaveLength(1);
  });

  it('emits exactly once across both instances when every signal hits both at once', async () => {
    const transactions = await Promise.all(Array.from({ length: 5 }, (_, i) => startTransactionOn(i % 2 ? a : b)));
    const completions = transactions.map((transaction) => emulator.completeTransaction(transaction.id));
    const signals = completions.flatMap(({ transactionId, resultId }) =>
      [a, b].flatMap((host) => [
        ...Array.from({ length: 4 }, () => postComplete(host, transactionId, resultId)),
        ...Array.from({ length: 2 }, () => returnOn(host, transactionId, resultId)),
      ]),
    );
    const answers = await Promise.all(signals);
    expect(answers.every((answer) => answer.status === 200 || answer.status === 302)).toBe(true);
    for (const { transactionId } of completions) {
      await emulator.waitForDelivery(completedEventDone(transactionId));
    }
    await deliveriesSettled(emulator);
    for (const { transactionId, resultId } of completions) {
      const events = completionsOf(transactionId);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ transactionId, resultId });
    }
  });

  it('processes one delivery id once across both instances', async () => {
    const transaction = await startTransactionOn(a);
    const { resultId } = emulator.completeTransaction(transaction.id);
    await deliveriesSettled(emulator, 1, transaction.id);
    const delivery = taskUpdatedDelivery(transaction.id, resultId);
    const answers = await Promise.all(
      [a, b, a, b].map((host) =>
        fetch(`${host.origin}/id-scan/events`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-id-scan-webhook-secret': WEBHOOK_SECRET },
          body: JSON.stringify(delivery),
        }).then(async (response) => (await response.json()) as { outcome: string }),
      ),
    );
    expect(answers.map((answer) => answer.outcome).sort()).toEqual([
      'duplicate',
      'duplicate',
      'duplicate',
      'processed',
    ]);
  });

  describe('with the expiry sweep running on both', () => {
    const sweepers: TestHost[] = [];
    let emulatorB: IdScanEmulator;
    let store: RedisTransactionStore;

    beforeAll(async () => {
      // An emulator of their own: moving its clock must not expire the other tests' transactions.
      emulatorB = await IdScanEmulator.start({ logger: false });
      for (let i = 0; i < 2; i++) {
        const client = new Redis(redis.url);
        clients.push(client);
        sweepers.push(
          await startHost({
            emulator: emulatorB,
            store: new RedisTransactionStore(client, {
              keyPrefix: 'multi-sweep:',
              commandTimeoutMs: HOST_API_TIMEOUT_MS,
            }),
            options: { expirySweep: { intervalMs: 20 } },
          }),
        );
      }
      const client = new Redis(redis.url);
      clients.push(client);
      store = new RedisTransactionStore(client, { keyPrefix: 'multi-sweep:', commandTimeoutMs: HOST_API_TIMEOUT_MS });
    });

    afterAll(async () => {
      await Promise.all(sweepers.map((host) => host.close()));
      await emulatorB?.stop();
    });

    it('announces each expiry once across both instances', async () => {
      const transactions = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          sweepers[i % 2].idScan.createTransaction({ tasks: ['document_scan'] }, { reference: `order-${i}` }),
        ),
      );
      emulatorB.advanceClock(3_600_000 + 60_000);
      // The hosts' clock reaches the expiries too: each record, as the store indexes it, now lies in the past.
      for (const { id } of transactions) {
        const record = await store.get(id);
        if (record) await store.save({ ...record, expiresAt: new Date(Date.now() - 1000).toISOString() });
      }
      await Promise.all(
        transactions.map(({ id }) =>
          Promise.race(
            sweepers.map((host) =>
              host.events.next<TransactionExpiredEvent>(IdScanEvents.TransactionExpired, (e) => e.transactionId === id),
            ),
          ),
        ),
      );
      await sleep(300);
      const announced = sweepers.flatMap((host) => host.events.expired.map((e) => e.transactionId));
      expect(announced.sort()).toEqual(transactions.map((t) => t.id).sort());
    });
  });
});
