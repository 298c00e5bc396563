import { Inject, Injectable, Module, type DynamicModule, type INestApplication } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { Test, type TestingModule } from '@nestjs/testing';
import { decodeProtectedHeader } from 'jose';
import { inspect } from 'node:util';
import { idScanConfig } from './config/id-scan.config';
import { IdScanCallbackController } from './controllers';
import { IdScanConfigurationError } from './errors/id-scan-configuration.error';
import { ID_SCAN_OPTIONS } from './id-scan.constants';
import { IdScanModule } from './id-scan.module';
import { IdScanService } from './id-scan.service';
import type { IdScanModuleExtras } from './id-scan.module-definition';
import type { IdScanModuleOptions, ResolvedIdScanOptions } from './interfaces/id-scan-module-options.interface';
import { CaptureLogger } from './testing/capture-logger.util';
import { TEST_SECRET, TEST_WEBHOOK_SECRET } from './testing/id-scan-testing-module.util';
import { sendJson, startLoopbackServer, type LoopbackServer } from './testing/loopback-server.util';
import { IdScanEventsController } from './webhooks';

const TRANSACTION_ID = '5d0b6a8e-2f4c-4a8b-9c1d-7e6f5a4b3c2d';
const webhooks = { secrets: [TEST_WEBHOOK_SECRET] };

/** Where a host keeps its settings, injected into the async option factories below. */
const SETTINGS = Symbol('SETTINGS');
interface Settings {
  baseUrl: string;
}

@Module({})
class SettingsModule {
  static with(baseUrl: string): DynamicModule {
    return { module: SettingsModule, providers: [{ provide: SETTINGS, useValue: { baseUrl } }], exports: [SETTINGS] };
  }
}

@Injectable()
class IdScanOptionsFactory {
  constructor(@Inject(SETTINGS) private readonly settings: Settings) {}

  create(): IdScanModuleOptions {
    return { keyId: 'key-use-class', secret: TEST_SECRET, baseUrl: this.settings.baseUrl, webhooks };
  }
}

@Injectable()
class ExistingOptionsFactory {
  constructor(@Inject(SETTINGS) private readonly settings: Settings) {}

  create(): Promise<IdScanModuleOptions> {
    return Promise.resolve({
      keyId: 'key-use-existing',
      secret: TEST_SECRET,
      baseUrl: this.settings.baseUrl,
      webhooks,
    });
  }
}

@Module({})
class ExistingFactoryModule {
  static with(baseUrl: string): DynamicModule {
    return {
      module: ExistingFactoryModule,
      imports: [SettingsModule.with(baseUrl)],
      providers: [ExistingOptionsFactory],
      exports: [ExistingOptionsFactory],
    };
  }
}

@Injectable()
class FeatureConsumer {
  constructor(readonly idScan: IdScanService) {}
}

@Module({ providers: [FeatureConsumer] })
class FeatureModule {}

type Registration = (baseUrl: string, extras?: IdScanModuleExtras) => (DynamicModule | Promise<DynamicModule>)[];

const registrations: [string, string, Registration][] = [
  [
    'forRoot',
    'key-for-root',
    (baseUrl, extras) => [
      IdScanModule.forRoot({ keyId: 'key-for-root', secret: TEST_SECRET, baseUrl, webhooks, ...extras }),
    ],
  ],
  [
    'forRootAsync with useFactory, inject and imports',
    'key-use-factory',
    (baseUrl, extras) => [
      IdScanModule.forRootAsync({
        ...extras,
        imports: [SettingsModule.with(baseUrl)],
        inject: [SETTINGS],
        useFactory: (settings: Settings) => ({
          keyId: 'key-use-factory',
          secret: TEST_SECRET,
          baseUrl: settings.baseUrl,
          webhooks,
        }),
      }),
    ],
  ],
  [
    'forRootAsync with useClass',
    'key-use-class',
    (baseUrl, extras) => [
      IdScanModule.forRootAsync({ ...extras, imports: [SettingsModule.with(baseUrl)], useClass: IdScanOptionsFactory }),
    ],
  ],
  [
    'forRootAsync with useExisting',
    'key-use-existing',
    (baseUrl, extras) => [
      IdScanModule.forRootAsync({
        ...extras,
        imports: [ExistingFactoryModule.with(baseUrl)],
        useExisting: ExistingOptionsFactory,
      }),
    ],
  ],
  [
    'forRootAsync(idScanConfig.asProvider()) reading ID_SCAN_* variables',
    'key-from-env',
    (baseUrl, extras) => {
      process.env.ID_SCAN_KEY_ID = 'key-from-env';
      process.env.ID_SCAN_SECRET = TEST_SECRET;
      process.env.ID_SCAN_BASE_URL = baseUrl;
      return [
        ConfigModule.forRoot({ load: [idScanConfig], ignoreEnvFile: true }),
        IdScanModule.forRootAsync({ ...idScanConfig.asProvider(), ...extras }),
      ];
    },
  ],
];

