import { Injectable, Logger, Module, type INestApplication } from '@nestjs/common';
import { EventEmitterModule, OnEvent } from '@nestjs/event-emitter';
import { Test } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';
import { inspect } from 'node:util';
import {
  IdScanAuthenticationError,
  IdScanError,
  IdScanEvents,
  IdScanModule,
  IdScanService,
  type IdScanFile,
  type IdScanTransactionResult,
  type TransactionCompletedEvent,
} from 'nestjs-id-scan';
import { EmulatorScenarios, IdScanEmulator } from 'nestjs-id-scan-emulator';
import { TelemetryCapture } from '../libs/id-scan/src/testing/telemetry-capture.util';
import { CapturingLogger } from './support/capturing-logger';
import { findLeaks, JWT_PATTERN, PERSONAL_FIELDS, personalDataOf, type ForbiddenValue } from './support/leak-detector';
import { StdioCapture } from './support/stdio-capture';
import { renderMetricPoints, renderSpans } from './support/telemetry-rendering';

const WEBHOOK_SECRET = 'hygiene-webhook-secret-6c1f0a9e3b7d2e58';
const FORGED_SECRET = 'forged-webhook-secret-1a2b3c4d5e6f7a8b';
const WRONG_API_SECRET = 'wrong-api-secret-9f8e7d6c5b4a39281706f5e4';
const WEBHOOK_HEADER = 'x-id-scan-webhook-secret';
const ALL_TASKS = ['document_scan', 'face_liveness', 'face_match'];
/** Every completion the host announced. */
@Injectable()
class CompletionRecorder {
  readonly transactionIds: string[] = [];
  private readonly waiters = new Map<string, () => void>();

  @OnEvent(IdScanEvents.TransactionCompleted)
  onCompleted(event: TransactionCompletedEvent): void {
    this.transactionIds.push(event.transactionId);
    this.waiters.get(event.transactionId)?.();
  }

  /** Resolves once the transaction's completion was announced (at once if it already was). */
  completed(transactionId: string): Promise<void> {
    if (this.transactionIds.includes(transactionId)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.set(transactionId, resolve));
  }
}

async function drain(stream: Readable): Promise<void> {
  for await (const chunk of stream) void chunk;
}

