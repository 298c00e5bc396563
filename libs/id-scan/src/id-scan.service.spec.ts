import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { inspect } from 'node:util';
import {
  IdScanAbortError,
  IdScanConfigurationError,
  IdScanConnectionError,
  IdScanGoneError,
  IdScanNotFoundError,
  IdScanStoreUnavailableError,
  IdScanTimeoutError,
  IdScanUnsafeUrlError,
  IdScanValidationError,
} from './errors';
import { IdScanEvents } from './events/id-scan-events';
import { TransactionCreatedEvent } from './events/transaction-created.event';
import type { IdScanModuleOptions } from './interfaces/id-scan-module-options.interface';
import { InMemoryTransactionStore } from './stores/in-memory-transaction.store';
import {
  createIdScanTestingModule,
  TEST_SECRET,
  TEST_WEBHOOK_SECRET,
  type IdScanTestingContext,
} from './testing/id-scan-testing-module.util';
import { sendJson, startLoopbackServer, type LoopbackServer } from './testing/loopback-server.util';
import type { IdScanService } from './id-scan.service';

const TRANSACTION_ID = '5d0b6a8e-2f4c-4a8b-9c1d-7e6f5a4b3c2d';
const RESULT_ID = '8a9b0c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d';
const WEBHOOK_ID = '0c7e1f52-9a3d-4b8e-a6f1-3d2c1b0a9f8e';
const TOKEN = 'Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56Qr78St90Uv12Wx34Yz';
/** An API timestamp (`2025-03-01T10:00:00+00:00`) `offsetMs` from now: the in-memory store keeps records by real time. */
const apiTime = (offsetMs: number): string =>
  new Date(Math.floor((Date.now() + offsetMs) / 1000) * 1000).toISOString().replace('.000Z', '+00:00');
const CREATED = {
  id: TRANSACTION_ID,
  state: 'pending',
  tasks: ['document_scan', 'face_liveness'],
  url: 'https://id-scan.identity.cm.com/en-us/identifications/Qm3xT8vLw2NcR7pZk4Hs',
  locale: 'en-US',
  mobileOnly: false,
  expires: apiTime(3_600_000),
  created: apiTime(0),
};
const iso = (apiTimestamp: string): string => new Date(apiTimestamp).toISOString();

/** Reads a stream to its end: total bytes and number of chunks. */
async function drain(stream: Readable): Promise<{ bytes: number; chunks: number; text: string }> {
  let bytes = 0;
  let chunks = 0;
  const head: Buffer[] = [];
  for await (const chunk of stream) {
    const buffer = chunk as Buffer;
    bytes += buffer.length;
    chunks++;
    if (bytes <= 1024) head.push(buffer);
  }
  return { bytes, chunks, text: Buffer.concat(head).toString('utf8') };
}

