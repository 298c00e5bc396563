import * as OpenTelemetryApi from '@opentelemetry/api';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { Readable } from 'node:stream';
import { IdScanNotFoundError } from '../errors/id-scan-not-found.error';
import type { IdScanService } from '../id-scan.service';
import {
  createIdScanTestingModule,
  TEST_SECRET,
  TEST_WEBHOOK_SECRET,
  type IdScanTestingContext,
} from '../testing/id-scan-testing-module.util';
import { sendJson, startLoopbackServer, type LoopbackServer } from '../testing/loopback-server.util';
import { TelemetryCapture } from '../testing/telemetry-capture.util';
import { IdScanAttributes as A, IdScanMetricNames as M } from './id-scan-telemetry.constants';
import { IdScanTelemetryService } from './id-scan-telemetry.service';

const TRANSACTION_ID = '5d0b6a8e-2f4c-4a8b-9c1d-7e6f5a4b3c2d';
const RESULT_ID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const WEBHOOK_ID = '0c7e1f52-9a3d-4b8e-a6f1-3d2c1b0a9f8e';
const DOWNLOAD_TOKEN = 'dl-token-that-must-never-appear-4f1e2d3c';
const BASE_PATH = '/id-scan/v1/';

/** A stand-in for the API answering each route as it would, and 404 to anything else. */
function answerLikeTheApi(server: LoopbackServer): void {
  server.handle((request, res) => {
    const route = `${request.method} ${request.url.replace(/\?.*$/, '').slice(BASE_PATH.length)}`;
    switch (route) {
      case 'POST transactions':
        return sendJson(res, 201, { id: TRANSACTION_ID, url: 'https://scan.example/t', tasks: ['document_scan'] });
      case `GET transactions/${TRANSACTION_ID}`:
        return sendJson(res, 200, { id: TRANSACTION_ID, state: 'pending' });
      case `GET transactions/${TRANSACTION_ID}/results/${RESULT_ID}`:
        return sendJson(res, 200, { id: RESULT_ID, tasks: [] });
      case `GET transactions/${TRANSACTION_ID}/results/${RESULT_ID}/report`:
      case `GET downloads/${DOWNLOAD_TOKEN}`:
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        return res.end(Buffer.alloc(64));
      case 'POST webhooks':
        return sendJson(res, 201, { id: WEBHOOK_ID, url: 'https://host.example/id-scan/events' });
      case 'GET webhooks':
        return sendJson(res, 200, []);
      case `DELETE webhooks/${WEBHOOK_ID}`:
        res.writeHead(204);
        return res.end();
      default:
        return sendJson(res, 404, { code: 'not_found', message: 'Nothing here.' });
    }
  });
}

async function drain(stream: Readable): Promise<void> {
  for await (const chunk of stream) void chunk;
}

/** Every operation of `IdScanService` that calls the API, with the route template its span must name. */
const OPERATIONS: [string, string, string, (service: IdScanService, baseUrl: string) => Promise<unknown>][] = [
  [
    'createTransaction',
    'POST',
    'transactions',
    (service) => service.createTransaction({ tasks: ['document_scan'] }, { reference: 'order-7' }),
  ],
  ['getTransaction', 'GET', 'transactions/{transactionId}', (service) => service.getTransaction(TRANSACTION_ID)],
  [
    'getResult',
    'GET',
    'transactions/{transactionId}/results/{resultId}',
    (service) => service.getResult(TRANSACTION_ID, RESULT_ID),
  ],
  [
    'getReport',
    'GET',
    'transactions/{transactionId}/results/{resultId}/report',
    async (service) => drain((await service.getReport(TRANSACTION_ID, RESULT_ID)).stream),
  ],
  [
    'downloadFile',
    'GET',
    'downloads/{download}',
    async (service, baseUrl) => drain((await service.downloadFile(`${baseUrl}downloads/${DOWNLOAD_TOKEN}`)).stream),
  ],
  [
    'createWebhook',
    'POST',
    'webhooks',
    (service) => service.createWebhook({ url: 'https://host.example/id-scan/events' }),
  ],
  ['listWebhooks', 'GET', 'webhooks', (service) => service.listWebhooks()],
  ['deleteWebhook', 'DELETE', 'webhooks/{webhookId}', (service) => service.deleteWebhook(WEBHOOK_ID)],
];

