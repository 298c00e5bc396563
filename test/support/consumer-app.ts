import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * A minimal Nest application that uses the packed packages the way a newcomer would after reading the README:
 * `nestjs-id-scan` through `forRootAsync(idScanConfig.asProvider())`, a listener on the completion event, and
 * `nestjs-id-scan-emulator` started from an ES module. It is written into a temporary folder, installed from the
 * tarballs and compiled with `strict` TypeScript (module nodenext) by `test/consumer.e2e-spec.ts`.
 *
 * Every program prints one machine-readable marker line (`CONSUMER_READY`, `CONSUMER_COMPLETED`, `EMULATOR_READY`,
 * `ESM_HOST`) and never a secret or a personal datum.
 */
export interface ConsumerAppVersions {
  /** Exact versions of the peers and tools, by package name (from the repository's lock file). */
  readonly packages: Readonly<Record<string, string>>;
  /** File names of the two tarballs, copied beside the package.json. */
  readonly tarballs: Readonly<{ idScan: string; emulator: string }>;
}

/**
 * Peers a host installs with `nestjs-id-scan` (the README's install command); the optional ioredis, terminus and
 * @opentelemetry/api stay out, so the suite proves the package loads and type-checks without them.
 */
export const CONSUMER_PEERS = [
  '@nestjs/common',
  '@nestjs/core',
  '@nestjs/platform-express',
  '@nestjs/axios',
  '@nestjs/config',
  '@nestjs/event-emitter',
  'axios',
  'rxjs',
  'class-validator',
  'class-transformer',
  'reflect-metadata',
] as const;

/** Development tools of the consumer: Node's typings for its `strict` compilation. */
export const CONSUMER_DEV_TOOLS = ['@types/node'] as const;

/** The consumer's files, by path relative to its root. */
export function consumerAppFiles(versions: ConsumerAppVersions): Record<string, string> {
  const pick = (names: readonly string[]): Record<string, string> =>
    Object.fromEntries(names.map((name) => [name, required(versions.packages, name)]));
  const manifest = {
    name: 'id-scan-consumer',
    version: '1.0.0',
    private: true,
    license: 'MIT',
    dependencies: {
      ...pick(CONSUMER_PEERS),
      'nestjs-id-scan': `file:./${versions.tarballs.idScan}`,
      'nestjs-id-scan-emulator': `file:./${versions.tarballs.emulator}`,
    },
    devDependencies: pick(CONSUMER_DEV_TOOLS),
  };
  const tsconfig = {
    compilerOptions: {
      module: 'nodenext',
      moduleResolution: 'nodenext',
      target: 'ES2023',
      strict: true,
      noUnusedLocals: true,
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
      // Every declaration file the package ships is checked as a host with strict settings would check it.
      skipLibCheck: false,
      types: ['node'],
      rootDir: 'src',
      outDir: 'dist',
    },
    include: ['src'],
  };
  return {
    'package.json': `${JSON.stringify(manifest, null, 2)}\n`,
    'tsconfig.json': `${JSON.stringify(tsconfig, null, 2)}\n`,
    'src/main.ts': MAIN,
    'src/app.module.ts': APP_MODULE,
    'src/verification.controller.ts': VERIFICATION_CONTROLLER,
    'src/completion.listener.ts': COMPLETION_LISTENER,
    'src/emulator.mts': EMULATOR,
    'src/esm-host.mts': ESM_HOST,
  };
}

/** Writes {@link consumerAppFiles} under `dir`. */
export function writeConsumerApp(dir: string, versions: ConsumerAppVersions): void {
  for (const [path, content] of Object.entries(consumerAppFiles(versions))) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
}

function required(versions: Readonly<Record<string, string>>, name: string): string {
  const version = versions[name];
  if (!version) throw new Error(`no version for ${name} in the repository's lock file`);
  return version;
}

const MAIN = `import 'reflect-metadata';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create(AppModule, { logger: ['log', 'warn', 'error'] });
  app.enableShutdownHooks();
  await app.listen(0, '127.0.0.1');
  const server = app.getHttpServer() as Server;
  const { port } = server.address() as AddressInfo;
  process.stdout.write(\`CONSUMER_READY \${port}\\n\`);
}

void bootstrap();
`;

