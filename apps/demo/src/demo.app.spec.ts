import { Redis } from 'ioredis';
import { IdScanService } from 'nestjs-id-scan';
import { IdScanEmulator } from 'nestjs-id-scan-emulator';
import { describeWithRedis, startRedisServer, type RedisServerHandle } from '../../../test/support/redis-server';
import { createDemoApp, type DemoApp } from './demo.app';

// createDemoApp as npm start and the browser suite use it: which service it talks to, the event subscription, the
// store. Everything listens on 127.0.0.1 port 0 and is closed after each test.

const FORM = {
  tasks: 'document_scan',
  mode: 'iframe',
  locale: 'en-US',
  expiresIn: '3600',
};

/** Submits the start form; resolves with the answer's status, `Location` and the session cookie it set. */
async function submitForm(
  demo: DemoApp,
  form: Record<string, string> = FORM,
): Promise<{ status: number; location: string | null; cookie: string }> {
  const response = await fetch(`${demo.url}/verifications`, {
    method: 'POST',
    body: new URLSearchParams(form),
    redirect: 'manual',
  });
  await response.arrayBuffer();
  return {
    status: response.status,
    location: response.headers.get('location'),
    cookie: response.headers
      .getSetCookie()
      .map((line) => line.split(';')[0])
      .join('; '),
  };
}

function transactionIdOf(location: string | null): string {
  const match = /^\/verifications\/([0-9a-f-]{36})\/flow$/.exec(location ?? '');
  if (!match) throw new Error(`Not a flow page: ${location}`);
  return match[1];
}

