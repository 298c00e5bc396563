import { Logger } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { createDemoApp } from './demo.app';

function port(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) {
    throw new Error(`${name} must be a port number (0 to 65535)`);
  }
  return parsed;
}

async function bootstrap(): Promise<void> {
  // A .env file is a convenient place for credentials; variables already set win.
  if (existsSync('.env')) process.loadEnvFile('.env');
  const env = process.env;
  const onCmCom = Boolean(env.ID_SCAN_KEY_ID && env.ID_SCAN_SECRET);
  const demo = await createDemoApp({
    port: port('PORT', 3000),
    // Only this computer by default: the demo shows people's documents. HOST=0.0.0.0 opens it to the network.
    host: env.HOST || '127.0.0.1',
    // EMULATOR_PUBLIC_URL: where a phone reaches the emulator's pages (a tunnel, or this machine's network address).
    emulator: onCmCom
      ? false
      : {
          port: port('EMULATOR_PORT', 3100),
          ...(env.EMULATOR_PUBLIC_URL ? { publicUrl: env.EMULATOR_PUBLIC_URL } : {}),
        },
    redisUrl: env.REDIS_URL || undefined,
    publicUrl: env.PUBLIC_URL || undefined,
  });
  Logger.log(`Open ${demo.url} in your browser`, 'Demo');

  let closing = false;
  const shutdown = (): void => {
    if (closing) return;
    closing = true;
    demo.close().then(
      () => process.exit(0),
      (error: Error) => {
        Logger.error(`Shutdown failed: ${error.message}`, 'Demo');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

bootstrap().catch((error: Error) => {
  Logger.error(`The demo could not start: ${error.message}`, error.stack, 'Demo');
  process.exit(1);
});
