import { IdScanEmulator, type IdScanEmulatorOptions } from 'nestjs-id-scan-emulator';
import { EmulatorApi } from './support/emulator-client';
import { postTask } from './support/hosted-flow';
import { WebhookReceiver } from './support/webhook-receiver';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$/;

interface Webhook {
  id: string;
  url: string;
  events: string[];
  headers: Record<string, string> | null;
  createdAt: string;
  updatedAt: string;
}

describe('Emulator webhooks (docs/id-scan-api.md §B1, §B5)', () => {
  let emulator: IdScanEmulator;
  let api: EmulatorApi;
  let receiver: WebhookReceiver;

  async function start(options: IdScanEmulatorOptions = {}): Promise<void> {
    emulator = await IdScanEmulator.start({ webhookRetryDelaysMs: [20, 40, 80], logger: false, ...options });
    api = new EmulatorApi(emulator);
  }

  async function subscribe(body: Record<string, unknown> = {}): Promise<Webhook> {
    const { status, body: webhook } = await api.json<Webhook>('POST', 'webhooks', { url: receiver.url, ...body });
    expect(status).toBe(201);
    return webhook;
  }

  beforeEach(async () => {
    receiver = await WebhookReceiver.start();
  });
  afterEach(async () => {
    await emulator.stop();
    await receiver.stop();
  });

  describe('subscriptions', () => {
    beforeEach(() => start());

    it('creates (201), lists (200) and deletes (204) webhooks', async () => {
      const created = await subscribe({ headers: { 'X-Id-Scan-Webhook-Secret': 's3cr3t' } });
      expect(created).toEqual({
        id: expect.stringMatching(UUID_V4) as unknown,
        url: receiver.url,
        events: ['transaction.state.updated', 'task.state.updated'],
        headers: { 'X-Id-Scan-Webhook-Secret': 's3cr3t' },
        createdAt: expect.stringMatching(TIMESTAMP) as unknown,
        updatedAt: expect.stringMatching(TIMESTAMP) as unknown,
      });
      const narrow = await subscribe({ events: ['task.state.updated'] });
      expect(narrow).toMatchObject({ events: ['task.state.updated'], headers: null });
      expect(await api.json('GET', 'webhooks')).toEqual({ status: 200, body: [created, narrow] });

      const deleted = await api.request('DELETE', `webhooks/${created.id}`);
      expect(deleted.status).toBe(204);
      expect(await deleted.text()).toBe('');
      expect(await api.json('GET', 'webhooks')).toEqual({ status: 200, body: [narrow] });
      expect(await api.json('DELETE', `webhooks/${created.id}`)).toEqual({
        status: 404,
        body: { code: 'not_found', message: expect.any(String) as unknown },
      });
    });
  });

  describe('deliveries', () => {
    it('posts every state change as JSON with the custom headers, in order', async () => {
      await start();
      await subscribe({ headers: { 'X-Id-Scan-Webhook-Secret': 's3cr3t' } });
      const trx = await api.createTransaction({ tasks: ['document_scan', 'face_liveness'] });
      const { resultId } = emulator.completeTransaction(trx.id, 'liveness_fails');
      const deliveries = await receiver.waitFor(3);
      for (const { headers, body } of deliveries) {
        expect(headers['content-type']).toBe('application/json');
        expect(headers['x-id-scan-webhook-secret']).toBe('s3cr3t');
        expect(body.id).toMatch(UUID_V4);
        expect(body.created).toMatch(TIMESTAMP);
      }
      expect(deliveries.map(({ body }) => ({ ...body, id: undefined, created: undefined }))).toEqual([
        {
          type: 'task.state.updated',
          transaction: { id: trx.id, state: 'pending', resultId: null },
          task: { type: 'document_scan', state: 'completed' },
        },
        {
          type: 'task.state.updated',
          transaction: { id: trx.id, state: 'pending', resultId: null },
          task: { type: 'face_liveness', state: 'failed' },
        },
        { type: 'transaction.state.updated', transaction: { id: trx.id, state: 'completed', resultId } },
      ]);
      expect(new Set(deliveries.map(({ body }) => body.id)).size).toBe(3);
      expect(emulator.webhookEvents().map((event) => event.id)).toEqual(deliveries.map(({ body }) => body.id));
    });

    it('announces each step of the hosted flow as it happens', async () => {
      await start();
      await subscribe();
      const trx = await api.createTransaction({
        tasks: ['document_scan', 'face_liveness'],
        settings: { documentScan: { minimumAge: 18 } },
      });
      await postTask(trx.url, 'document_scan', { scenario: 'under_minimum_age' });
      const [first] = await receiver.waitFor(1);
      expect(first.body).toMatchObject({
        type: 'task.state.updated',
        transaction: { id: trx.id, state: 'pending', resultId: null },
        task: { type: 'document_scan', state: 'failed' },
      });
    });

    it('sends only the subscribed event types', async () => {
      await start();
      await subscribe({ events: ['transaction.state.updated'] });
      const trx = await api.createTransaction({ tasks: ['document_scan', 'face_liveness', 'face_match'] });
      emulator.completeTransaction(trx.id);
      const [only] = await receiver.waitFor(1);
      expect(only.body.type).toBe('transaction.state.updated');
      // A later event proves nothing else was queued before it.
      const other = await api.createTransaction();
      emulator.completeTransaction(other.id);
      await receiver.waitFor(2);
      expect(receiver.received.map(({ body }) => body.type)).toEqual([
        'transaction.state.updated',
        'transaction.state.updated',
      ]);
    });

    it('announces expiry with state expired and no result id', async () => {
      await start();
      await subscribe();
      const trx = await api.createTransaction();
      emulator.advanceClock(3600_000);
      const [expired] = await receiver.waitFor(1);
      expect(expired.body).toMatchObject({
        type: 'transaction.state.updated',
        transaction: { id: trx.id, state: 'expired', resultId: null },
      });
      expect(expired.body).not.toHaveProperty('task');
    });
  });

  describe('retries', () => {
    it('retries non-2xx answers with the configured delays until one succeeds', async () => {
      await start();
      const webhook = await subscribe({ events: ['transaction.state.updated'] });
      receiver.answer(500, 404);
      const trx = await api.createTransaction();
      emulator.completeTransaction(trx.id);
      const done = await emulator.waitForDelivery((delivery) => delivery.outcome === 'done');
      const received = await receiver.waitFor(3);
      expect(new Set(received.map(({ body }) => JSON.stringify(body))).size).toBe(1);
      expect(
        emulator.webhookDeliveries().map(({ attempt, status, ok, outcome, webhookId, deliveryId }) => ({
          attempt,
          status,
          ok,
          outcome,
          webhookId,
          deliveryId,
        })),
      ).toEqual([
        { attempt: 1, status: 500, ok: false, outcome: 'retry', webhookId: webhook.id, deliveryId: done.deliveryId },
        { attempt: 2, status: 404, ok: false, outcome: 'retry', webhookId: webhook.id, deliveryId: done.deliveryId },
        { attempt: 3, status: 200, ok: true, outcome: 'done', webhookId: webhook.id, deliveryId: done.deliveryId },
      ]);
    });

    it('counts a receiver that does not answer in time as failed, and retries', async () => {
      await start({ webhookTimeoutMs: 200 });
      await subscribe({ events: ['transaction.state.updated'] });
      receiver.answer('hang');
      const trx = await api.createTransaction();
      emulator.completeTransaction(trx.id);
      await emulator.waitForDelivery((delivery) => delivery.outcome === 'done');
      expect(
        emulator.webhookDeliveries().map(({ attempt, status, error, outcome }) => [attempt, status, error, outcome]),
      ).toEqual([
        [1, null, 'timeout', 'retry'],
        [2, 200, null, 'done'],
      ]);
    });

    it('retries refused connections and gives up after the last delay', async () => {
      await start({ webhookRetryDelaysMs: [10, 10] });
      const closed = await WebhookReceiver.start();
      const url = closed.url;
      await closed.stop();
      await api.json('POST', 'webhooks', { url, events: ['transaction.state.updated'] });
      const trx = await api.createTransaction();
      emulator.completeTransaction(trx.id);
      const last = await emulator.waitForDelivery((delivery) => delivery.outcome === 'gave_up');
      expect(last).toMatchObject({ attempt: 3, status: null, error: 'ECONNREFUSED', ok: false });
      expect(emulator.webhookDeliveries().map((delivery) => delivery.outcome)).toEqual(['retry', 'retry', 'gave_up']);
    });

    it('stop() cancels retries still waiting', async () => {
      await start({ webhookRetryDelaysMs: [60_000] });
      await subscribe({ events: ['transaction.state.updated'] });
      receiver.answer(503);
      const trx = await api.createTransaction();
      emulator.completeTransaction(trx.id);
      await emulator.waitForDelivery((delivery) => delivery.outcome === 'retry');
      const waiting = emulator.waitForDelivery((delivery) => delivery.attempt === 2, 120_000);
      await emulator.stop();
      await expect(waiting).rejects.toThrow(/stopped/);
      expect(receiver.received).toHaveLength(1);
    });
  });

  describe('duplicates and order (docs/id-scan-api.md §B5: the same event may arrive more than once and out of order)', () => {
    it('duplicateDeliveries sends every event twice', async () => {
      await start({ duplicateDeliveries: true });
      await subscribe({ events: ['transaction.state.updated'] });
      const trx = await api.createTransaction();
      emulator.completeTransaction(trx.id);
      const [a, b] = await receiver.waitFor(2);
      expect(a.body).toEqual(b.body);
    });

    it('reorderDeliveries sends the events of one change in reverse order', async () => {
      await start({ reorderDeliveries: true });
      await subscribe();
      const trx = await api.createTransaction({ tasks: ['document_scan'] });
      emulator.completeTransaction(trx.id);
      const deliveries = await receiver.waitFor(2);
      expect(deliveries.map(({ body }) => body.type)).toEqual(['transaction.state.updated', 'task.state.updated']);
    });

    it('setDeliveryBehaviour switches both at run time', async () => {
      await start();
      await subscribe();
      emulator.setDeliveryBehaviour({ duplicate: true, reorder: true });
      const trx = await api.createTransaction({ tasks: ['document_scan'] });
      emulator.completeTransaction(trx.id);
      const deliveries = await receiver.waitFor(4);
      expect(deliveries.map(({ body }) => body.type)).toEqual([
        'transaction.state.updated',
        'transaction.state.updated',
        'task.state.updated',
        'task.state.updated',
      ]);
    });

    it('redeliver(eventId) sends a published event again', async () => {
      await start();
      await subscribe({ events: ['transaction.state.updated'] });
      const trx = await api.createTransaction();
      emulator.completeTransaction(trx.id);
      const [first] = await receiver.waitFor(1);
      await emulator.redeliver(first.body.id);
      const [, again] = await receiver.waitFor(2);
      expect(again.body).toEqual(first.body);
      await expect(emulator.redeliver('no-such-event')).rejects.toThrow(/no-such-event/);
    });
  });

  it('waitForDelivery gives up after its timeout', async () => {
    await start();
    await expect(emulator.waitForDelivery(() => true, 50)).rejects.toThrow(/within 50 ms/);
  });
});
