import { ConfigModule, type ConfigType } from '@nestjs/config';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { Test } from '@nestjs/testing';
import { inspect } from 'node:util';
import { IdScanConfigurationError } from '../errors/id-scan-configuration.error';
import { IdScanModule } from '../id-scan.module';
import { CaptureLogger } from '../testing/capture-logger.util';
import { TEST_SECRET } from '../testing/id-scan-testing-module.util';
import { idScanConfig } from './id-scan.config';

const KEY_ID = '9f1c2d3e-4b5a-4c6d-8e7f-001122334455';

/** What starting a module from `imports` throws, and everything that was logged meanwhile. */
async function startUp(imports: Parameters<typeof Test.createTestingModule>[0]['imports']): Promise<{
  error: unknown;
  logged: CaptureLogger;
}> {
  const logged = new CaptureLogger();
  const error = await Test.createTestingModule({ imports: [EventEmitterModule.forRoot(), ...(imports ?? [])] })
    .setLogger(logged)
    .compile()
    .then(
      (ref) => ref.close(),
      (e: unknown) => e,
    );
  return { error, logged };
}

describe('idScanConfig and forRootAsync: configuration mistakes at start-up', () => {
  const savedEnv = { ...process.env };
  afterEach(() => {
    process.env = { ...savedEnv };
  });

  it('refuses an ID_SCAN_SECRET read from a file with its trailing newline, printing no part of it', async () => {
    process.env.ID_SCAN_KEY_ID = KEY_ID;
    process.env.ID_SCAN_SECRET = `${TEST_SECRET}\n`;
    process.env.ID_SCAN_BASE_URL = 'https://api.cm.com/id-scan/v1/';
    const { error, logged } = await startUp([
      ConfigModule.forRoot({ load: [idScanConfig], ignoreEnvFile: true }),
      IdScanModule.forRootAsync(idScanConfig.asProvider()),
    ]);
    expect(error).toBeInstanceOf(IdScanConfigurationError);
    expect((error as IdScanConfigurationError).problems).toEqual([
      expect.stringMatching(/^secret \(ID_SCAN_SECRET with idScanConfig\) has whitespace.*a trailing newline/),
    ]);
    const printed = `${(error as Error).message}${inspect(error, { depth: Infinity })}${logged.all()}`;
    expect(printed).not.toContain(TEST_SECRET.slice(0, 8));
    expect(printed).not.toContain(TEST_SECRET.slice(-8));
  });

  it('refuses a plaintext ID_SCAN_BASE_URL to a remote host and a key id with a space, in one error', async () => {
    process.env.ID_SCAN_KEY_ID = ` ${KEY_ID}`;
    process.env.ID_SCAN_SECRET = TEST_SECRET;
    process.env.ID_SCAN_BASE_URL = 'http://api.cm.com/id-scan/v1/';
    const { error } = await startUp([
      ConfigModule.forRoot({ load: [idScanConfig], ignoreEnvFile: true }),
      IdScanModule.forRootAsync(idScanConfig.asProvider()),
    ]);
    expect(error).toBeInstanceOf(IdScanConfigurationError);
    expect((error as IdScanConfigurationError).problems).toEqual([
      expect.stringMatching(/^keyId \(ID_SCAN_KEY_ID with idScanConfig\) has whitespace/),
      expect.stringMatching(/^baseUrl must use https/),
    ]);
  });

  it('reports a webhook secret with whitespace from an async factory the same way', async () => {
    const webhookSecret = 'whsec-from-a-mounted-file-0123456789';
    const { error, logged } = await startUp([
      IdScanModule.forRootAsync({
        useFactory: () =>
          Promise.resolve({ keyId: KEY_ID, secret: TEST_SECRET, webhooks: { secrets: [`${webhookSecret}\n`] } }),
      }),
    ]);
    expect(error).toBeInstanceOf(IdScanConfigurationError);
    expect((error as IdScanConfigurationError).problems).toEqual([
      expect.stringMatching(/^webhooks\.secrets\[0\] has whitespace.*a trailing newline from a file\?/),
    ]);
    expect(`${inspect(error, { depth: Infinity })}${logged.all()}`).not.toContain(webhookSecret.slice(6, 20));
  });

  it('warns once through the Nest logger when ID_SCAN_BASE_URL lacks the API path, and starts', async () => {
    process.env.ID_SCAN_KEY_ID = KEY_ID;
    process.env.ID_SCAN_SECRET = TEST_SECRET;
    process.env.ID_SCAN_BASE_URL = 'https://api.cm.com';
    const { error, logged } = await startUp([
      ConfigModule.forRoot({ load: [idScanConfig], ignoreEnvFile: true }),
      IdScanModule.forRootAsync(idScanConfig.asProvider()),
    ]);
    expect(error).toBeUndefined();
    expect(logged.at('warn').filter((line) => line.includes('/id-scan/v1/'))).toEqual([
      expect.stringContaining("CM.com's base URL is https://api.cm.com/id-scan/v1/"),
    ]);
  });
});