describe('IdScanModule', () => {
  const savedEnv = { ...process.env };
  let server: LoopbackServer;
  let moduleRef: TestingModule | undefined;
  let app: INestApplication | undefined;
  let logger: CaptureLogger;

  async function compile(
    imports: (DynamicModule | Promise<DynamicModule> | typeof FeatureModule)[],
  ): Promise<TestingModule> {
    logger = new CaptureLogger();
    moduleRef = await Test.createTestingModule({ imports }).setLogger(logger).compile();
    return moduleRef;
  }

  /** Whether POST /id-scan/events exists in an application built from the module. */
  async function eventsRouteStatus(ref: TestingModule): Promise<number> {
    app = ref.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    const response = await fetch(`${await app.getUrl()}/id-scan/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    await response.arrayBuffer();
    return response.status;
  }

  beforeEach(async () => {
    server = await startLoopbackServer((_, res) => sendJson(res, 200, { id: TRANSACTION_ID, state: 'pending' }));
  });

  afterEach(async () => {
    await app?.close();
    app = undefined;
    await moduleRef?.close();
    moduleRef = undefined;
    await server.close();
    process.env = { ...savedEnv };
  });

  describe.each(registrations)('%s', (_style, keyId, registration) => {
    it('provides IdScanService configured with those options, and the routes', async () => {
      const ref = await compile([EventEmitterModule.forRoot(), ...registration(server.baseUrl)]);
      await ref.init();

      expect(ref.get<ResolvedIdScanOptions>(ID_SCAN_OPTIONS)).toMatchObject({ keyId, baseUrl: server.baseUrl });
      await ref.get(IdScanService).getTransaction(TRANSACTION_ID);
      const jwt = (server.requests[0].headers.authorization ?? '').replace(/^Bearer /, '');
      expect(decodeProtectedHeader(jwt).kid).toBe(keyId);
      expect(ref.get(IdScanCallbackController)).toBeInstanceOf(IdScanCallbackController);
      expect(ref.get(IdScanEventsController)).toBeInstanceOf(IdScanEventsController);
    });

    it('serves feature modules that do not import it with isGlobal: true, and only then', async () => {
      const ref = await compile([
        EventEmitterModule.forRoot(),
        ...registration(server.baseUrl, { isGlobal: true }),
        FeatureModule,
      ]);
      expect(ref.get(FeatureConsumer).idScan).toBeInstanceOf(IdScanService);
      await ref.close();

      await expect(
        compile([EventEmitterModule.forRoot(), ...registration(server.baseUrl), FeatureModule]),
      ).rejects.toThrow(/IdScanService/);
    });

    it('leaves the controllers out with routes: false', async () => {
      const ref = await compile([EventEmitterModule.forRoot(), ...registration(server.baseUrl, { routes: false })]);
      expect(() => ref.get(IdScanCallbackController)).toThrow();
      expect(ref.get(IdScanService)).toBeInstanceOf(IdScanService);
    });
  });

  it.each([
    ['forRoot', (baseUrl: string) => IdScanModule.forRoot({ keyId: 'k', secret: TEST_SECRET, baseUrl, webhooks })],
    [
      'forRootAsync',
      (baseUrl: string) =>
        IdScanModule.forRootAsync({ useFactory: () => ({ keyId: 'k', secret: TEST_SECRET, baseUrl, webhooks }) }),
    ],
  ])('%s registers the routes by default', async (_method, register) => {
    const ref = await compile([EventEmitterModule.forRoot(), register(server.baseUrl)]);
    expect(await eventsRouteStatus(ref)).not.toBe(404);
  });

  it.each([
    [
      'forRoot',
      (baseUrl: string) => IdScanModule.forRoot({ keyId: 'k', secret: TEST_SECRET, baseUrl, webhooks, routes: false }),
    ],
    [
      'forRootAsync',
      (baseUrl: string) =>
        IdScanModule.forRootAsync({
          routes: false,
          useFactory: () => ({ keyId: 'k', secret: TEST_SECRET, baseUrl, webhooks }),
        }),
    ],
  ])('%s({ routes: false }) leaves the controllers out', async (_method, register) => {
    const ref = await compile([EventEmitterModule.forRoot(), register(server.baseUrl)]);
    expect(() => ref.get(IdScanCallbackController)).toThrow();
    expect(() => ref.get(IdScanEventsController)).toThrow();
    expect(ref.get(IdScanService)).toBeInstanceOf(IdScanService);
    expect(await eventsRouteStatus(ref)).toBe(404);
  });

  it.each([
    ['forRoot', () => IdScanModule.forRoot({ keyId: '', secret: TEST_SECRET, baseUrl: 'ftp://x', maxRetries: 50 })],
    [
      'forRootAsync',
      () =>
        IdScanModule.forRootAsync({
          useFactory: () => Promise.resolve({ keyId: '', secret: TEST_SECRET, baseUrl: 'ftp://x', maxRetries: 50 }),
        }),
    ],
  ])('%s stops start-up with every configuration problem, never printing the secret', async (_method, register) => {
    const error = await compile([EventEmitterModule.forRoot(), register()]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IdScanConfigurationError);
    expect((error as IdScanConfigurationError).problems).toHaveLength(3);
    const printed = `${JSON.stringify(error)}${inspect(error, { depth: Infinity })}${logger.all()}`;
    expect(printed).not.toContain(TEST_SECRET);
  });

  it('reports missing ID_SCAN_* variables through idScanConfig', async () => {
    delete process.env.ID_SCAN_KEY_ID;
    delete process.env.ID_SCAN_SECRET;
    delete process.env.ID_SCAN_BASE_URL;
    const error = await compile([
      EventEmitterModule.forRoot(),
      ConfigModule.forRoot({ load: [idScanConfig], ignoreEnvFile: true }),
      IdScanModule.forRootAsync(idScanConfig.asProvider()),
    ]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IdScanConfigurationError);
    expect((error as Error).message).toMatch(/ID_SCAN_KEY_ID[\s\S]*ID_SCAN_SECRET/);
  });

  it('fails start-up with a clear message when EventEmitterModule.forRoot() is missing', async () => {
    const ref = await compile([
      IdScanModule.forRoot({ keyId: 'k', secret: TEST_SECRET, baseUrl: server.baseUrl, webhooks }),
    ]);
    const error = await ref.init().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IdScanConfigurationError);
    expect((error as Error).message).toContain('Add EventEmitterModule.forRoot()');
    expect((error as Error).message).toContain('AppModule');
  });

  it('warns once at start-up when no webhook secret is configured', async () => {
    const ref = await compile([
      EventEmitterModule.forRoot(),
      IdScanModule.forRoot({ keyId: 'k', secret: TEST_SECRET, baseUrl: server.baseUrl }),
    ]);
    await ref.init();
    expect(logger.at('warn').filter((line) => line.includes('webhooks.secrets'))).toHaveLength(1);
  });

  it('does not warn when a webhook secret is configured', async () => {
    const ref = await compile([
      EventEmitterModule.forRoot(),
      IdScanModule.forRoot({ keyId: 'k', secret: TEST_SECRET, baseUrl: server.baseUrl, webhooks }),
    ]);
    await ref.init();
    expect(logger.at('warn')).toEqual([]);
  });
});
