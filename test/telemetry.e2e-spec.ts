import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { SpanStatusCode } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import {
  IdScanEvents,
  InMemoryTransactionStore,
  RedisTransactionStore,
  type DeliveryFailedEvent,
  type TransactionCompletedEvent,
  type TransactionExpiredEvent,
} from 'nestjs-id-scan';
import { IdScanEmulator, type EmulatorScenario } from 'nestjs-id-scan-emulator';
import {
  IdScanAttributes as A,
  IdScanMetricNames as M,
} from '../libs/id-scan/src/telemetry/id-scan-telemetry.constants';
import { TelemetryCapture, type CapturedMetricPoint } from '../libs/id-scan/src/testing/telemetry-capture.util';
import { deliveriesSettled } from './support/deliveries';
import { ConditionWaiters } from './support/condition-waiters';
import { postComplete, returnOn } from './support/host-requests';
import { startHost, type TestHost } from './support/id-scan-host';
import { findLeaks, JWT_PATTERN, personalDataOf, type ForbiddenValue } from './support/leak-detector';
import { describeWithRedis, startRedisServer, type RedisServerHandle } from './support/redis-server';
import { renderMetricPoints, renderSpans } from './support/telemetry-rendering';

const COMPLETED = IdScanEvents.TransactionCompleted;

/** What every host's listener did; `failures` says how many attempts of a transaction fail first (Infinity: all). */
class Sink extends ConditionWaiters {
  readonly failures = new Map<string, number>();
  readonly successes: string[] = [];
  readonly failed: DeliveryFailedEvent[] = [];

  async completed(event: TransactionCompletedEvent): Promise<void> {
    await Promise.resolve();
    const left = this.failures.get(event.transactionId) ?? 0;
    if (left > 0) {
      this.failures.set(event.transactionId, left - 1);
      throw new Error(`the orders database is unavailable (${event.transactionId})`);
    }
    this.successes.push(event.transactionId);
    this.changed();
  }

  deliveryFailed(event: DeliveryFailedEvent): void {
    this.failed.push(event);
    this.changed();
  }
}

const sink = new Sink();

@Injectable()
class SinkListener {
  @OnEvent(IdScanEvents.TransactionCompleted, { suppressErrors: false })
  onCompleted(event: TransactionCompletedEvent): Promise<void> {
    return sink.completed(event);
  }

  @OnEvent(IdScanEvents.DeliveryFailed)
  onFailed(event: DeliveryFailedEvent): void {
    sink.deliveryFailed(event);
  }
}

let capture: TelemetryCapture;
/** Every personal datum and download token of the results the suite produced, and the API and host URLs. */
const forbidden: ForbiddenValue[] = [];
const urls: string[] = [];

beforeAll(() => {
  capture = TelemetryCapture.install();
});

afterAll(async () => {
  await capture?.uninstall();
});

/** The value of one counter's data point with exactly these attributes (0 when it has none yet). */
function count(points: CapturedMetricPoint[], name: string, attributes: Record<string, string>): number {
  const wanted = JSON.stringify(Object.entries(attributes).sort());
  const point = points.find((p) => p.name === name && JSON.stringify(Object.entries(p.attributes).sort()) === wanted);
  return point?.count ?? 0;
}

/** How much each counter grew while `work` ran. */
async function growth(work: () => Promise<void>) {
  const before = await capture.metricPoints();
  await work();
  const after = await capture.metricPoints();
  return (name: string, attributes: Record<string, string>) =>
    count(after, name, attributes) - count(before, name, attributes);
}

function spansOf(transactionId: string, name: string): ReadableSpan[] {
  return capture.spans().filter((span) => span.name === name && span.attributes[A.transactionId] === transactionId);
}

/** Resolves once the delivery span of that attempt ended (it ends just after the listeners settled). */
function deliverySpan(transactionId: string, attempt: number, event: string = COMPLETED): Promise<ReadableSpan> {
  return capture.span(
    (span) =>
      span.name === 'IdScan delivery' &&
      span.attributes[A.transactionId] === transactionId &&
      span.attributes[A.event] === event &&
      span.attributes[A.deliveryAttempt] === attempt,
  );
}

