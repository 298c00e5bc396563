import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  IdScanEvents,
  IdScanHealthIndicator,
  InMemoryTransactionStore,
  type DeliveryFailedEvent,
  type IdScanTransaction,
  type IdScanTransactionStore,
  type TaskUpdatedEvent,
  type TransactionCompletedEvent,
  type TransactionExpiredEvent,
} from 'nestjs-id-scan';
import { IdScanEmulator, type EmulatorScenario } from 'nestjs-id-scan-emulator';
import { ConditionWaiters } from './support/condition-waiters';
import { completedDelivery, deliverEvent, postComplete, returnOn, taskUpdatedDelivery } from './support/host-requests';
import { HOST_API_TIMEOUT_MS, startHost, type TestHost } from './support/id-scan-host';
import { ServerRequestCounter } from './support/server-requests';

/** Longer than every retry schedule of this suite ([20, 20] ms) with room to spare: what did not come by then won't. */
const QUIET_MS = 300;

/**
 * A host listener whose dependency fails on purpose: `failures` says how many attempts of a transaction fail before
 * one succeeds (Infinity: all). Records every attempt, every success, and every `id-scan.delivery.failed`.
 */
@Injectable()
class FlakyListener extends ConditionWaiters {
  readonly failures = new Map<string, number>();
  readonly attempts: { transactionId: string; attempt: number }[] = [];
  readonly successes: string[] = [];
  readonly failed: DeliveryFailedEvent[] = [];
  /** Transactions whose listener waits until the promise given here settles. */
  readonly holds = new Map<string, Promise<void>>();

  @OnEvent(IdScanEvents.TransactionCompleted, { suppressErrors: false })
  async onCompleted(event: TransactionCompletedEvent): Promise<void> {
    this.attempts.push({ transactionId: event.transactionId, attempt: event.attempt });
    this.changed();
    await (this.holds.get(event.transactionId) ?? Promise.resolve());
    const left = this.failures.get(event.transactionId) ?? 0;
    if (left > 0) {
      this.failures.set(event.transactionId, left - 1);
      this.changed();
      throw new Error('the orders database is unavailable');
    }
    this.successes.push(event.transactionId);
    this.changed();
  }

  /** Task updates that still have to fail, by transaction id; attempts as `<transaction id>:<attempt>`. */
  readonly taskFailures = new Map<string, number>();
  readonly taskAttempts: string[] = [];

  @OnEvent(IdScanEvents.TaskUpdated, { suppressErrors: false })
  onTaskUpdated(event: TaskUpdatedEvent): void {
    this.taskAttempts.push(`${event.transactionId}:${event.task}:${event.attempt}`);
    const left = this.taskFailures.get(event.transactionId) ?? 0;
    this.taskFailures.set(event.transactionId, left - 1);
    this.changed();
    if (left > 0) throw new Error('the task log is unavailable');
  }

  @OnEvent(IdScanEvents.DeliveryFailed)
  onDeliveryFailed(event: DeliveryFailedEvent): void {
    this.failed.push(event);
    this.changed();
  }

  attemptsOf(transactionId: string): number[] {
    return this.attempts.filter((a) => a.transactionId === transactionId).map((a) => a.attempt);
  }
}

