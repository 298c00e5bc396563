import { Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventEmitter2, EventEmitterModule, OnEvent } from '@nestjs/event-emitter';
import { randomUUID } from 'node:crypto';
import {
  IdScanCallbackController,
  IdScanConfigurationError,
  IdScanEvents,
  IdScanModule,
  summarizeResult,
  type IdScanTransaction,
  type TransactionCompletedEvent,
} from 'nestjs-id-scan';
import { IdScanEmulator, type EmulatorScenario } from 'nestjs-id-scan-emulator';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startHost, type TestHost } from './support/id-scan-host';

const JSON_HEADERS = { 'content-type': 'application/json' };

async function post(url: string, body: unknown, headers: Record<string, string> = JSON_HEADERS): Promise<Response> {
  return fetch(url, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

function get(url: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { redirect: 'manual', headers });
}

/** The parsed JSON body, after checking that the answer is JSON at all. */
async function jsonOf(response: Response): Promise<Record<string, unknown>> {
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  return (await response.json()) as Record<string, unknown>;
}

/** Where a redirect points, relative to the host. */
function locationOf(response: Response): URL {
  const location = response.headers.get('location');
  expect(location).not.toBeNull();
  return new URL(location ?? '', 'http://host.invalid');
}

describe('completion signals (e2e, emulator over loopback HTTP)', () => {
  let emulator: IdScanEmulator;
  let host: TestHost;

  beforeAll(async () => {
    emulator = await IdScanEmulator.start({ logger: false });
    host = await startHost({ emulator });
  });

  afterAll(async () => {
    await host?.close();
    await emulator?.stop();
  });

  afterEach(() => emulator.setFaults({}));

  async function startVerification(
    on: TestHost = host,
    tasks: string[] = ['document_scan'],
    reference = `order-${randomUUID()}`,
  ): Promise<IdScanTransaction> {
    return on.idScan.createTransaction(
      { tasks, returnUrl: `${on.origin}/id-scan/return`, scanReturnUrl: `${on.origin}/id-scan/scan-return` },
      { reference },
    );
  }

  function finish(transaction: IdScanTransaction, scenario: EmulatorScenario = 'genuine_passport') {
    return emulator.completeTransaction(transaction.id, scenario);
  }

  const completeUrl = (transactionId: string, on: TestHost = host) =>
    `${on.origin}/id-scan/transactions/${transactionId}/complete`;

  describe('iframe signal: POST /id-scan/transactions/:id/complete', () => {
    it('completes the transaction from the API result, answers without personal data, and emits once', async () => {
      const transaction = await startVerification();
      const { resultId } = finish(transaction);

      const first = await post(completeUrl(transaction.id), { resultId });
      expect(first.status).toBe(200);
      expect(first.headers.get('cache-control')).toBe('no-store');
      const body = {
        transactionId: transaction.id,
        resultId,
        state: 'completed',
        completed: true,
        outcome: 'passed',
      };
      await expect(jsonOf(first)).resolves.toEqual(body);

      const again = await post(completeUrl(transaction.id), { resultId });
      await expect(jsonOf(again)).resolves.toEqual(body);

      const events = host.events.completionsOf(transaction.id);
      expect(events).toHaveLength(1);
      expect(events[0]).toBeInstanceOf(Object);
      expect(events[0]).toMatchObject({ transactionId: transaction.id, resultId, via: 'iframe' });
      expect(events[0].reference).toMatch(/^order-/);
      expect(events[0].result.id).toBe(transaction.id);
      expect(events[0].result.state).toBe('completed');
    });

    it('reports a failed verification as outcome "failed" and still emits it', async () => {
      const transaction = await startVerification(host, ['document_scan', 'face_liveness']);
      const { resultId } = finish(transaction, 'liveness_fails');
      const response = await post(completeUrl(transaction.id), { resultId });
      await expect(jsonOf(response)).resolves.toMatchObject({ completed: true, outcome: 'failed' });
      expect(host.events.completionsOf(transaction.id)).toHaveLength(1);
    });

    it('refuses a wrong result id with 404 and emits nothing; the right one still completes afterwards', async () => {
      const transaction = await startVerification();
      const { resultId } = finish(transaction);
      const wrong = await post(completeUrl(transaction.id), { resultId: randomUUID() });
      expect(wrong.status).toBe(404);
      await expect(jsonOf(wrong)).resolves.toMatchObject({ statusCode: 404, code: 'result_not_found' });
      expect(host.events.completionsOf(transaction.id)).toHaveLength(0);

      const right = await post(completeUrl(transaction.id), { resultId });
      expect(right.status).toBe(200);
      expect(host.events.completionsOf(transaction.id)).toHaveLength(1);
    });

    it('refuses a transaction that is still pending with 4xx and emits nothing', async () => {
      const transaction = await startVerification();
      const response = await post(completeUrl(transaction.id), { resultId: randomUUID() });
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(host.events.completionsOf(transaction.id)).toHaveLength(0);
    });
  });

  describe('return URL: GET /id-scan/return', () => {
    it('follows the flow back: completes, emits once, and redirects to successRedirect with the transaction id', async () => {
      const transaction = await startVerification();
      const { resultId, returnUrl } = finish(transaction);
      expect(returnUrl).not.toBeNull();
      const url = new URL(returnUrl ?? '');
      expect(url.searchParams.get('trxid')).toBe(transaction.id);
      expect(url.searchParams.get('resultid')).toBe(resultId);

      const response = await get(url.href);
      expect(response.status).toBe(302);
      const location = locationOf(response);
      expect(location.pathname).toBe('/verified');
      expect([...location.searchParams]).toEqual([['transactionId', transaction.id]]);
      expect(response.headers.get('location')).toMatch(/^\/verified\?/);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');

      const again = await get(url.href);
      expect(again.status).toBe(302);
      const events = host.events.completionsOf(transaction.id);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ via: 'return-url', resultId });
    });

    it.each<[EmulatorScenario, string[]]>([
      ['liveness_fails', ['document_scan', 'face_liveness']],
      ['gives_up', ['document_scan', 'face_liveness', 'face_match']],
      ['invalid_document_number', ['document_scan']],
    ])('redirects a %s verification to failureRedirect (and still emits it)', async (scenario, tasks) => {
      const transaction = await startVerification(host, tasks);
      const { returnUrl } = finish(transaction, scenario);
      const response = await get(returnUrl ?? '');
      expect(response.status).toBe(302);
      expect(locationOf(response).pathname).toBe('/verification-failed');
      expect(locationOf(response).searchParams.get('transactionId')).toBe(transaction.id);
      expect(host.events.completionsOf(transaction.id)).toHaveLength(1);
    });

    it('sends the person to failureRedirect with an error code when the API fails, and emits nothing', async () => {
      const transaction = await startVerification();
      const { returnUrl } = finish(transaction);
      emulator.setFaults({ getResult: { unavailable: 1 } });
      const response = await get(returnUrl ?? '');
      expect(response.status).toBe(302);
      const location = locationOf(response);
      expect(location.pathname).toBe('/verification-failed');
      expect(Object.fromEntries(location.searchParams)).toEqual({
        transactionId: transaction.id,
        error: 'upstream_unavailable',
      });
      expect(host.events.completionsOf(transaction.id)).toHaveLength(0);

      emulator.setFaults({});
      const retried = await get(returnUrl ?? '');
      expect(locationOf(retried).pathname).toBe('/verified');
      expect(host.events.completionsOf(transaction.id)).toHaveLength(1);
    });

    it.each([
      ['no parameters', ''],
      ['no trxid', `?resultid=${randomUUID()}`],
      ['no resultid', `?trxid=${randomUUID()}`],
      ['a trxid that is not a UUID', `?trxid=abc&resultid=${randomUUID()}`],
      ['a resultid that is not a UUID', `?trxid=${randomUUID()}&resultid=${'9'.repeat(5000)}`],
      ['a repeated trxid', `?trxid=${randomUUID()}&trxid=${randomUUID()}&resultid=${randomUUID()}`],
      ['an injected path', `?trxid=/../../etc&resultid=${randomUUID()}`],
    ])('answers 400 JSON to %s', async (_, query) => {
      for (const route of ['return', 'scan-return']) {
        const response = await get(`${host.origin}/id-scan/${route}${query}`, { accept: 'application/json' });
        expect(response.status).toBe(400);
        await expect(jsonOf(response)).resolves.toMatchObject({ statusCode: 400, code: 'validation_failed' });
      }
    });

    it('drops query keys it does not know (a returnUrl with its own query, analytics decoration)', async () => {
      const transaction = await startVerification();
      const { returnUrl } = finish(transaction);
      const response = await get(`${returnUrl ?? ''}&utm_source=mail&_gl=1*abc`);
      expect(response.status).toBe(302);
      expect(locationOf(response).pathname).toBe('/verified');
    });
  });

  describe('scan-return page: GET /id-scan/scan-return', () => {
    it.each([
      ['nl-BE,nl;q=0.9,en;q=0.5', 'nl', 'U kunt teruggaan naar uw computer'],
      ['fr-FR', 'fr', 'retourner sur votre ordinateur'],
      ['de-DE,de;q=0.9', 'en', 'You can go back to your computer'],
      ['', 'en', 'You can go back to your computer'],
    ])('completes and shows the page for Accept-Language "%s" in %s', async (acceptLanguage, language, text) => {
      const transaction = await startVerification();
      const { resultId } = finish(transaction);
      const url = `${host.origin}/id-scan/scan-return?trxid=${transaction.id}&resultid=${resultId}`;
      const response = await get(url, acceptLanguage ? { 'accept-language': acceptLanguage } : {});
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-language')).toBe(language);
      expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(response.headers.get('cache-control')).toBe('no-store');
      const html = await response.text();
      expect(html).toContain(`<html lang="${language}">`);
      expect(html).toContain(text);
      expect(html).not.toContain(transaction.id);
      expect(html).not.toContain(resultId);
      expect(host.events.completionsOf(transaction.id)).toEqual([
        expect.objectContaining({ via: 'return-url' }) as TransactionCompletedEvent,
      ]);
    });

    it('shows the problem page with the upstream status when the API fails', async () => {
      const transaction = await startVerification();
      const { resultId } = finish(transaction);
      emulator.setFaults({ getResult: { serverError: 1 } });
      const response = await get(`${host.origin}/id-scan/scan-return?trxid=${transaction.id}&resultid=${resultId}`);
      expect(response.status).toBe(502);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      await expect(response.text()).resolves.toContain('We could not confirm your verification');
      expect(host.events.completionsOf(transaction.id)).toHaveLength(0);
    });
  });

  describe('a transaction this application did not start', () => {
    let other: TestHost;
    beforeAll(async () => {
      // Same API account, its own (in-memory) store: the emulator knows the transaction, `host`'s store does not.
      other = await startHost({ emulator });
    });
    afterAll(() => other?.close());

    it('is refused with 404 by every route, without any call to the API', async () => {
      const transaction = await startVerification(other);
      const { resultId } = finish(transaction);
      // Any call to the API would now fail with 500 and turn the answer into a 502.
      emulator.setFaults({ '*': { serverError: 1 } });

      const iframe = await post(completeUrl(transaction.id), { resultId });
      expect(iframe.status).toBe(404);
      await expect(jsonOf(iframe)).resolves.toMatchObject({ code: 'transaction_unknown' });

      const query = `?trxid=${transaction.id}&resultid=${resultId}`;
      const returned = await get(`${host.origin}/id-scan/return${query}`, { accept: 'application/json' });
      expect(returned.status).toBe(404);
      await expect(jsonOf(returned)).resolves.toMatchObject({ code: 'transaction_unknown' });

      const scanned = await get(`${host.origin}/id-scan/scan-return${query}`);
      expect(scanned.status).toBe(404);

      expect(host.events.completionsOf(transaction.id)).toHaveLength(0);
      emulator.setFaults({});
      // The host that did start it completes it normally.
      expect((await post(completeUrl(transaction.id, other), { resultId })).status).toBe(200);
    });
  });

  describe('upstream outage', () => {
    // A stalled answer is only ever ended by the host's API timeout: this host waits long enough for any answer a
    // busy machine gives, and not so long that the stall costs the suite the default host's 20 s.
    let impatient: TestHost;

    beforeAll(async () => {
      impatient = await startHost({ emulator, options: { timeoutMs: 5000 } });
    });

    afterAll(() => impatient?.close());

    it.each([
      ['503 unavailable', 503, 'upstream_unavailable', { unavailable: 1 }],
      ['500 internal error', 502, 'upstream_error', { serverError: 1 }],
      ['429 rate limited', 503, 'upstream_rate_limited', { rateLimit: 1, retryAfterSeconds: 7 }],
      ['a dropped connection', 502, 'upstream_unreachable', { dropConnection: 1 }],
      ['a stalled answer', 504, 'upstream_timeout', { stall: 1 }],
    ])(
      'turns %s from the API into %i %s JSON, emits nothing, and completes on a later signal',
      async (_, status, code, rule) => {
        const on = code === 'upstream_timeout' ? impatient : host;
        const transaction = await startVerification(on);
        const { resultId } = finish(transaction);
        emulator.setFaults({ getResult: rule });
        const response = await post(completeUrl(transaction.id, on), { resultId });
        expect(response.status).toBe(status);
        const body = await jsonOf(response);
        expect(Object.keys(body).sort()).toEqual(['code', 'message', 'statusCode']);
        expect(body).toMatchObject({ statusCode: status, code });
        if (code === 'upstream_rate_limited') expect(response.headers.get('retry-after')).toBe('7');
        expect(on.events.completionsOf(transaction.id)).toHaveLength(0);

        emulator.setFaults({});
        expect((await post(completeUrl(transaction.id, on), { resultId })).status).toBe(200);
        expect(on.events.completionsOf(transaction.id)).toHaveLength(1);
      },
    );

    it('answers 502 JSON when the API is down altogether', async () => {
      const down = await IdScanEmulator.start({ logger: false });
      const downHost = await startHost({ emulator: down });
      try {
        const transaction = await startVerification(downHost);
        const { resultId } = down.completeTransaction(transaction.id);
        await down.stop();
        const response = await post(completeUrl(transaction.id, downHost), { resultId });
        expect(response.status).toBe(502);
        await expect(jsonOf(response)).resolves.toMatchObject({ code: 'upstream_unreachable' });
        expect(downHost.events.completed).toHaveLength(0);
      } finally {
        await downHost.close();
        await down.stop();
      }
    });
  });

  describe('bad input never gets a 5xx', () => {
    const id = randomUUID();
    it.each<[string, string, unknown, Record<string, string>]>([
      [
        'a transaction id that is not a UUID',
        '/id-scan/transactions/not-a-uuid/complete',
        { resultId: id },
        JSON_HEADERS,
      ],
      ['an empty body', `/id-scan/transactions/${id}/complete`, {}, JSON_HEADERS],
      ['a result id that is not a UUID', `/id-scan/transactions/${id}/complete`, { resultId: 'abc' }, JSON_HEADERS],
      ['a numeric result id', `/id-scan/transactions/${id}/complete`, { resultId: 42 }, JSON_HEADERS],
      ['a huge result id', `/id-scan/transactions/${id}/complete`, { resultId: 'a'.repeat(50_000) }, JSON_HEADERS],
      ['an extra key', `/id-scan/transactions/${id}/complete`, { resultId: id, admin: true }, JSON_HEADERS],
      ['an array body', `/id-scan/transactions/${id}/complete`, [{ resultId: id }], JSON_HEADERS],
      ['a nested object', `/id-scan/transactions/${id}/complete`, { resultId: { $ne: null } }, JSON_HEADERS],
      ['a text body', `/id-scan/transactions/${id}/complete`, `resultId=${id}`, { 'content-type': 'text/plain' }],
      [
        'a form body',
        `/id-scan/transactions/${id}/complete`,
        `resultId=${id}`,
        {
          'content-type': 'application/x-www-form-urlencoded',
        },
      ],
    ])('POST complete with %s: 4xx JSON', async (_, path, body, headers) => {
      const response = await post(`${host.origin}${path}`, body, headers);
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      const json = await jsonOf(response);
      expect(json.statusCode).toBe(response.status);
      expect(typeof json.code).toBe('string');
      expect(JSON.stringify(json)).not.toContain('a'.repeat(100));
    });

    it.each([
      ['JSON null', 'null'],
      ['broken JSON', '{"resultId":'],
    ])('POST complete with %s: refused by the body parser with 400 JSON', async (_, body) => {
      const response = await post(completeUrl(id), body);
      expect(response.status).toBe(400);
      await expect(jsonOf(response)).resolves.toMatchObject({ statusCode: 400 });
    });

    it('lists each problem without echoing the rejected value', async () => {
      const response = await post(completeUrl(id), { resultId: 'Jane Doe 1970-01-01', extra: 'secret' });
      const json = await jsonOf(response);
      expect(json).toMatchObject({ statusCode: 400, code: 'validation_failed' });
      expect(json.details).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ property: 'resultId' }),
          expect.objectContaining({ property: 'extra' }),
        ]),
      );
      expect(JSON.stringify(json)).not.toContain('Jane Doe');
      expect(JSON.stringify(json)).not.toContain('secret');
    });
  });

  describe('GET /id-scan/client.js', () => {
    it('serves the browser helper as JavaScript with caching headers and an ETag', async () => {
      const response = await get(`${host.origin}/id-scan/client.js`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/javascript; charset=utf-8');
      expect(response.headers.get('cache-control')).toMatch(/max-age=\d+/);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      const etag = response.headers.get('etag');
      expect(etag).toMatch(/^"[\w-]+"$/);
      const source = readFileSync(join(__dirname, '../libs/id-scan/src/browser/id-scan-client.js'), 'utf8');
      await expect(response.text()).resolves.toBe(source);

      const revalidated = await get(`${host.origin}/id-scan/client.js`, { 'if-none-match': etag ?? '' });
      expect(revalidated.status).toBe(304);
      await expect(revalidated.text()).resolves.toBe('');

      const changed = await get(`${host.origin}/id-scan/client.js`, { 'if-none-match': '"something-else"' });
      expect(changed.status).toBe(200);
    });
  });

  describe('listeners that throw', () => {
    @Injectable()
    class FailingListeners implements OnModuleInit {
      constructor(private readonly emitter: EventEmitter2) {}

      onModuleInit(): void {
        this.emitter.on(IdScanEvents.TransactionCompleted, () => {
          throw new Error('raw listener failed');
        });
      }

      @OnEvent(IdScanEvents.TransactionCompleted, { suppressErrors: false })
      failSync(): void {
        throw new Error('decorated listener failed');
      }

      @OnEvent(IdScanEvents.TransactionCompleted, { suppressErrors: false })
      async failAsync(): Promise<void> {
        await Promise.resolve();
        throw new Error('async listener failed');
      }
    }

    let failing: TestHost;
    beforeAll(async () => {
      failing = await startHost({ emulator, providers: [FailingListeners] });
    });
    afterAll(() => failing?.close());

    it('are logged with their stack and neither stop the other listeners nor change the answer', async () => {
      const transaction = await startVerification(failing);
      const { resultId } = finish(transaction);
      const response = await post(completeUrl(transaction.id, failing), { resultId });
      expect(response.status).toBe(200);
      await expect(jsonOf(response)).resolves.toMatchObject({ completed: true });
      expect(failing.events.completionsOf(transaction.id)).toHaveLength(1);
      const errors = failing.logger.lines.filter((line) => line.level === 'error');
      for (const message of ['raw listener failed', 'decorated listener failed', 'async listener failed']) {
        const line = errors.find((entry) => entry.message.includes(message));
        expect(line).toBeDefined();
        expect(String(line?.extra[0])).toContain(message);
        expect(String(line?.extra[0])).toMatch(/\n\s+at /);
      }
    });
  });

  describe('prefixes', () => {
    let prefixed: TestHost;
    beforeAll(async () => {
      prefixed = await startHost({ emulator, globalPrefix: 'api', routerPath: 'kyc' });
    });
    afterAll(() => prefixed?.close());

    it('serve the routes under the global prefix and a RouterModule path', async () => {
      const transaction = await startVerification(prefixed);
      const { resultId } = finish(transaction);
      const base = `${prefixed.origin}/api/kyc/id-scan`;
      const response = await post(`${base}/transactions/${transaction.id}/complete`, { resultId });
      expect(response.status).toBe(200);
      expect(prefixed.events.completionsOf(transaction.id)).toHaveLength(1);
      expect((await get(`${base}/client.js`)).status).toBe(200);
      expect((await get(`${prefixed.origin}/id-scan/client.js`)).status).toBe(404);
      expect((await get(`${prefixed.origin}/api/id-scan/client.js`)).status).toBe(404);
    });
  });

  describe('routes: false', () => {
    let bare: TestHost;
    let own: TestHost;
    beforeAll(async () => {
      bare = await startHost({ emulator, options: { routes: false } });
      own = await startHost({ emulator, options: { routes: false }, controllers: [IdScanCallbackController] });
    });
    afterAll(async () => {
      await bare?.close();
      await own?.close();
    });

    it('leaves the routes out, and lets the host register the controllers itself', async () => {
      expect((await get(`${bare.origin}/id-scan/client.js`)).status).toBe(404);
      const transaction = await startVerification(own);
      const { resultId } = finish(transaction);
      expect((await post(completeUrl(transaction.id, own), { resultId })).status).toBe(200);
      expect(own.events.completionsOf(transaction.id)).toHaveLength(1);
      expect((await post(`${own.origin}/id-scan/events`, {})).status).toBe(404);
    });
  });

  it('never logs personal data, secrets or bearer tokens along the way', async () => {
    const transactions = await Promise.all([startVerification(), startVerification(), startVerification()]);
    const [viaIframe, viaReturn, failing] = transactions.map((transaction) => finish(transaction));
    await post(completeUrl(viaIframe.transactionId), { resultId: viaIframe.resultId });
    await get(viaReturn.returnUrl ?? '');
    emulator.setFaults({ getResult: { serverError: 1 } });
    await post(completeUrl(failing.transactionId), { resultId: failing.resultId });
    await get(failing.returnUrl ?? '');
    emulator.setFaults({});
    await post(completeUrl(failing.transactionId), { resultId: failing.resultId });

    const personal = transactions.flatMap((transaction) => {
      const [event] = host.events.completionsOf(transaction.id);
      const summary = summarizeResult(event.result);
      return [summary.documentNumber, summary.surname, summary.givenNames, summary.dateOfBirth];
    });
    expect(personal.every((value) => typeof value === 'string' && value.length > 1)).toBe(true);
    const log = host.logger.text();
    expect(log).toContain('upstream_error');
    for (const value of personal) expect(log).not.toContain(value);
    expect(log).not.toContain(emulator.credentials[0].secret);
    expect(log).not.toMatch(/Bearer|eyJ[\w-]{10,}\./);
  });

  describe('redirect targets', () => {
    it.each(['https://evil.example/', '//evil.example/', '/\\evil.example', 'javascript:alert(1)', 'verified'])(
      'refuses %s at start-up, so the return route can never redirect off-site',
      async (target) => {
        @Module({
          imports: [
            EventEmitterModule.forRoot(),
            IdScanModule.forRoot({
              keyId: 'key',
              secret: 'a-secret-long-enough-for-the-check',
              baseUrl: emulator.url,
              callbacks: { successRedirect: target },
            }),
          ],
        })
        class OpenRedirectModule {}
        await expect(NestFactory.create(OpenRedirectModule, { logger: false, abortOnError: false })).rejects.toThrow(
          IdScanConfigurationError,
        );
      },
    );
  });
});