describe('log hygiene: no secret, token or personal datum in logs, console output, errors, spans or metrics (e2e)', () => {
  const logger = new CapturingLogger();
  let telemetry: TelemetryCapture;
  const stdio = new StdioCapture();
  /** Every error the package threw to its caller, rendered with its cause as a log line would render it. */
  const errors: string[] = [];
  const forbidden: ForbiddenValue[] = [];
  let emulator: IdScanEmulator;
  let app: INestApplication;
  let idScan: IdScanService;
  let recorder: CompletionRecorder;
  let origin: string;

  /** Runs `call`, which must fail with an `IdScanError`, and keeps the error's full rendering. */
  async function keepError(call: Promise<unknown>): Promise<void> {
    const error = await call.then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(IdScanError);
    errors.push(`${String(error)}\n${inspect(error, { depth: 8, showHidden: true })}`);
  }

  function forbid(kind: string, value: unknown): void {
    if (typeof value !== 'string' || value.length < 4) return;
    if (!forbidden.some((known) => known.value.toLowerCase() === value.toLowerCase())) forbidden.push({ kind, value });
  }

  /** Every personal datum of a result, and the name parts long enough to search for, become forbidden. */
  function forbidPersonalData(result: IdScanTransactionResult): IdScanFile[] {
    for (const { kind, value } of personalDataOf(result)) forbid(kind, value);
    return result.tasks.flatMap((task) => task.files ?? []);
  }

  async function start(): Promise<string> {
    const transaction = await idScan.createTransaction(
      {
        tasks: ALL_TASKS,
        returnUrl: `${origin}/id-scan/return`,
        scanReturnUrl: `${origin}/id-scan/scan-return`,
      },
      { reference: `order-${randomUUID()}` },
    );
    return transaction.id;
  }

  function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${origin}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  }

  function get(path: string): Promise<Response> {
    // As a script asks; a browser is sent on to failureRedirect instead of these status codes.
    return fetch(`${origin}${path}`, { redirect: 'manual', headers: { accept: 'application/json' } });
  }

  /** Sends a completion signal the way its sender would, and answers the HTTP status. */
  async function signal(kind: 'iframe' | 'return' | 'scan-return', transactionId: string, resultId: string) {
    const response =
      kind === 'iframe'
        ? await post(`/id-scan/transactions/${transactionId}/complete`, {
            resultId,
          })
        : await get(`/id-scan/${kind}?trxid=${transactionId}&resultid=${resultId}`);
    await response.arrayBuffer();
    return response.status;
  }

  /** Waits until every event published from `from` on was delivered for good (or given up). */
  async function deliveriesSettled(from: number): Promise<void> {
    for (const event of emulator.webhookEvents().slice(from)) {
      await emulator.waitForDelivery(
        (delivery) => delivery.event.id === event.id && (delivery.outcome === 'done' || delivery.outcome === 'gave_up'),
      );
    }
  }

  beforeAll(async () => {
    // The most verbose level everywhere; the capturing logger then receives every line Nest would print.
    Logger.overrideLogger(['log', 'error', 'warn', 'debug', 'verbose', 'fatal']);
    stdio.start();
    // An OpenTelemetry SDK as a host would register it: every span and metric of the flows below is kept.
    telemetry = TelemetryCapture.install();
    emulator = await IdScanEmulator.start({
      logger,
      webhookRetryDelaysMs: [50, 100],
    });
    const { keyId, secret } = emulator.credentials[0];
    forbid('API secret', secret);
    forbid('webhook secret', WEBHOOK_SECRET);
    forbid('forged webhook secret', FORGED_SECRET);
    forbid('wrong API secret', WRONG_API_SECRET);

    @Module({
      imports: [
        EventEmitterModule.forRoot(),
        IdScanModule.forRoot({
          keyId,
          secret,
          baseUrl: emulator.url,
          // Long enough for any answer of a busy machine; the stalled calls below run at once, so each fault costs
          // one timeout per attempt however many signals it is sent through.
          timeoutMs: 5000,
          maxRetries: 1,
          webhooks: { secrets: [WEBHOOK_SECRET] },
          callbacks: {
            successRedirect: '/verified',
            failureRedirect: '/not-verified',
          },
        }),
      ],
      providers: [CompletionRecorder],
    })
    class HygieneHostModule {}

    const moduleRef = await Test.createTestingModule({
      imports: [HygieneHostModule],
    })
      .setLogger(logger)
      .compile();
    app = moduleRef.createNestApplication({ logger });
    await app.listen(0, '127.0.0.1');
    origin = `http://127.0.0.1:${((app.getHttpServer() as Server).address() as AddressInfo).port}`;
    idScan = app.get(IdScanService);
    recorder = app.get(CompletionRecorder);

    // Each scenario completed through one of the browser signals, each signal sent twice (the second a duplicate).
    const completed: {
      transactionId: string;
      resultId: string;
      files: IdScanFile[];
    }[] = [];
    const kinds = ['iframe', 'return', 'scan-return'] as const;
    for (const [index, scenario] of EmulatorScenarios.entries()) {
      const transactionId = await start();
      const { resultId } = emulator.completeTransaction(transactionId, scenario);
      const files = forbidPersonalData(await idScan.getResult(transactionId, resultId));
      for (let copy = 0; copy < 2; copy++) {
        expect(await signal(kinds[index % kinds.length], transactionId, resultId)).toBeLessThan(500);
      }
      completed.push({ transactionId, resultId, files });
    }
    const [genuine] = completed;

    // Downloads and reports.
    for (const file of genuine.files.filter((candidate) => candidate.url !== null)) {
      await drain((await idScan.downloadFile(file)).stream);
    }
    for (const type of ['simple', 'extended'] as const) {
      await drain(
        (
          await idScan.getReport(genuine.transactionId, genuine.resultId, {
            type,
          })
        ).stream,
      );
    }

    // Validation failures, in the service and on the routes.
    await keepError(
      idScan.createTransaction({
        tasks: ['face_match'],
        locale: 'xx-XX',
        returnUrl: 'javascript:alert(1)',
        extra: 1,
      }),
    );
    await keepError(idScan.getResult('not-a-uuid', genuine.resultId));
    await keepError(idScan.downloadFile(`https://elsewhere.example/id-scan/v1/downloads/${'a'.repeat(50)}`));
    await keepError(
      idScan.getReport(genuine.transactionId, genuine.resultId, {
        type: 'full' as 'simple',
      }),
    );
    // Personal data arriving as invalid input (a host passing the wrong thing) is refused without being repeated.
    const name = forbidden.find((value) => value.kind === 'surname')?.value ?? '';
    const number = forbidden.find((value) => value.kind === 'document number')?.value ?? '';
    await keepError(
      idScan.createTransaction(
        {
          tasks: [name],
          locale: number,
          returnUrl: `ftp://shop.example/?who=${name}`,
        },
        { reference: `${number}${'x'.repeat(300)}` },
      ),
    );
    await keepError(idScan.getResult(name, number));
    await keepError(idScan.downloadFile(`https://elsewhere.example/${name}/${number}`));
    const query = `trxid=${encodeURIComponent(number)}&resultid=${encodeURIComponent(name)}&${encodeURIComponent(name)}=1`;
    expect((await get(`/id-scan/return?${query}`)).status).toBe(400);
    expect((await get(`/id-scan/scan-return?${query}`)).status).toBe(400);
    expect(
      (await post(`/id-scan/transactions/${encodeURIComponent(number)}/complete`, { resultId: name })).status,
    ).toBe(400);
    expect(
      (await post('/id-scan/events', { id: number, type: name, transaction: { id: name } }, { [WEBHOOK_HEADER]: name }))
        .status,
    ).toBe(401);
    expect(
      (
        await post(
          '/id-scan/events',
          {
            id: number,
            type: 'transaction.state.updated',
            created: name,
            transaction: { id: name, state: number },
          },
          { [WEBHOOK_HEADER]: WEBHOOK_SECRET },
        )
      ).status,
    ).toBe(400);
    expect(await signal('return', 'not-a-uuid', genuine.resultId)).toBe(400);
    expect(
      (
        await post(`/id-scan/transactions/${genuine.transactionId}/complete`, {
          resultId: 1,
        })
      ).status,
    ).toBe(400);
    expect(await signal('return', randomUUID(), randomUUID())).toBe(404);
    expect(await signal('iframe', genuine.transactionId, randomUUID())).toBe(404);
    expect(await signal('scan-return', genuine.transactionId, randomUUID())).toBe(404);

    // Upstream errors: every fault on the result fetch behind each signal, and straight from the service.
    const pending = await start();
    const { resultId: pendingResult } = emulator.completeTransaction(pending);
    for (const fault of ['serverError', 'unavailable', 'rateLimit', 'dropConnection', 'stall'] as const) {
      emulator.setFaults({ getResult: { [fault]: 1, retryAfterSeconds: 1 } });
      await Promise.all([
        ...kinds.map(async (kind) => expect(await signal(kind, pending, pendingResult)).toBeLessThan(600)),
        keepError(idScan.getResult(pending, pendingResult)),
      ]);
      emulator.setFaults({});
    }
    await keepError(idScan.getResult(randomUUID(), randomUUID()));

    // Wrong credentials: the API refuses the token.
    const wrongRef = await Test.createTestingModule({
      imports: [
        EventEmitterModule.forRoot(),
        IdScanModule.forRoot({
          keyId,
          secret: WRONG_API_SECRET,
          baseUrl: emulator.url,
          routes: false,
        }),
      ],
    })
      .setLogger(logger)
      .compile();
    const wrongApp = await wrongRef.init();
    const wrongCall = wrongApp.get(IdScanService).getResult(genuine.transactionId, genuine.resultId);
    await expect(wrongCall).rejects.toBeInstanceOf(IdScanAuthenticationError);
    await keepError(wrongCall);
    await wrongApp.close();

    // Event deliveries: forged and missing secrets, a malformed one, then real ones from the emulator, duplicated.
    const forged = {
      id: randomUUID(),
      type: 'transaction.state.updated',
      created: new Date().toISOString(),
      transaction: {
        id: genuine.transactionId,
        state: 'completed',
        resultId: genuine.resultId,
      },
    };
    expect(
      (
        await post('/id-scan/events', forged, {
          [WEBHOOK_HEADER]: FORGED_SECRET,
        })
      ).status,
    ).toBe(401);
    expect((await post('/id-scan/events', forged)).status).toBe(401);
    expect((await post('/id-scan/events', { id: 'x' }, { [WEBHOOK_HEADER]: WEBHOOK_SECRET })).status).toBe(400);
    const published = emulator.webhookEvents().length;
    await idScan.subscribeEvents(`${origin}/id-scan/events`);
    emulator.setDeliveryBehaviour({ duplicate: true, reorder: true });
    for (const scenario of ['genuine_id_card', 'invalid_document_number'] as const) {
      const transactionId = await start();
      const { resultId } = emulator.completeTransaction(transactionId, scenario);
      forbidPersonalData(await idScan.getResult(transactionId, resultId));
      await recorder.completed(transactionId);
    }
    await deliveriesSettled(published);

    // Expiry: pending transactions expire (and are announced), the extended report is gone.
    const expiring = emulator.webhookEvents().length;
    await start();
    emulator.advanceClock(2 * 3600 * 1000);
    await keepError(
      idScan.getReport(genuine.transactionId, genuine.resultId, {
        type: 'extended',
      }),
    );
    await deliveriesSettled(expiring);
  }, 120_000);

  afterAll(async () => {
    stdio.stop();
    await app?.close();
    await emulator?.stop();
    await telemetry?.uninstall();
  });

  /** Every span as an exporter would send it: name, attributes, status and events. */
  function renderedSpans(): string {
    return renderSpans(telemetry.spans());
  }

  it('ran every flow at the most verbose level', () => {
    expect(logger.count('debug')).toBeGreaterThan(0);
    expect(logger.count('warn')).toBeGreaterThan(0);
    expect(recorder.transactionIds.length).toBeGreaterThanOrEqual(EmulatorScenarios.length);
    expect(errors.length).toBeGreaterThanOrEqual(10);
    const kinds = new Set(forbidden.map((value) => value.kind));
    for (const kind of [...Object.values(PERSONAL_FIELDS), 'API secret', 'webhook secret', 'download token']) {
      expect(kinds).toContain(kind);
    }
  });

  it('recorded a span for every kind of API call, completion and delivery the flows made, and the counters', async () => {
    const names = new Set(telemetry.spans().map((span) => span.name));
    for (const operation of [
      'createTransaction',
      'getResult',
      'downloadFile',
      'getReport',
      'listWebhooks',
      'createWebhook',
    ]) {
      expect(names).toContain(`IdScan ${operation}`);
    }
    expect(names).toContain('IdScan completion');
    expect(names).toContain('IdScan delivery');
    const metricNames = new Set((await telemetry.metricPoints()).map((point) => point.name));
    expect(metricNames).toContain('id_scan.api.duration');
    expect(metricNames).toContain('id_scan.api.retries');
    expect(metricNames).toContain('id_scan.transactions.created');
    expect(metricNames).toContain('id_scan.completions');
    expect(metricNames).toContain('id_scan.delivery.attempts');
  });

  it('puts none of them, nor a URL, in span names, attributes, statuses or events', () => {
    const spans = renderedSpans();
    expect(findLeaks(spans, forbidden)).toEqual([]);
    expect(spans).not.toMatch(new RegExp(JWT_PATTERN.source));
    expect(spans).not.toContain(emulator.url);
    // The download route appears as its template only; the token that follows it in a real URL never does.
    expect(spans).toContain('/downloads/{download}');
    expect(spans).not.toMatch(/\/downloads\/(?!\{download\})/);
  });

  it('puts none of them in metric names or attributes', async () => {
    const points = renderMetricPoints(await telemetry.metricPoints());
    expect(findLeaks(points, forbidden)).toEqual([]);
    expect(points).not.toMatch(new RegExp(JWT_PATTERN.source));
  });

  it('logs no secret, JWT, webhook secret, download token or personal datum', () => {
    expect(findLeaks(logger.text(), forbidden)).toEqual([]);
  });

  it('writes none of them to stdout or stderr', () => {
    expect(findLeaks(stdio.text(), forbidden)).toEqual([]);
  });

  it('puts none of them in the errors it throws', () => {
    expect(findLeaks(errors.join('\n'), forbidden)).toEqual([]);
  });

  it('would notice a leak: the detector finds data planted through the Nest logger and on stdout', () => {
    const surname = forbidden.find((value) => value.kind === 'surname');
    const documentNumber = forbidden.find((value) => value.kind === 'document number');
    expect(surname && documentNumber).toBeDefined();
    const token = 'eyJhbGciOiJIUzI1NiJ9.eyJpYXQiOjE3MzU2ODk2MDB9.c2lnbmF0dXJl';
    expect(token).toMatch(JWT_PATTERN);
    const linesBefore = logger.lines.length;
    const outputBefore = stdio.text().length;

    // Through the same paths the package's lines take: Nest's Logger, and a raw write to stdout.
    new Logger('Planted').debug(`checking ${surname?.value ?? ''}`);
    stdio.echo = false;
    process.stdout.write(`planted ${documentNumber?.value ?? ''} ${token}\n`);
    stdio.echo = true;

    const planted = logger.lines
      .slice(linesBefore)
      .map((line) => line.text)
      .join('\n');
    const kinds = (text: string) => [...new Set(findLeaks(text, forbidden).map((leak) => leak.kind))].sort();
    expect(kinds(planted)).toEqual(['surname']);
    expect(kinds(stdio.text().slice(outputBefore))).toEqual(['JWT', 'document number']);
  });
});