const APP_MODULE = `import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { IdScanModule, idScanConfig } from 'nestjs-id-scan';
import { CompletionListener } from './completion.listener';
import { VerificationController } from './verification.controller';

@Module({
  imports: [
    ConfigModule.forRoot({ ignoreEnvFile: true }),
    EventEmitterModule.forRoot(),
    IdScanModule.forRootAsync(idScanConfig.asProvider()),
  ],
  controllers: [VerificationController],
  providers: [CompletionListener],
})
export class AppModule {}
`;

const VERIFICATION_CONTROLLER = `import { Controller, Get, Param, Post, StreamableFile } from '@nestjs/common';
import { IdScanService, type IdScanTransaction } from 'nestjs-id-scan';

@Controller('verifications')
export class VerificationController {
  constructor(private readonly idScan: IdScanService) {}

  @Post()
  async start(): Promise<{ transactionId: string; url: string }> {
    const transaction: IdScanTransaction = await this.idScan.createTransaction(
      { tasks: ['document_scan', 'face_liveness', 'face_match'] },
      { reference: 'order-1001' },
    );
    return { transactionId: transaction.id, url: transaction.url };
  }

  @Get(':transactionId/results/:resultId/report')
  async report(
    @Param('transactionId') transactionId: string,
    @Param('resultId') resultId: string,
  ): Promise<StreamableFile> {
    const report = await this.idScan.getReport(transactionId, resultId, { type: 'extended' });
    return new StreamableFile(report.stream, { type: report.contentType });
  }
}
`;

const COMPLETION_LISTENER = `import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { IdScanEvents, TransactionCompletedEvent, type IdScanEventMap } from 'nestjs-id-scan';

@Injectable()
export class CompletionListener {
  @OnEvent(IdScanEvents.TransactionCompleted)
  onCompleted(event: IdScanEventMap[typeof IdScanEvents.TransactionCompleted]): void {
    const marker = {
      isEventClass: event instanceof TransactionCompletedEvent,
      transactionId: event.transactionId,
      resultId: event.resultId,
      reference: event.reference ?? null,
      via: event.via,
      state: event.result.state,
    };
    process.stdout.write(\`CONSUMER_COMPLETED \${JSON.stringify(marker)}\\n\`);
  }
}
`;

const EMULATOR = `import { IdScanEmulator } from 'nestjs-id-scan-emulator';

const keyId = process.env.EMULATOR_KEY_ID;
const secret = process.env.EMULATOR_SECRET;
if (!keyId || !secret) throw new Error('EMULATOR_KEY_ID and EMULATOR_SECRET are required');

const emulator = await IdScanEmulator.start({ port: 0, credentials: [{ keyId, secret }] });
process.stdout.write(\`EMULATOR_READY \${emulator.url}\\n\`);

const stop = (): void => {
  void emulator.stop().then(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
`;

const ESM_HOST = `import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventEmitterModule } from '@nestjs/event-emitter';
import {
  IdScanError,
  IdScanEvents,
  IdScanModule,
  IdScanService,
  InMemoryTransactionStore,
  TransactionCompletedEvent,
  idScanConfig,
} from 'nestjs-id-scan';
import { IdScanEmulator } from 'nestjs-id-scan-emulator';

@Module({
  imports: [
    EventEmitterModule.forRoot(),
    IdScanModule.forRoot({
      keyId: 'esm-host',
      secret: 'esm-host-secret-that-is-long-enough-for-hs256',
      baseUrl: 'http://127.0.0.1:9/id-scan/v1/',
      store: new InMemoryTransactionStore(),
    }),
  ],
})
class EsmHostModule {}

const app = await NestFactory.createApplicationContext(EsmHostModule, { logger: false });
const resolved = app.get(IdScanService) instanceof IdScanService;
await app.close();

const types = Object.fromEntries(
  Object.entries({
    IdScanError,
    IdScanEvents,
    IdScanModule,
    IdScanService,
    InMemoryTransactionStore,
    TransactionCompletedEvent,
    idScanConfig,
    IdScanEmulator,
  }).map(([name, value]) => [name, typeof value]),
);
process.stdout.write(\`ESM_HOST \${JSON.stringify({ resolved, types })}\\n\`);
`;
