import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import {
  IdScanEvents,
  RedisTransactionStore,
  type IdScanDeliveryClaim,
  type IdScanVerificationOutcome,
  type TransactionCompletedEvent,
} from 'nestjs-id-scan';
import { IdScanEmulator } from 'nestjs-id-scan-emulator';
import { completedDelivery, deliverEvent, postComplete, startTransactionOn } from './support/host-requests';
import { startHost, type TestHost } from './support/id-scan-host';
import { describeWithRedis, startRedisServer, type RedisServerHandle } from './support/redis-server';

/** How long each stall holds Redis's writes: longer than the store's 1 s command timeout, as a failover does. */
const STALL_MS = 3000;

/**
 * A store whose next `markCompleted` meets a write stall (`CLIENT PAUSE ... WRITE`, what a Sentinel or managed
 * failover does): the command times out for its caller, and Redis carries it out when the pause ends.
 */
class StallingStore extends RedisTransactionStore {
  stallNext = false;

  constructor(
    url: string,
    keyPrefix: string,
    private readonly admin: Redis,
  ) {
    super(url, { keyPrefix });
  }

  override async markCompleted(
    transactionId: string,
    resultId: string,
    outcome: IdScanVerificationOutcome,
    claim?: IdScanDeliveryClaim,
  ): Promise<boolean> {
    if (this.stallNext) {
      this.stallNext = false;
      await this.admin.call('CLIENT', 'PAUSE', String(STALL_MS), 'WRITE');
    }
    return super.markCompleted(transactionId, resultId, outcome, claim);
  }
}

describeWithRedis('a write stall (CLIENT PAUSE WRITE) neither suppresses nor duplicates a completion (e2e)', () => {
  let redis: RedisServerHandle;
  let admin: Redis;
  let emulator: IdScanEmulator;
  let stores: StallingStore[];
  let hosts: TestHost[];
  let keyPrefix: string;

  beforeAll(async () => {
    redis = await startRedisServer();
    admin = new Redis(redis.url);
    emulator = await IdScanEmulator.start({ logger: false });
    keyPrefix = `stall-${randomUUID()}:`;
    stores = [new StallingStore(redis.url, keyPrefix, admin), new StallingStore(redis.url, keyPrefix, admin)];
    hosts = await Promise.all(stores.map((store) => startHost({ emulator, store })));
  });

  afterAll(async () => {
    await admin?.call('CLIENT', 'UNPAUSE').catch(() => undefined);
    for (const host of hosts ?? []) await host.close();
    for (const store of stores ?? []) await store.close();
    admin?.disconnect();
    await emulator?.stop();
    await redis?.stop();
  });

  afterEach(async () => {
    await admin.call('CLIENT', 'UNPAUSE');
  });

  const completionsOf = (transactionId: string): TransactionCompletedEvent[] =>
    hosts.flatMap((host) => host.events.completionsOf(transactionId));

  /** Resolves once the store marks the delivery done: after that no repair may deliver it again. */
  async function deliveredMark(transactionId: string): Promise<void> {
    const probe = new RedisTransactionStore(admin, { keyPrefix });
    for (;;) {
      if ((await probe.getCompletion(transactionId))?.delivered) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Resolves once the store takes writes again (the stall is over), as the sender's next retry would find it. */
  async function writable(store: RedisTransactionStore): Promise<void> {
    while (
      !(await store.ping().then(
        () => true,
        () => false,
      ))
    )
      await new Promise((resolve) => setTimeout(resolve, 100));
  }

  async function completedTransaction(): Promise<{ transactionId: string; resultId: string }> {
    const transaction = await startTransactionOn(hosts[0]);
    return emulator.completeTransaction(transaction.id);
  }

  it('answers a stalled event delivery 503, and the sender’s retry ends in exactly one delivered completion', async () => {
    const { transactionId, resultId } = await completedTransaction();
    const delivery = completedDelivery(transactionId, resultId);
    await admin.call('CLIENT', 'PAUSE', String(STALL_MS), 'WRITE');
    const stalled = await deliverEvent(hosts[0], delivery);
    expect(stalled.status).toBe(503);
    // The pause ends: Redis now carries out the event-id claim (and whatever else) the route gave up on.
    await writable(stores[0]);
    const retry = await deliverEvent(hosts[0], delivery);
    expect(retry.status).toBe(200);
    await expect(retry.json()).resolves.toMatchObject({ outcome: 'processed' });
    await hosts[0].events.next(
      IdScanEvents.TransactionCompleted,
      (e: TransactionCompletedEvent) => e.transactionId === transactionId,
    );
    await deliveredMark(transactionId);
    const again = await deliverEvent(hosts[1], delivery);
    await expect(again.json()).resolves.toMatchObject({ outcome: 'duplicate' });
    expect(completionsOf(transactionId)).toHaveLength(1);
  });

  it('delivers a completion whose SET NX landed after its caller answered 503, on the next signal (in process)', async () => {
    const { transactionId, resultId } = await completedTransaction();
    stores[0].stallNext = true;
    const stalled = await postComplete(hosts[0], transactionId, resultId);
    expect(stalled.status).toBe(503);
    await admin.call('CLIENT', 'UNPAUSE');
    const next = await postComplete(hosts[0], transactionId, resultId);
    expect(next.status).toBe(200);
    // The iframe route waits for the listeners: the event is there by the answer.
    expect(completionsOf(transactionId)).toHaveLength(1);
    await deliveredMark(transactionId);
    await expect(postComplete(hosts[1], transactionId, resultId).then((r) => r.status)).resolves.toBe(200);
    expect(completionsOf(transactionId)).toHaveLength(1);
  });

  it('delivers it from the instance whose write stalled when the next signal reaches another instance', async () => {
    const { transactionId, resultId } = await completedTransaction();
    stores[0].stallNext = true;
    const stalled = await postComplete(hosts[0], transactionId, resultId);
    expect(stalled.status).toBe(503);
    await admin.call('CLIENT', 'UNPAUSE');
    // Another instance: it finds the completion recorded and the claim held, so it leaves the delivery alone...
    await expect(postComplete(hosts[1], transactionId, resultId).then((r) => r.status)).resolves.toBe(200);
    // ...and the instance whose write lost its answer repeats it, learns it was first, and delivers.
    await hosts[0].events.next(
      IdScanEvents.TransactionCompleted,
      (e: TransactionCompletedEvent) => e.transactionId === transactionId,
    );
    await deliveredMark(transactionId);
    await expect(postComplete(hosts[1], transactionId, resultId).then((r) => r.status)).resolves.toBe(200);
    expect(completionsOf(transactionId)).toHaveLength(1);
  });
});