describe('IdScanTelemetryService with the OpenTelemetry SDK (in-memory exporters)', () => {
  let server: LoopbackServer;
  let context: IdScanTestingContext | undefined;
  let capture: TelemetryCapture;

  beforeEach(async () => {
    capture = TelemetryCapture.install();
    server = await startLoopbackServer();
    answerLikeTheApi(server);
  });

  afterEach(async () => {
    await context?.moduleRef.close();
    context = undefined;
    await server.close();
    await capture.uninstall();
  });

  const start = async (maxRetries = 2): Promise<IdScanTestingContext> => {
    context = await createIdScanTestingModule({ baseUrl: server.baseUrl, maxRetries });
    return context;
  };

  it.each(OPERATIONS)(
    '%s: one client span named after it, with the method, route template, status and no URL',
    async (operation, method, route, call) => {
      const { service } = await start();
      await call(service, server.baseUrl);

      const spans = capture.spans();
      expect(spans.map((span) => span.name)).toEqual([`IdScan ${operation}`]);
      const [span] = spans;
      expect(span.kind).toBe(SpanKind.CLIENT);
      expect(span.status.code).toBe(SpanStatusCode.UNSET);
      expect(span.instrumentationScope.name).toBe('nestjs-id-scan');
      expect(span.attributes).toMatchObject({
        [A.httpRequestMethod]: method,
        [A.urlTemplate]: `${BASE_PATH}${route}`,
        [A.httpResponseStatusCode]: operation === 'deleteWebhook' ? 204 : operation.startsWith('create') ? 201 : 200,
        [A.httpRequestResendCount]: 0,
        [A.serverAddress]: '127.0.0.1',
        [A.operation]: operation,
      });
      const rendered = JSON.stringify(spans.map((s) => ({ name: s.name, attributes: s.attributes, events: s.events })));
      expect(rendered).not.toContain(DOWNLOAD_TOKEN);
      expect(rendered).not.toContain(server.baseUrl);
      expect(rendered).not.toContain(TEST_SECRET);
      expect(rendered).not.toContain(TEST_WEBHOOK_SECRET);

      const durations = (await capture.metricPoints()).filter((point) => point.name === M.apiDuration);
      expect(durations).toEqual([
        expect.objectContaining({ attributes: { [A.operation]: operation, [A.statusClass]: '2xx' }, count: 1 }),
      ]);
    },
  );

  it('names the transaction on the span: from the arguments, and from the answer for a creation', async () => {
    const { service } = await start();
    await service.createTransaction({ tasks: ['document_scan'] });
    await service.getResult(TRANSACTION_ID, RESULT_ID);
    await service.listWebhooks();

    expect(capture.spans().map((span) => span.attributes[A.transactionId])).toEqual([
      TRANSACTION_ID,
      TRANSACTION_ID,
      undefined,
    ]);
    expect(await capture.metricPoints()).toContainEqual(
      expect.objectContaining({ name: M.transactionsCreated, count: 1 }),
    );
  });

  it('counts retries and ends the span with the resend count and the status of the last answer', async () => {
    const { service, clock } = await start(3);
    server.handle((_, res, index) =>
      index < 2
        ? sendJson(res, 503, { code: 'unavailable', message: 'Later.' }, { 'retry-after': '1' })
        : sendJson(res, 200, { id: TRANSACTION_ID, state: 'pending' }),
    );
    await service.getTransaction(TRANSACTION_ID);

    expect(clock.sleeps).toEqual([1000, 1000]);
    const [span] = capture.spans();
    expect(span.attributes).toMatchObject({ [A.httpRequestResendCount]: 2, [A.httpResponseStatusCode]: 200 });
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
    expect(await capture.metricPoints()).toContainEqual(
      expect.objectContaining({
        name: M.apiRetries,
        attributes: { [A.operation]: 'getTransaction', [A.errorType]: '503' },
        count: 2,
      }),
    );
  });

  it('marks a refused call as an error, with the status as error.type and no message', async () => {
    const { service } = await start();
    server.handle((_, res) => sendJson(res, 404, { code: 'result_not_found', message: `No result ${RESULT_ID}.` }));
    await expect(service.getResult(TRANSACTION_ID, RESULT_ID)).rejects.toBeInstanceOf(IdScanNotFoundError);

    const [span] = capture.spans();
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR });
    expect(span.attributes).toMatchObject({ [A.errorType]: '404', [A.httpResponseStatusCode]: 404 });
    expect(span.events).toEqual([]);
    expect(await capture.metricPoints()).toContainEqual(
      expect.objectContaining({
        name: M.apiDuration,
        attributes: { [A.operation]: 'getResult', [A.statusClass]: '4xx', [A.errorType]: '404' },
      }),
    );
  });

  it("names an unusable 2xx answer by the client's code, not by its status", async () => {
    const { service } = await start();
    server.handle((_, res) => {
      res.writeHead(201, { 'content-type': 'text/html' });
      res.end('<html>a proxy page</html>');
    });
    await expect(service.createTransaction({ tasks: ['document_scan'] })).rejects.toThrow('not JSON');

    const [span] = capture.spans();
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.attributes).toMatchObject({ [A.errorType]: 'invalid_response', [A.httpResponseStatusCode]: 201 });
    expect(await capture.metricPoints()).not.toContainEqual(expect.objectContaining({ name: M.transactionsCreated }));
  });

  it('reports a call that got no answer without a status code, by its error code', async () => {
    const { service } = await start(0);
    server.handle((_, res) => res.socket?.destroy());
    await expect(service.getTransaction(TRANSACTION_ID)).rejects.toThrow();

    const [span] = capture.spans();
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.attributes[A.httpResponseStatusCode]).toBeUndefined();
    expect(span.attributes[A.errorType]).toBe('ECONNRESET');
  });

  it('follows an SDK registered after the module started', async () => {
    await capture.uninstall();
    const { service } = await start();
    await service.getTransaction(TRANSACTION_ID);
    capture = TelemetryCapture.install();
    await service.getTransaction(TRANSACTION_ID);

    expect(capture.spans().map((span) => span.name)).toEqual(['IdScan getTransaction']);
    expect((await capture.metricPoints()).filter((point) => point.name === M.apiDuration)).toHaveLength(1);
  });

  it('records completion and delivery spans and counters for the code that calls them', async () => {
    const telemetry = new IdScanTelemetryService(OpenTelemetryApi);
    const completion = telemetry.startCompletionSpan({ transactionId: TRANSACTION_ID, via: 'iframe' });
    const active = completion.run(() => OpenTelemetryApi.trace.getActiveSpan());
    completion.end({ outcome: 'passed', first: false, fromStore: true });
    telemetry.recordCompletion({ via: 'iframe', outcome: 'passed' });
    telemetry.recordCompletion({ via: 'expiry-sweep', outcome: 'expired' });
    const delivery = telemetry.startDeliverySpan({
      transactionId: TRANSACTION_ID,
      event: 'id-scan.transaction.completed',
      attempt: 2,
    });
    delivery.fail(new TypeError('listener broke on Jane Doe'));
    telemetry
      .startDeliverySpan({ transactionId: TRANSACTION_ID, event: 'id-scan.transaction.completed', attempt: 3 })
      .end();
    telemetry.recordDeliveryAttempt({ event: 'id-scan.transaction.completed', failed: true });
    telemetry.recordDeliveryAttempt({ event: 'id-scan.transaction.completed', failed: false });
    telemetry.recordDeadLetter({ event: 'id-scan.transaction.expired' });

    const [completed, failedAttempt, succeededAttempt] = capture.spans();
    expect(active?.spanContext().spanId).toBe(completed.spanContext().spanId);
    expect(completed).toMatchObject({
      name: 'IdScan completion',
      kind: SpanKind.INTERNAL,
      attributes: {
        [A.transactionId]: TRANSACTION_ID,
        [A.completionVia]: 'iframe',
        [A.completionOutcome]: 'passed',
        [A.completionFirst]: false,
        [A.completionFromStore]: true,
      },
    });
    expect(failedAttempt).toMatchObject({
      name: 'IdScan delivery',
      status: { code: SpanStatusCode.ERROR },
      attributes: {
        [A.transactionId]: TRANSACTION_ID,
        [A.event]: 'id-scan.transaction.completed',
        [A.deliveryAttempt]: 2,
        [A.deliveryOutcome]: 'failure',
        [A.errorType]: 'TypeError',
      },
    });
    expect(JSON.stringify(failedAttempt.attributes)).not.toContain('Jane');
    expect(succeededAttempt.status.code).toBe(SpanStatusCode.UNSET);
    expect(succeededAttempt.attributes).toMatchObject({ [A.deliveryAttempt]: 3, [A.deliveryOutcome]: 'success' });
    expect(succeededAttempt.attributes[A.errorType]).toBeUndefined();

    const points = await capture.metricPoints();
    const count = (name: string, attributes: Record<string, string>) =>
      points.find((p) => p.name === name && JSON.stringify(p.attributes) === JSON.stringify(attributes))?.count;
    expect(count(M.completions, { [A.completionVia]: 'iframe', [A.completionOutcome]: 'passed' })).toBe(1);
    expect(count(M.completions, { [A.completionVia]: 'expiry-sweep', [A.completionOutcome]: 'expired' })).toBe(1);
    expect(count(M.deliveryAttempts, { [A.event]: 'id-scan.transaction.completed' })).toBe(2);
    expect(count(M.deliveryFailures, { [A.event]: 'id-scan.transaction.completed' })).toBe(1);
    expect(count(M.deliveryDeadLetters, { [A.event]: 'id-scan.transaction.expired' })).toBe(1);
  });
});

