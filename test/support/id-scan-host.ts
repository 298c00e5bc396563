import { Injectable, Module, type DynamicModule, type LoggerService, type Type } from '@nestjs/common';
import { NestFactory, RouterModule } from '@nestjs/core';
import { EventEmitterModule, OnEvent } from '@nestjs/event-emitter';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  IdScanEvents,
  IdScanModule,
  IdScanService,
  type IdScanModuleForRootOptions,
  type IdScanModuleOptions,
  type IdScanTransactionStore,
  type TaskUpdatedEvent,
  type TransactionCompletedEvent,
  type TransactionExpiredEvent,
} from 'nestjs-id-scan';
import type { IdScanEmulator } from 'nestjs-id-scan-emulator';
import { suiteLogs } from './suite-logs';

/** Every domain event a host received, with a way to await the next one. */
@Injectable()
export class EventRecorder {
  readonly completed: TransactionCompletedEvent[] = [];
  readonly expired: TransactionExpiredEvent[] = [];
  readonly taskUpdates: TaskUpdatedEvent[] = [];
  private readonly waiters: {
    name: string;
    matches: (event: unknown) => boolean;
    resolve: (event: unknown) => void;
  }[] = [];

  @OnEvent(IdScanEvents.TransactionCompleted)
  onCompleted(event: TransactionCompletedEvent): void {
    this.completed.push(event);
    this.notify(IdScanEvents.TransactionCompleted, event);
  }

  @OnEvent(IdScanEvents.TransactionExpired)
  onExpired(event: TransactionExpiredEvent): void {
    this.expired.push(event);
    this.notify(IdScanEvents.TransactionExpired, event);
  }

  @OnEvent(IdScanEvents.TaskUpdated)
  onTaskUpdated(event: TaskUpdatedEvent): void {
    this.taskUpdates.push(event);
    this.notify(IdScanEvents.TaskUpdated, event);
  }

  /** Resolves with the first event of that name matching `predicate`, already received or still to come. */
  next<T>(name: string, predicate: (event: T) => boolean = () => true): Promise<T> {
    const found = (this.received(name) as T[]).find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise<T>((resolve) => {
      this.waiters.push({
        name,
        matches: (event) => predicate(event as T),
        resolve: (event) => resolve(event as T),
      });
    });
  }

  completionsOf(transactionId: string): TransactionCompletedEvent[] {
    return this.completed.filter((event) => event.transactionId === transactionId);
  }

  private received(name: string): unknown[] {
    if (name === IdScanEvents.TransactionCompleted) return this.completed;
    if (name === IdScanEvents.TransactionExpired) return this.expired;
    return this.taskUpdates;
  }

  private notify(name: string, event: unknown): void {
    for (const waiter of [...this.waiters]) {
      if (waiter.name !== name || !waiter.matches(event)) continue;
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve(event);
    }
  }
}

/**
 * A logger that stays quiet but keeps what was logged, so tests can check that nothing sensitive is written. Every
 * line also reaches the test file's capture (`suite-logs.ts`), so a failing test's report shows the host's lines.
 */
export class MemoryLogger implements LoggerService {
  readonly lines: { level: string; message: string; extra: unknown[] }[] = [];
  log(message: unknown, ...extra: unknown[]): void {
    this.keep('log', message, extra);
  }
  error(message: unknown, ...extra: unknown[]): void {
    this.keep('error', message, extra);
  }
  warn(message: unknown, ...extra: unknown[]): void {
    this.keep('warn', message, extra);
  }
  debug(message: unknown, ...extra: unknown[]): void {
    this.keep('debug', message, extra);
  }
  verbose(message: unknown, ...extra: unknown[]): void {
    suiteLogs.verbose(message, ...extra);
  }

  text(): string {
    return this.lines.map((line) => `${line.message} ${line.extra.map(String).join(' ')}`).join('\n');
  }

  private keep(level: 'log' | 'error' | 'warn' | 'debug', message: unknown, extra: unknown[]): void {
    this.lines.push({ level, message: String(message), extra });
    suiteLogs[level](message, ...extra);
  }
}

/** How to build a test host application around `IdScanModule`. */
export interface HostOptions {
  emulator: IdScanEmulator;
  store?: IdScanTransactionStore;
  /** Accepted webhook secrets; `[]` for none. @default ['test-webhook-secret-0123456789abcdef'] */
  webhookSecrets?: string[];
  callbacks?: IdScanModuleOptions['callbacks'];
  /** Extra module options and extras such as `routes` (override the ones above). */
  options?: Partial<IdScanModuleForRootOptions>;
  globalPrefix?: string;
  /** Mounts IdScanModule's routes under this path with RouterModule. */
  routerPath?: string;
  /** Extra providers (listeners) in the host's module. */
  providers?: Type[];
  /** Controllers of the host's module (for `routes: false`). */
  controllers?: Type[];
}

/** A running host application. */
export interface TestHost {
  app: NestExpressApplication;
  /** `http://127.0.0.1:<port>` */
  origin: string;
  events: EventRecorder;
  idScan: IdScanService;
  logger: MemoryLogger;
  close(): Promise<void>;
}

export const WEBHOOK_SECRET = 'test-webhook-secret-0123456789abcdef';

/**
 * The API timeout of a test host: out of reach of a loopback call on a machine busy with other work (the emulator
 * renders images on the test's own event loop), below Jest's test timeout. A test of the timeout itself sets a
 * shorter one in `options`, on a host of its own.
 */
export const HOST_API_TIMEOUT_MS = 20_000;

/** Starts a Nest host application with `IdScanModule` pointed at the emulator, listening on 127.0.0.1:0. */
export async function startHost(options: HostOptions): Promise<TestHost> {
  const credentials = options.emulator.credentials[0];
  const idScanModule: DynamicModule = IdScanModule.forRoot({
    keyId: credentials.keyId,
    secret: credentials.secret,
    baseUrl: options.emulator.url,
    maxRetries: 0,
    timeoutMs: HOST_API_TIMEOUT_MS,
    webhooks: { secrets: options.webhookSecrets ?? [WEBHOOK_SECRET] },
    callbacks: options.callbacks ?? { successRedirect: '/verified', failureRedirect: '/verification-failed' },
    ...(options.store ? { store: options.store } : {}),
    ...options.options,
  });

  @Module({
    imports: [
      EventEmitterModule.forRoot(),
      idScanModule,
      ...(options.routerPath ? [RouterModule.register([{ path: options.routerPath, module: IdScanModule }])] : []),
    ],
    providers: [EventRecorder, ...(options.providers ?? [])],
    controllers: options.controllers ?? [],
  })
  class HostModule {}

  const logger = new MemoryLogger();
  const app = await NestFactory.create<NestExpressApplication>(HostModule, { logger, abortOnError: false });
  if (options.globalPrefix) app.setGlobalPrefix(options.globalPrefix);
  // As the emulator does (its IDLE_CONNECTION_MS): with Node's 5 s, a test's fetch slowed by a busy machine could
  // reuse a keep-alive connection just as the host closed it and fail with a reset. `close()` ends idle ones.
  const server: Server = app.getHttpServer();
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return {
    app,
    origin: `http://127.0.0.1:${port}`,
    events: app.get(EventRecorder),
    idScan: app.get(IdScanService),
    logger,
    close: () => app.close(),
  };
}