describe('forRoot, forRootAsync and idScanConfig: options that could never work are refused at start-up', () => {
  const savedEnv = { ...process.env };
  afterEach(() => {
    process.env = { ...savedEnv };
  });

  const base = { keyId: KEY_ID, secret: TEST_SECRET };
  /** Starts the module with `extra` through each of the three ways a host registers it. */
  const ways: [string, (extra: object) => Parameters<typeof startUp>[0]][] = [
    ['forRoot', (extra) => [IdScanModule.forRoot({ ...base, ...extra })]],
    [
      'forRootAsync',
      (extra) => [IdScanModule.forRootAsync({ useFactory: () => Promise.resolve({ ...base, ...extra }) })],
    ],
    [
      'the idScanConfig namespace',
      (extra) => {
        process.env.ID_SCAN_KEY_ID = KEY_ID;
        process.env.ID_SCAN_SECRET = TEST_SECRET;
        return [
          IdScanModule.forRootAsync({
            imports: [ConfigModule.forFeature(idScanConfig)],
            inject: [idScanConfig.KEY],
            useFactory: (config: ConfigType<typeof idScanConfig>) => ({ ...config, ...extra }),
          }),
        ];
      },
    ],
  ];

  describe.each(ways)('through %s', (_, imports) => {
    it('refuses timeoutMs 2^31 (a Node timer would fire at once), saying why', async () => {
      const { error } = await startUp(imports({ timeoutMs: 2 ** 31 }));
      expect(error).toBeInstanceOf(IdScanConfigurationError);
      expect((error as IdScanConfigurationError).problems).toEqual([
        expect.stringMatching(/^timeoutMs .* from 1 to 600000 .*; a Node timer cannot hold more than 2147483647 ms/),
      ]);
    });

    it.each([
      ['16 × ü', 'ü'.repeat(16)],
      ['16 spaces', ' '.repeat(16)],
    ])('refuses a webhook secret of %s, which no delivery header could carry back', async (_name, secret) => {
      const { error, logged } = await startUp(imports({ webhooks: { secrets: [secret] } }));
      expect(error).toBeInstanceOf(IdScanConfigurationError);
      expect((error as IdScanConfigurationError).problems).toEqual([
        expect.stringMatching(/^webhooks\.secrets\[0\] must be visible ASCII only \(characters 0x21 to 0x7E/),
      ]);
      expect(`${inspect(error, { depth: Infinity })}${logged.all()}`).not.toContain(secret);
    });

    it('starts with the largest timeoutMs and a visible-ASCII secret', async () => {
      const { error } = await startUp(
        imports({ timeoutMs: 600_000, webhooks: { secrets: ['!"#$%&()*+,-./09:;<=>?@AZ[\\]^_`az{|}~'] } }),
      );
      expect(error).toBeUndefined();
    });
  });
});
