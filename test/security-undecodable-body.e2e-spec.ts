import { Body, Controller, Post } from '@nestjs/common';
import { IdScanEmulator } from 'nestjs-id-scan-emulator';
import { request } from 'node:http';
import { startHost, WEBHOOK_SECRET, type TestHost } from './support/id-scan-host';

/** A route of the host's own, to show that its body errors stay the host's business. */
@Controller('host')
class HostEchoController {
  @Post('echo')
  echo(@Body() body: unknown): unknown {
    return body;
  }
}

/** What no answer may hold: the start of the body the caller sent. */
const MARKER = 'PERSONAL-DATUM-Jane-Doe-1970-01-01';

/**
 * A body the host's parser cannot decode never reaches the package's routes; Nest answers it from its own error
 * handler, and the parser's message quotes the start of the body. The package's routes answer it themselves.
 */
describe.each<[string, { globalPrefix?: string; routerPath?: string }]>([
  ['at the root', {}],
  ['under a global prefix and a RouterModule path', { globalPrefix: 'api', routerPath: 'kyc' }],
])('Security: the package routes answer a body they cannot decode (%s)', (_where, mount) => {
  let emulator: IdScanEmulator;
  let host: TestHost;
  let transactionId: string;
  let base: string;

  beforeAll(async () => {
    emulator = await IdScanEmulator.start({ logger: false });
    host = await startHost({ emulator, controllers: [HostEchoController], ...mount });
    transactionId = (await host.idScan.createTransaction({ tasks: ['document_scan'] })).id;
    emulator.completeTransaction(transactionId);
    base = `${host.origin}${mount.globalPrefix ? `/${mount.globalPrefix}` : ''}${mount.routerPath ? `/${mount.routerPath}` : ''}`;
  });
  afterAll(async () => {
    await host?.close();
    await emulator?.stop();
  });

  const routes = (): [string, Record<string, string>][] => [
    [`${base}/id-scan/transactions/${transactionId}/complete`, {}],
    [`${base}/id-scan/events`, { 'x-id-scan-webhook-secret': WEBHOOK_SECRET }],
  ];

  /**
   * Posts on a connection of its own: after a body it could not read, the server may drop the connection, and a
   * pooled client would send the next request into it.
   */
  function post(url: string, headers: Record<string, string>, contentType: string, body: Buffer | string) {
    return new Promise<{ status: number; contentType?: string; cacheControl?: string; text: string }>(
      (resolve, reject) => {
        const outgoing = request(url, {
          method: 'POST',
          agent: false,
          headers: { ...headers, 'content-type': contentType },
        });
        outgoing.on('error', reject).on('response', (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk)).on('error', reject);
          incoming.on('end', () =>
            resolve({
              status: incoming.statusCode ?? 0,
              contentType: incoming.headers['content-type'],
              cacheControl: incoming.headers['cache-control'],
              text: Buffer.concat(chunks).toString('utf8'),
            }),
          );
        });
        outgoing.end(body);
      },
    );
  }

  it.each([
    // UTF-8 bytes labelled UTF-16: the parser decodes them to garbage, and its message quoted the start of the body.
    [
      'UTF-8 JSON labelled UTF-16',
      415,
      'unsupported_charset',
      'application/json; charset=utf-16',
      `{"resultId":"${MARKER}"}`,
    ],
    [
      'JSON in a charset the parser lacks',
      415,
      'unsupported_charset',
      'application/json; charset=x-none',
      `{"r":"${MARKER}"}`,
    ],
    ['malformed JSON', 400, 'malformed_body', 'application/json', `{"resultId": ${MARKER}`],
    ['gzip it cannot inflate', 400, 'malformed_body', 'application/json', Buffer.from(`not gzip ${MARKER}`)],
  ])('answers %s with the package JSON %i %s, quoting none of the body', async (name, status, code, type, body) => {
    for (const [url, headers] of routes()) {
      const extra: Record<string, string> = name.startsWith('gzip') ? { 'content-encoding': 'gzip' } : {};
      const response = await post(url, { ...headers, ...extra }, type, body);
      const { text } = response;
      expect({ url, status: response.status }).toEqual({ url, status });
      expect(response.contentType).toMatch(/^application\/json/);
      expect(response.cacheControl).toBe('no-store');
      expect(JSON.parse(text)).toEqual({ statusCode: status, code, message: expect.any(String) as string });
      expect(text).not.toContain(MARKER);
      expect(text).not.toContain('resultId');
    }
    expect(host.events.completionsOf(transactionId)).toHaveLength(0);
    expect(host.logger.text()).not.toContain(MARKER);
  });

  it('refuses a completion in UTF-16 that the parser did decode, as the route takes UTF-8 only', async () => {
    const [url] = routes()[0];
    const body = Buffer.from(JSON.stringify({ resultId: MARKER }), 'utf16le');
    const response = await post(url, {}, 'application/json; charset=utf-16le', body);
    expect(response.status).toBe(415);
    expect(JSON.parse(response.text)).toMatchObject({ code: 'unsupported_charset' });
  });

  it("leaves a body error on the host's own route to Nest's handling", async () => {
    const response = await post(`${base.replace(/\/kyc$/, '')}/host/echo`, {}, 'application/json', '{"a":');
    expect(response.status).toBe(400);
    expect(JSON.parse(response.text)).not.toHaveProperty('code');
  });
});
