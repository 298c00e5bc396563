import { IdScanEmulator } from 'nestjs-id-scan-emulator';
import { EmulatorApi } from './emulator/support/emulator-client';
import { startHost, WEBHOOK_SECRET, type TestHost } from './support/id-scan-host';

/** `levels` nested arrays, or objects, around an empty innermost value. */
function nested(levels: number, kind: 'array' | 'object' = 'array'): string {
  return kind === 'array'
    ? `${'['.repeat(levels)}${']'.repeat(levels)}`
    : `${'{"a":'.repeat(levels)}null${'}'.repeat(levels)}`;
}

/**
 * Deeply nested JSON within the body-size limit once overflowed the stack in class-transformer and answered 500
 * (with a stack trace in the log), on the package's routes and on the emulator's JSON routes.
 */
describe('Security: deeply nested JSON bodies', () => {
  let emulator: IdScanEmulator;
  let host: TestHost;
  let api: EmulatorApi;
  let transactionId: string;

  beforeAll(async () => {
    emulator = await IdScanEmulator.start({ logger: false });
    host = await startHost({ emulator });
    api = new EmulatorApi(emulator);
    transactionId = (await host.idScan.createTransaction({ tasks: ['document_scan'] })).id;
  });
  afterAll(async () => {
    await host?.close();
    await emulator?.stop();
  });

  function post(path: string, body: string, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(new URL(path, host.origin), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
  }

  describe.each([
    ['3000 nested arrays', nested(3000)],
    ['3000 nested objects', nested(3000, 'object')],
    ['33 nested arrays, one past the bound', nested(33)],
  ])('%s', (_name, deep) => {
    it('POST /id-scan/transactions/:id/complete answers 400 validation_failed, logging no error', async () => {
      const errorsBefore = host.logger.lines.filter((line) => line.level === 'error').length;
      const response = await post(`/id-scan/transactions/${transactionId}/complete`, `{"resultId":${deep}}`);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({
        statusCode: 400,
        code: 'validation_failed',
        message: expect.stringMatching(/deeper than 32 levels/) as unknown,
      });
      expect(host.logger.lines.filter((line) => line.level === 'error')).toHaveLength(errorsBefore);
    });

    it('POST /id-scan/events with a valid secret answers 400 validation_failed', async () => {
      const body = `{"id":"0b6f1e0e-8f0a-4d52-9a43-2f1f5d7c9b10","type":"transaction.state.updated","transaction":${deep}}`;
      const response = await post('/id-scan/events', body, { 'x-id-scan-webhook-secret': WEBHOOK_SECRET });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ statusCode: 400, code: 'validation_failed' });
    });

    it.each(['transactions', 'webhooks'])('the emulator POST /%s answers 400 validation_failed', async (path) => {
      const response = await api.request('POST', path, `{"tasks":["document_scan"],"settings":${deep}}`);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({
        code: 'validation_failed',
        details: [{ field: 'body', message: 'body must not nest deeper than 32 levels' }],
      });
    });
  });

  it('never answers a deep body 5xx on an emulator route that takes a body, hosted pages included', async () => {
    const deep = `{"scenario":${nested(5000)}}`;
    const trx = await api.createTransaction({ tasks: ['document_scan'] });
    const targets: [string, string, Record<string, string>][] = [
      ['POST', new URL('transactions', emulator.url).href, {}],
      ['POST', new URL('webhooks', emulator.url).href, {}],
      ['DELETE', new URL('webhooks/5d0b6a8e-2f4c-4a8b-9c1d-7e6f5a4b3c2d', emulator.url).href, {}],
      ['POST', `${trx.url}/tasks/document_scan`, {}],
      ['POST', `${trx.url}/give-up`, { 'sec-fetch-dest': 'iframe' }],
    ];
    for (const [method, url, headers] of targets) {
      const response = await api.request(method, url, deep, headers);
      await response.arrayBuffer();
      // The hosted routes read no JSON (their forms are multipart), so give-up may succeed; no route may fail.
      expect([method, url, response.status < 500]).toEqual([method, url, true]);
    }
  });

  it('still validates a body at exactly the bound as usual (the depth rule is not what refuses it)', async () => {
    const response = await post(`/id-scan/transactions/${transactionId}/complete`, `{"resultId":${nested(31)}}`);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { message: string; details: { property: string }[] };
    expect(body.message).not.toMatch(/deeper/);
    expect(body.details.map((detail) => detail.property)).toContain('resultId');
    const created = await api.request(
      'POST',
      'transactions',
      `{"tasks":["document_scan"],"settings":{"documentScan":{"extractFields":${nested(29)}}}}`,
    );
    expect(created.status).toBe(400);
    expect(JSON.stringify(await created.json())).not.toMatch(/deeper/);
  });
});
