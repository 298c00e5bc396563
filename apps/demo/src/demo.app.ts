import { Logger, type INestApplication, type LoggerService, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { IdScanService, RedisTransactionStore, type IdScanWebhook } from 'nestjs-id-scan';
import { IdScanEmulator, type IdScanEmulatorOptions } from 'nestjs-id-scan-emulator';
import { DemoModule } from './demo.module';
import type { DemoSettings } from './demo-settings.interface';

/** Options of {@link createDemoApp}. */
export interface DemoAppOptions {
  /** Port of the demo; 0 picks a free one. @default 3000 */
  port?: number;
  /** Interface to listen on. @default every interface */
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
   * The public https address of the demo. Return URLs are built from it, and the demo subscribes to event
   * notifications at `{publicUrl}/id-scan/events` (on the emulator it always subscribes at its local address).
   * @default undefined
   */
  publicUrl?: string;
  /** Nest logger: `false` for silence, log levels, or a logger. @default ['log', 'warn', 'error'] */
  logger?: false | LogLevel[] | LoggerService;
}

/** A running demo. */
export interface DemoApp {
  app: INestApplication;
  /** Where the demo answers, e.g. `http://localhost:3000`. */
  url: string;
  /** The embedded emulator, when the demo runs on one; tests use it to move the clock or inject faults. */
  emulator?: IdScanEmulator;
  /** Unsubscribes from event notifications, then stops the application, the emulator and the store. */
  close(): Promise<void>;
}

function originOf(address: AddressInfo, host: string | undefined): string {
  const wildcard = host === undefined || host === '0.0.0.0' || host === '::';
  const name = wildcard ? 'localhost' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${name}:${address.port}`;
}

/**
 * Builds and starts the demo host application: on an embedded emulator by default, on CM.com with `emulator: false`.
 * Used by `main.ts` (`npm start`) and by the browser suite, which starts it on port 0 and closes it afterwards.
 */
export async function createDemoApp(options: DemoAppOptions = {}): Promise<DemoApp> {
  const logger = new Logger('Demo');
  const emulatorOptions =
    options.emulator === false ? undefined : options.emulator === true ? {} : (options.emulator ?? {});
  const emulator = emulatorOptions
    ? await IdScanEmulator.start({ logger: options.logger, ...emulatorOptions })
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
    await (options.host ? app.listen(port, options.host) : app.listen(port));
    const url = originOf(app.getHttpServer().address() as AddressInfo, options.host);
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
