import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import {
  IdScanHealthIndicator,
  IdScanStoreUnavailableError,
  RedisTransactionStore,
  type IdScanTransaction,
} from 'nestjs-id-scan';
import { IdScanEmulator } from 'nestjs-id-scan-emulator';
import { startTransactionOn } from './support/host-requests';
import { HOST_API_TIMEOUT_MS, startHost, WEBHOOK_SECRET, type TestHost } from './support/id-scan-host';
import { OutageProbe } from './support/outage-probe';
import { expectFailurePageForOutage, expectStoreUnavailable, OUTAGE_BOUND_MS, timed } from './support/outage-answers';
import { describeWithRedis, startRedisServer, type RedisServerHandle } from './support/redis-server';
import { ServerRequestCounter } from './support/server-requests';

describeWithRedis('when Redis goes away: bounded 503s, quiet logs, recovery by itself (e2e)', () => {
  let redis: RedisServerHandle;
  let emulator: IdScanEmulator;
  let store: RedisTransactionStore;
  let host: TestHost;
  let health: IdScanHealthIndicator;
  /** Completed at the emulator before the outage; its signals are refused during it, and accepted after. */
  let waiting: { transactionId: string; resultId: string };

  beforeAll(async () => {
    redis = await startRedisServer({ appendOnly: true });
    emulator = await IdScanEmulator.start({ logger: false });
    // The setup of the issue: a store that opens its own connection from a URL.
    store = new RedisTransactionStore(redis.url, { keyPrefix: `outage-${randomUUID()}:` });
    host = await startHost({ emulator, store });
    health = host.app.get(IdScanHealthIndicator);

    const transaction = await start();
    const { transactionId, resultId } = emulator.completeTransaction(transaction.id);
    waiting = { transactionId, resultId };
  });

  afterAll(async () => {
    await host?.close();
    await store?.close();
    await emulator?.stop();
    await redis?.stop();
  });

  function start(): Promise<IdScanTransaction> {
    return startTransactionOn(host);
  }

  const signals = {
    iframe: ({ transactionId, resultId }: typeof waiting) =>
      fetch(`${host.origin}/id-scan/transactions/${transactionId}/complete`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ resultId }),
      }),
    returnUrl: ({ transactionId, resultId }: typeof waiting) =>
      fetch(`${host.origin}/id-scan/return?trxid=${transactionId}&resultid=${resultId}`, { redirect: 'manual' }),
    scanReturn: ({ transactionId, resultId }: typeof waiting) =>
      fetch(`${host.origin}/id-scan/scan-return?trxid=${transactionId}&resultid=${resultId}`, {
        headers: { 'accept-language': 'en' },
      }),
    event: ({ transactionId, resultId }: typeof waiting) =>
      fetch(`${host.origin}/id-scan/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-id-scan-webhook-secret': WEBHOOK_SECRET },
        body: JSON.stringify({
          id: randomUUID(),
          type: 'transaction.state.updated',
          created: new Date().toISOString(),
          transaction: { id: transactionId, state: 'completed', resultId },
        }),
      }),
  };

  const storeLines = (text: string) => host.logger.lines.filter((line) => line.message.includes(text));

  it('works while Redis is up', async () => {
    await expect(health.isHealthy('id-scan', { timeoutMs: HOST_API_TIMEOUT_MS })).resolves.toEqual({
      'id-scan': { status: 'up', deliveries: { backlog: 0, failed: 0 } },
    });
    expect(storeLines('Lost the connection')).toHaveLength(0);
  });

  describe('while Redis is down', () => {
    beforeAll(() => redis.kill());

    // Twice: right after the crash (the connection just closed), and once reconnection attempts are under way.
    it.each([['just after the crash'], ['after a while']])(
      'answers the iframe and event routes 503 store_unavailable with Retry-After, in time (%s)',
      async () => {
        for (const send of [signals.iframe, signals.event]) {
          await expectStoreUnavailable(() => send(waiting));
        }
      },
    );

    it('sends the person from the return URL to the failure page with error=store_unavailable, in time', async () => {
      await expectFailurePageForOutage(() => signals.returnUrl(waiting), waiting.transactionId);
    });

    it('shows the phone a "try again in a moment" page with 503 and Retry-After, in time', async () => {
      const { value: response, ms } = await timed(() => signals.scanReturn(waiting));
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
      const page = await response.text();
      expect(page).toContain('data-id-scan-page="unavailable"');
      expect(page).toMatch(/try again in a moment/i);
      expect(ms).toBeLessThan(OUTAGE_BOUND_MS);
    });

    it('refuses createTransaction before any API call, so no paid transaction is orphaned', async () => {
      const counter = new ServerRequestCounter(emulator.url);
      try {
        const { value: error, ms } = await timed(() => start().catch((failure: unknown) => failure));
        expect(error).toBeInstanceOf(IdScanStoreUnavailableError);
        expect(ms).toBeLessThan(OUTAGE_BOUND_MS);
        expect(counter.count).toBe(0);
      } finally {
        counter.close();
      }
    });

    it('reports the store down in the health check', async () => {
      const { value: result, ms } = await timed(() => health.isHealthy('id-scan', { timeoutMs: 8000 }));
      expect(result['id-scan']).toMatchObject({ status: 'down', reason: 'store_unavailable' });
      expect(ms).toBeLessThan(OUTAGE_BOUND_MS);
    });

    it('logs the loss once, as a warning without a stack, however many calls failed', () => {
      const lost = storeLines('Lost the connection to Redis');
      expect(lost).toHaveLength(1);
      expect(lost[0]).toMatchObject({ level: 'warn', extra: ['RedisTransactionStore'] });
      expect(storeLines('Reconnected to Redis')).toHaveLength(0);
      // The routes log each 503 once, with no stack either (a stack would follow the message as an extra).
      const answered = storeLines('answered 503 store_unavailable');
      expect(answered.length).toBeGreaterThan(0);
      expect(answered.every((line) => line.extra.every((extra) => !String(extra).includes('\n    at ')))).toBe(true);
    });
  });

  describe('once Redis is back', () => {
    beforeAll(() => redis.restart());

    it('completes the waiting transaction on the next signal, with no restart of the host, exactly once', async () => {
      const { value: response, ms } = await timed(() => signals.iframe(waiting));
      expect(response.status).toBe(200);
      await expect(response.json()).resolves.toMatchObject({ ...waiting, completed: true });
      expect(ms).toBeLessThan(OUTAGE_BOUND_MS);
      expect((await signals.returnUrl(waiting)).headers.get('location')).toBe(
        `/verified?transactionId=${waiting.transactionId}`,
      );
      expect((await signals.event(waiting)).status).toBe(200);
      expect((await signals.scanReturn(waiting)).status).toBe(200);
      expect(host.events.completionsOf(waiting.transactionId)).toHaveLength(1);
    });

    it('creates transactions again, and the health check is up', async () => {
      const transaction = await start();
      const { resultId } = emulator.completeTransaction(transaction.id);
      expect((await signals.iframe({ transactionId: transaction.id, resultId })).status).toBe(200);
      await expect(health.isHealthy('id-scan', { timeoutMs: HOST_API_TIMEOUT_MS })).resolves.toEqual({
        'id-scan': { status: 'up', deliveries: { backlog: 0, failed: 0 } },
      });
    });

    it('logged the recovery once, and the loss only once for the whole outage', () => {
      expect(storeLines('Lost the connection to Redis')).toHaveLength(1);
      const back = storeLines('Reconnected to Redis');
      expect(back).toHaveLength(1);
      expect(back[0].level).toBe('log');
    });
  });
});

describeWithRedis('a Redis client the host passes in (e2e)', () => {
  let redis: RedisServerHandle;
  let client: Redis;

  beforeAll(async () => {
    redis = await startRedisServer();
  });

  afterAll(async () => {
    client?.disconnect();
    await redis?.stop();
  });

  it('stays the host’s own, and with the README’s options fails fast as IdScanStoreUnavailableError', async () => {
    client = new Redis(redis.url, {
      commandTimeout: 1000,
      maxRetriesPerRequest: 0,
      autoResendUnfulfilledCommands: false,
      enableOfflineQueue: false,
    });
    client.on('error', () => undefined);
    const store = new RedisTransactionStore(client, { keyPrefix: 'host-client:' });
    await expect(store.ping()).resolves.toBeUndefined();
    await redis.kill();
    const { value: failure, ms } = await timed(() => store.get(randomUUID()).catch((error: unknown) => error));
    expect(failure).toBeInstanceOf(IdScanStoreUnavailableError);
    expect(ms).toBeLessThan(OUTAGE_BOUND_MS);
    await store.close();
    // The store neither listens to nor closes a client it did not create: its error events stay the host's.
    expect(client.status).not.toBe('end');
    expect(client.listenerCount('error')).toBe(1);
  });
});

/** The store and what it imports at run time. */
const STORE_FILES = [
  'stores/redis-transaction.store.ts',
  'stores/redis-connection.util.ts',
  'stores/redis-stored-values.util.ts',
  'stores/store-options.util.ts',
  'stores/id-scan-transaction-store.interface.ts',
  'utils/duration-option.util.ts',
  'errors/id-scan-configuration.error.ts',
  'errors/id-scan-store-unavailable.error.ts',
  'errors/id-scan.error.ts',
];

/**
 * Pings every 200 ms and prints each answer, `up` or `down`. With `bare`, it uses a plain ioredis client with no
 * error listener instead: the control that shows what the check below would catch.
 */
const PROBE = `
const { Redis } = require('ioredis');
const { RedisTransactionStore } = require('./stores/redis-transaction.store.js');
const bare = process.argv[3] === 'bare';
const client = bare ? new Redis(process.argv[2], { maxRetriesPerRequest: 0, enableOfflineQueue: false }) : undefined;
const store = bare ? undefined : new RedisTransactionStore(process.argv[2]);
const timer = setInterval(async () => {
  const state = await (bare ? client.ping() : store.ping()).then(() => 'up', () => 'down');
  process.stdout.write('state ' + state + '\\n');
}, 200);
process.stdin.on('data', async () => {
  clearInterval(timer);
  if (bare) client.disconnect(); else await store.close();
});
`;

/** See {@link OutageProbe} for why this runs the store in a Node process of its own. */
describeWithRedis('what a Node process running the store prints while Redis is away (e2e)', () => {
  let probe: OutageProbe;
  let redis: RedisServerHandle;

  beforeAll(async () => {
    probe = OutageProbe.create(STORE_FILES, PROBE);
    redis = await startRedisServer();
  });

  afterAll(async () => {
    await redis?.stop();
    probe?.remove();
  });

  const outageSeenBy = (mode: 'store' | 'bare') => probe.throughOutage(redis, mode);

  it('the store logs the loss and the recovery once each, and nothing reaches stderr', async () => {
    const { stdout, stderr } = await outageSeenBy('store');
    expect(stderr).toBe('');
    expect(stdout.match(/Lost the connection to Redis/g)).toHaveLength(1);
    expect(stdout.match(/Reconnected to Redis/g)).toHaveLength(1);
    expect(stdout).not.toMatch(/Unhandled error event|\n\s+at /);
  });

  it('(control) a client without an error listener does print unhandled errors', async () => {
    const { stderr } = await outageSeenBy('bare');
    expect(stderr).toMatch(/\[ioredis\] Unhandled error event/);
  });
});
