import { Controller, Get, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { HealthCheck, HealthCheckService, TerminusModule } from '@nestjs/terminus';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  IdScanHealthIndicator,
  IdScanModule,
  IdScanStoreUnavailableError,
  InMemoryTransactionStore,
  type IdScanModuleOptions,
} from 'nestjs-id-scan';
import { IdScanEmulator } from 'nestjs-id-scan-emulator';
import { HOST_API_TIMEOUT_MS } from './support/id-scan-host';

@Controller('health')
class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly idScan: IdScanHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  check() {
    return this.health.check([() => this.idScan.isHealthy('id-scan', { timeoutMs: 10_000 })]);
  }
}

/** A host with terminus and the package, as a user would wire them. */
async function startHealthHost(options: IdScanModuleOptions): Promise<{ app: INestApplication; origin: string }> {
  @Module({
    imports: [EventEmitterModule.forRoot(), TerminusModule.forRoot(), IdScanModule.forRoot(options)],
    controllers: [HealthController],
  })
  class HealthHostModule {}
  const app = await NestFactory.create(HealthHostModule, { logger: false, abortOnError: false });
  await app.listen(0, '127.0.0.1');
  const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
  return { app, origin: `http://127.0.0.1:${port}` };
}

describe('IdScanHealthIndicator (e2e, emulator over loopback HTTP)', () => {
  let emulator: IdScanEmulator;
  const apps: INestApplication[] = [];

  beforeAll(async () => {
    emulator = await IdScanEmulator.start({ logger: false });
  });

  afterEach(async () => {
    emulator.setFaults({});
    await Promise.all(apps.splice(0).map((app) => app.close()));
  });

  afterAll(() => emulator?.stop());

  async function indicator(overrides: Partial<IdScanModuleOptions> = {}): Promise<IdScanHealthIndicator> {
    const { app } = await startHealthHost({
      ...emulator.credentials[0],
      baseUrl: emulator.url,
      maxRetries: 0,
      ...overrides,
    });
    apps.push(app);
    return app.get(IdScanHealthIndicator);
  }

  it('is up when the API answers an authenticated request', async () => {
    const health = await indicator();
    const deliveries = { backlog: 0, failed: 0 };
    await expect(health.isHealthy('id-scan', { timeoutMs: HOST_API_TIMEOUT_MS })).resolves.toEqual({
      'id-scan': { status: 'up', deliveries },
    });
    await expect(health.isHealthy('cm-id-scan', { timeoutMs: HOST_API_TIMEOUT_MS })).resolves.toEqual({
      'cm-id-scan': { status: 'up', deliveries },
    });
  });

  it('is down with reason authentication_failed when the API refuses the credentials, without the secret', async () => {
    const secret = 'a-wrong-secret-that-must-not-leak-0123456789';
    const health = await indicator({ secret });
    const result = await health.isHealthy('id-scan', { timeoutMs: HOST_API_TIMEOUT_MS });
    expect(result['id-scan']).toMatchObject({ status: 'down', reason: 'authentication_failed' });
    expect(JSON.stringify(result)).not.toContain(secret);
  });

  it('is down with reason unreachable when nothing listens at baseUrl', async () => {
    const gone = await IdScanEmulator.start({ logger: false });
    const url = gone.url;
    await gone.stop();
    const health = await indicator({
      baseUrl: url,
      keyId: gone.credentials[0].keyId,
      secret: gone.credentials[0].secret,
    });
    await expect(health.isHealthy('id-scan', { timeoutMs: HOST_API_TIMEOUT_MS })).resolves.toEqual({
      'id-scan': {
        status: 'down',
        reason: 'unreachable',
        message: expect.stringContaining('ECONNREFUSED') as string,
        deliveries: { backlog: 0, failed: 0 },
      },
    });
  });

  it('is down with reason timeout when the API does not answer within timeoutMs', async () => {
    const health = await indicator({ timeoutMs: 30_000 });
    emulator.setFaults({ getTransaction: { stall: 1 } });
    const result = await health.isHealthy('id-scan', { timeoutMs: 200 });
    expect(result['id-scan']).toMatchObject({ status: 'down', reason: 'timeout' });
  });

  it('refuses a check timeoutMs a Node timer cannot hold, instead of timing out at once', async () => {
    const health = await indicator();
    await expect(health.isHealthy('id-scan', { timeoutMs: 2 ** 31 })).rejects.toMatchObject({
      name: 'IdScanConfigurationError',
      problems: [expect.stringMatching(/^isHealthy timeoutMs .* from 1 to 60000 .*a Node timer cannot hold/)],
    });
  });

  it('is down with reason api_error when the API fails', async () => {
    const health = await indicator();
    emulator.setFaults({ getTransaction: { serverError: 1 } });
    await expect(health.isHealthy('id-scan', { timeoutMs: HOST_API_TIMEOUT_MS })).resolves.toMatchObject({
      'id-scan': { status: 'down', reason: 'api_error' },
    });
  });

  it('is down with reason store_unavailable while the store does not answer its ping, though the API is up', async () => {
    const store = Object.assign(new InMemoryTransactionStore(), {
      ping: () => Promise.reject(new IdScanStoreUnavailableError('Redis could not be reached')),
    });
    const health = await indicator({ store });
    await expect(health.isHealthy('id-scan', { timeoutMs: HOST_API_TIMEOUT_MS })).resolves.toEqual({
      'id-scan': {
        status: 'down',
        reason: 'store_unavailable',
        message: expect.stringContaining('Redis could not be reached') as string,
        deliveries: { backlog: 0, failed: 0 },
      },
    });
  });

  it('is down with reason store_unavailable when the ping outlasts timeoutMs', async () => {
    const store = Object.assign(new InMemoryTransactionStore(), { ping: () => new Promise<void>(() => undefined) });
    const health = await indicator({ store });
    const result = await health.isHealthy('id-scan', { timeoutMs: 200 });
    expect(result['id-scan']).toMatchObject({ status: 'down', reason: 'store_unavailable' });
  });

  it('is up when the store answers its ping', async () => {
    const store = Object.assign(new InMemoryTransactionStore(), { ping: jest.fn(() => Promise.resolve()) });
    const health = await indicator({ store });
    await expect(health.isHealthy('id-scan', { timeoutMs: HOST_API_TIMEOUT_MS })).resolves.toEqual({
      'id-scan': { status: 'up', deliveries: { backlog: 0, failed: 0 } },
    });
    expect(store.ping).toHaveBeenCalledTimes(1);
  });

  it('is degraded, not down, when the API throttles the check', async () => {
    const health = await indicator();
    emulator.setFaults({ getTransaction: { rateLimit: 1 } });
    await expect(health.isHealthy('id-scan', { timeoutMs: HOST_API_TIMEOUT_MS })).resolves.toMatchObject({
      'id-scan': { status: 'degraded', reason: 'rate_limited' },
    });
  });

  it('plugs into HealthCheckService: 200 when up, 503 with the reason when down', async () => {
    const { app, origin } = await startHealthHost({ ...emulator.credentials[0], baseUrl: emulator.url, maxRetries: 0 });
    apps.push(app);
    const up = await fetch(`${origin}/health`);
    expect(up.status).toBe(200);
    await expect(up.json()).resolves.toMatchObject({ status: 'ok', info: { 'id-scan': { status: 'up' } } });

    emulator.setFaults({ getTransaction: { unavailable: 1 } });
    const down = await fetch(`${origin}/health`);
    expect(down.status).toBe(503);
    await expect(down.json()).resolves.toMatchObject({
      status: 'error',
      error: { 'id-scan': { status: 'down', reason: 'api_error' } },
    });
  });
});
