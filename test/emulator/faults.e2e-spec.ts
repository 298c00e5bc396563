import { EmulatorConfigurationError, IdScanEmulator } from 'nestjs-id-scan-emulator';
import { EmulatorApi } from './support/emulator-client';

describe('Emulator fault injection', () => {
  let emulator: IdScanEmulator;
  let api: EmulatorApi;

  beforeAll(async () => {
    emulator = await IdScanEmulator.start({ seed: 'faults', logger: false });
    api = new EmulatorApi(emulator);
  });
  afterEach(() => emulator.setFaults());
  afterAll(() => emulator.stop());

  it.each([
    ['rateLimit', 429, 'rate_limited'],
    ['serverError', 500, 'internal_error'],
    ['unavailable', 503, 'unavailable'],
  ] as const)('%s answers %i %s with the docs/id-scan-api.md §B6 body', async (kind, status, code) => {
    emulator.setFaults({ createTransaction: { [kind]: 1 } });
    const response = await api.request('POST', 'transactions', { tasks: ['document_scan'] });
    expect(response.status).toBe(status);
    expect(await response.json()).toEqual({ code, message: expect.any(String) as unknown });
    if (kind === 'rateLimit') expect(response.headers.get('retry-after')).toBe('1');
    expect(emulator.transactions()).toHaveLength(0);
  });

  it('sends the configured Retry-After with 429', async () => {
    emulator.setFaults({ listWebhooks: { rateLimit: 1, retryAfterSeconds: 7 } });
    const response = await api.request('GET', 'webhooks');
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
  });

  it('drops the connection without an answer', async () => {
    emulator.setFaults({ listWebhooks: { dropConnection: 1 } });
    await expect(api.request('GET', 'webhooks')).rejects.toThrow('fetch failed');
    emulator.setFaults();
    expect((await api.request('GET', 'webhooks')).status).toBe(200);
  });

  it('drops the answer after processing: the transaction is created, the client sees a reset', async () => {
    emulator.setFaults({ createTransaction: { dropAfterProcessing: 1 } });
    const before = new Set(emulator.transactions().map((transaction) => transaction.id));
    const returnUrl = 'http://127.0.0.1/after-processing';
    const outcome = api.request('POST', 'transactions', { tasks: ['document_scan'], returnUrl });
    await expect(outcome).rejects.toThrow('fetch failed');
    // Destroyed by the server mid-request, not refused: the answer was on its way.
    await expect(outcome).rejects.toMatchObject({ cause: { code: 'UND_ERR_SOCKET' } });
    const created = emulator.transactions().filter((transaction) => !before.has(transaction.id));
    expect(created).toEqual([expect.objectContaining({ returnUrl, state: 'pending' })]);
    emulator.setFaults();
    expect((await api.request('GET', `transactions/${created[0].id}`)).status).toBe(200);
  });

  it('drops streamed answers after processing too, and the emulator keeps serving', async () => {
    const { id } = await api.createTransaction();
    const { resultId } = emulator.completeTransaction(id, 'genuine_passport');
    emulator.setFaults({ getReport: { dropAfterProcessing: 1, times: 1 } });
    await expect(api.request('GET', `transactions/${id}/results/${resultId}/report`)).rejects.toThrow('fetch failed');
    const again = await api.request('GET', `transactions/${id}/results/${resultId}/report`);
    expect(again.status).toBe(200);
    expect(
      Buffer.from(await again.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });

  it('stalls: the request is never answered', async () => {
    emulator.setFaults({ getTransaction: { stall: 1 } });
    expect((await api.request('GET', 'webhooks')).status).toBe(200);
    await expect(fetch(new URL('transactions/x', emulator.url), { signal: AbortSignal.timeout(300) })).rejects.toThrow(
      /aborted|timeout/i,
    );
  });

  it('adds latency before answering', async () => {
    emulator.setFaults({ listWebhooks: { latencyMs: 60_000 } });
    await expect(fetch(new URL('webhooks', emulator.url), { signal: AbortSignal.timeout(300) })).rejects.toThrow(
      /aborted|timeout/i,
    );
  });

  it('answers after a short added latency', async () => {
    emulator.setFaults({ listWebhooks: { latencyMs: [1, 5] } });
    expect((await api.request('GET', 'webhooks')).status).toBe(200);
  });

  it('applies faults before authentication, as a gateway would', async () => {
    emulator.setFaults({ '*': { unavailable: 1 } });
    const response = await fetch(new URL('webhooks', emulator.url));
    expect(response.status).toBe(503);
  });

  it("'*' covers the API routes but not the hosted pages; a route's own rule replaces it", async () => {
    const trx = await api.createTransaction();
    emulator.setFaults({ '*': { unavailable: 1 }, listWebhooks: {} });
    expect((await api.request('GET', `transactions/${trx.id}`)).status).toBe(503);
    expect((await api.request('GET', 'webhooks')).status).toBe(200);
    expect((await fetch(trx.url)).status).toBe(200);
  });

  it('targets hosted pages by name, answering with the HTML error page', async () => {
    const trx = await api.createTransaction();
    emulator.setFaults({ hostedPage: { serverError: 1 } });
    const response = await fetch(trx.url);
    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
  });

  it('times limits a rule to the first requests', async () => {
    emulator.setFaults({ listWebhooks: { serverError: 1, times: 2 } });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await api.request('GET', 'webhooks')).status);
    expect(statuses).toEqual([500, 500, 200, 200]);
  });

  it('is deterministic for a seed, per route, and starts afresh with setFaults', async () => {
    async function statuses(target: IdScanEmulator): Promise<number[]> {
      const targetApi = new EmulatorApi(target);
      target.setFaults({ listWebhooks: { serverError: 0.3, unavailable: 0.3 } });
      const result: number[] = [];
      for (let i = 0; i < 25; i++) {
        result.push((await targetApi.request('GET', 'webhooks')).status);
        // Requests on another route draw from another stream and change nothing.
        if (i % 5 === 0) await targetApi.request('POST', 'transactions', { tasks: ['document_scan'] });
      }
      return result;
    }
    const first = await statuses(emulator);
    expect(new Set(first)).toEqual(new Set([200, 500, 503]));
    expect(await statuses(emulator)).toEqual(first);

    const twin = await IdScanEmulator.start({ seed: 'faults', logger: false });
    const other = await IdScanEmulator.start({ seed: 'other-faults', logger: false });
    try {
      expect(await statuses(twin)).toEqual(first);
      expect(await statuses(other)).not.toEqual(first);
    } finally {
      await Promise.all([twin.stop(), other.stop()]);
    }
  });

  it('refuses unusable rules and keeps the previous ones', () => {
    emulator.setFaults({ download: { serverError: 0.5 } });
    expect(() => emulator.setFaults({ download: { serverError: 0.8, unavailable: 0.8 } })).toThrow(
      EmulatorConfigurationError,
    );
    expect(() => emulator.setFaults({ nowhere: { stall: 1 } } as never)).toThrow(/unknown route/);
    expect(() => emulator.setFaults({ download: { stall: 0.5, dropAfterProcessing: 0.6 } })).toThrow(/add up to more/);
    expect(() => emulator.setFaults({ download: { dropAfterProcessing: 2 } })).toThrow(/dropAfterProcessing/);
    expect(emulator.faults()).toEqual({ download: { serverError: 0.5 } });
  });
});

describe('Emulator faults and stop()', () => {
  it('takes rules from the start options and stops while requests stall or wait', async () => {
    const emulator = await IdScanEmulator.start({
      faults: { listWebhooks: { stall: 1 }, getTransaction: { latencyMs: 600_000 } },
      logger: false,
    });
    const api = new EmulatorApi(emulator);
    const outcomes = Promise.allSettled([api.request('GET', 'webhooks'), api.request('GET', 'transactions/x')]);
    // A full round trip on another route after sending both: they are in the server by now.
    expect((await api.request('POST', 'transactions', { tasks: ['document_scan'] })).status).toBe(201);
    await emulator.stop();
    const settled = await outcomes;
    for (const outcome of settled) {
      expect(outcome.status).toBe('rejected');
      // Closed by the server mid-request, not refused: the requests were waiting inside.
      const cause = (outcome as PromiseRejectedResult).reason as { cause?: { code?: string } };
      expect(cause.cause?.code).toBe('UND_ERR_SOCKET');
    }
  });
});
