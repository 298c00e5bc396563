import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  IdScanEvents,
  IdScanHealthIndicator,
  RedisTransactionStore,
  type IdScanTransaction,
  type TransactionCompletedEvent,
} from 'nestjs-id-scan';
import { IdScanEmulator } from 'nestjs-id-scan-emulator';
import { HOST_API_TIMEOUT_MS, startHost, WEBHOOK_SECRET, type TestHost } from './support/id-scan-host';
import { OutageProbe } from './support/outage-probe';
import { expectFailurePageForOutage, expectStoreUnavailable, OUTAGE_BOUND_MS, timed } from './support/outage-answers';
import { describeWithRedis, startRedisServer, type RedisServerHandle } from './support/redis-server';

/** Longer than a queue round trip: a second delivery that did not come by then would not come. */
const QUIET_MS = 600;

/** Fails the first attempt of the transactions it is told about, so their job waits in the queue for a retry. */
@Injectable()
class FailingOnceListener {
  readonly failFirst = new Set<string>();

  @OnEvent(IdScanEvents.TransactionCompleted, { suppressErrors: false })
  onCompleted(event: TransactionCompletedEvent): void {
    if (event.attempt === 1 && this.failFirst.has(event.transactionId)) {
      throw new Error('the orders database is unavailable');
    }
  }
}