/** A transaction completed in the emulator with `scenario`; its personal data become forbidden in telemetry. */
async function completedTransaction(host: TestHost, emulator: IdScanEmulator, scenario?: EmulatorScenario) {
  const transaction = await host.idScan.createTransaction(
    { tasks: ['document_scan', 'face_liveness', 'face_match'], returnUrl: `${host.origin}/id-scan/return` },
    { reference: `order-${randomUUID()}` },
  );
  const { resultId } = emulator.completeTransaction(transaction.id, scenario);
  forbidden.push(...personalDataOf(await host.idScan.getResult(transaction.id, resultId)));
  return { transactionId: transaction.id, resultId };
}

describe('telemetry of completions and deliveries, in-process delivery (e2e, SDK with in-memory exporters)', () => {
  let emulator: IdScanEmulator;
  let host: TestHost;

  beforeAll(async () => {
    emulator = await IdScanEmulator.start({ logger: false });
    host = await startHost({
      emulator,
      providers: [SinkListener],
      options: { delivery: { retryDelaysMs: [20, 20] }, expirySweep: false },
    });
    urls.push(emulator.url, host.origin);
  });

  afterAll(async () => {
    await host?.close();
    await emulator?.stop();
  });

  it('iframe: one completion span per signal, the repeat answered from the store; one delivery span; counted once', async () => {
    const { transactionId, resultId } = await completedTransaction(host, emulator, 'genuine_passport');
    const grew = await growth(async () => {
      expect((await postComplete(host, transactionId, resultId)).status).toBe(200);
      expect((await postComplete(host, transactionId, resultId)).status).toBe(200);
    });

    const [first, repeat] = spansOf(transactionId, 'IdScan completion');
    expect(spansOf(transactionId, 'IdScan completion')).toHaveLength(2);
    expect(first.status.code).toBe(SpanStatusCode.UNSET);
    expect(first.attributes).toEqual({
      [A.transactionId]: transactionId,
      [A.completionVia]: 'iframe',
      [A.completionOutcome]: 'passed',
      [A.completionFirst]: true,
      [A.completionFromStore]: false,
    });
    expect(repeat.attributes).toMatchObject({
      [A.completionOutcome]: 'passed',
      [A.completionFirst]: false,
      [A.completionFromStore]: true,
    });
    const [delivery] = spansOf(transactionId, 'IdScan delivery');
    expect(spansOf(transactionId, 'IdScan delivery')).toHaveLength(1);
    expect(delivery.status.code).toBe(SpanStatusCode.UNSET);
    expect(delivery.attributes).toEqual({
      [A.transactionId]: transactionId,
      [A.event]: COMPLETED,
      [A.deliveryAttempt]: 1,
      [A.deliveryOutcome]: 'success',
    });
    // One check of the result, made inside the first signal's span, which also holds the first attempt; the repeat
    // made no API call (the other getResult is the test's own, made before the signals).
    const checks = spansOf(transactionId, 'IdScan getResult').filter(
      (span) => span.parentSpanContext?.spanId === first.spanContext().spanId,
    );
    expect(checks).toHaveLength(1);
    expect(spansOf(transactionId, 'IdScan getResult')).toHaveLength(2);
    expect(delivery.parentSpanContext?.spanId).toBe(first.spanContext().spanId);

    expect(grew(M.completions, { [A.completionVia]: 'iframe', [A.completionOutcome]: 'passed' })).toBe(1);
    expect(grew(M.deliveryAttempts, { [A.event]: COMPLETED })).toBe(1);
    expect(grew(M.deliveryFailures, { [A.event]: COMPLETED })).toBe(0);
  });

  it('return URL: the completion span and the counter carry the verification outcome', async () => {
    const { transactionId, resultId } = await completedTransaction(host, emulator, 'expired_document');
    const grew = await growth(async () => {
      expect((await returnOn(host, transactionId, resultId)).status).toBe(302);
    });

    const [span] = spansOf(transactionId, 'IdScan completion');
    expect(span.attributes).toMatchObject({
      [A.completionVia]: 'return-url',
      [A.completionOutcome]: 'failed',
      [A.completionFirst]: true,
      [A.completionFromStore]: false,
    });
    expect(grew(M.completions, { [A.completionVia]: 'return-url', [A.completionOutcome]: 'failed' })).toBe(1);
  });

  it('marks a refused signal as an error by its type, and counts nothing', async () => {
    const { transactionId } = await completedTransaction(host, emulator);
    const wrongResult = randomUUID();
    const grew = await growth(async () => {
      expect((await postComplete(host, transactionId, wrongResult)).status).toBe(404);
    });

    const [span] = spansOf(transactionId, 'IdScan completion');
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.attributes[A.errorType]).toBe('404');
    expect(span.attributes[A.completionOutcome]).toBeUndefined();
    expect(span.events).toEqual([]);
    expect(grew(M.completions, { [A.completionVia]: 'iframe', [A.completionOutcome]: 'passed' })).toBe(0);
  });

  it('a delivery that fails once, then succeeds: two attempt spans, the first failed with error.type', async () => {
    const { transactionId, resultId } = await completedTransaction(host, emulator);
    sink.failures.set(transactionId, 1);
    const grew = await growth(async () => {
      expect((await postComplete(host, transactionId, resultId)).status).toBe(200);
      await deliverySpan(transactionId, 2);
    });

    const attempts = spansOf(transactionId, 'IdScan delivery');
    expect(attempts.map((span) => span.attributes[A.deliveryAttempt])).toEqual([1, 2]);
    expect(attempts[0].status.code).toBe(SpanStatusCode.ERROR);
    expect(attempts[0].attributes).toMatchObject({ [A.deliveryOutcome]: 'failure', [A.errorType]: 'Error' });
    expect(attempts[1].status.code).toBe(SpanStatusCode.UNSET);
    expect(attempts[1].attributes).toMatchObject({ [A.deliveryOutcome]: 'success' });
    expect(attempts[1].attributes[A.errorType]).toBeUndefined();
    expect(sink.successes).toContain(transactionId);

    expect(grew(M.deliveryAttempts, { [A.event]: COMPLETED })).toBe(2);
    expect(grew(M.deliveryFailures, { [A.event]: COMPLETED })).toBe(1);
    expect(grew(M.deliveryDeadLetters, { [A.event]: COMPLETED })).toBe(0);
  });

  it('a delivery that runs out of retries: every attempt failed, one dead letter (id-scan.delivery.failed)', async () => {
    const { transactionId, resultId } = await completedTransaction(host, emulator);
    sink.failures.set(transactionId, Infinity);
    const grew = await growth(async () => {
      expect((await postComplete(host, transactionId, resultId)).status).toBe(200);
      await sink.until(() => sink.failed.some((event) => event.transactionId === transactionId));
    });

    const attempts = spansOf(transactionId, 'IdScan delivery');
    expect(attempts.map((span) => span.attributes[A.deliveryAttempt])).toEqual([1, 2, 3]);
    expect(attempts.every((span) => span.status.code === SpanStatusCode.ERROR)).toBe(true);
    expect(attempts.every((span) => span.attributes[A.deliveryOutcome] === 'failure')).toBe(true);
    expect(grew(M.deliveryAttempts, { [A.event]: COMPLETED })).toBe(3);
    expect(grew(M.deliveryFailures, { [A.event]: COMPLETED })).toBe(3);
    expect(grew(M.deliveryDeadLetters, { [A.event]: COMPLETED })).toBe(1);
  });

  it('event deliveries: a webhook completion and an expiry, each counted once however often the events arrive', async () => {
    const webhook = await host.idScan.subscribeEvents(`${host.origin}/id-scan/events`);
    emulator.setDeliveryBehaviour({ duplicate: true });
    try {
      let transactionId = '';
      let expiringId = '';
      const grew = await growth(async () => {
        ({ transactionId } = await completedTransaction(host, emulator, 'liveness_fails'));
        await host.events.next<TransactionCompletedEvent>(COMPLETED, (e) => e.transactionId === transactionId);
        await deliverySpan(transactionId, 1);

        expiringId = (await host.idScan.createTransaction({ tasks: ['document_scan'] })).id;
        emulator.advanceClock(3_600_000 + 1000);
        await host.events.next<TransactionExpiredEvent>(
          IdScanEvents.TransactionExpired,
          (e) => e.transactionId === expiringId,
        );
        await deliverySpan(expiringId, 1, IdScanEvents.TransactionExpired);
        // Every copy of every event answered, so nothing arrives after the counters are read.
        await deliveriesSettled(emulator, 2, transactionId);
        await deliveriesSettled(emulator, 2, expiringId);
      });

      const completions = spansOf(transactionId, 'IdScan completion');
      expect(completions.length).toBeGreaterThanOrEqual(1);
      expect(completions.every((span) => span.attributes[A.completionVia] === 'webhook')).toBe(true);
      expect(completions.filter((span) => span.attributes[A.completionFirst] === true)).toHaveLength(1);
      expect(grew(M.completions, { [A.completionVia]: 'webhook', [A.completionOutcome]: 'failed' })).toBe(1);
      expect(grew(M.completions, { [A.completionVia]: 'webhook', [A.completionOutcome]: 'expired' })).toBe(1);
      expect(spansOf(expiringId, 'IdScan delivery')).toHaveLength(1);
      expect(grew(M.deliveryAttempts, { [A.event]: IdScanEvents.TransactionExpired })).toBe(1);
    } finally {
      emulator.setDeliveryBehaviour({});
      await host.idScan.deleteWebhook(webhook.id);
    }
  });
});

