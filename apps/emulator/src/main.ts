import { Logger } from '@nestjs/common';
import { IdScanEmulator, type IdScanEmulatorCredentials } from 'nestjs-id-scan-emulator';

const logger = new Logger('IdScanEmulator');

/**
 * Runs the emulator on its own: `npm run start:emulator`. PORT (default 3100), HOST (default 127.0.0.1),
 * PAGE_PORT (serve the hosted pages on a second origin), PUBLIC_URL (the address a phone opens the QR hand-off at,
 * for example `http://192.168.1.20:3100` with HOST=0.0.0.0), ID_SCAN_KEY_ID and ID_SCAN_SECRET (generated when
 * unset), ID_SCAN_EMULATOR_SEED.
 */
async function bootstrap(): Promise<void> {
  const keyId = process.env.ID_SCAN_KEY_ID;
  const secret = process.env.ID_SCAN_SECRET;
  if ((keyId === undefined) !== (secret === undefined)) {
    throw new Error('Set both ID_SCAN_KEY_ID and ID_SCAN_SECRET, or neither to have a pair generated');
  }
  const credentials: IdScanEmulatorCredentials[] | undefined =
    keyId !== undefined && secret !== undefined ? [{ keyId, secret }] : undefined;
  const emulator = await IdScanEmulator.start({
    port: integer('PORT', 3100),
    host: process.env.HOST ?? '127.0.0.1',
    pagePort: process.env.PAGE_PORT === undefined ? undefined : integer('PAGE_PORT', 0),
    publicUrl: process.env.PUBLIC_URL || undefined,
    credentials,
    seed: process.env.ID_SCAN_EMULATOR_SEED,
    logger: ['log', 'error', 'warn'],
  });

  logger.log(`ID Scan API emulator listening: ID_SCAN_BASE_URL=${emulator.url}`);
  if (emulator.pageOrigin !== emulator.origin) logger.log(`Hosted pages served from ${emulator.pageOrigin}`);
  if (emulator.publicUrl !== emulator.pageOrigin) logger.log(`Phones reach the hosted pages at ${emulator.publicUrl}`);
  if (credentials) {
    logger.log(`Accepting the key pair from the environment (ID_SCAN_KEY_ID=${emulator.credentials[0].keyId})`);
  } else {
    // A local development tool: printing the generated pair is how the developer gets to use it.
    const [pair] = emulator.credentials;
    logger.log(`Generated local credentials: ID_SCAN_KEY_ID=${pair.keyId} ID_SCAN_SECRET=${pair.secret}`);
  }
  logger.log(`Seed ${emulator.seed} (set ID_SCAN_EMULATOR_SEED to replay)`);

  const shutdown = (signal: string): void => {
    logger.log(`${signal} received, stopping`);
    emulator.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error('Stopping failed', error instanceof Error ? error.stack : String(error));
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

function integer(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value)) throw new Error(`${name} must be an integer`);
  return value;
}

bootstrap().catch((error: unknown) => {
  logger.error('The emulator failed to start', error instanceof Error ? error.stack : String(error));
  process.exit(1);
});
