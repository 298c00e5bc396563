import { createServer, type IncomingMessage, type RequestListener, type ServerResponse, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { EmulatorClockService } from './simulation/emulator-clock.service';
import { EmulatorModule } from './emulator.module';
import { FaultsService } from './state/faults.service';
import type {
  EmulatedTransactionSnapshot,
  EmulatorCompletion,
  EmulatorEvent,
  EmulatorFaults,
  EmulatorWebhookDelivery,
  IdScanEmulatorCredentials,
  IdScanEmulatorOptions,
} from './interfaces';
import { resolveEmulatorOptions } from './options/emulator-options.util';
import type { ResolvedEmulatorOptions } from './options/resolved-emulator-options.interface';
import { noSniffMiddleware } from './api/no-sniff.middleware';
import { isEmulatorScenario, type EmulatorScenario } from './simulation/emulator-scenario';
import { toSnapshot } from './api/api-shapes.util';
import { TransactionLifecycleService } from './state/transaction-lifecycle.service';
import { RequestActivityService } from './state/request-activity.service';
import { TransactionStore } from './state/transaction.store';
import type { EmulatorAddresses } from './options/emulator-addresses.interface';
import { EmulatorLoggerService } from './options/emulator-logger.service';
import { EmulatorUrlsService } from './options/emulator-urls.service';
import { WebhookDispatcherService, type DeliveryBehaviour } from './state/webhooks/webhook-dispatcher.service';

/**
 * A local stand-in for the CM.com ID Scan API and its hosted end-user flow, behaving as `docs/id-scan-api.md` Part B
 * says. Start one per test suite (or run `npm run start:emulator`), give the package its `url`
 * and `credentials`, and drive transactions through the hosted pages or {@link completeTransaction}.
 *
 * ```ts
 * const emulator = await IdScanEmulator.start();
 * // IdScanModule.forRoot({ baseUrl: emulator.url, ...emulator.credentials[0] })
 * await emulator.stop();
 * ```
 */
export class IdScanEmulator {
  private stopping: Promise<void> | undefined;

  private constructor(
    private readonly app: NestExpressApplication,
    private readonly servers: readonly Server[],
    private readonly options: ResolvedEmulatorOptions,
    private readonly urls: EmulatorUrlsService,
  ) {}

  /**
   * Starts an emulator and resolves once it listens. The ports are bound first, so the application is built
   * knowing its own addresses (port 0 picks a free one), and requests are let in once it is ready.
   * @throws EmulatorConfigurationError listing every problem of `options`; the listen error when a port is taken.
   */
  static async start(options: IdScanEmulatorOptions = {}): Promise<IdScanEmulator> {
    const resolved = resolveEmulatorOptions(options);
    const logger = EmulatorLoggerService.create(resolved.logger);
    const apiServer = createServer(SERVER_OPTIONS);
    const pageServer = resolved.pagePort === undefined ? undefined : createServer(SERVER_OPTIONS);
    const servers = pageServer ? [apiServer, pageServer] : [apiServer];
    let app: NestExpressApplication | undefined;
    try {
      const apiPort = await listen(apiServer, resolved.port, resolved.host);
      const pagePort = pageServer ? await listen(pageServer, resolved.pagePort ?? 0, resolved.host) : apiPort;
      const addresses: EmulatorAddresses = {
        apiPort,
        apiOrigin: origin(resolved.publicHost, apiPort),
        pageOrigin: origin(resolved.publicHost, pagePort),
        handoffOrigin: resolved.publicUrl ?? origin(resolved.publicHost, pagePort),
      };
      app = await logger.duringBoot(async () => {
        const built = await NestFactory.create<NestExpressApplication>(
          EmulatorModule.register(resolved, addresses, logger),
          { abortOnError: false },
        );
        built.disable('x-powered-by');
        built.use(noSniffMiddleware);
        return built.init();
      });
      const handler = app.getHttpAdapter().getInstance() as RequestListener;
      const activity = app.get(RequestActivityService);
      for (const server of servers) {
        server.on('request', (request: IncomingMessage, response: ServerResponse) => {
          response.once('close', activity.begin());
          void handler(request, response);
        });
      }
      return new IdScanEmulator(app, servers, resolved, app.get(EmulatorUrlsService));
    } catch (error) {
      await Promise.all(servers.map(closeServer));
      await app?.close();
      throw error;
    }
  }

  /** The API base URL to configure as the package's `baseUrl`, for example `http://127.0.0.1:3100/id-scan/v1/`. */
  get url(): string {
    return this.urls.apiBaseUrl;
  }

  /** Origin of the API, for example `http://127.0.0.1:3100`. */
  get origin(): string {
    return this.urls.apiOrigin;
  }

  /**
   * Origin of the hosted pages: the origin of every transaction `url`, the one a client must accept completion
   * messages from. Equal to {@link origin} unless the `pagePort` option gives the pages an origin of their own.
   */
  get pageOrigin(): string {
    return this.urls.pageOrigin;
  }

  /**
   * The origin a phone opens the hosted pages at, encoded in the QR code of the `mobileOnly` hand-off: the
   * `publicUrl` option, else {@link pageOrigin}.
   */
  get publicUrl(): string {
    return this.urls.handoffOrigin;
  }

  /** The key pairs the emulator accepts (the generated one when none were given). */
  get credentials(): readonly IdScanEmulatorCredentials[] {
    return this.options.credentials;
  }

  /**
   * The seed in use; pass it back as the `seed` option to replay a run. When none was given, ids and tokens were
   * cryptographic and replay differently; everything else replays.
   */
  get seed(): string {
    return this.options.seed;
  }

  /**
   * Closes the servers and every open connection (also stalled ones), cancels pending webhook retries and timers.
   * Safe to call more than once.
   */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      await Promise.all(this.servers.map(closeServer));
      await this.app.close();
    })();
    return this.stopping;
  }

  /**
   * Replaces the fault rules (`{}` or nothing clears them); counting and seeded draws start afresh.
   * @throws EmulatorConfigurationError listing every problem of the rules.
   */
  setFaults(faults?: EmulatorFaults): void {
    this.app.get(FaultsService).set(faults);
  }

  /** The fault rules in force. */
  faults(): EmulatorFaults {
    return this.app.get(FaultsService).current();
  }

  /** A snapshot of every transaction, oldest first. */
  transactions(): EmulatedTransactionSnapshot[] {
    return this.app
      .get(TransactionStore)
      .all()
      .map((record) => toSnapshot(record, this.urls));
  }

  /** A snapshot of one transaction, or `undefined`. */
  transaction(transactionId: string): EmulatedTransactionSnapshot | undefined {
    return this.transactions().find((snapshot) => snapshot.id === transactionId);
  }

  /**
   * Moves the emulator's clock forward by `ms`; pending transactions whose time is up expire at once and announce
   * it to the webhooks. Bearer tokens are still checked against the real clock (the application under test signs them
   * with it) unless the `authClock` option says `emulated`.
   * @throws RangeError when `ms` is negative or not finite.
   */
  advanceClock(ms: number): void {
    this.app.get(EmulatorClockService).advance(ms);
  }

  /** The emulator's current time (the real time plus every {@link advanceClock}). */
  now(): Date {
    return new Date(this.app.get(EmulatorClockService).now());
  }

  /**
   * Completes a pending transaction without a browser, as if the person went through every remaining task choosing
   * `scenario`; each task and the transaction change state and notify the webhooks exactly as through the hosted
   * pages. Returns the result id and where the flow would have redirected the person (`returnUrl` with `trxid` and
   * `resultid`), so a test can follow it.
   * @throws EmulatorApiError 404 for an unknown transaction, 410 when it expired, 409 when it already completed;
   * TypeError for an unknown scenario.
   */
  completeTransaction(transactionId: string, scenario: EmulatorScenario = 'genuine_passport'): EmulatorCompletion {
    if (!isEmulatorScenario(scenario)) throw new TypeError(`Unknown scenario: ${String(scenario)}`);
    return this.app.get(TransactionLifecycleService).complete(transactionId, scenario);
  }

  /** Every event published so far (one per state change, before delivery), oldest first. */
  webhookEvents(): EmulatorEvent[] {
    return this.app.get(WebhookDispatcherService).publishedEvents();
  }

  /** Every webhook delivery attempt so far (retries included), in the order they ended. */
  webhookDeliveries(): EmulatorWebhookDelivery[] {
    return this.app.get(WebhookDispatcherService).log();
  }

  /**
   * Resolves with the first delivery attempt, logged already or still to come, that matches `predicate`.
   * @throws Error when none arrives within `timeoutMs` (default 10 s) or the emulator stops first.
   */
  waitForDelivery(
    predicate?: (delivery: EmulatorWebhookDelivery) => boolean,
    timeoutMs?: number,
  ): Promise<EmulatorWebhookDelivery> {
    return this.app.get(WebhookDispatcherService).waitFor(predicate, timeoutMs);
  }

  /**
   * Delivers a published event again (same event id) to every webhook subscribed to its type, as the real service
   * may. Resolves when each first attempt has ended.
   * @throws Error for an unknown event id.
   */
  redeliver(eventId: string): Promise<void> {
    return this.app.get(WebhookDispatcherService).redeliver(eventId);
  }

  /** Switches duplicate and reordered deliveries on or off for events published from now on. */
  setDeliveryBehaviour(behaviour: Partial<DeliveryBehaviour>): void {
    this.app.get(WebhookDispatcherService).setBehaviour(behaviour);
  }
}

function origin(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/**
 * How long an idle keep-alive connection stays open, the way load balancers in front of real APIs keep them (60 s
 * and more), rather than Node's 5 s. Clients close idle connections a second before the time the server announces
 * (`Keep-Alive: timeout=65`), so with 5 s a client whose event loop is slowed by a busy machine (the emulator renders
 * images on the loop of the process it runs in) could send its next request just as the server closed the
 * connection, and see a reset the real API would not have caused. `stop()` closes idle connections at once.
 */
const IDLE_CONNECTION_MS = 65_000;

const SERVER_OPTIONS = { keepAliveTimeout: IDLE_CONNECTION_MS, headersTimeout: IDLE_CONNECTION_MS + 1000 };

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: Server | undefined): Promise<void> {
  if (!server?.listening) return Promise.resolve();
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
