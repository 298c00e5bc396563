import { Logger, type INestApplication, type LoggerService, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { IdScanService, RedisTransactionStore, type IdScanWebhook } from 'nestjs-id-scan';
import { IdScanEmulator, type IdScanEmulatorOptions } from 'nestjs-id-scan-emulator';
import { DemoModule } from './demo.module';
import type { DemoSettings, DemoStartLimits } from './demo-settings.interface';
import { appOrigin } from './pages/app-origin.util';

/** Options of {@link createDemoApp}. */
export interface DemoAppOptions {
  /** Port of the demo; 0 picks a free one. @default 3000 */
  port?: number;
  /**
   * Interface to listen on (the demo and its embedded emulator). Only this computer can open the demo by default;
   * a phone on the network needs `0.0.0.0` (or the machine's address) and `publicUrl`.
   * @default '127.0.0.1'
   */
  host?: string;
  /**
   * `false`: talk to the service the `idScan` configuration namespace describes (`ID_SCAN_KEY_ID`, `ID_SCAN_SECRET`,
   * `ID_SCAN_BASE_URL`). Otherwise start an `IdScanEmulator` in this process with these options (`true`: defaults)
   * and use it.
   * @default true
   */
  emulator?: boolean | IdScanEmulatorOptions;
  /** Keep transaction records in Redis (`RedisTransactionStore`), as several instances would. @default in memory */
  redisUrl?: string;
  /**
   * The address people reach the demo at, such as `https://demo.example.com` or `http://192.168.1.20:3000`. Return
   * URLs are built from it (else from the local address the demo listens on, never from a request's `Host`
   * header); on CM.com the demo subscribes to event notifications at `{publicUrl}/id-scan/events` (on the
   * emulator it always subscribes at its local address); and, when `host` opens the demo to the network, the
   * embedded emulator writes its host name into the flow URLs, so that the QR code of the mobile hand-off points
   * where a phone can go.
   * @default undefined
   */
  publicUrl?: string;
  /**
   * How many verifications one browser session may start per hour and one network address per ten minutes (on
   * CM.com each is a billed transaction). @default { perSession: 20, perAddress: 30 }
   */
  startLimits?: DemoStartLimits;
  /** Nest logger: `false` for silence, log levels, or a logger. @default ['log', 'warn', 'error'] */
  logger?: false | LogLevel[] | LoggerService;
}

/** A running demo. */
export interface DemoApp {
  app: INestApplication;
  /** Where the demo answers, e.g. `http://127.0.0.1:3000`. */
  url: string;
  /** The embedded emulator, when the demo runs on one; tests use it to move the clock or inject faults. */
  emulator?: IdScanEmulator;
  /** Unsubscribes from event notifications, then stops the application, the emulator and the store. */
  close(): Promise<void>;
}

/** Interfaces no other machine can reach. */
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '::1']);

function originOf(address: AddressInfo, host: string): string {
  const wildcard = host === '0.0.0.0' || host === '::';
  const name = wildcard ? 'localhost' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${name}:${address.port}`;
}

/**
 * Builds and starts the demo host application: on an embedded emulator by default, on CM.com with `emulator: false`.
 * Used by `main.ts` (`npm start`) and by the browser suite, which starts it on port 0 and closes it afterwards.
 */
export async function createDemoApp(options: DemoAppOptions = {}): Promise<DemoApp> {
  const logger = new Logger('Demo');
  const host = options.host ?? '127.0.0.1';
  const emulatorOptions =
    options.emulator === false ? undefined : options.emulator === true ? {} : (options.emulator ?? {});
  // The phone of the QR hand-off opens the emulator's pages. Only an emulator open to the network (HOST) can be
  // reached by one; then it writes PUBLIC_URL's host name into its URLs. The emulator's `publicHost` applies to its
  // API address as well, which this process then calls through that name, so it is left alone on loopback.
  const openToNetwork = !LOOPBACK_HOSTS.has(host);
  const emulator = emulatorOptions
    ? await IdScanEmulator.start({
        logger: options.logger,
        host,
        ...(openToNetwork && options.publicUrl ? { publicHost: new URL(options.publicUrl).hostname } : {}),
        ...emulatorOptions,
      })
    : undefined;
  const store = options.redisUrl
    ? new RedisTransactionStore(options.redisUrl, {
        keyPrefix: 'id-scan-demo:',
      })
    : undefined;
  const credentials = emulator?.credentials[0];
  const settings: DemoSettings = {
    backend: {
      kind: emulator ? 'emulator' : 'cm',
      apiUrl: emulator?.url ?? process.env.ID_SCAN_BASE_URL ?? 'https://api.cm.com/id-scan/v1/',
    },
    emulatorApi: emulator && credentials ? { baseUrl: emulator.url, ...credentials } : undefined,
    webhookSecret: randomBytes(32).toString('base64url'),
    store,
    publicUrl: options.publicUrl,
    localOrigin: '',
    handoffOrigin: '',
    sessionKey: randomBytes(32),
    ...(options.startLimits ? { startLimits: options.startLimits } : {}),
  };

  let app: NestExpressApplication | undefined;
  let webhook: IdScanWebhook | undefined;
  const close = async (): Promise<void> => {
    if (webhook && app) {
      await app
        .get(IdScanService)
        .deleteWebhook(webhook.id)
        .catch((error: Error) => logger.warn(`Could not remove the event subscription: ${error.name}`));
    }
    await app?.close();
    await emulator?.stop();
    await store?.close();
  };

  try {
    app = await NestFactory.create<NestExpressApplication>(DemoModule.register(settings), {
      // Nest's log levels are process-wide: the demo's apply to the embedded emulator as well.
      logger: options.logger ?? ['log', 'warn', 'error'],
    });
    app.disable('x-powered-by');
    const port = options.port ?? 3000;
    await app.listen(port, host);
    const url = originOf(app.getHttpServer().address() as AddressInfo, host);
    settings.localOrigin = url;
    settings.handoffOrigin = emulator ? emulator.publicUrl : appOrigin(settings);
    if (emulator)
      logger.log(`No ID_SCAN_KEY_ID/ID_SCAN_SECRET set: using the embedded ID Scan emulator at ${emulator.url}`);
    else logger.log(`Using the ID Scan API at ${settings.backend.apiUrl}`);

    // Event notifications are the third completion signal. The emulator reaches this process directly; CM.com
    // only reaches a public https address.
    const eventsUrl = emulator
      ? `${url}/id-scan/events`
      : options.publicUrl
        ? `${options.publicUrl.replace(/\/$/, '')}/id-scan/events`
        : undefined;
    if (eventsUrl) {
      webhook = await app.get(IdScanService).subscribeEvents(eventsUrl);
      logger.log(`Subscribed to event notifications at ${eventsUrl}`);
    } else {
      logger.log(
        'Event notifications are off: set PUBLIC_URL to the https address of this application to receive them',
      );
    }
    return { app, url, emulator, close };
  } catch (error) {
    await close();
    throw error;
  }
}