describe('delivery of completions to the host (e2e, emulator over loopback HTTP)', () => {
  let emulator: IdScanEmulator;
  let host: TestHost;
  let listener: FlakyListener;
  let counter: ServerRequestCounter | undefined;

  beforeAll(async () => {
    emulator = await IdScanEmulator.start({ logger: false });
    host = await startHost({
      emulator,
      providers: [FlakyListener],
      options: { delivery: { retryDelaysMs: [20, 20] }, expirySweep: false },
    });
    listener = host.app.get(FlakyListener);
  });

  afterEach(() => {
    counter?.close();
    counter = undefined;
    emulator.setFaults({});
  });

  afterAll(async () => {
    await host?.close();
    await emulator?.stop();
  });

  function startVerification(on: TestHost = host, tasks = ['document_scan']): Promise<IdScanTransaction> {
    return on.idScan.createTransaction(
      { tasks, returnUrl: `${on.origin}/id-scan/return`, scanReturnUrl: `${on.origin}/id-scan/scan-return` },
      { reference: `order-${randomUUID()}` },
    );
  }

  /** Counts the API requests from now on. */
  function countUpstream(): ServerRequestCounter {
    counter = new ServerRequestCounter(emulator.url);
    return counter;
  }

  it('delivers again a completion whose listener failed twice: attempt 3 succeeds, once, with a fresh result', async () => {
    const transaction = await startVerification();
    const { resultId } = emulator.completeTransaction(transaction.id);
    listener.failures.set(transaction.id, 2);
    const upstream = countUpstream();

    const answer = await postComplete(host, transaction.id, resultId);
    expect(answer.status).toBe(200);
    await expect(answer.json()).resolves.toMatchObject({ completed: true, outcome: 'passed' });
    await listener.until(() => listener.successes.includes(transaction.id));

    expect(listener.attemptsOf(transaction.id)).toEqual([1, 2, 3]);
    // The signal's own check, then one fetch per retry: the result is never kept between attempts.
    expect(upstream.count).toBe(3);
    const delivered = host.events.completionsOf(transaction.id);
    expect(delivered.map((e) => e.attempt)).toEqual([1, 2, 3]);
    expect(new Set(delivered.map((e) => e.result.id))).toEqual(new Set([transaction.id]));

    // Never again after the success, whatever signals follow.
    expect((await postComplete(host, transaction.id, resultId)).status).toBe(200);
    expect((await deliverEvent(host, completedDelivery(transaction.id, resultId))).status).toBe(200);
    await sleep(QUIET_MS);
    expect(listener.successes.filter((id) => id === transaction.id)).toHaveLength(1);
    expect(listener.attemptsOf(transaction.id)).toHaveLength(3);
    expect(listener.failed.filter((e) => e.transactionId === transaction.id)).toEqual([]);
  });

  it('ends a delivery that always fails in one id-scan.delivery.failed, one error line, and a failed count', async () => {
    const transaction = await startVerification();
    const { resultId } = emulator.completeTransaction(transaction.id);
    listener.failures.set(transaction.id, Infinity);

    expect((await postComplete(host, transaction.id, resultId)).status).toBe(200);
    await listener.until(() => listener.failed.some((e) => e.transactionId === transaction.id));
    await sleep(QUIET_MS);

    expect(listener.attemptsOf(transaction.id)).toEqual([1, 2, 3]);
    const failures = listener.failed.filter((e) => e.transactionId === transaction.id);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({
      transactionId: transaction.id,
      reference: expect.stringMatching(/^order-/) as string,
      event: IdScanEvents.TransactionCompleted,
      attempts: 3,
      error: { name: 'Error', message: 'the orders database is unavailable' },
    });
    expect(Object.isFrozen(failures[0])).toBe(true);
    const lines = host.logger.lines.filter(
      (line) => line.level === 'error' && line.message.includes(`${transaction.id} failed 3 times`),
    );
    expect(lines).toHaveLength(1);

    const health = host.app.get(IdScanHealthIndicator);
    const report = await health.isHealthy('id-scan', { timeoutMs: HOST_API_TIMEOUT_MS, maxFailedDeliveries: 0 });
    expect(report['id-scan']).toMatchObject({ status: 'down', reason: 'deliveries_failed' });
    expect(report['id-scan'].deliveries).toMatchObject({ backlog: 0 });
    await expect(health.isHealthy('id-scan', { timeoutMs: HOST_API_TIMEOUT_MS })).resolves.toMatchObject({
      'id-scan': { status: 'up' },
    });
  });

  it('reports a delivery in progress as backlog, down above maxDeliveryBacklog', async () => {
    const transaction = await startVerification();
    const { resultId } = emulator.completeTransaction(transaction.id);
    let release: () => void = () => undefined;
    listener.holds.set(transaction.id, new Promise<void>((resolve) => (release = resolve)));
    // The event route does not wait for listeners, so the delivery is still running when it answers.
    expect((await deliverEvent(host, completedDelivery(transaction.id, resultId))).status).toBe(200);
    await listener.until(() => listener.attemptsOf(transaction.id).length === 1);
    const health = host.app.get(IdScanHealthIndicator);
    const busy = await health.isHealthy('id-scan', { timeoutMs: HOST_API_TIMEOUT_MS, maxDeliveryBacklog: 0 });
    expect(busy['id-scan']).toMatchObject({ status: 'down', reason: 'delivery_backlog', deliveries: { backlog: 1 } });
    release();
    await listener.until(() => listener.successes.includes(transaction.id));
    // The attempt is booked as over once every listener's promise has settled, just after this one's.
    await new Promise((resolve) => setImmediate(resolve));
    const idle = await health.isHealthy('id-scan', { timeoutMs: HOST_API_TIMEOUT_MS, maxDeliveryBacklog: 0 });
    expect(idle['id-scan']).toMatchObject({ status: 'up', deliveries: { backlog: 0 } });
  });

  it('retries a task update the same way: the failed attempt is followed by attempt 2', async () => {
    const transaction = await startVerification();
    const { resultId } = emulator.completeTransaction(transaction.id);
    listener.taskFailures.set(transaction.id, 1);
    const delivery = taskUpdatedDelivery(transaction.id, resultId);
    const answer = await deliverEvent(host, delivery);
    await expect(answer.json()).resolves.toEqual({ received: true, outcome: 'processed' });
    const done = `${transaction.id}:document_scan:2`;
    await listener.until(() => listener.taskAttempts.includes(done));
    await sleep(QUIET_MS);
    expect(listener.taskAttempts.filter((a) => a.startsWith(transaction.id))).toEqual([
      `${transaction.id}:document_scan:1`,
      done,
    ]);
  });

  it('answers repeated signals from the store with the same answers and 0 extra upstream calls', async () => {
    const cases: [EmulatorScenario, string, string[]][] = [
      ['genuine_passport', 'passed', ['document_scan']],
      ['liveness_fails', 'failed', ['document_scan', 'face_liveness']],
    ];
    for (const [scenario, outcome, tasks] of cases) {
      const transaction = await startVerification(host, tasks);
      const { resultId } = emulator.completeTransaction(transaction.id, scenario);
      const first = await postComplete(host, transaction.id, resultId);
      const body = (await first.json()) as Record<string, unknown>;
      expect(body).toMatchObject({ completed: true, outcome });
      const firstReturn = await returnOn(host, transaction.id, resultId);

      const upstream = countUpstream();
      const again = await postComplete(host, transaction.id, resultId);
      expect(again.status).toBe(200);
      await expect(again.json()).resolves.toEqual(body);
      const returned = await returnOn(host, transaction.id, resultId);
      expect(returned.status).toBe(302);
      expect(returned.headers.get('location')).toBe(firstReturn.headers.get('location'));
      const scanned = await fetch(`${host.origin}/id-scan/scan-return?trxid=${transaction.id}&resultid=${resultId}`);
      expect(scanned.status).toBe(200);
      const delivered = await deliverEvent(host, completedDelivery(transaction.id, resultId));
      await expect(delivered.json()).resolves.toEqual({ received: true, outcome: 'processed' });
      expect(upstream.count).toBe(0);
      upstream.close();
      expect(host.events.completionsOf(transaction.id)).toHaveLength(1);
    }
  });

  it('refuses another result id for a completed transaction with 404, without asking the API', async () => {
    const transaction = await startVerification();
    const { resultId } = emulator.completeTransaction(transaction.id);
    expect((await postComplete(host, transaction.id, resultId)).status).toBe(200);
    const upstream = countUpstream();
    const wrong = await postComplete(host, transaction.id, randomUUID());
    expect(wrong.status).toBe(404);
    await expect(wrong.json()).resolves.toMatchObject({ code: 'result_not_found' });
    const wrongReturn = await returnOn(host, transaction.id, randomUUID());
    expect(wrongReturn.headers.get('location')).toContain('error=result_not_found');
    expect(upstream.count).toBe(0);
  });

  it('limits guessed result ids to 5 upstream checks a minute per transaction, then 429 with Retry-After', async () => {
    const transaction = await startVerification();
    const other = await startVerification();
    const upstream = countUpstream();
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let guess = 0; guess < 20; guess++) {
      const response = await postComplete(host, transaction.id, randomUUID());
      statuses.push(response.status);
      if (response.status === 429) limited ??= response;
    }
    expect(statuses.slice(0, 5).every((status) => status >= 400 && status < 500 && status !== 429)).toBe(true);
    expect(statuses.slice(5)).toEqual(Array.from({ length: 15 }, () => 429));
    expect(upstream.count).toBe(5);
    const retryAfter = Number(limited?.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    await expect(limited?.json()).resolves.toMatchObject({ statusCode: 429, code: 'too_many_result_checks' });
    const scan = await fetch(`${host.origin}/id-scan/scan-return?trxid=${transaction.id}&resultid=${randomUUID()}`);
    expect(scan.status).toBe(429);
    expect(scan.headers.get('retry-after')).not.toBeNull();
    expect(upstream.count).toBe(5);

    // Event deliveries carry the shared secret and are not held back: the real completion still gets through.
    const { resultId: realResultId } = emulator.completeTransaction(transaction.id);
    const delivered = await deliverEvent(host, completedDelivery(transaction.id, realResultId));
    await expect(delivered.json()).resolves.toEqual({ received: true, outcome: 'processed' });
    expect(upstream.count).toBe(6);
    expect(host.events.completionsOf(transaction.id)).toHaveLength(1);

    // The limit is per transaction: another one is checked as usual.
    const { resultId } = emulator.completeTransaction(other.id);
    expect((await postComplete(host, other.id, resultId)).status).toBe(200);
    expect(upstream.count).toBe(7);
  });

  it('shares one upstream check among concurrent signals of one transaction', async () => {
    const transaction = await startVerification();
    const { resultId } = emulator.completeTransaction(transaction.id);
    const upstream = countUpstream();
    const answers = await Promise.all(Array.from({ length: 10 }, () => postComplete(host, transaction.id, resultId)));
    expect(answers.map((a) => a.status)).toEqual(Array.from({ length: 10 }, () => 200));
    expect(upstream.count).toBe(1);
    expect(host.events.completionsOf(transaction.id)).toHaveLength(1);
  });

  describe('when the store cannot record the completion', () => {
    let fragile: TestHost;
    let failNext = false;

    beforeAll(async () => {
      const backing = new InMemoryTransactionStore();
      const store: IdScanTransactionStore = Object.assign(Object.create(backing) as InMemoryTransactionStore, {
        markCompleted: (id: string, resultId: string, outcome: 'passed' | 'failed') => {
          if (failNext) {
            failNext = false;
            return Promise.reject(new Error('store write failed'));
          }
          return backing.markCompleted(id, resultId, outcome);
        },
      });
      fragile = await startHost({ emulator, store, options: { expirySweep: false } });
    });
    afterAll(() => fragile?.close());

    it('answers the event delivery 5xx, so the sender retries, and the retry is delivered once', async () => {
      const transaction = await startVerification(fragile);
      const { resultId } = emulator.completeTransaction(transaction.id);
      const delivery = completedDelivery(transaction.id, resultId);
      failNext = true;
      const refused = await deliverEvent(fragile, delivery);
      expect(refused.status).toBeGreaterThanOrEqual(500);
      expect(fragile.events.completionsOf(transaction.id)).toHaveLength(0);

      const retried = await deliverEvent(fragile, delivery);
      expect(retried.status).toBe(200);
      await fragile.events.next(IdScanEvents.TransactionCompleted, (e: TransactionCompletedEvent) => {
        return e.transactionId === transaction.id;
      });
      await expect(deliverEvent(fragile, delivery).then((r) => r.json())).resolves.toMatchObject({
        outcome: 'duplicate',
      });
      expect(fragile.events.completionsOf(transaction.id)).toHaveLength(1);
    });
  });
});