describeWithRedis('telemetry of deliveries through a BullMQ queue (e2e, SDK with in-memory exporters)', () => {
  let redis: RedisServerHandle;
  let client: Redis;
  let emulator: IdScanEmulator;
  let host: TestHost;

  beforeAll(async () => {
    redis = await startRedisServer();
    client = new Redis(redis.url, { maxRetriesPerRequest: null });
    emulator = await IdScanEmulator.start({ logger: false });
    host = await startHost({
      emulator,
      store: new RedisTransactionStore(client, { keyPrefix: 'telemetry-suite:' }),
      providers: [SinkListener],
      options: {
        delivery: {
          retryDelaysMs: [30, 30],
          queue: { connection: client, name: `deliveries-${randomUUID()}`, concurrency: 2 },
        },
        expirySweep: false,
      },
    });
    urls.push(emulator.url, host.origin, redis.url);
  });

  afterAll(async () => {
    await host?.close();
    await emulator?.stop();
    await client?.quit();
    await redis?.stop();
  });

  it('a queued delivery that fails once, then succeeds: an attempt span per job attempt', async () => {
    const { transactionId, resultId } = await completedTransaction(host, emulator);
    sink.failures.set(transactionId, 1);
    const grew = await growth(async () => {
      expect((await postComplete(host, transactionId, resultId)).status).toBe(200);
      await deliverySpan(transactionId, 2);
    });

    const [completion] = spansOf(transactionId, 'IdScan completion');
    expect(completion.attributes).toMatchObject({ [A.completionFirst]: true, [A.completionOutcome]: 'passed' });
    const attempts = spansOf(transactionId, 'IdScan delivery');
    expect(attempts.map((span) => span.attributes[A.deliveryOutcome])).toEqual(['failure', 'success']);
    expect(attempts[0].attributes).toMatchObject({ [A.deliveryAttempt]: 1, [A.errorType]: 'Error' });
    expect(attempts[1].attributes).toMatchObject({ [A.deliveryAttempt]: 2 });
    expect(grew(M.completions, { [A.completionVia]: 'iframe', [A.completionOutcome]: 'passed' })).toBe(1);
    expect(grew(M.deliveryAttempts, { [A.event]: COMPLETED })).toBe(2);
    expect(grew(M.deliveryFailures, { [A.event]: COMPLETED })).toBe(1);
  });

  it('a queued delivery that runs out of retries: three failed attempt spans and one dead letter', async () => {
    const { transactionId, resultId } = await completedTransaction(host, emulator);
    sink.failures.set(transactionId, Infinity);
    const grew = await growth(async () => {
      expect((await returnOn(host, transactionId, resultId)).status).toBe(302);
      await sink.until(() => sink.failed.some((event) => event.transactionId === transactionId));
    });

    const attempts = spansOf(transactionId, 'IdScan delivery');
    expect(attempts.map((span) => span.attributes[A.deliveryAttempt])).toEqual([1, 2, 3]);
    expect(attempts.every((span) => span.attributes[A.deliveryOutcome] === 'failure')).toBe(true);
    expect(grew(M.completions, { [A.completionVia]: 'return-url', [A.completionOutcome]: 'passed' })).toBe(1);
    expect(grew(M.deliveryAttempts, { [A.event]: COMPLETED })).toBe(3);
    expect(grew(M.deliveryFailures, { [A.event]: COMPLETED })).toBe(3);
    expect(grew(M.deliveryDeadLetters, { [A.event]: COMPLETED })).toBe(1);
  });
});

