import { randomUUID } from 'node:crypto';
import {
  IdScanEvents,
  InMemoryTransactionStore,
  type IdScanTransaction,
  type IdScanTransactionStore,
  type TaskUpdatedEvent,
  type TransactionCompletedEvent,
  type TransactionExpiredEvent,
} from 'nestjs-id-scan';
import { IdScanEmulator } from 'nestjs-id-scan-emulator';
import { completedEventDone, deliveriesSettled } from './support/deliveries';
import { completedDelivery, deliverEvent, SECRET_HEADER, startTransactionOn } from './support/host-requests';
import { startHost, WEBHOOK_SECRET, type TestHost } from './support/id-scan-host';

async function jsonOf(response: Response): Promise<Record<string, unknown>> {
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  return (await response.json()) as Record<string, unknown>;
}

describe('event deliveries: POST /id-scan/events (e2e, emulator over loopback HTTP)', () => {
  let emulator: IdScanEmulator;
  let host: TestHost;

  beforeAll(async () => {
    emulator = await IdScanEmulator.start({ logger: false, webhookRetryDelaysMs: [50, 100, 200, 400] });
    host = await startHost({ emulator });
    await host.idScan.subscribeEvents(`${host.origin}/id-scan/events`);
  });

  afterAll(async () => {
    await host?.close();
    await emulator?.stop();
  });

  afterEach(async () => {
    // Every delivery the test caused ends before the next test (and before teardown).
    await deliveriesSettled(emulator);
    emulator.setFaults({});
    emulator.setDeliveryBehaviour({ duplicate: false, reorder: false });
  });

  function startVerification(on: TestHost = host, tasks?: string[]): Promise<IdScanTransaction> {
    return startTransactionOn(on, tasks);
  }

  it('completes a transaction from its delivery, subscribed with the configured secret, and emits once', async () => {
    const transaction = await startVerification();
    const { resultId } = emulator.completeTransaction(transaction.id);

    const event = await host.events.next<TransactionCompletedEvent>(
      IdScanEvents.TransactionCompleted,
      (e) => e.transactionId === transaction.id,
    );
    expect(event).toMatchObject({ transactionId: transaction.id, resultId, via: 'webhook' });
    expect(event.result.state).toBe('completed');
    const delivery = await emulator.waitForDelivery(completedEventDone(transaction.id));
    expect(delivery.status).toBe(200);
    expect(delivery.headers[SECRET_HEADER]).toBe(WEBHOOK_SECRET);
    expect(host.events.completionsOf(transaction.id)).toHaveLength(1);
  });

  it('announces task updates the API confirms', async () => {
    const transaction = await startVerification(host, ['document_scan', 'face_liveness']);
    emulator.completeTransaction(transaction.id, 'liveness_fails');
    await emulator.waitForDelivery(completedEventDone(transaction.id));
    const liveness = await host.events.next<TaskUpdatedEvent>(
      IdScanEvents.TaskUpdated,
      (e) => e.transactionId === transaction.id && e.task === 'face_liveness',
    );
    expect(liveness.state).toBe('failed');
    expect(liveness.reference).toMatch(/^order-/);
  });

  it('announces an expiry the API confirms, once', async () => {
    const transaction = await startVerification();
    emulator.advanceClock(3_600_000 + 1000);
    const expired = await host.events.next<TransactionExpiredEvent>(
      IdScanEvents.TransactionExpired,
      (e) => e.transactionId === transaction.id,
    );
    expect(expired.reference).toMatch(/^order-/);
    const published = emulator
      .webhookEvents()
      .find((e) => e.transaction.id === transaction.id && e.transaction.state === 'expired');
    expect(published).toBeDefined();
    await emulator.redeliver(published?.id ?? '');
    expect(host.events.expired.filter((e) => e.transactionId === transaction.id)).toHaveLength(1);
  });

  it('acknowledges a repeated delivery without acting on it again', async () => {
    const transaction = await startVerification();
    emulator.completeTransaction(transaction.id);
    const first = await emulator.waitForDelivery(completedEventDone(transaction.id));
    // Every later call to the API would fail: a duplicate must not reach it.
    emulator.setFaults({ '*': { serverError: 1 } });
    await emulator.redeliver(first.event.id);
    const attempts = emulator.webhookDeliveries().filter((d) => d.event.id === first.event.id);
    expect(attempts.map((d) => d.status)).toEqual([200, 200]);
    expect(host.events.completionsOf(transaction.id)).toHaveLength(1);
  });

  it('emits once when the sender duplicates and reorders every delivery', async () => {
    emulator.setDeliveryBehaviour({ duplicate: true, reorder: true });
    const transaction = await startVerification();
    emulator.completeTransaction(transaction.id);
    const first = await emulator.waitForDelivery(completedEventDone(transaction.id));
    const second = await emulator.waitForDelivery(
      (d) => completedEventDone(transaction.id)(d) && d.deliveryId !== first.deliveryId,
    );
    expect(second.event.id).toBe(first.event.id);
    expect([first.status, second.status]).toEqual([200, 200]);
    await deliveriesSettled(emulator, 2, transaction.id);
    expect(host.events.completionsOf(transaction.id)).toHaveLength(1);
    expect(host.events.taskUpdates.filter((e) => e.transactionId === transaction.id)).toHaveLength(1);
  });

  it('emits once for all three signals, repeated and concurrent', async () => {
    const transaction = await startVerification();
    const { resultId, returnUrl } = emulator.completeTransaction(transaction.id);
    const signals = [
      ...Array.from({ length: 5 }, () =>
        fetch(`${host.origin}/id-scan/transactions/${transaction.id}/complete`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ resultId }),
        }),
      ),
      ...Array.from({ length: 5 }, () => fetch(returnUrl ?? '', { redirect: 'manual' })),
      ...Array.from({ length: 3 }, () =>
        fetch(`${host.origin}/id-scan/scan-return?trxid=${transaction.id}&resultid=${resultId}`),
      ),
      ...Array.from({ length: 3 }, () => deliverEvent(host, completedDelivery(transaction.id, resultId))),
    ];
    const answers = await Promise.all(signals);
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(11);
    expect(statuses.filter((status) => status === 302)).toHaveLength(5);
    await emulator.waitForDelivery(completedEventDone(transaction.id));
    expect(host.events.completionsOf(transaction.id)).toHaveLength(1);
  });

  it('answers non-2xx when the API cannot confirm the event, leaves it unmarked, and completes on the retry', async () => {
    const transaction = await startVerification();
    emulator.setFaults({ getResult: { unavailable: 1, times: 1 } });
    emulator.completeTransaction(transaction.id);
    await emulator.waitForDelivery(completedEventDone(transaction.id));
    const attempts = emulator
      .webhookDeliveries()
      .filter((d) => d.event.transaction.id === transaction.id && d.event.transaction.state === 'completed');
    expect(attempts.map((d) => [d.status, d.outcome])).toEqual([
      [503, 'retry'],
      [200, 'done'],
    ]);
    expect(host.events.completionsOf(transaction.id)).toEqual([
      expect.objectContaining({ via: 'webhook' }) as TransactionCompletedEvent,
    ]);
  });

  describe('with a store that cannot release a claimed delivery id', () => {
    let plain: TestHost;
    beforeAll(async () => {
      const backing = new InMemoryTransactionStore();
      const store: IdScanTransactionStore = {
        save: (record) => backing.save(record),
        get: (id) => backing.get(id),
        markCompleted: (id, resultId, outcome) => backing.markCompleted(id, resultId, outcome),
        markEventSeen: (id) => backing.markEventSeen(id),
        getCompletion: (id) => backing.getCompletion(id),
        countResultCheck: (id, windowMs) => backing.countResultCheck(id, windowMs),
        leaseExpired: (now, leaseMs, limit) => backing.leaseExpired(now, leaseMs, limit),
        claimExpiry: (id) => backing.claimExpiry(id),
      };
      plain = await startHost({ emulator, store });
    });
    afterAll(() => plain?.close());

    it('still lets a failed delivery succeed on its retry, and still acknowledges duplicates', async () => {
      const transaction = await startVerification(plain);
      const { resultId } = emulator.completeTransaction(transaction.id);
      const delivery = completedDelivery(transaction.id, resultId);

      emulator.setFaults({ getResult: { unavailable: 1 } });
      expect((await deliverEvent(plain, delivery)).status).toBe(503);
      emulator.setFaults({});
      const retried = await deliverEvent(plain, delivery);
      expect(retried.status).toBe(200);
      await expect(jsonOf(retried)).resolves.toEqual({ received: true, outcome: 'processed' });
      const again = await deliverEvent(plain, delivery);
      await expect(jsonOf(again)).resolves.toEqual({ received: true, outcome: 'duplicate' });
      expect(plain.events.completionsOf(transaction.id)).toHaveLength(1);
    });
  });

  describe('authenticity', () => {
    let rotating: TestHost;
    let closed: TestHost;
    beforeAll(async () => {
      rotating = await startHost({
        emulator,
        webhookSecrets: ['the-new-secret-0123456789abcdef', WEBHOOK_SECRET],
        options: { webhooks: { secrets: ['the-new-secret-0123456789abcdef', WEBHOOK_SECRET], headerName: 'X-Hook' } },
      });
      closed = await startHost({ emulator, webhookSecrets: [] });
    });
    afterAll(async () => {
      await rotating?.close();
      await closed?.close();
    });

    it.each([
      ['no secret header', {}],
      ['an empty secret', { [SECRET_HEADER]: '' }],
      ['a wrong secret of the same length', { [SECRET_HEADER]: WEBHOOK_SECRET.replace(/.$/, 'X') }],
      ['a prefix of the secret', { [SECRET_HEADER]: WEBHOOK_SECRET.slice(0, 10) }],
      ['the secret in another header', { 'x-other': WEBHOOK_SECRET }],
    ])('refuses a delivery with %s: 401 JSON, before looking at the body', async (_, headers) => {
      for (const body of [completedDelivery(randomUUID()), { not: 'a delivery' }]) {
        const response = await deliverEvent(host, body, headers);
        expect(response.status).toBe(401);
        await expect(jsonOf(response)).resolves.toMatchObject({ statusCode: 401, code: 'unauthorized' });
      }
    });

    it('accepts every configured secret (rotation) in the configured header only', async () => {
      const delivery = completedDelivery(randomUUID());
      expect((await deliverEvent(rotating, delivery, { 'x-hook': 'the-new-secret-0123456789abcdef' })).status).toBe(
        202,
      );
      expect((await deliverEvent(rotating, delivery, { 'x-hook': WEBHOOK_SECRET })).status).toBe(202);
      expect((await deliverEvent(rotating, delivery, { [SECRET_HEADER]: WEBHOOK_SECRET })).status).toBe(401);
    });

    it('refuses every delivery when no secret is configured', async () => {
      for (const value of ['', WEBHOOK_SECRET, 'undefined']) {
        const response = await deliverEvent(closed, completedDelivery(randomUUID()), { [SECRET_HEADER]: value });
        expect(response.status).toBe(401);
      }
      expect(closed.logger.lines.some((l) => l.level === 'warn' && /webhooks\.secrets/.test(l.message))).toBe(true);
      expect(closed.logger.text()).not.toContain(WEBHOOK_SECRET);
    });

    it('never writes a secret to the log', () => {
      expect(host.logger.text()).not.toContain(WEBHOOK_SECRET);
      expect(rotating.logger.text()).not.toContain('the-new-secret');
    });
  });

  describe('what is acknowledged without action (202)', () => {
    it('a delivery for a transaction this application did not start', async () => {
      emulator.setFaults({ '*': { serverError: 1 } });
      const response = await deliverEvent(host, completedDelivery(randomUUID()));
      expect(response.status).toBe(202);
      await expect(jsonOf(response)).resolves.toEqual({
        received: true,
        outcome: 'ignored',
        reason: 'unknown_transaction',
      });
    });

    it('an event type it does not know, with keys it does not know', async () => {
      const transaction = await startVerification();
      const response = await deliverEvent(host, {
        ...completedDelivery(transaction.id),
        type: 'transaction.archived',
        addedLater: { any: 'thing' },
      });
      expect(response.status).toBe(202);
      await expect(jsonOf(response)).resolves.toMatchObject({ outcome: 'ignored', reason: 'unsupported_event' });
    });

    it('a task state the API no longer reports (out of order)', async () => {
      const transaction = await startVerification();
      emulator.completeTransaction(transaction.id);
      await emulator.waitForDelivery(completedEventDone(transaction.id));
      const response = await deliverEvent(host, {
        ...completedDelivery(transaction.id),
        type: 'task.state.updated',
        task: { type: 'document_scan', state: 'pending' },
      });
      expect(response.status).toBe(202);
      await expect(jsonOf(response)).resolves.toMatchObject({ outcome: 'ignored', reason: 'stale' });
    });
  });

  it('refuses a forged completion for a pending transaction (the API knows no such result) and emits nothing', async () => {
    const transaction = await startVerification();
    const response = await deliverEvent(host, completedDelivery(transaction.id));
    expect(response.status).toBe(404);
    expect(host.events.completionsOf(transaction.id)).toHaveLength(0);
  });

  describe('malformed deliveries get 400 JSON, never 5xx', () => {
    const base = completedDelivery(randomUUID());
    it.each<[string, unknown]>([
      ['an empty object', {}],
      ['an array', [base]],
      ['an id that is not a UUID', { ...base, id: 'abc' }],
      ['no type', { ...base, type: undefined }],
      ['a type that is not a name', { ...base, type: 'Transaction State <script>' }],
      ['a very long type', { ...base, type: 'a'.repeat(500) }],
      ['a date that is not ISO-8601', { ...base, created: 'yesterday' }],
      ['no transaction', { ...base, transaction: undefined }],
      ['a transaction that is a string', { ...base, transaction: 'x' }],
      ['a transaction id that is not a UUID', { ...base, transaction: { ...base.transaction, id: '1' } }],
      ['a result id that is not a UUID', { ...base, transaction: { ...base.transaction, resultId: 'r' } }],
      ['a task update without a task', { ...base, type: 'task.state.updated' }],
      ['a task that is a number', { ...base, type: 'task.state.updated', task: 5 }],
    ])('%s', async (_, body) => {
      const response = await deliverEvent(host, body);
      expect(response.status).toBe(400);
      await expect(jsonOf(response)).resolves.toMatchObject({ statusCode: 400, code: 'validation_failed' });
    });
  });
});