describe('IdScanTelemetryService without an SDK, or without @opentelemetry/api', () => {
  it.each([
    ['@opentelemetry/api installed, no SDK registered', () => new IdScanTelemetryService(OpenTelemetryApi)],
    ['no @opentelemetry/api', () => new IdScanTelemetryService()],
    ['something that is not the API', () => new IdScanTelemetryService({ trace: 1 })],
  ])('%s: runs the work and records nothing, without failing', async (_case, create) => {
    const telemetry = create();
    const recorders: unknown[] = [];
    await expect(
      telemetry.withApiSpan({ operation: 'getResult', method: 'GET', route: 'x' }, (recorder) => {
        recorder.answered(503);
        recorder.retrying(new Error('x'));
        recorder.answered(200);
        recorder.transaction(TRANSACTION_ID);
        recorders.push(recorder);
        return Promise.resolve('answer');
      }),
    ).resolves.toBe('answer');
    await expect(
      telemetry.withApiSpan({ operation: 'getResult', method: 'GET', route: 'x' }, () =>
        Promise.reject(new Error('refused')),
      ),
    ).rejects.toThrow('refused');
    const span = telemetry.startDeliverySpan({ transactionId: TRANSACTION_ID, event: 'e', attempt: 1 });
    expect(span.run(() => 42)).toBe(42);
    span.end();
    telemetry.startCompletionSpan({ transactionId: TRANSACTION_ID, via: 'iframe' }).fail(new Error('x'));
    telemetry.recordTransactionCreated();
    telemetry.recordCompletion({ via: 'iframe', outcome: 'passed' });
    telemetry.recordDeliveryAttempt({ event: 'e', failed: true });
    telemetry.recordDeadLetter({ event: 'e' });
    expect(recorders).toHaveLength(1);
    // Nothing was registered, so the API hands out its no-op tracer: no span was recorded anywhere.
    expect(OpenTelemetryApi.trace.getActiveSpan()).toBeUndefined();
  });
});
