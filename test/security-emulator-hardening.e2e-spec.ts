import { IdScanEmulator } from 'nestjs-id-scan-emulator';
import { EmulatorApi } from './emulator/support/emulator-client';

interface Result {
  tasks: { files?: { url: string | null }[] }[];
}

/** Every id and token one emulator hands out for one completed transaction and one webhook. */
async function identifiersOf(emulator: IdScanEmulator): Promise<string[]> {
  const api = new EmulatorApi(emulator);
  const created = await api.createTransaction({ tasks: ['document_scan'] });
  const { resultId } = emulator.completeTransaction(created.id);
  const result = await api.json<Result>('GET', `transactions/${created.id}/results/${resultId}`);
  const downloads = result.body.tasks.flatMap((task) => task.files ?? []).map((file) => String(file.url));
  const webhook = await api.json<{ id: string }>('POST', 'webhooks', { url: 'http://127.0.0.1:9/hook' });
  return [
    created.id,
    new URL(created.url).pathname,
    resultId,
    ...downloads.map((url) => new URL(url).pathname),
    webhook.body.id,
  ];
}

describe('Security: emulator identifiers', () => {
  it('draws ids and tokens from node:crypto when no seed is given: the same seed passed back does not reproduce them', async () => {
    const unseeded = await IdScanEmulator.start({ logger: false });
    const replay = await IdScanEmulator.start({ seed: unseeded.seed, logger: false });
    try {
      const [first, second] = [await identifiersOf(unseeded), await identifiersOf(replay)];
      expect(first).toHaveLength(second.length);
      first.forEach((value, index) => expect(value).not.toBe(second[index]));
    } finally {
      await Promise.all([unseeded.stop(), replay.stop()]);
    }
  });

  it('still replays them exactly when a seed is given (reproducible tests)', async () => {
    const a = await IdScanEmulator.start({ seed: 'replay-ids', logger: false });
    const b = await IdScanEmulator.start({ seed: 'replay-ids', logger: false });
    try {
      const [first, second] = [await identifiersOf(a), await identifiersOf(b)];
      // Only the port in the URLs differs, and the identifiers compared here carry none.
      expect(first).toEqual(second);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });
});

describe('Security: X-Content-Type-Options on every emulator answer', () => {
  let emulator: IdScanEmulator;
  let api: EmulatorApi;

  beforeAll(async () => {
    emulator = await IdScanEmulator.start({ logger: false });
    api = new EmulatorApi(emulator);
  });
  afterAll(() => emulator.stop());

  async function expectNoSniff(name: string, response: Response, status: number): Promise<void> {
    await response.arrayBuffer();
    expect([name, response.status, response.headers.get('x-content-type-options')]).toEqual([name, status, 'nosniff']);
  }

  it('sets nosniff on downloads, reports, hosted pages, JSON answers and errors', async () => {
    const created = await api.createTransaction({ tasks: ['document_scan'] });
    await expectNoSniff('hosted page', await fetch(created.url), 200);
    await expectNoSniff('hosted status', await fetch(`${created.url}/status`), 200);
    const unknownPage = created.url.replace(/[^/]+$/, 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    await expectNoSniff('hosted error page', await fetch(unknownPage), 404);
    const { resultId } = emulator.completeTransaction(created.id);
    const result = await api.json<Result>('GET', `transactions/${created.id}/results/${resultId}`);
    const file = result.body.tasks.flatMap((task) => task.files ?? []).find((entry) => entry.url !== null);
    await expectNoSniff('download', await api.request('GET', String(file?.url)), 200);
    const report = `transactions/${created.id}/results/${resultId}/report?type=extended`;
    await expectNoSniff('report', await api.request('GET', report), 200);
    await expectNoSniff('JSON answer', await api.request('GET', `transactions/${created.id}`), 200);
    await expectNoSniff('401', await fetch(new URL('webhooks', emulator.url)), 401);
    await expectNoSniff('unknown route', await api.request('GET', 'nothing-here'), 404);
    await expectNoSniff('malformed JSON', await api.request('POST', 'transactions', '{"tasks":'), 400);
  });
});
