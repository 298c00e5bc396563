import { IdScanEmulator } from 'nestjs-id-scan-emulator';
import { startHost, type TestHost } from './support/id-scan-host';

/**
 * `POST /id-scan/transactions/:id/complete` used to take url-encoded bodies, so a cross-site HTML form (which needs
 * no CORS preflight) could post a completion signal to it.
 */
describe('Security: the completion route takes application/json only', () => {
  let emulator: IdScanEmulator;
  let host: TestHost;
  let transactionId: string;
  let resultId: string;

  beforeAll(async () => {
    emulator = await IdScanEmulator.start({ logger: false });
    host = await startHost({ emulator });
    transactionId = (await host.idScan.createTransaction({ tasks: ['document_scan'] })).id;
    resultId = emulator.completeTransaction(transactionId).resultId;
  });
  afterAll(async () => {
    await host?.close();
    await emulator?.stop();
  });

  function complete(body: string | FormData, contentType?: string): Promise<Response> {
    return fetch(`${host.origin}/id-scan/transactions/${transactionId}/complete`, {
      method: 'POST',
      headers: contentType === undefined ? {} : { 'content-type': contentType },
      body,
    });
  }

  it.each([
    ['a url-encoded form', `resultId=${'RESULT'}`, 'application/x-www-form-urlencoded'],
    ['plain text', '{"resultId":"RESULT"}', 'text/plain'],
    ['a JSON look-alike media type', '{"resultId":"RESULT"}', 'application/vnd.api+json'],
    ['no content type', '{"resultId":"RESULT"}', undefined],
  ])('answers 415 with the package error body to %s, completing nothing', async (_name, body, type) => {
    const response = await complete(body.replace('RESULT', resultId), type);
    expect(response.status).toBe(415);
    expect(await response.json()).toEqual({
      statusCode: 415,
      code: 'unsupported_media_type',
      message: expect.stringMatching(/application\/json/) as unknown,
    });
    expect(host.events.completionsOf(transactionId)).toHaveLength(0);
  });

  it('answers 415 to a multipart form', async () => {
    const form = new FormData();
    form.append('resultId', resultId);
    const response = await complete(form);
    expect(response.status).toBe(415);
    expect(host.events.completionsOf(transactionId)).toHaveLength(0);
  });

  it('completes with a JSON body, charset parameter and letter case allowed', async () => {
    const response = await complete(JSON.stringify({ resultId }), 'Application/JSON; charset=utf-8');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ transactionId, resultId, completed: true });
  });
});