describe('IdScanService', () => {
  let server: LoopbackServer;
  let foreign: LoopbackServer;
  let context: IdScanTestingContext | undefined;
  let service: IdScanService;

  async function setup(options: Partial<IdScanModuleOptions> = {}): Promise<IdScanTestingContext> {
    context = await createIdScanTestingModule({ baseUrl: server.baseUrl, ...options });
    service = context.service;
    return context;
  }

  beforeEach(async () => {
    server = await startLoopbackServer();
    foreign = await startLoopbackServer();
  });

  afterEach(async () => {
    await context?.moduleRef.close();
    context = undefined;
    await Promise.all([server.close(), foreign.close()]);
  });

  describe('createTransaction', () => {
    const request = {
      tasks: ['document_scan', 'face_liveness'],
      settings: { documentScan: { minimumAge: 18, captureSources: ['camera'] } },
      expiresIn: 3600,
    };

    it('sends the validated request, saves the record and emits id-scan.transaction.created', async () => {
      const store = new InMemoryTransactionStore();
      const { emitter } = await setup({ store });
      const events: unknown[] = [];
      emitter.on(IdScanEvents.TransactionCreated, (event) => events.push(event));
      server.handle((_, res) => sendJson(res, 201, CREATED));

      await expect(service.createTransaction(request, { reference: 'order-42' })).resolves.toEqual(CREATED);

      expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /id-scan/v1/transactions']);
      expect(JSON.parse(server.requests[0].body)).toEqual(request);
      await expect(store.get(TRANSACTION_ID)).resolves.toEqual({
        transactionId: TRANSACTION_ID,
        reference: 'order-42',
        tasks: CREATED.tasks,
        url: CREATED.url,
        expiresAt: iso(CREATED.expires),
        createdAt: iso(CREATED.created),
      });
      expect(events).toEqual([
        new TransactionCreatedEvent(TRANSACTION_ID, CREATED.url, CREATED.tasks, new Date(CREATED.expires), 'order-42'),
      ]);
      expect(events[0]).toBeInstanceOf(TransactionCreatedEvent);
    });

    it('validates before any I/O and lists the request and option problems together', async () => {
      await setup();
      const error = await service
        .createTransaction({ tasks: ['face_match'], locale: 'de-DE' }, { reference: '' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(IdScanValidationError);
      expect((error as IdScanValidationError).errors.map((e) => e.property).sort()).toEqual([
        'locale',
        'options.reference',
        'tasks',
      ]);
      expect(server.requests).toHaveLength(0);
    });

    it.each([['x'.repeat(257)], [42], [null]])('refuses the reference %p', async (reference) => {
      await setup();
      await expect(
        service.createTransaction(request, { reference } as unknown as { reference: string }),
      ).rejects.toMatchObject({ errors: [{ property: 'options.reference' }] });
      expect(server.requests).toHaveLength(0);
    });

    it('returns the transaction even when a listener throws, and logs the failure', async () => {
      const { emitter, logger } = await setup();
      emitter.on(IdScanEvents.TransactionCreated, () => {
        throw new Error('listener broke');
      });
      server.handle((_, res) => sendJson(res, 201, CREATED));
      await expect(service.createTransaction(request)).resolves.toEqual(CREATED);
      expect(logger.at('error').join('\n')).toContain('listener broke');
    });

    it('reports a store failure as an IdScanError naming the transaction', async () => {
      const store = new InMemoryTransactionStore();
      jest.spyOn(store, 'save').mockRejectedValue(new Error('redis down'));
      await setup({ store });
      server.handle((_, res) => sendJson(res, 201, CREATED));
      await expect(service.createTransaction(request)).rejects.toThrow(
        `Transaction ${TRANSACTION_ID} was created, but the transaction store could not save it`,
      );
    });

    it.each([
      ['its own error', new IdScanStoreUnavailableError('Redis is down')],
      ['any error, as IdScanStoreUnavailableError', new Error('socket closed')],
    ])('asks nothing of the API when the store does not answer its ping (%s)', async (_, failure) => {
      const store = Object.assign(new InMemoryTransactionStore(), { ping: jest.fn().mockRejectedValue(failure) });
      await setup({ store });
      server.handle((_request, res) => sendJson(res, 201, CREATED));
      await expect(service.createTransaction(request)).rejects.toBeInstanceOf(IdScanStoreUnavailableError);
      expect(store.ping).toHaveBeenCalledTimes(1);
      expect(server.requests).toHaveLength(0);
    });

    it('creates the transaction once the store answers its ping', async () => {
      const store = Object.assign(new InMemoryTransactionStore(), { ping: jest.fn().mockResolvedValue(undefined) });
      await setup({ store });
      server.handle((_request, res) => sendJson(res, 201, CREATED));
      await expect(service.createTransaction(request)).resolves.toEqual(CREATED);
      expect(server.requests).toHaveLength(1);
    });
  });

  describe('getTransaction / getResult', () => {
    it('fetches by id', async () => {
      await setup();
      server.handle((_, res) => sendJson(res, 200, { id: TRANSACTION_ID, state: 'completed', tasks: [] }));
      await service.getTransaction(TRANSACTION_ID);
      await service.getResult(TRANSACTION_ID, RESULT_ID);
      expect(server.requests.map((r) => r.url)).toEqual([
        `/id-scan/v1/transactions/${TRANSACTION_ID}`,
        `/id-scan/v1/transactions/${TRANSACTION_ID}/results/${RESULT_ID}`,
      ]);
    });

    it('refuses ids that are not UUIDs before any I/O', async () => {
      await setup();
      await expect(service.getTransaction('../webhooks')).rejects.toMatchObject({
        errors: [{ property: 'transactionId' }],
      });
      await expect(service.getResult('nope', 'also-nope')).rejects.toMatchObject({
        errors: [{ property: 'transactionId' }, { property: 'resultId' }],
      });
      expect(server.requests).toHaveLength(0);
    });

    it('maps a 404 result_not_found', async () => {
      await setup();
      server.handle((_, res) => sendJson(res, 404, { code: 'result_not_found', message: 'No such result.' }));
      await expect(service.getResult(TRANSACTION_ID, RESULT_ID)).rejects.toMatchObject({
        constructor: IdScanNotFoundError,
        code: 'result_not_found',
      });
    });
  });

  describe('downloadFile', () => {
    it('streams a download of the configured API with its type, length and name', async () => {
      await setup();
      server.handle((_, res) => {
        res.writeHead(200, {
          'content-type': 'image/jpeg',
          'content-length': '4',
          'content-disposition': 'attachment; filename="front.jpg"',
        });
        res.end(Buffer.from([0xff, 0xd8, 0xff, 0xd9]));
      });
      const download = await service.downloadFile({
        category: 'document',
        type: 'ID_CARD',
        url: `${server.baseUrl}downloads/${TOKEN}`,
      });
      expect(download).toMatchObject({ contentType: 'image/jpeg', contentLength: 4, filename: 'front.jpg' });
      await expect(drain(download.stream)).resolves.toMatchObject({ bytes: 4 });
      expect(server.requests[0].url).toBe(`/id-scan/v1/downloads/${TOKEN}`);
      expect(server.requests[0].headers.authorization).toMatch(/^Bearer /);
    });

    it('accepts the URL string, query included', async () => {
      await setup();
      server.handle((_, res) => res.writeHead(200, { 'content-type': 'image/png' }).end('png'));
      const download = await service.downloadFile(`${server.baseUrl}downloads/${TOKEN}?size=large`);
      await drain(download.stream);
      expect(server.requests[0].url).toBe(`/id-scan/v1/downloads/${TOKEN}?size=large`);
    });

    it.each([
      ['another host', () => `${foreign.baseUrl}downloads/${TOKEN}`],
      ['another port of the same host', () => `${foreign.origin.replace('127.0.0.1', 'localhost')}downloads/x`],
      ['another scheme', () => `${server.baseUrl.replace('http:', 'https:')}downloads/${TOKEN}`],
      ['a path outside downloads/', () => `${server.baseUrl}transactions/${TRANSACTION_ID}`],
      ['a path escaping downloads/', () => `${server.baseUrl}downloads/../transactions/${TRANSACTION_ID}`],
      ['an encoded escape', () => `${server.baseUrl}downloads/%2e%2e/transactions/${TRANSACTION_ID}`],
      ['downloads/ itself', () => `${server.baseUrl}downloads/`],
      ['a path outside the base path', () => `${server.origin}other/v1/downloads/${TOKEN}`],
      ['credentials in the URL', () => `${server.baseUrl.replace('//', '//user:pw@')}downloads/${TOKEN}`],
      ['a relative URL', () => `/id-scan/v1/downloads/${TOKEN}`],
    ])('refuses %s without sending anything', async (_case, url) => {
      await setup();
      await expect(service.downloadFile(url())).rejects.toBeInstanceOf(IdScanUnsafeUrlError);
      expect(server.requests).toHaveLength(0);
      expect(foreign.requests).toHaveLength(0);
    });

    it('refuses a file whose url was withheld, with a typed error', async () => {
      await setup();
      const error = await service
        .downloadFile({ category: 'document', type: 'passport', url: null })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(IdScanValidationError);
      expect((error as Error).message).toContain('extractFields');
      expect(server.requests).toHaveLength(0);
    });

    it('reads the error body of a refused download', async () => {
      await setup();
      server.handle((_, res) => sendJson(res, 410, { code: 'transaction_expired', message: 'Expired.' }));
      await expect(service.downloadFile(`${server.baseUrl}downloads/${TOKEN}`)).rejects.toMatchObject({
        constructor: IdScanGoneError,
        code: 'transaction_expired',
        cause: { method: 'GET', path: 'downloads/***', status: 410 },
      });
    });

    it('streams 50 MB without buffering it: many chunks, and the server is held back until the caller reads', async () => {
      await setup();
      const total = 50 * 1024 * 1024;
      const chunk = Buffer.alloc(64 * 1024, 7);
      let written = 0;
      let writtenWhenHeldBack = -1;
      let heldBack!: () => void;
      const held = new Promise<void>((resolve) => (heldBack = resolve));
      server.handle(async (_, res) => {
        res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(total) });
        while (written < total) {
          written += chunk.length;
          if (!res.write(chunk)) {
            if (writtenWhenHeldBack < 0) {
              writtenWhenHeldBack = written;
              heldBack();
            }
            await once(res, 'drain');
          }
        }
        res.end();
      });

      const download = await service.downloadFile(`${server.baseUrl}downloads/${TOKEN}`);
      expect(download.contentLength).toBe(total);
      // Memory deltas depend on when the garbage collector runs; the held-back server is the proof that nothing is
      // read ahead: with a buffering client the server would never see backpressure before the caller reads.
      await held;
      expect(writtenWhenHeldBack).toBeLessThan(16 * 1024 * 1024);

      const { bytes, chunks } = await drain(download.stream);
      expect(bytes).toBe(total);
      expect(chunks).toBeGreaterThan(100);
    });

    it('fails the stream with IdScanTimeoutError when the body stalls', async () => {
      await setup({ timeoutMs: 300 });
      server.handle((_, res) => {
        res.writeHead(200, { 'content-type': 'image/jpeg' });
        res.write('partial');
      });
      const download = await service.downloadFile(`${server.baseUrl}downloads/${TOKEN}`);
      await expect(drain(download.stream)).rejects.toBeInstanceOf(IdScanTimeoutError);
    });

    it('fails the stream with a sanitised IdScanConnectionError when the body breaks off', async () => {
      await setup();
      server.handle((_, res) => {
        res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': '100000' });
        res.write(Buffer.alloc(1000), () => res.socket?.destroy());
      });
      const download = await service.downloadFile(`${server.baseUrl}downloads/${TOKEN}`);
      const error = await drain(download.stream).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(IdScanConnectionError);
      const printed = `${JSON.stringify(error)}${inspect(error, { depth: Infinity, showHidden: true })}`;
      const token = (server.requests[0].headers.authorization ?? '').replace(/^Bearer /, '');
      expect(printed).not.toContain(token);
      expect(printed).not.toContain(TEST_SECRET);
    });

    it('fails the stream with IdScanAbortError when the signal aborts mid-body', async () => {
      await setup({ timeoutMs: 30_000 });
      server.handle((_, res) => {
        res.writeHead(200, { 'content-type': 'image/jpeg' });
        res.write(Buffer.alloc(1024));
      });
      const controller = new AbortController();
      const download = await service.downloadFile(`${server.baseUrl}downloads/${TOKEN}`, { signal: controller.signal });
      download.stream.once('data', () => controller.abort());
      await expect(drain(download.stream)).rejects.toBeInstanceOf(IdScanAbortError);
    });

    it('releases the connection when the caller destroys the stream', async () => {
      await setup();
      let closed!: Promise<unknown>;
      server.handle((_, res) => {
        closed = once(res, 'close');
        res.writeHead(200, { 'content-type': 'image/jpeg' });
        res.write(Buffer.alloc(1024));
      });
      const download = await service.downloadFile(`${server.baseUrl}downloads/${TOKEN}`);
      download.stream.destroy();
      await closed;
      expect(download.stream.destroyed).toBe(true);
    });
  });

  describe('getReport', () => {
    it.each([
      ['simple', undefined, ''],
      ['simple', 'simple' as const, ''],
      ['extended', 'extended' as const, '?type=extended'],
    ])('streams the %s report', async (kind, type, query) => {
      await setup();
      server.handle((_, res) => res.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.7\n%%EOF'));
      const report = await service.getReport(TRANSACTION_ID, RESULT_ID, type ? { type } : undefined);
      expect(report.contentType).toBe('application/pdf');
      expect(report.filename).toBe(`id-scan-report-${TRANSACTION_ID}-${kind}.pdf`);
      await expect(drain(report.stream)).resolves.toMatchObject({ text: '%PDF-1.7\n%%EOF' });
      expect(server.requests[0].url).toBe(
        `/id-scan/v1/transactions/${TRANSACTION_ID}/results/${RESULT_ID}/report${query}`,
      );
    });

    it('maps 410 for an expired extended report', async () => {
      await setup();
      server.handle((_, res) => sendJson(res, 410, { code: 'transaction_expired', message: 'Expired.' }));
      await expect(service.getReport(TRANSACTION_ID, RESULT_ID, { type: 'extended' })).rejects.toBeInstanceOf(
        IdScanGoneError,
      );
    });

    it('refuses bad arguments before any I/O', async () => {
      await setup();
      const error = await service
        .getReport('x', RESULT_ID, { type: 'full' as 'simple' })
        .catch((e: unknown) => e as IdScanValidationError);
      expect((error as IdScanValidationError).errors.map((e) => e.property)).toEqual(['transactionId', 'options.type']);
      expect(server.requests).toHaveLength(0);
    });
  });

  describe('webhooks', () => {
    const webhook = {
      id: WEBHOOK_ID,
      url: 'https://shop.example/id-scan/events',
      events: ['transaction.state.updated', 'task.state.updated'],
      headers: { 'x-id-scan-webhook-secret': TEST_WEBHOOK_SECRET },
      createdAt: '2025-03-01T10:00:00+00:00',
      updatedAt: '2025-03-01T10:00:00+00:00',
    };

    it('creates a webhook from a validated request', async () => {
      await setup();
      server.handle((_, res) => sendJson(res, 201, webhook));
      const request = { url: webhook.url, events: ['transaction.state.updated'], headers: { 'x-token': 'abc' } };
      await expect(service.createWebhook(request)).resolves.toEqual(webhook);
      expect(server.requests[0].url).toBe('/id-scan/v1/webhooks');
      expect(JSON.parse(server.requests[0].body)).toEqual(request);
    });

    it.each([
      ['url', { url: 'http://shop.example/events' }],
      ['url', { url: 'not a url' }],
      ['events', { url: 'https://shop.example/events', events: ['transaction.created'] }],
      ['events', { url: 'https://shop.example/events', events: [] }],
      ['headers', { url: 'https://shop.example/events', headers: { 'x-token': 'a\r\nx-injected: 1' } }],
      ['headers', { url: 'https://shop.example/events', headers: { 'bad header': 'a' } }],
      ['secret', { url: 'https://shop.example/events', secret: 'abc' }],
    ])('refuses a bad %s before any I/O', async (property, request) => {
      await setup();
      await expect(service.createWebhook(request)).rejects.toMatchObject({ errors: [{ property }] });
      expect(server.requests).toHaveLength(0);
    });

    it.each([
      ['a bare array', [webhook]],
      ['a wrapped list', { webhooks: [webhook] }],
    ])('lists webhooks from %s', async (_shape, body) => {
      await setup();
      server.handle((_, res) => sendJson(res, 200, body));
      await expect(service.listWebhooks()).resolves.toEqual([webhook]);
    });

    it('deletes a webhook', async () => {
      await setup();
      server.handle((_, res) => res.writeHead(204).end());
      await expect(service.deleteWebhook(WEBHOOK_ID)).resolves.toBeUndefined();
      expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([`DELETE /id-scan/v1/webhooks/${WEBHOOK_ID}`]);
      await expect(service.deleteWebhook('not-an-id')).rejects.toBeInstanceOf(IdScanValidationError);
      expect(server.requests).toHaveLength(1);
    });

    it('subscribes with the first secret in the configured header', async () => {
      await setup({ webhooks: { secrets: [TEST_WEBHOOK_SECRET, 'the-previous-secret-0001'], headerName: 'X-Hook' } });
      server.handle((request, res) =>
        request.method === 'GET'
          ? sendJson(res, 200, [])
          : sendJson(res, 201, { ...webhook, headers: { 'x-hook': 'x' } }),
      );
      await service.subscribeEvents('https://shop.example/id-scan/events');
      expect(server.requests.map((r) => r.method)).toEqual(['GET', 'POST']);
      expect(JSON.parse(server.requests[1].body)).toEqual({
        url: 'https://shop.example/id-scan/events',
        headers: { 'x-hook': TEST_WEBHOOK_SECRET },
      });
    });

    it('reuses an existing subscription of the same URL and secret instead of adding another', async () => {
      await setup();
      server.handle((_, res) => sendJson(res, 200, [webhook]));
      await expect(service.subscribeEvents(webhook.url)).resolves.toEqual(webhook);
      expect(server.requests.map((r) => r.method)).toEqual(['GET']);
    });

    it('refuses to subscribe without a secret, before any I/O', async () => {
      await setup({ webhooks: { secrets: [] } });
      await expect(service.subscribeEvents(webhook.url)).rejects.toBeInstanceOf(IdScanConfigurationError);
      expect(server.requests).toHaveLength(0);
    });
  });
});