describe('createDemoApp', () => {
  const opened: { close(): Promise<void> }[] = [];

  afterEach(async () => {
    for (const resource of opened.splice(0).reverse()) await resource.close();
  });

  async function open(options: Parameters<typeof createDemoApp>[0]): Promise<DemoApp> {
    const demo = await createDemoApp({
      port: 0,
      host: '127.0.0.1',
      logger: ['error'],
      ...options,
    });
    opened.push(demo);
    return demo;
  }

  it('runs on an embedded emulator and subscribes to its event notifications', async () => {
    const demo = await open({ emulator: { port: 0, logger: false } });
    expect(demo.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const start = await fetch(demo.url);
    expect(start.status).toBe(200);
    expect(await start.text()).toContain('Local emulator');

    const webhooks = await demo.app.get(IdScanService).listWebhooks();
    expect(webhooks).toHaveLength(1);
    expect(webhooks[0].url).toBe(`${demo.url}/id-scan/events`);
    expect(Object.keys(webhooks[0].headers ?? {})).toEqual(['x-id-scan-webhook-secret']);

    const { status, location } = await submitForm(demo);
    expect(status).toBe(303);
    expect(demo.emulator!.transaction(transactionIdOf(location))?.state).toBe('pending');
  });

  it('answers a failing ID Scan service with a friendly page instead of the API’s error', async () => {
    const demo = await open({ emulator: { port: 0, logger: false } });
    demo.emulator!.setFaults({ createTransaction: { unavailable: 1 } });
    const response = await fetch(`${demo.url}/verifications`, {
      method: 'POST',
      body: new URLSearchParams(FORM),
    });
    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const page = await response.text();
    expect(page).toContain('The ID Scan service is not available');
    expect(page).not.toContain('503');
  });

  it('says so when the return route could not confirm the completion, and links to the verification', async () => {
    const demo = await open({ emulator: { port: 0, logger: false } });
    const { location, cookie } = await submitForm(demo, { ...FORM, mode: 'redirect' });
    const transaction = demo.emulator!.transactions().at(-1)!;
    expect(location).toBe(transaction.url);
    demo.emulator!.setFaults({ getResult: { serverError: 1 } });

    const { returnUrl } = demo.emulator!.completeTransaction(transaction.id, 'genuine_passport');
    const back = await fetch(returnUrl!, { redirect: 'manual' });
    expect(back.status).toBe(302);
    const landing = new URL(back.headers.get('location')!, demo.url);
    expect(landing.pathname).toBe('/verifications/returned');
    expect(landing.searchParams.get('error')).toBeTruthy();

    const page = await fetch(landing, { headers: { cookie } });
    expect(page.status).toBe(502);
    const text = await page.text();
    expect(text).toContain('We could not confirm your verification yet');
    expect(text).toContain(`href="/verifications/${transaction.id}"`);
  });

  it('keeps the emulator on loopback with PUBLIC_URL alone, and tells the person a phone cannot reach it', async () => {
    const demo = await open({ emulator: { port: 0, logger: false }, publicUrl: 'https://demo.example.com' });
    // Open to no network, the emulator keeps its local address (this process calls its API there).
    expect(new URL(demo.emulator!.pageOrigin).hostname).toBe('127.0.0.1');
    const { location } = await submitForm(demo, { ...FORM, mobileOnly: 'on' });
    const transaction = demo.emulator!.transaction(transactionIdOf(location))!;
    expect(transaction.scanReturnUrl).toBe('https://demo.example.com/id-scan/scan-return');
    const page = await (await fetch(demo.url)).text();
    expect(page).toContain('a phone cannot open it: set PUBLIC_URL (and HOST)');
  });

  it("hands the phone the emulator's publicUrl when one is set, and says the phone must reach it", async () => {
    const demo = await open({ emulator: { port: 0, logger: false, publicUrl: 'https://flow.example.net' } });
    const page = await (await fetch(demo.url)).text();
    expect(page).toContain('https://flow.example.net');
    expect(page).not.toContain('a phone cannot open it');
  });

  describe('without an emulator, configured from the environment', () => {
    const saved = { ...process.env };
    let service: IdScanEmulator;

    beforeEach(async () => {
      service = await IdScanEmulator.start({ port: 0, logger: false });
      opened.push({ close: () => service.stop() });
      process.env.ID_SCAN_KEY_ID = service.credentials[0].keyId;
      process.env.ID_SCAN_SECRET = service.credentials[0].secret;
      process.env.ID_SCAN_BASE_URL = service.url;
    });

    afterEach(() => {
      for (const name of ['ID_SCAN_KEY_ID', 'ID_SCAN_SECRET', 'ID_SCAN_BASE_URL']) {
        if (saved[name] === undefined) delete process.env[name];
        else process.env[name] = saved[name];
      }
    });

    it('talks to the service ID_SCAN_BASE_URL names, with the credentials from the environment', async () => {
      const demo = await open({ emulator: false });
      expect(demo.emulator).toBeUndefined();
      expect(await (await fetch(demo.url)).text()).toContain('CM.com ID Scan');

      const { location } = await submitForm(demo);
      expect(service.transaction(transactionIdOf(location))?.state).toBe('pending');
      // No public address: nothing could reach this machine, so the demo does not subscribe.
      expect(await demo.app.get(IdScanService).listWebhooks()).toEqual([]);
    });

    it('subscribes to event notifications at PUBLIC_URL and builds return URLs from it', async () => {
      const demo = await open({
        emulator: false,
        publicUrl: 'https://demo.example.com/',
      });
      const webhooks = await demo.app.get(IdScanService).listWebhooks();
      expect(webhooks.map((webhook) => webhook.url)).toEqual(['https://demo.example.com/id-scan/events']);

      const { location } = await submitForm(demo, {
        ...FORM,
        mode: 'redirect',
      });
      const transaction = service.transactions().at(-1)!;
      expect(location).toBe(transaction.url);
      expect(transaction.returnUrl).toBe('https://demo.example.com/id-scan/return');
      expect(transaction.scanReturnUrl).toBe('https://demo.example.com/id-scan/scan-return');
    });
  });

  describeWithRedis('with REDIS_URL', () => {
    let redis: RedisServerHandle;

    beforeAll(async () => {
      redis = await startRedisServer();
    });

    afterAll(async () => {
      await redis?.stop();
    });

    it('keeps the transaction records in Redis, under the demo’s prefix', async () => {
      const demo = await open({
        emulator: { port: 0, logger: false },
        redisUrl: redis.url,
      });
      const transactionId = transactionIdOf((await submitForm(demo)).location);

      const client = new Redis(redis.url);
      opened.push({ close: async () => void (await client.quit()) });
      expect(await client.exists(`id-scan-demo:{${transactionId}}:transaction`)).toBe(1);
    });
  });
});