describe('the expiry sweep (e2e, emulator over loopback HTTP, no event subscription)', () => {
  let emulator: IdScanEmulator;
  let host: TestHost;
  let store: InMemoryTransactionStore;

  beforeAll(async () => {
    emulator = await IdScanEmulator.start({ logger: false });
    store = new InMemoryTransactionStore();
    host = await startHost({ emulator, store, options: { expirySweep: { intervalMs: 25 } } });
  });

  afterAll(async () => {
    await host?.close();
    await emulator?.stop();
  });

  /** The host's clock reaches the transaction's expiry: its record, as the store indexes it, now lies in the past. */
  async function expireOnHostClock(transactionId: string): Promise<void> {
    const record = await store.get(transactionId);
    if (!record) throw new Error(`no record for ${transactionId}`);
    await store.save({ ...record, expiresAt: new Date(Date.now() - 1000).toISOString() });
  }

  it('tells a host without webhooks about an expiry once, and never about a completed or pending one', async () => {
    const create = (reference: string) => host.idScan.createTransaction({ tasks: ['document_scan'] }, { reference });
    const [expiring, completed] = [await create('expiring'), await create('completed')];
    const { resultId } = emulator.completeTransaction(completed.id);
    const answer = await postComplete(host, completed.id, resultId);
    expect(answer.status).toBe(200);

    // The API's clock passes both expiries, and the host's clock too.
    emulator.advanceClock(3_600_000 + 60_000);
    // Created after that, so the API still calls it pending when the host's clock (set back here) says it expired.
    const pending = await create('pending');
    await expireOnHostClock(expiring.id);
    await expireOnHostClock(completed.id);
    await expireOnHostClock(pending.id);

    const expired = await host.events.next<TransactionExpiredEvent>(
      IdScanEvents.TransactionExpired,
      (e) => e.transactionId === expiring.id,
    );
    expect(expired).toMatchObject({ reference: 'expiring', attempt: 1 });
    await sleep(QUIET_MS);
    expect(host.events.expired.map((e) => e.transactionId)).toEqual([expiring.id]);

    // An event delivery of the same expiry, later, announces nothing more.
    const late = await deliverEvent(host, {
      id: randomUUID(),
      type: 'transaction.state.updated',
      created: new Date().toISOString(),
      transaction: { id: expiring.id, state: 'expired' },
    });
    expect(late.status).toBe(200);
    await sleep(QUIET_MS);
    expect(host.events.expired).toHaveLength(1);
  });
});