describeWithRedis('when the delivery queue’s Redis goes away: bounded 503s, quiet logs, recovery (e2e)', () => {
  /** The store's Redis stays up: only the queue's goes away, so every route reaches the queue. */
  let storeRedis: RedisServerHandle;
  /** Keeps its data across the restart, as a production Redis with persistence does. */
  let queueRedis: RedisServerHandle;
  let queueClient: Redis;
  let emulator: IdScanEmulator;
  let store: RedisTransactionStore;
  let host: TestHost;
  let health: IdScanHealthIndicator;
  const queueName = `deliveries-${randomUUID()}`;
  /** Completed at the emulator before the outage; its signals are answered 503 during it, and accepted after. */
  let waiting: { transactionId: string; resultId: string };

  beforeAll(async () => {
    [storeRedis, queueRedis] = await Promise.all([startRedisServer(), startRedisServer({ appendOnly: true })]);
    emulator = await IdScanEmulator.start({ logger: false });
    store = new RedisTransactionStore(storeRedis.url, { keyPrefix: `queue-outage-${randomUUID()}:` });
    // The README's queue connection: BullMQ's workers need `maxRetriesPerRequest: null`.
    queueClient = new Redis(queueRedis.url, { maxRetriesPerRequest: null });
    host = await startHost({
      emulator,
      store,
      providers: [FailingOnceListener],
      options: {
        delivery: { retryDelaysMs: [1500], queue: { connection: queueClient, name: queueName } },
        expirySweep: false,
      },
    });
    health = host.app.get(IdScanHealthIndicator);
    const transaction = await start();
    const { transactionId, resultId } = emulator.completeTransaction(transaction.id);
    waiting = { transactionId, resultId };
  });

  afterAll(async () => {
    await host?.close();
    await store?.close();
    await emulator?.stop();
    queueClient?.disconnect();
    await Promise.all([storeRedis?.stop(), queueRedis?.stop()]);
  });

  function start(): Promise<IdScanTransaction> {
    return host.idScan.createTransaction(
      { tasks: ['document_scan'], returnUrl: `${host.origin}/id-scan/return` },
      { reference: `order-${randomUUID()}` },
    );
  }

  const signals = {
    iframe: ({ transactionId, resultId }: typeof waiting) =>
      fetch(`${host.origin}/id-scan/transactions/${transactionId}/complete`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ resultId }),
      }),
    returnUrl: ({ transactionId, resultId }: typeof waiting) =>
      fetch(`${host.origin}/id-scan/return?trxid=${transactionId}&resultid=${resultId}`, { redirect: 'manual' }),
    event: ({ transactionId, resultId }: typeof waiting) =>
      fetch(`${host.origin}/id-scan/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-id-scan-webhook-secret': WEBHOOK_SECRET },
        body: JSON.stringify({
          id: randomUUID(),
          type: 'transaction.state.updated',
          created: new Date().toISOString(),
          transaction: { id: transactionId, state: 'completed', resultId },
        }),
      }),
  };

  const queueLines = (text: string) =>
    host.logger.lines.filter((line) => line.message.includes(text) && line.extra.includes('IdScanDeliveryQueue'));

  /** A completion whose first attempt failed before the outage: its retry waits in the queue through it. */
  let pending: { transactionId: string; resultId: string };

  it('works while Redis is up, and leaves a retry waiting in the queue', async () => {
    await expect(health.isHealthy('id-scan', { timeoutMs: HOST_API_TIMEOUT_MS })).resolves.toEqual({
      'id-scan': { status: 'up', deliveries: { backlog: 0, failed: 0 } },
    });
    const transaction = await start();
    const { transactionId, resultId } = emulator.completeTransaction(transaction.id);
    pending = { transactionId, resultId };
    host.app.get(FailingOnceListener).failFirst.add(transaction.id);
    expect((await signals.iframe(pending)).status).toBe(200);
    await host.events.next<TransactionCompletedEvent>(
      IdScanEvents.TransactionCompleted,
      (event) => event.transactionId === transaction.id,
    );
    // The retry must be stored as delayed before Redis goes away, or the outage would interrupt the failure itself.
    const inspector = new Queue(queueName, { connection: queueClient });
    try {
      while ((await inspector.getJobState(`completed.${transaction.id}`)) !== 'delayed') await sleep(20);
    } finally {
      await inspector.close();
    }
    expect(queueLines('Lost the connection')).toHaveLength(0);
  });

  describe('while the queue’s Redis is down', () => {
    beforeAll(() => queueRedis.kill());

    it('answers the event route 503 store_unavailable with Retry-After in time, the completion recorded', async () => {
      await expectStoreUnavailable(() => signals.event(waiting));
      // The store took the completion; only its job is missing, and the next signal enqueues it.
      await expect(store.getCompletion(waiting.transactionId)).resolves.toMatchObject({ resultId: waiting.resultId });
    });

    // Twice: soon after the crash, and once reconnection attempts have gone on for a while.
    it.each([['the first time'], ['again later']])(
      'answers the iframe route 503 store_unavailable with Retry-After, in time (%s)',
      async () => {
        await expectStoreUnavailable(() => signals.iframe(waiting));
      },
    );

    it('sends the person from the return URL to the failure page with error=store_unavailable, in time', async () => {
      await expectFailurePageForOutage(() => signals.returnUrl(waiting), waiting.transactionId);
    });

    it('reports the deliveries unknown in the health check, in time', async () => {
      const { value: result, ms } = await timed(() => health.isHealthy('id-scan', { timeoutMs: 8000 }));
      expect(result['id-scan']).toMatchObject({ status: 'down', reason: 'deliveries_unknown' });
      expect(ms).toBeLessThan(OUTAGE_BOUND_MS);
    });

    it('delivers nothing meanwhile, and logs the loss once, as a warning without a stack', () => {
      expect(host.events.completionsOf(waiting.transactionId)).toHaveLength(0);
      expect(host.events.completionsOf(pending.transactionId).map((event) => event.attempt)).toEqual([1]);
      const lost = queueLines("Lost the connection to the delivery queue's Redis");
      expect(lost).toHaveLength(1);
      expect(lost[0]).toMatchObject({ level: 'warn', extra: ['IdScanDeliveryQueue'] });
      expect(queueLines('Reconnected')).toHaveLength(0);
      const answered = host.logger.lines.filter((line) => line.message.includes('answered 503 store_unavailable'));
      expect(answered.length).toBeGreaterThanOrEqual(3);
      expect(answered.every((line) => line.extra.every((extra) => !String(extra).includes('\n    at ')))).toBe(true);
    });
  });

  describe('once the queue’s Redis is back', () => {
    beforeAll(async () => {
      await queueRedis.restart();
      // The host's client reconnects on its own schedule; the package must follow without a restart.
      if (queueClient.status !== 'ready') await once(queueClient, 'ready');
    });

    it('delivers the retry that waited in the queue through the outage, with no restart of the host', async () => {
      const retried = await host.events.next<TransactionCompletedEvent>(
        IdScanEvents.TransactionCompleted,
        (event) => event.transactionId === pending.transactionId && event.attempt === 2,
      );
      expect(retried).toMatchObject({ resultId: pending.resultId });
    });

    it('enqueues the recorded completion on the next signal and delivers it exactly once', async () => {
      const { value: response, ms } = await timed(() => signals.iframe(waiting));
      expect(response.status).toBe(200);
      await expect(response.json()).resolves.toMatchObject({ ...waiting, completed: true });
      expect(ms).toBeLessThan(OUTAGE_BOUND_MS);
      await host.events.next<TransactionCompletedEvent>(
        IdScanEvents.TransactionCompleted,
        (event) => event.transactionId === waiting.transactionId,
      );
      expect((await signals.event(waiting)).status).toBe(200);
      expect((await signals.returnUrl(waiting)).headers.get('location')).toBe(
        `/verified?transactionId=${waiting.transactionId}`,
      );
      await sleep(QUIET_MS);
      expect(host.events.completionsOf(waiting.transactionId).map((event) => event.attempt)).toEqual([1]);
      expect(host.events.completionsOf(pending.transactionId).map((event) => event.attempt)).toEqual([1, 2]);
    });

    it('reports the deliveries again in the health check', async () => {
      await expect(health.isHealthy('id-scan', { timeoutMs: HOST_API_TIMEOUT_MS })).resolves.toEqual({
        'id-scan': { status: 'up', deliveries: { backlog: 0, failed: 0 } },
      });
    });

    it('logged the recovery once, and the loss only once for the whole outage', () => {
      expect(queueLines("Lost the connection to the delivery queue's Redis")).toHaveLength(1);
      const back = queueLines("Reconnected to the delivery queue's Redis");
      expect(back).toHaveLength(1);
      expect(back[0].level).toBe('log');
    });
  });
});

/** The queue adapter and what it imports at run time. */
const QUEUE_FILES = [
  'delivery/bullmq-delivery.queue.ts',
  'delivery/id-scan-delivery-job.interface.ts',
  'errors/id-scan-store-unavailable.error.ts',
  'errors/id-scan.error.ts',
];

/**
 * Enqueues a job every 200 ms (one at a time) with a worker running, and prints each outcome, `up` or `down`. The
 * connection is an ioredis client (`client`) or ioredis options (`options`). With `bare`, plain BullMQ Queue and
 * Worker objects without listeners stand in (each add given up after a second): the control that shows what the
 * check below would catch.
 */
const PROBE = `
const { Redis } = require('ioredis');
const { Queue, Worker } = require('bullmq');
const { BullmqDeliveryQueue } = require('./delivery/bullmq-delivery.queue.js');
const mode = process.argv[3];
const url = new URL(process.argv[2]);
const name = 'probe-' + process.pid;
const client = mode === 'options' ? undefined : new Redis(process.argv[2], { maxRetriesPerRequest: null });
const connection = client ?? { host: url.hostname, port: Number(url.port) };
let jobs = 0;
async function open() {
  if (mode !== 'bare') {
    const run = async () => 'delivered';
    const queue = await BullmqDeliveryQueue.open({ connection, name, prefix: 'bull', concurrency: 1, retryDelaysMs: [10], run });
    queue.run();
    return { add: () => queue.add({ kind: 'expired', transactionId: 't' + jobs++ }), close: () => queue.close() };
  }
  const queue = new Queue(name, { connection });
  const worker = new Worker(name, async () => undefined, { connection });
  const giveUp = () => new Promise((_, reject) => setTimeout(reject, 1000));
  return {
    add: () => Promise.race([queue.add('expired', {}, { jobId: 't' + jobs++ }), giveUp()]),
    close: async () => { await worker.close(); await queue.close(); },
  };
}
open().then(({ add, close }) => {
  let busy = false;
  const timer = setInterval(async () => {
    if (busy) return;
    busy = true;
    const state = await add().then(() => 'up', () => 'down');
    busy = false;
    process.stdout.write('state ' + state + '\\n');
  }, 200);
  process.stdin.on('data', async () => {
    clearInterval(timer);
    await close();
    client?.disconnect();
  });
});
`;

/** See {@link OutageProbe} for why this runs the queue in a Node process of its own. */
describeWithRedis('what a Node process running the delivery queue prints while Redis is away (e2e)', () => {
  let probe: OutageProbe;
  let redis: RedisServerHandle;

  beforeAll(async () => {
    probe = OutageProbe.create(QUEUE_FILES, PROBE);
    redis = await startRedisServer({ appendOnly: true });
  });

  afterAll(async () => {
    await redis?.stop();
    probe?.remove();
  });

  it.each([
    ['an ioredis client', 'client'],
    ['ioredis options', 'options'],
  ])('with %s: the loss and the recovery logged once each, nothing on stderr', async (_, mode) => {
    const { stdout, stderr } = await probe.throughOutage(redis, mode);
    expect(stderr).toBe('');
    expect(stdout.match(/Lost the connection to the delivery queue's Redis/g)).toHaveLength(1);
    expect(stdout.match(/Reconnected to the delivery queue's Redis/g)).toHaveLength(1);
    expect(stdout).not.toMatch(/Unhandled error event|\n\s+at /);
  });

  it('(control) BullMQ objects without error listeners print every connection error with its stack', async () => {
    const { stderr } = await probe.throughOutage(redis, 'bare');
    expect(stderr).toMatch(/ECONNREFUSED/);
    expect(stderr).toMatch(/\n\s+at /);
  });
});
