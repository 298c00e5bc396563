import { IdScanEmulator, type IdScanEmulatorCredentials } from 'nestjs-id-scan-emulator';
import { signToken } from './support/emulator-client';
import { WebhookReceiver } from './support/webhook-receiver';

const ALICE: IdScanEmulatorCredentials = { keyId: 'alice-key', secret: 'alice-secret-that-is-long-enough-0123456789' };
const BOB: IdScanEmulatorCredentials = { keyId: 'bob-key', secret: 'bob-secret-that-is-long-enough-0123456789ab' };
const UNKNOWN_ID = '5d0b6a8e-2f4c-4a8b-9c1d-7e6f5a4b3c2d';
const UNKNOWN_TOKEN = 'Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56Qr78St90Uv12Wx34Yz';

interface Answer {
  status: number;
  body: unknown;
}

interface ResultFiles {
  tasks: { files?: { url: string | null }[] }[];
}

/**
 * Each transaction, result, file, report, webhook and event delivery belongs to the key id that created it, as on
 * CM's per-account API. Another credential gets exactly the answer an unknown id gets, so it learns nothing.
 */
describe('Emulator tenancy: two credentials on one emulator', () => {
  let emulator: IdScanEmulator;
  let aliceHook: WebhookReceiver;
  let bobHook: WebhookReceiver;

  beforeAll(async () => {
    emulator = await IdScanEmulator.start({ credentials: [ALICE, BOB], logger: false });
    [aliceHook, bobHook] = await Promise.all([WebhookReceiver.start(), WebhookReceiver.start()]);
  });
  afterAll(async () => {
    await emulator.stop();
    await Promise.all([aliceHook.stop(), bobHook.stop()]);
  });

  async function call(as: IdScanEmulatorCredentials, method: string, path: string, body?: unknown): Promise<Answer> {
    const token = await signToken({ credentials: as });
    const response = await fetch(new URL(path, emulator.url), {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const type = response.headers.get('content-type') ?? '';
    return {
      status: response.status,
      body: type.startsWith('application/json') ? await response.json() : (await response.arrayBuffer()).byteLength,
    };
  }

  /** A completed transaction of `owner`, its result id, and the download paths of its files. */
  async function completedTransactionOf(
    owner: IdScanEmulatorCredentials,
  ): Promise<{ id: string; resultId: string; downloads: string[] }> {
    const created = await call(owner, 'POST', 'transactions', { tasks: ['document_scan', 'face_liveness'] });
    expect(created.status).toBe(201);
    const { id } = created.body as { id: string };
    const { resultId } = emulator.completeTransaction(id);
    const result = await call(owner, 'GET', `transactions/${id}/results/${resultId}`);
    const downloads = (result.body as ResultFiles).tasks
      .flatMap((task) => task.files ?? [])
      .map((file) => new URL(String(file.url)).pathname.replace(new URL(emulator.url).pathname, ''));
    expect(downloads.length).toBeGreaterThan(0);
    return { id, resultId, downloads };
  }

  it('answers every transaction, result, report and file route of another credential exactly as for an unknown id', async () => {
    const alice = await completedTransactionOf(ALICE);
    const routes: [string, string][] = [
      [`transactions/${alice.id}`, `transactions/${UNKNOWN_ID}`],
      [`transactions/${alice.id}/results/${alice.resultId}`, `transactions/${UNKNOWN_ID}/results/${alice.resultId}`],
      [
        `transactions/${alice.id}/results/${alice.resultId}/report`,
        `transactions/${UNKNOWN_ID}/results/${alice.resultId}/report`,
      ],
      [
        `transactions/${alice.id}/results/${alice.resultId}/report?type=extended`,
        `transactions/${UNKNOWN_ID}/results/${alice.resultId}/report?type=extended`,
      ],
      ...alice.downloads.map((path): [string, string] => [path, `downloads/${UNKNOWN_TOKEN}`]),
    ];
    for (const [path, unknownPath] of routes) {
      const unknown = await call(BOB, 'GET', unknownPath);
      expect([path, unknown.status]).toEqual([path, 404]);
      expect([path, await call(BOB, 'GET', path)]).toEqual([path, unknown]);
      // The owner still reads it.
      expect([path, (await call(ALICE, 'GET', path)).status]).toEqual([path, 200]);
    }
  });

  it('keeps a pending transaction of one credential from another', async () => {
    const created = await call(ALICE, 'POST', 'transactions', { tasks: ['document_scan'] });
    const { id } = created.body as { id: string };
    expect(await call(BOB, 'GET', `transactions/${id}`)).toEqual(await call(BOB, 'GET', `transactions/${UNKNOWN_ID}`));
    expect((await call(ALICE, 'GET', `transactions/${id}`)).status).toBe(200);
  });

  it('lists, and lets delete, only the credential its own webhooks, secret headers included', async () => {
    const secretHeaders = { 'x-id-scan-webhook-secret': 'alice-webhook-secret-value' };
    const aliceWebhook = await call(ALICE, 'POST', 'webhooks', {
      url: 'http://127.0.0.1:9/alice',
      headers: secretHeaders,
    });
    expect(aliceWebhook.status).toBe(201);
    const aliceId = (aliceWebhook.body as { id: string }).id;
    const bobWebhook = await call(BOB, 'POST', 'webhooks', { url: 'http://127.0.0.1:9/bob' });
    const bobId = (bobWebhook.body as { id: string }).id;

    const bobList = await call(BOB, 'GET', 'webhooks');
    expect(bobList.status).toBe(200);
    expect((bobList.body as { id: string }[]).map((webhook) => webhook.id)).toEqual([bobId]);
    expect(JSON.stringify(bobList.body)).not.toContain('alice-webhook-secret-value');
    const aliceList = (await call(ALICE, 'GET', 'webhooks')).body as { id: string }[];
    expect(aliceList.map((webhook) => webhook.id)).toEqual([aliceId]);

    const unknownDelete = await call(BOB, 'DELETE', `webhooks/${UNKNOWN_ID}`);
    expect(unknownDelete.status).toBe(404);
    expect(await call(BOB, 'DELETE', `webhooks/${aliceId}`)).toEqual(unknownDelete);
    expect(((await call(ALICE, 'GET', 'webhooks')).body as { id: string }[]).map((webhook) => webhook.id)).toEqual([
      aliceId,
    ]);

    // Each deletes its own.
    expect((await call(ALICE, 'DELETE', `webhooks/${aliceId}`)).status).toBe(204);
    expect((await call(BOB, 'DELETE', `webhooks/${bobId}`)).status).toBe(204);
  });

  it("delivers a transaction's events, and their redeliveries, only to its owner's webhooks", async () => {
    const aliceWebhook = await call(ALICE, 'POST', 'webhooks', { url: aliceHook.url });
    const bobWebhook = await call(BOB, 'POST', 'webhooks', { url: bobHook.url });
    const [aliceWebhookId, bobWebhookId] = [aliceWebhook.body, bobWebhook.body].map(
      (body) => (body as { id: string }).id,
    );

    const created = await call(ALICE, 'POST', 'transactions', { tasks: ['document_scan'] });
    const aliceTransaction = (created.body as { id: string }).id;
    emulator.completeTransaction(aliceTransaction);
    // One task event and one transaction event.
    await aliceHook.waitFor(2);
    const bobCreated = await call(BOB, 'POST', 'transactions', { tasks: ['document_scan'] });
    const bobTransaction = (bobCreated.body as { id: string }).id;
    emulator.completeTransaction(bobTransaction);
    await bobHook.waitFor(2);

    const aliceEvent = aliceHook.received[0].body;
    await emulator.redeliver(aliceEvent.id);
    await aliceHook.waitFor(3);

    expect(aliceHook.received.map((delivery) => delivery.body.transaction.id)).toEqual([
      aliceTransaction,
      aliceTransaction,
      aliceTransaction,
    ]);
    expect(bobHook.received.map((delivery) => delivery.body.transaction.id)).toEqual([bobTransaction, bobTransaction]);
    const crossed = emulator
      .webhookDeliveries()
      .filter(
        (delivery) =>
          (delivery.webhookId === bobWebhookId && delivery.event.transaction.id === aliceTransaction) ||
          (delivery.webhookId === aliceWebhookId && delivery.event.transaction.id === bobTransaction),
      );
    expect(crossed).toEqual([]);
  });
});