describe('telemetry of the expiry sweep (e2e, SDK with in-memory exporters, no event subscription)', () => {
  let emulator: IdScanEmulator;
  let store: InMemoryTransactionStore;
  let host: TestHost;

  beforeAll(async () => {
    emulator = await IdScanEmulator.start({ logger: false });
    store = new InMemoryTransactionStore();
    host = await startHost({ emulator, store, options: { expirySweep: { intervalMs: 25 } } });
    urls.push(emulator.url, host.origin);
  });

  afterAll(async () => {
    await host?.close();
    await emulator?.stop();
  });

  it('counts an expiry the sweep announced as an ended verification, and spans its delivery', async () => {
    const { id: transactionId } = await host.idScan.createTransaction({ tasks: ['document_scan'] });
    const grew = await growth(async () => {
      emulator.advanceClock(3_600_000 + 60_000);
      // The host's clock reaches the expiry too: the record, as the store indexes it, now lies in the past.
      const record = await store.get(transactionId);
      if (!record) throw new Error(`no record for ${transactionId}`);
      await store.save({ ...record, expiresAt: new Date(Date.now() - 1000).toISOString() });
      await deliverySpan(transactionId, 1, IdScanEvents.TransactionExpired);
    });

    expect(grew(M.completions, { [A.completionVia]: 'expiry-sweep', [A.completionOutcome]: 'expired' })).toBe(1);
    expect(grew(M.deliveryAttempts, { [A.event]: IdScanEvents.TransactionExpired })).toBe(1);
    expect(spansOf(transactionId, 'IdScan completion')).toEqual([]);
  });
});

describe('no personal data, secret, token or URL in any span or metric of the flows above', () => {
  it('had personal data to look for, and spans to look in', () => {
    const kinds = new Set(forbidden.map((value) => value.kind));
    for (const kind of ['given names', 'surname', 'document number', 'date of birth', 'download token']) {
      expect(kinds).toContain(kind);
    }
    expect(capture.spans().filter((span) => span.name === 'IdScan completion').length).toBeGreaterThan(5);
  });

  it('puts none of them in span names, attributes, statuses or events', () => {
    const spans = renderSpans(capture.spans());
    expect(findLeaks(spans, forbidden)).toEqual([]);
    expect(spans).not.toMatch(new RegExp(JWT_PATTERN.source));
    for (const url of urls) expect(spans).not.toContain(url);
    // The listener's error message named the transaction; only its type may reach a span.
    expect(spans).not.toContain('orders database');
  });

  it('puts none of them in metric names or attributes, and no transaction id either', async () => {
    const points = renderMetricPoints(await capture.metricPoints());
    expect(findLeaks(points, forbidden)).toEqual([]);
    expect(points).not.toMatch(new RegExp(JWT_PATTERN.source));
    expect(points).not.toContain(A.transactionId);
  });
});
